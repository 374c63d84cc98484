/** Properties of redaction over generated texts (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findContactHandles, redactContactHandles } from '../../shared/domain/contact-handles';

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
