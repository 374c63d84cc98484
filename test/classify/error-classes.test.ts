/**
 * Round 5's error classes (issue 13), each shown firing and not firing, at the level that decides
 * it: what the rules read (`explainMessage`'s evidence and rejected spans) and, for the model
 * alone, the thresholds it has to clear. The texts are written for these tests, not taken from the
 * corpora.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, explainMessage } from '../../shared/domain/classify/classify';
import type { Label } from '../../shared/domain/classify/classify';
import { findContactHandles } from '../../shared/domain/contact-handles';
import { MODEL_THRESHOLDS } from '../../shared/domain/classify/model';

/** The structures and handles the rules found for `label` (the model's own readings left out). */
const byRules = (text: string, label: Label, lang?: string) =>
  explainMessage(text, lang)
    .evidenceDetails.filter((e) => e.label === label && e.source !== 'model')
    .map((e) => e.reason);
const vetoes = (text: string, label: Label, lang?: string) =>
  explainMessage(text, lang)
    .rejected.filter((e) => e.label === label)
    .map((e) => e.veto);

describe('the model alone needs structure for intimidation', () => {
  it('a bare intimidation reading (no threat act on the buyer) needs a near-certain score', () => {
    const bare = MODEL_THRESHOLDS.aloneBare[2] ?? 0;
    expect(bare).toBeGreaterThanOrEqual(0.95);
    expect(bare).toBeGreaterThanOrEqual(MODEL_THRESHOLDS.alone[2] ?? 1);
  });

  it.each([
    ['fr', 'Est-ce que je peux encore modifier l’adresse de livraison ?'],
    ['en', 'The replacement ships Monday; we have your address from the order, no need to resend it.'],
    ['es', 'Tenemos su dirección del pedido, el repuesto sale mañana.'],
    ['it', "Abbiamo il suo indirizzo dall'ordine, il ricambio parte domani."],
    ['pt', 'O colis foi reenviado para a sua morada habitual esta manhã.'],
  ])('an address in a routine message is no threat (%s)', (lang, text) => {
    expect(classifyMessage(text, lang).labels).not.toContain('intimidation');
  });

  it('knowing where the buyer lives is a threat act: the model may read it at its ordinary threshold', () => {
    const e = explainMessage('We know where you live. Think about what you wrote.', 'en');
    expect(e.labels).toContain('intimidation');
  });
});

describe('handles named with their channel', () => {
  it.each([
    ['fr', 'Pour aller plus vite, écrivez-nous à @care_kundenservice29 (Telegram). Bien à vous', 'telegram:care_kundenservice29'],
    ['en', 'Quicker on WhatsApp: shop_help.77 - WhatsApp', 'whatsapp:shop_help.77'],
    ['de', 'Schreib mir: @lena.k (Instagram)', 'instagram:lena.k'],
    ['es', 'Escríbeme: tienda_sol22 – Telegram', 'telegram:tienda_sol22'],
  ])('"@name (App)" and "name - App" are contact offers (%s)', (lang, text, value) => {
    expect(findContactHandles(text).map((h) => h.value)).toEqual([value]);
    expect(byRules(text, 'off_platform_contact', lang)).toContain('contact handle (messaging)');
  });

  it.each([
    'Contact us - WhatsApp is not used by our shop.',
    'Pure Studio (Instagram) posts our new colours.',
    'Size XL (x) is sold out.',
  ])('a plain name before an app name is no handle: %s', (text) => {
    expect(findContactHandles(text)).toEqual([]);
  });

  it.each([
    ['fr', "Attention : le compte @shop_help29 (Telegram) n'est pas le nôtre, ne répondez pas."],
    ['en', 'Heads up: @shop_help29 (Telegram) is a scam account pretending to be us.'],
    ['de', 'Die Mail von service-brandt@example.org stammt nicht von uns. Bitte nicht antworten.'],
    ['pt', 'Atenção: há mensagens falsas em nosso nome pedindo seu e-mail ou um chat no Telegram. Não somos nós.'],
    ['en', "Some buyers got messages asking for their e-mail or a Telegram chat. That isn't us."],
  ])('a handle or channel disowned in a safety notice is not an offer (%s)', (lang, text) => {
    expect(byRules(text, 'off_platform_contact', lang)).toEqual([]);
    expect(vetoes(text, 'off_platform_contact', lang)).toContain('disowned in a safety notice');
  });

  it('a threat that calls the buyer a fraudster does not disown the handle next to it', () => {
    const text = 'odpisz na whatsapp 600 123 456 albo zgłoszę cię jako oszusta';
    expect(byRules(text, 'off_platform_contact', 'pl')).not.toEqual([]);
  });
});

describe('threats to expose the buyer', () => {
  it.each([
    ['es', 'Tenemos tu nombre completo. Va a salir en nuestra página de Facebook.'],
    ['fr', 'Votre nom complet va finir sur notre page Facebook.'],
    ['it', 'Metteremo il suo nome e cognome sulla nostra pagina, così tutti sapranno chi è.'],
    ['en', "Ignore me again and your name goes on our fb page, everyone will know who you are."],
    ['sv', 'Ditt fullständiga namn hamnar på vår sida i morgon.'],
  ])('the buyer named before an audience (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).toContain('threat to expose the buyer');
  });

  it.each([
    ['en', 'Follow our Facebook page for new arrivals!'],
    ['en', 'Please confirm your full name for the invoice.'],
    ['en', 'We never share your name on our page.'],
    ['fr', 'Retrouvez nos nouveautés sur notre page Facebook.'],
  ])('an audience or a name alone is not (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).toEqual([]);
  });
});

describe('reporting the buyer, with or without "account"', () => {
  it.each([
    ['en', "Send your personal e-mail by tonight or I'm reporting you to the marketplace for fraud."],
    ['de', 'Antwort mir auf WhatsApp oder ich melde dich als Betrüger.'],
    ['pl', 'Odpisz albo zgłoszę cię jako oszusta.'],
    ['sv', 'Svara i dag, annars anmäler jag dig till plattformen.'],
  ])('the buyer as the object of a report (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).toContain('threat to report the buyer');
  });

  it.each([
    ['en', 'You can report us to the marketplace if you are unhappy.'],
    ['en', 'Please report them to the marketplace.'],
    ['en', 'We will never report you for an honest review.'],
  ])('the buyer reporting, or a report denied, is not (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).toEqual([]);
  });
});

describe('phishing warnings ask the buyer to report someone else', () => {
  it.each([
    ['es', 'Nunca compartas tus datos fuera de la plataforma: si alguien te los pide, denúncialo.'],
    ['es', 'Aviso de seguridad: nunca te pediremos que pagues fuera de la plataforma. Si alguien lo hace en nuestro nombre, denúncialo.'],
  ])('no threat (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).toEqual([]);
    expect(vetoes(text, 'intimidation', lang)).toContain('the buyer is asked to report someone else');
  });

  it('an Italian one neither', () => {
    expect(classifyMessage('Non condividere mai i tuoi dati fuori dalla piattaforma: se qualcuno te li chiede, segnalalo.', 'it').labels).toEqual([]);
  });

  it.each([
    ['it', 'Se non rimuove la recensione la denunciamo.'],
    ['es', 'Si no retira la reseña, iremos a la policía.'],
  ])('a report threatened against the buyer still is (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).not.toEqual([]);
  });
});

describe('persistence', () => {
  it.each([
    ['en', "I'll keep following up until the review is gone."],
    ['en', "You'll hear from us every day until you change the stars."],
    ['it', 'Ti scriverò qui ogni mattina finché non vedo 5 stelle.'],
  ])('writing on until the buyer gives in (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).not.toEqual([]);
  });

  it('"keep following up" is a persistence structure of its own', () => {
    expect(byRules("I'll keep following up until the review is gone.", 'intimidation', 'en')).toContain('keeps writing until the buyer gives in');
  });

  it.each([
    ['en', 'We follow up on every order.'],
    ['en', "We won't keep writing: one reminder is enough."],
  ])('following up once, or promising not to, is not (%s)', (lang, text) => {
    expect(byRules(text, 'intimidation', lang)).toEqual([]);
  });
});

describe('asks for "a mobile number" or "your number"', () => {
  it.each([
    ['en', "Leave me a mobile number and we'll sort it out."],
    ['en', "What's your number? I'd like to call about the rating."],
  ])('an ask for the buyer’s number (%s)', (lang, text) => {
    expect(byRules(text, 'off_platform_contact', lang)).not.toEqual([]);
  });

  it.each([
    ['en', 'Please give the courier a phone number if you are not home.'],
    ['en', 'What is your order number?'],
  ])('a number for the courier or the order is not (%s)', (lang, text) => {
    expect(byRules(text, 'off_platform_contact', lang)).toEqual([]);
  });
});

describe('carrier waybills and registration numbers are not phones', () => {
  it.each([
    'Your DHL Express waybill is 12 3456 7890. Customs paperwork is attached.',
    'Skickat ✅ DHL, sändning 5520 3318 0071. Tack!',
    'Enviado ✅ guía Estafeta 7702 4419 2280 11. ¡Gracias!',
    'Rastreio Correios: QB 123 456 789 BR. Abraço',
    'SDA LDV 6123 4567 8901, consegna tra le 10 e le 14',
  ])('%s', (text) => {
    expect(findContactHandles(text)).toEqual([]);
  });

  it('a phone next to a carrier name still is one', () => {
    expect(findContactHandles('DHL driver here, call me on 07911 123456').map((h) => h.kind)).toEqual(['phone']);
  });
});
