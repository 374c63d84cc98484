import { describe, expect, it } from 'vitest';
import { LABELS, classifyMessage } from '../../shared/domain/classify/classify';

const labels = (text: string, lang?: string) => classifyMessage(text, lang).labels;

describe('classifyMessage: review_manipulation', () => {
  it.each([
    ['en', 'Could you please remove the review you left yesterday?'],
    ['fr', 'Pourriez-vous supprimer votre avis négatif ?'],
    ['de', 'Könnten Sie Ihre Bewertung bitte löschen?'],
    ['es', '¿Podría eliminar su reseña? Ya está resuelto.'],
    ['it', 'Potrebbe rimuovere la sua recensione negativa?'],
  ])('asks to remove a review (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual(['review_manipulation']);
  });

  it('asks to update or reconsider a rating', () => {
    expect(labels('Would you reconsider your rating now that the replacement arrived?')).toEqual(['review_manipulation']);
    expect(labels('Würden Sie die Bewertung bitte aktualisieren?')).toEqual(['review_manipulation']);
  });

  it('asks for a positive or five-star review', () => {
    expect(labels('Please leave us a positive review!')).toEqual(['review_manipulation']);
    expect(labels('Metta 5 stelle per favore.')).toEqual(['review_manipulation']);
  });

  it('ties a gift or refund to a review', () => {
    expect(labels('You get a 10 € voucher in exchange for a review.')).toEqual(['review_manipulation']);
    expect(labels('Je vous rembourse si vous retirez votre commentaire.')).toEqual(['review_manipulation']);
  });

  it('sees through leetspeak, look-alikes, zero-width characters and spacing', () => {
    expect(labels('pls r3m0ve y0ur rev1ew')).toEqual(['review_manipulation']);
    expect(labels('please rеmоvе the rеviеw')).toEqual(['review_manipulation']); // Cyrillic е/о
    expect(labels('please re\u200bmove the re\u200cview')).toEqual(['review_manipulation']);
    expect(labels('please delete the r e v i e w')).toEqual(['review_manipulation']);
    expect(labels('ｄｅｌｅｔｅ ｔｈｅ ｒｅｖｉｅｗ')).toEqual(['review_manipulation']);
  });

  it('allows a neutral request for an honest review', () => {
    expect(labels("Thanks for your order! We'd value your honest review.")).toEqual([]);
    expect(labels('Votre avis honnête nous intéresse.')).toEqual([]);
  });

  it('allows thanking for a positive review that was left', () => {
    expect(labels('Thanks a lot for the 5-star review!')).toEqual([]);
    expect(labels('Vielen Dank für Ihre positive Bewertung!')).toEqual([]);
  });

  it('allows a refund with no strings attached', () => {
    expect(labels('We refunded you in full regardless of any review.')).toEqual([]);
    expect(labels('Remboursement effectué sans condition.')).toEqual([]);
  });

  it('does not read "updated based on your feedback" as a request', () => {
    expect(labels('We have updated the listing based on your feedback.')).toEqual([]);
  });
});

describe('classifyMessage: off_platform_contact', () => {
  it.each([
    ['en', "What's your personal e-mail?"],
    ['fr', 'Quel est votre e-mail personnel ?'],
    ['de', 'Wie lautet Ihre private E-Mail-Adresse?'],
    ['es', '¿Cuál es su correo personal?'],
    ['it', 'Qual è la sua email personale?'],
  ])('asks for a personal e-mail (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual(['off_platform_contact']);
  });

  it('gives an obfuscated e-mail address', () => {
    expect(labels('write to anna [at] gmx [dot] de')).toEqual(['off_platform_contact']);
  });

  it('gives a phone number, also spelled out', () => {
    expect(labels('Call me on 07911 123456.')).toEqual(['off_platform_contact']);
    expect(labels('my number: zero seven nine one one one two three four five six')).toEqual(['off_platform_contact']);
  });

  it('names a messaging app or gives its link or handle', () => {
    expect(labels('Add me on WhatsApp please')).toEqual(['off_platform_contact']);
    expect(labels('join t.me/bestdeals')).toEqual(['off_platform_contact']);
    expect(labels('follow us on Instagram for faster replies')).toEqual(['off_platform_contact']);
    expect(labels('insta: @luna.boutique')).toEqual(['off_platform_contact']);
  });

  it('gives an external or shortened link', () => {
    expect(labels('Details here: bit.ly/3kXy9Qw')).toEqual(['off_platform_contact']);
  });

  it('points to a QR code or a warranty form that asks for the order number', () => {
    expect(labels('Scan the QR code in the box.')).toEqual(['off_platform_contact']);
    expect(labels('Register your warranty with your order number on our website.')).toEqual(['off_platform_contact']);
  });

  it("allows the platform's own links and help pages", () => {
    expect(labels('See https://marketplace.example/help/returns or help.marketplace.example/warranty')).toEqual([]);
  });

  it('allows order ids, tracking numbers, product codes, prices, sizes and dates', () => {
    expect(
      labels('Order 112-1234567-1234567 shipped, tracking 1Z999AA10123456784, EAN 4006381333931, size 42, 1.299,00 € on 12/03/2024.'),
    ).toEqual([]);
  });
});

describe('classifyMessage: intimidation', () => {
  it.each([
    ['en', 'Our lawyer is preparing a letter, this is your last warning.'],
    ['fr', 'Nous allons porter plainte pour diffamation.'],
    ['de', 'Wir werden rechtliche Schritte einleiten.'],
    ['es', 'Vamos a emprender acciones legales.'],
    ['it', 'Procederemo per vie legali.'],
  ])('makes a legal threat (%s)', (lang, text) => {
    expect(labels(text, lang)).toEqual(['intimidation']);
  });

  it('promises to keep writing until the buyer answers', () => {
    expect(labels('I will keep writing to you every day until you answer.')).toEqual(['intimidation']);
  });

  it('allows a buyer complaint', () => {
    expect(labels('The item arrived broken and nobody answers. Worst service ever, I want my money back!')).toEqual([]);
  });
});

describe('classifyMessage: output shape', () => {
  it('reports labels once each, in the fixed order', () => {
    const result = classifyMessage('Last warning: delete the review, or our lawyer calls. WhatsApp me: +44 7911 123456. Delete the review!');
    expect(result.labels).toEqual([...LABELS]);
  });

  it('gives evidence spans that are exact substrings of the original text', () => {
    const text = 'Ｐｌｅａｓｅ, re\u200bmove the rеviеw: mail ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ or call f i v e... no: 06 12 34 56 78';
    const { evidence } = classifyMessage(text, 'fr');
    expect(evidence.length).toBeGreaterThanOrEqual(3);
    for (const e of evidence) expect(text.slice(e.start, e.end)).toBe(e.match);
    expect(evidence.map((e) => e.match)).toEqual(
      expect.arrayContaining(['re\u200bmove the rеviеw', 'ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ', '06 12 34 56 78']),
    );
  });

  it('gives the evidence for the example of the contract', () => {
    const text = 'Hello, sorry about the delay. Could you please kindly remove the review?';
    expect(classifyMessage(text)).toEqual({
      labels: ['review_manipulation'],
      evidence: [{ label: 'review_manipulation', match: 'remove the review', start: 54, end: 71 }],
    });
  });

  it('works without a language hint', () => {
    expect(labels('Löschen Sie bitte die Bewertung, sonst schalte ich meinen Anwalt ein.')).toEqual([
      'review_manipulation',
      'intimidation',
    ]);
  });

  it('gives a clean message no labels and no evidence', () => {
    expect(classifyMessage('Your parcel arrives tomorrow between 10:00 and 14:00.')).toEqual({ labels: [], evidence: [] });
  });
});
