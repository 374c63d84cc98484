/**
 * Round 7's structures and scope rules, each read by the rules themselves (source "intent" or
 * "handle", not the model), and the hard negatives beside them that must stay clean.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, explainMessage } from '../../shared/domain/classify/classify';
import { findContactHandles } from '../../shared/domain/contact-handles';

/** The structures or handle kinds the rules found for a label (the model's own labels left out). */
function ruleReasons(text: string, lang: string, label: string): string[] {
  return explainMessage(text, lang)
    .evidenceDetails.filter((e) => e.label === label && e.source !== 'model')
    .map((e) => e.reason);
}

describe('contact handles: spelled dots and cut lines', () => {
  it.each([
    ['Besuchen Sie den Chat auf gartenwelt-shop punkt de.', 'gartenwelt-shop.de'],
    ['Il nostro sito è ferramentaroma punto com, lì rispondiamo subito.', 'ferramentaroma.com'],
    ['Zajrzyj na sklepikzabawki kropka pl!', 'sklepikzabawki.pl'],
  ])('reads the domain of "%s"', (text, value) => {
    expect(findContactHandles(text).map((h) => h.value)).toContain(value);
  });

  it('reads an address whose local part is cut across lines before the "@"', () => {
    const text = 'Mail:\nkunden.dienst\nnord\n@web.de';
    const [h] = findContactHandles(text);
    expect(h?.value).toBe('kunden.dienstnord@web.de');
    expect(text.slice(h?.start ?? 0, h?.end ?? 0)).toBe('kunden.dienst\nnord\n@web.de');
  });

  it.each(['El punto es que llegó tarde.', 'A questo punto it.', 'Das ist ein guter Punkt, danke.', 'Le point de retrait est fermé.'])(
    'finds no domain in "%s"',
    (text) => {
      expect(findContactHandles(text)).toEqual([]);
    },
  );
});

describe('scope: lists, trailing negations, false friends, carriers', () => {
  it('carries a negation over a comma list of channels (Dutch)', () => {
    const text = 'Wij vragen u nooit om ons via Telegram, sms of telefoon te bellen.';
    expect(classifyMessage(text, 'nl').labels).toEqual([]);
    expect(explainMessage(text, 'nl').rejected.some((r) => r.label === 'off_platform_contact' && r.veto === 'negated')).toBe(true);
  });

  it('reads a German "nicht" after the verb as negating its clause, but not in a condition', () => {
    expect(ruleReasons('Bitte schicken Sie uns Ihre Handynummer nicht hier im Chat.', 'de', 'off_platform_contact')).toEqual([]);
    expect(ruleReasons('Schicken Sie uns Ihre Handynummer, nicht Ihre E-Mail.', 'de', 'off_platform_contact')).not.toEqual([]);
    expect(ruleReasons('Wenn Sie die Bewertung nicht löschen, melden wir Ihr Konto.', 'de', 'intimidation')).toContain("threat to report the buyer's account");
  });

  it('does not read Italian "sue" (her, his) as an English lawsuit', () => {
    expect(ruleReasons('Ci farebbe piacere sapere come si trova con le sue nuove cuffie.', 'it', 'intimidation')).toEqual([]);
  });

  it("does not read a legal step the buyer may take as a threat, but reads the seller's own", () => {
    const own = "the buyer's own step";
    expect(explainMessage('Sie können bei der Polizei Anzeige erstatten, wir helfen mit den Unterlagen.', 'de').rejected.some((r) => r.veto === own)).toBe(true);
    expect(ruleReasons('Sie können bei der Polizei Anzeige erstatten, wir helfen mit den Unterlagen.', 'de', 'intimidation')).toEqual([]);
    expect(ruleReasons('You can expect a letter from our lawyer.', 'en', 'intimidation')).not.toEqual([]);
  });

  it('does not take a carrier calling the buyer for an offer to talk elsewhere', () => {
    const text = 'Il corriere potrebbe chiamarla al telefono indicato nel suo ordine.';
    expect(ruleReasons(text, 'it', 'off_platform_contact')).toEqual([]);
    expect(explainMessage(text, 'it').rejected.some((r) => r.veto === 'the carrier calls')).toBe(true);
  });

  it('does not read the chat on a website as exposing the buyer', () => {
    expect(ruleReasons('Usi pure la chat del nostro sito per le domande sul montaggio.', 'it', 'intimidation')).toEqual([]);
  });
});

describe('review asks read from their structure', () => {
  it.each([
    ['en', 'Leave the grinder a review and we will send you a £10 voucher.', 'incentive tied to a review'],
    ['fr', 'Si la lampe vous plaît, vos cinq étoiles nous aident énormément.', 'a review asked as a favour'],
    ['sv', 'Nöjd med kudden? Fem stjärnor hjälper oss jättemycket.', 'a review asked as a favour'],
    ['en', 'Edit that rating by tonight or our lawyer takes it from here.', 'ask to change a review'],
    ['es', 'Nos preguntábamos si podría actualizar su valoración ahora que funciona.', 'ask to change a review'],
  ])('%s: %s', (lang, text, structure) => {
    expect(ruleReasons(text, lang, 'review_manipulation')).toContain(structure);
  });

  it('reads a review named in several words as near as its last word', () => {
    expect(ruleReasons("Si jamais vous aviez un moment, ce que vous avez écrit pourrait peut-être être mis à jour.", 'fr', 'review_manipulation')).toContain('ask to change a review');
  });

  it('leaves a change the seller made after a review alone, for the surface patterns too', () => {
    const text = 'After your review we changed the supplier of the hinges.';
    expect(classifyMessage(text, 'en').labels).toEqual([]);
    expect(explainMessage(text, 'en').rejected.some((r) => r.label === 'review_manipulation')).toBe(true);
  });

  it.each([
    ['en', 'Thanks for the five stars, they help us a lot!'],
    ['en', 'Reviews help other buyers, good or bad, so write one if you like. No pressure.'],
    ['sv', 'Vi ser att du höjde betyget från 2 till 4 själv. Tack!'],
  ])('stays clean: %s', (lang, text) => {
    expect(ruleReasons(text, lang, 'review_manipulation')).toEqual([]);
  });
});

describe("the buyer's address held over a review request", () => {
  it('reads it when the address is stated beside the request', () => {
    expect(ruleReasons('Wir haben Ihre Adresse. Bitte nehmen Sie die Bewertung raus.', 'de', 'intimidation')).toContain("the buyer's address held over a request");
  });

  it('does not when the address is only asked for or corrected', () => {
    expect(ruleReasons('Could you update your review? And please confirm your address for the replacement.', 'en', 'intimidation')).toEqual([]);
    expect(ruleReasons('Your address is on the order. Thanks for the lovely review!', 'en', 'intimidation')).toEqual([]);
  });
});
