import { describe, expect, it } from 'vitest';
import { normalise, toOriginal } from '../../shared/domain/classify/normalise';

/** The original substring behind a span of the normalised text. */
function back(text: string, needle: string): string {
  const n = normalise(text);
  const at = n.text.indexOf(needle);
  expect(at, `"${needle}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
  const span = toOriginal(n, at, at + needle.length);
  return text.slice(span.start, span.end);
}

describe('normalise', () => {
  it('lower-cases plain ASCII without changing offsets', () => {
    const n = normalise('Remove The Review');
    expect(n.text).toBe('remove the review');
    expect(toOriginal(n, 7, 10)).toEqual({ start: 7, end: 10 });
  });

  it('folds full-width forms to ASCII', () => {
    expect(normalise('ｒｅｖｉｅｗ＠ｇｍａｉｌ．ｃｏｍ').text).toBe('review@gmail.com');
  });

  it('replaces Cyrillic and Greek look-alikes by Latin letters', () => {
    expect(normalise('rеviеw ο').text).toBe('review o'); // Cyrillic е, Greek ο
  });

  it('strips accents', () => {
    expect(normalise('Löschen Sie die Reseña, évaluation').text).toBe('loschen sie die resena, evaluation');
  });

  it('drops zero-width characters and maps the rest back to the original', () => {
    const text = 'please re\u200bmo\u200dve it';
    expect(normalise(text).text).toBe('please remove it');
    expect(back(text, 'remove')).toBe('re\u200bmo\u200dve');
  });

  it('joins letters spelled out with spaces', () => {
    const text = 'delete the r e v i e w now';
    expect(normalise(text).text).toBe('delete the review now');
    expect(back(text, 'review')).toBe('r e v i e w');
  });

  it('does not join short words of ordinary prose', () => {
    expect(normalise('y a la vez').text).toBe('y a la vez');
  });

  it('turns long runs of spelled-out digits into digits, in every language', () => {
    expect(normalise('call five five five one two three four five six seven').text).toBe('call 5551234567');
    expect(normalise('zéro six un deux trois quatre cinq six sept huit').text).toBe('0612345678');
    expect(normalise('null eins fünf eins zwei drei vier fünf sechs sieben acht').text).toBe('01512345678');
    expect(normalise('tre tre tre uno due tre quattro cinque sei sette').text).toBe('3331234567');
  });

  it('leaves a few number words in prose alone', () => {
    expect(normalise('I ordered two, one arrived').text).toBe('i ordered two, one arrived');
  });

  it('maps expansions (ß -> ss) back to the whole original character', () => {
    const text = 'Grüße, Straße 5';
    expect(normalise(text).text).toBe('grusse, strasse 5');
    expect(back(text, 'strasse')).toBe('Straße');
  });
});
