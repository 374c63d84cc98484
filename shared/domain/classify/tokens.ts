/**
 * Word tokens of a normalised text, found in one pass over its characters. `key` is the token with
 * leetspeak digits and symbols read as letters (`r3m0ve` -> `remove`), used to find the places
 * where a rule may start; the rules themselves then match the text at those places.
 */
import TinySegmenter from 'tiny-segmenter';
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** `text` with leetspeak read as letters when the token mixes letters and digits/symbols. */
  readonly key: string;
}

const LEET_KEY: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l',
};

// 1 = letter, 2 = digit, 3 = leet symbol that may sit inside a word.
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c += 1) CLASS[c] = 1;
for (let c = 48; c <= 57; c += 1) CLASS[c] = 2;
for (const s of ['@', '$', '!', '|']) CLASS[s.charCodeAt(0)] = 3;

const classOf = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  if (c < 128) return CLASS[c] ?? 0;
  if (Number.isNaN(c)) return 0;
  // Other letters left after normalisation count as letters; Latin-1 punctuation ("¿", "¡", "«"),
  // general punctuation, symbols and emoji (surrogates) do not.
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return 0;
  if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfe00) return 0;
  return 1;
};

/** Tokens of `text` (already lower-cased): runs of letters and digits, with leet symbols inside words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    let cls = classOf(text, i);
    if (cls === 0 || (cls === 3 && text[i] !== '$' && text[i] !== '|')) {
      i += 1;
      continue;
    }
    const start = i;
    let letters = 0;
    let other = 0;
    while (i < len) {
      cls = classOf(text, i);
      if (cls === 1) letters += 1;
      else if (cls === 2) other += 1;
      else if (cls === 3) {
        // a symbol stays in the word only between word characters ("r@ting", "rev!ew")
        const next = classOf(text, i + 1);
        if (i === start ? next !== 1 : next !== 1 && next !== 2) break;
        other += 1;
      } else break;
      i += 1;
    }
    if (i === start) {
      i += 1;
      continue;
    }
    const word = text.slice(start, i);
    let key = word;
    if (letters > 0 && other > 0 && letters >= other) {
      key = '';
      for (const ch of word) key += LEET_KEY[ch] ?? ch;
    }
    tokens.push({ start, end: i, text: word, key });
  }
  return tokens;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
/** Segmenting is the dearest step for Japanese: past this many characters a message is cut per character. */
const SEGMENT_BUDGET = 2_000;
let segmenter: TinySegmenter | undefined;

/**
 * Splits the Japanese runs among `tokens` into words with TinySegmenter (the tokenizer above keeps a
 * run of kana and kanji as one token). Past a budget of characters, runs are cut into single
 * characters instead, so the work per message stays bounded.
 */
export function segmentJapanese(tokens: readonly Token[]): Token[] {
  if (!tokens.some((t) => CJK.test(t.text))) return [...tokens];
  segmenter ??= new TinySegmenter();
  let budget = SEGMENT_BUDGET;
  const out: Token[] = [];
  for (const t of tokens) {
    if (!CJK.test(t.text)) {
      out.push(t);
      continue;
    }
    const words = budget >= t.text.length ? segmenter.segment(t.text) : [...t.text];
    budget -= t.text.length;
    let at = t.start;
    for (const w of words) {
      out.push({ start: at, end: at + w.length, text: w, key: w });
      at += w.length;
    }
  }
  return out;
}
