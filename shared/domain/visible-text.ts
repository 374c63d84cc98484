/**
 * Text a person must write (a reason the audit keeps) counts only the characters one can see:
 * control, format (zero-width, bidi overrides) and white-space characters do not count. One rule
 * for the console API, which refuses such a reason, and for the console's form, which says so
 * before sending. `\p{C}` and `\p{Z}` are disjoint from what they repeat against, so the pattern
 * runs in linear time.
 */

/** The fewest visible characters a reason for a decision may have. */
export const MIN_REASON_CHARACTERS = 3;

/** Matches a text that starts with at least `min` visible characters, whatever invisible ones lie between them. */
export const visibleCharactersPattern = (min: number): RegExp => new RegExp(`^(?:[\\p{C}\\p{Z}\\s]*[^\\p{C}\\p{Z}\\s]){${min}}`, 'u');

export const hasVisibleCharacters = (text: string, min: number): boolean => visibleCharactersPattern(min).test(text);
