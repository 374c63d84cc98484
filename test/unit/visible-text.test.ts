import { describe, expect, it } from 'vitest';
import { hasVisibleCharacters, MIN_REASON_CHARACTERS } from '../../shared/domain/visible-text';

describe('a reason counts the characters one can see', () => {
  it('does not count white space, zero-width or bidi characters', () => {
    expect(hasVisibleCharacters('   ', MIN_REASON_CHARACTERS)).toBe(false);
    expect(hasVisibleCharacters('\u200b\u200b\u200ba', MIN_REASON_CHARACTERS)).toBe(false);
    expect(hasVisibleCharacters('a\u202e \u2060b', MIN_REASON_CHARACTERS)).toBe(false);
    expect(hasVisibleCharacters('\t\n\u00a0ok', MIN_REASON_CHARACTERS)).toBe(false);
  });

  it('counts letters, digits, punctuation and symbols in any script, however spaced', () => {
    expect(hasVisibleCharacters('f p.', MIN_REASON_CHARACTERS)).toBe(true);
    expect(hasVisibleCharacters(' \u200bn/a ', MIN_REASON_CHARACTERS)).toBe(true);
    expect(hasVisibleCharacters('誤検知', MIN_REASON_CHARACTERS)).toBe(true);
    expect(hasVisibleCharacters('👍👍👍', MIN_REASON_CHARACTERS)).toBe(true);
  });
});
