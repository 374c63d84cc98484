/**
 * Well-formed Unicode at the edge. JSON may spell an unpaired UTF-16 surrogate (`"\ud800"`), which
 * no UTF-8 store, queue or URL can carry: `encodeURIComponent` throws on it, SQS refuses it in an
 * attribute. Whatever arrives with one is refused where it arrives, with the field that holds it.
 */

/** With the `u` flag a paired surrogate is one code point: only an unpaired one is `\p{Cs}`. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** The UTF-16 index of the first unpaired surrogate of `text`, or -1 when it is well-formed. */
export function unpairedSurrogateAt(text: string): number {
  const match = UNPAIRED_SURROGATE.exec(text);
  return match ? match.index : -1;
}

/** `text` with each unpaired surrogate replaced by U+FFFD, fit for a reason or a log line. */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

export interface IllFormedString {
  /** Keys and indexes down to the string (a key itself, when the key is the ill-formed one). */
  readonly path: readonly (string | number)[];
  readonly index: number;
}

/** The first ill-formed strings (keys included) anywhere in a decoded JSON value, at most `limit`. */
export function illFormedStrings(value: unknown, limit = 5): IllFormedString[] {
  const found: IllFormedString[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (found.length >= limit) return;
    if (typeof node === 'string') {
      const index = unpairedSurrogateAt(node);
      if (index >= 0) found.push({ path, index });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        const index = unpairedSurrogateAt(key);
        if (index >= 0) found.push({ path: [...path, wellFormed(key)], index });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(value, []);
  return found;
}

/** The reason given for an ill-formed string. */
export const illFormedReason = (index: number): string =>
  `must be well-formed Unicode text (an unpaired UTF-16 surrogate at character ${index + 1})`;
