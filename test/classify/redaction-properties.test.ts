/** Properties of redaction and classification over generated texts (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacHandleHasher } from '../../shared/adapters/crypto/handle-hasher';
import { classifyMessage } from '../../shared/domain/classify/classify';
import { findContactHandles, redactContactHandles } from '../../shared/domain/contact-handles';
import { messageEvidence } from '../../shared/domain/evidence';
import { messageSent } from '../support/events';

const words = fc.array(fc.constantFrom('hello', 'the', 'parcel', 'is', 'here', 'thanks', 'order', 'merci', 'bitte', 'grazie', 'ok', '-', ',', '.'), {
  maxLength: 8,
}).map((w) => w.join(' '));
const phones = fc.constantFrom('+44 7911 123456', '+33 6 12 34 56 78', '+49 151 23456789', '+39 347 123 4567', '+34 612 345 678', '+1 (415) 555-0144');
const lead = fc.constantFrom('whatsapp: ', 'call me on ', 'mon numéro : ', 'Handy: ', 'llámame al ', 'tel. ');
const hash = () => 'x';

describe('redactContactHandles', () => {
  it('leaves no digit of a phone number given among ordinary words', () => {
    fc.assert(
      fc.property(words, lead, phones, words, (before, intro, phone, after) => {
        const text = `${before} ${intro}${phone} ${after}`;
        expect(redactContactHandles(text, hash).text).not.toMatch(/\d/);
      }),
    );
  });

  it('leaves none of the characters of a found handle in clear, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), phones, fc.string({ maxLength: 60 }), (before, phone, after) => {
        const text = `${before} ${phone} ${after}`;
        const handles = findContactHandles(text);
        const redacted = redactContactHandles(text, hash).text;
        for (const h of handles) expect(redacted).not.toContain(text.slice(h.start, h.end));
      }),
    );
  });

  it('gives spans that lie inside the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let last = 0;
        for (const h of findContactHandles(text)) {
          expect(h.start).toBeGreaterThanOrEqual(0);
          expect(h.end).toBeLessThanOrEqual(text.length);
          expect(h.start).toBeLessThan(h.end);
          expect(h.start).toBeGreaterThanOrEqual(last);
          last = h.start;
        }
      }),
    );
  });
});

describe('classifyMessage over generated texts', () => {
  const pieces = fc.constantFrom(
    'please', 'remove', 'the review', 'votre avis', 'löschen', 'reseña', 'recensione', 'never', 'whatsapp', '@', 'x@gmail.com', '+44 7911 123456',
    'ｒｅｖｉｅｗ', 'r e v i e w', '😀', '\u200b', '.', ',', '?', '\n', 'レビュー', '削除', 'beoordeling', 'opinię', 'betyg', 'refund', 'if', 'lawyer',
  );
  const texts = fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 30 }).map((p) => p.join(' '));

  it('gives every span inside the text, as its exact substring', () => {
    fc.assert(
      fc.property(texts, (text) => {
        for (const e of classifyMessage(text).evidence) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(e.start, e.end)).toBe(e.match);
        }
      }),
    );
  });

  it('reports a label exactly when it has evidence for it', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { labels, evidence } = classifyMessage(text);
        expect([...new Set(evidence.map((e) => e.label))].sort()).toEqual([...labels].sort());
      }),
    );
  });

  it('leaves no phone found by the classifier in clear in the stored evidence', () => {
    fc.assert(
      fc.property(words, lead, phones, words, (before, intro, phone, after) => {
        const body = `${before} ${intro}${phone} ${after}`;
        const record = messageEvidence(messageSent({ body }), hmacHandleHasher('k'.repeat(32)));
        const stored = JSON.stringify({ body: record.body, matches: record.matches }).replace(/\[[a-z]+:[0-9a-f]+\]/g, '[handle]');
        expect(stored).not.toMatch(/\d/);
      }),
    );
  });
});
