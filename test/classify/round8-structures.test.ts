/**
 * Round 8's structures and scope rules (issue 13), each shown firing and not firing, read from the
 * rules (`explainMessage`: the structure that fired, or the veto that cancelled it), not from the
 * model. The texts are written for these tests, not taken from the corpora.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, explainMessage } from '../../shared/domain/classify/classify';
import type { Label } from '../../shared/domain/classify/classify';

const byRules = (text: string, label: Label, lang?: string) =>
  explainMessage(text, lang)
    .evidenceDetails.filter((e) => e.label === label && e.source !== 'model')
    .map((e) => e.reason);

describe('negation scope ends at "until"', () => {
  it.each([
    ['en', "I won't stop writing to you until that review has gone."],
    ['fr', "Je n'arrêterai pas de vous écrire tant que votre avis ne sera pas retiré."],
    ['it', 'Non smetterò di scriverle finché la sua recensione non sparisce.'],
  ])('a change after "until" is demanded, the negation governs the verb before it (%s)', (lang, text) => {
    expect(byRules(text, 'review_manipulation', lang)).toContain('ask to change a review');
    expect(byRules(text, 'intimidation', lang).length).toBeGreaterThan(0);
  });

  it('a negation before "until" still negates its own verb', () => {
    expect(classifyMessage('We will not delete any review until the platform has checked it.', 'en').labels).toEqual([]);
    expect(classifyMessage('Wir können die Bewertung nicht löschen, bis die Plattform sie geprüft hat.', 'de').labels).toEqual([]);
  });
});

describe('a negative question after its modal still asks', () => {
  it.each([
    ['de', 'Würden Sie Ihre Rezension nicht noch einmal ändern?'],
    ['fr', 'Ne pourriez-vous pas modifier votre avis ?'],
    ['es', '¿No podría cambiar su reseña ahora?'],
  ])('%s', (lang, text) => {
    expect(classifyMessage(text, lang).labels).toContain('review_manipulation');
  });

  it('a negated statement does not ask, not even through a surface pattern', () => {
    for (const [lang, text] of [
      ['de', 'Wir können Ihre Rezension nicht ändern, das kann nur die Plattform.'],
      ['en', 'We cannot change your review, only you can.'],
    ] as const) {
      expect(byRules(text, 'review_manipulation', lang), text).toEqual([]);
      expect(classifyMessage(text, lang).labels, text).toEqual([]);
    }
  });
});

describe('an incentive conditioned on the review itself', () => {
  it.each([
    ['en', 'Your voucher is ready and will be sent as soon as the rating is sorted.'],
    ['de', 'Die Gutschrift erfolgt, sobald die Bewertung geklärt ist.'],
    ['it', 'Il rimborso parte appena la recensione è sistemata.'],
  ])('the review the subject of a condition after the incentive (%s)', (lang, text) => {
    expect(byRules(text, 'review_manipulation', lang)).toContain('incentive conditioned on a review');
  });

  it('the incentive named in the sentence before, taken up by a pronoun', () => {
    const text = 'Le bon d’achat est prêt ; il sera envoyé quand la note aura changé.';
    expect(byRules(text, 'review_manipulation', 'fr')).toContain('incentive conditioned on a review');
  });

  it.each([
    ['en', 'Your refund will be issued once the review of your claim is complete.'],
    ['en', 'We refunded you yesterday. When your review mentioned the crack, we checked the whole batch.'],
    ['en', 'We will refund you as soon as the return arrives; your review is yours to write.'],
    ['fr', 'Le remboursement est parti. Quand votre avis est arrivé, nous avons vérifié le lot.'],
  ])('not a check of something else, a review named in passing, or a condition on the return (%s)', (lang, text) => {
    expect(byRules(text, 'review_manipulation', lang)).toEqual([]);
  });
});

describe('a question for the number to reach the buyer on', () => {
  it.each([
    ['en', 'Quick one about the lamp: which number is best to call you on?'],
    ['fr', 'Pour la lampe, à quel numéro puis-je vous appeler ?'],
    ['es', 'Por lo de la lámpara, ¿a qué número le puedo llamar?'],
  ])('asks for a channel without a possessive (%s)', (lang, text) => {
    expect(byRules(text, 'off_platform_contact', lang)).toContain('question for a number to reach the buyer on');
  });

  it.each([
    ['en', 'Which number can the courier call you on?'],
    ['en', 'What is the order number on your receipt? We can call you back here in the chat.'],
    ['en', 'We will call you on the number you gave, is that right?'],
  ])('not the carrier, an order number, or a number with no question for it (%s)', (lang, text) => {
    expect(byRules(text, 'off_platform_contact', lang)).not.toContain('question for a number to reach the buyer on');
  });
});

describe('the buyer’s post, and the address held with a reminder', () => {
  it('"your post" names the review; "by post" does not', () => {
    expect(byRules('Could you edit your post about the kettle now that it works?', 'review_manipulation', 'en')).toContain('ask to change a review');
    expect(classifyMessage('Your parcel went by post yesterday, could you update us when it arrives?', 'en').labels).toEqual([]);
  });

  it('"Tenemos su dirección, acuérdese" is a menace; the address alone is not', () => {
    expect(byRules('Tenemos su dirección, acuérdese bien.', 'intimidation', 'es').length).toBeGreaterThan(0);
    expect(classifyMessage('Tenemos su dirección del pedido, el repuesto sale mañana.', 'es').labels).toEqual([]);
  });
});

describe('morphology: attached pronouns, participles, regional numbers', () => {
  it('an imperative with its pronoun attached takes up the review named before ("bórrela")', () => {
    expect(byRules('Su reseña de la lámpara no es justa. Bórrela hoy, por favor.', 'review_manipulation', 'es')).toContain('ask to change a review named before');
    expect(byRules('Su reseña de la lámpara nos ayudó mucho. Gracias por escribirla.', 'review_manipulation', 'es')).toEqual([]);
  });

  it('Belgian and Swiss French tens are read as digits in a spelled phone number', () => {
    const text = 'Appelez-moi au zéro quatre septante-deux, nonante-trois, quarante et un, zéro six.';
    expect(classifyMessage(text, 'fr').labels).toContain('off_platform_contact');
  });

  it('"I\'d need your e-mail" asks for the channel; "we need the order number" does not', () => {
    expect(byRules('Dafür bräuchte ich Ihre private Mailadresse.', 'off_platform_contact', 'de')).toContain("ask for the buyer's channel");
    expect(classifyMessage('For the warranty we need the order number from your invoice.', 'en').labels).toEqual([]);
  });
});
