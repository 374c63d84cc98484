import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../shared/domain/classify/classify';

const labels = (text: string, lang?: string) => classifyMessage(text, lang).labels;

describe('classifyMessage: indirect phrasings', () => {
  it.each([
    ['en', 'You gave us 2 stars. Any chance u could make it a 5?'],
    ['en', 'kindly please to remove it, the negative comment is very hurt for us'],
    ['en', 'Full refund is yours, just need that review gone first.'],
    ['en', '5 stars would really make our day!!'],
    ['fr', 'vous nous avez mis 2 étoiles… ce serait possible de passer à 5 ?'],
    ['fr', "tu pourrais enlever ton com' stp ?"],
    ['fr', "Je vous offre un bon d'achat dès que votre note est mise à jour."],
    ['de', 'bitte nehmen Sie den Kommentar raus'],
    ['de', 'Eine 5-Sterne-Bewertung würde uns riesig freuen!'],
    ['es', 'Nos dejó 2 estrellas. ¿Podría subirlas un poquito?'],
    ['it', 'Una recensione a 5 stelle ci farebbe davvero felici!'],
  ])('review_manipulation (%s): %s', (lang, text) => {
    expect(labels(text, lang)).toContain('review_manipulation');
  });

  it.each([
    ['en', 'Send me your PayPal email and I will refund you.'],
    ['de', 'Schicken Sie mir Ihre PayPal-Adresse.'],
    ['en', 'Did you see the email we sent you? Please reply to it there.'],
    ['fr', 'Je vous ai écrit par mail, regardez dans vos spams.'],
    ['fr', "mon insta c'est @boutique_lea.paris"],
  ])('off_platform_contact (%s): %s', (lang, text) => {
    expect(labels(text, lang)).toContain('off_platform_contact');
  });

  it.each([
    ['en', 'I know your name and where you live. Just saying.'],
    ['en', "keep ignoring me and I'll message you every single day"],
    ['fr', 'Si vous ne répondez pas, je vous écrirai tous les jours.'],
    ['es', 'Tengo su nombre y su dirección. Piénselo bien.'],
    ['de', 'Löschen Sie die Bewertung, sonst zeige ich Sie an!'],
  ])('intimidation (%s): %s', (lang, text) => {
    expect(labels(text, lang)).toContain('intimidation');
  });

  it.each([
    'We refunded via PayPal, no strings attached.',
    "Votre commentaire nous a permis d'améliorer l'emballage, merci.",
    'Sie können Ihre Bewertung natürlich so lassen, wie sie ist.',
    'Your order has been sent, you will receive a confirmation e-mail.',
    'Order 112-1234567-1234567 was refunded in full today.',
    '¿Le gustó? Talla M, precio 19,99 €.',
  ])('hard negative stays clean: %s', (text) => {
    expect(labels(text)).toEqual([]);
  });

  it('evidence offsets are exact substrings of the original', () => {
    const text = '¡Hola! Nos dejó 2 estrellas. ¿Podría subirlas un poquito? 🙏';
    for (const e of classifyMessage(text).evidence) expect(text.slice(e.start, e.end)).toBe(e.match);
  });
});
