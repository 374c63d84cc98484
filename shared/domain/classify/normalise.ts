/**
 * Text normalisation for matching, with an offset map back to the original text.
 *
 * The normalised view is lower-cased, NFKC-folded (full-width forms become ASCII), stripped of
 * diacritics, zero-width and other format characters, with Unicode confusables (Cyrillic/Greek
 * look-alikes, mathematical alphabets...) replaced by their Latin base letters. Two further passes
 * undo common evasions: letters or digits spelled one by one with spaces (`r e m o v e`,
 * `n a m e @ ...`) are joined, and long runs of spelled-out digits in the five supported languages
 * (`five five five one two ...`, `zéro six douze`...) become digits.
 *
 * Every character of the normalised text remembers the original span it came from, so a match in
 * the normalised text maps back to an exact substring of the original (`toOriginal`).
 */
import unhomoglyph from 'unhomoglyph';
import { tokenize } from './tokens';
import type { Token } from './tokens';

export interface Normalised {
  readonly original: string;
  /** The normalised text that rules match against. */
  readonly text: string;
  /** For each normalised char, the start offset of the original text it came from; null = identity map. */
  readonly starts: readonly number[] | null;
  /** For each normalised char, the end offset (exclusive) of the original text it came from. */
  readonly ends: readonly number[] | null;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Maps a span `[start, end)` of the normalised text to the original text. */
export function toOriginal(n: Normalised, start: number, end: number): Span {
  if (n.starts === null || n.ends === null) return { start, end };
  if (end <= start) {
    const at = start < n.starts.length ? (n.starts[start] ?? n.original.length) : n.original.length;
    return { start: at, end: at };
  }
  return { start: n.starts[start] ?? 0, end: n.ends[end - 1] ?? n.original.length };
}

// Format characters (zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks...).
const FORMAT_CHAR = /^[\p{Cf}\p{Mn}\p{Me}]$/u;
const COMBINING = /\p{M}/gu;
const KANA = /[\u3040-\u30ff]/;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

const EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '´': "'",
  '`': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u202f': ' ',
};

const DECIMAL_DIGIT = /^\p{Nd}$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
/** The zeros of the decimal digit blocks of Unicode that people write phone numbers in. */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040,
  0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
];
function digitOf(ch: string): string | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp < zero + 10) return String(cp - zero);
  return undefined;
}

/** Cache: non-ASCII character -> its normalised replacement ('' = drop). */
const charCache = new Map<string, string>();

function foldChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string;
  const extra = EXTRA[ch];
  if (extra !== undefined) {
    out = extra;
  } else if (FORMAT_CHAR.test(ch)) {
    out = '';
  } else if (PICTOGRAPH.test(ch) && ch !== '\u2605' && ch !== '\u2b50') {
    // An emoji between the pieces of a handle ("Whats 👉 App", "Tele gram 📱 @ name") separates words.
    out = ' ';
  } else if (DECIMAL_DIGIT.test(ch) && digitOf(ch) !== undefined) {
    // Arabic-Indic, Devanagari, Thai... digits: NFKC keeps them, a phone finder must not.
    out = digitOf(ch) ?? '';
  } else if (/\s/u.test(ch)) {
    out = ' ';
  } else {
    const lowered = ch.toLowerCase().normalize('NFKC');
    out = '';
    for (const part of lowered) {
      const extraPart = EXTRA[part];
      if (extraPart !== undefined) {
        out += extraPart;
        continue;
      }
      // Kana keep their voicing marks ("ビ" is not "ヒ"); only Latin, Greek and Cyrillic lose accents.
      if (KANA.test(part)) {
        out += part;
        continue;
      }
      const stripped = part.normalize('NFD').replace(COMBINING, '');
      if (ASCII_PRINTABLE.test(stripped)) {
        out += stripped;
        continue;
      }
      // Confusables (Unicode TR39 data via `unhomoglyph`) only for letters and digits, and only
      // when they land on plain ASCII: Cyrillic "а" -> "a", Greek "ο" -> "o", math bold "𝐚" -> "a".
      if (LETTER_OR_NUMBER.test(part)) {
        const base = unhomoglyph(part).normalize('NFD').replace(COMBINING, '').toLowerCase();
        if (base.length > 0 && ASCII_PRINTABLE.test(base)) {
          out += base;
          continue;
        }
      }
      out += stripped;
    }
    out = out.toLowerCase();
  }
  charCache.set(ch, out);
  return out;
}

const NON_ASCII_OR_UPPER = /[A-Z\u0080-\uffff]/;
const NON_ASCII = /[\u0080-\uffff]/;

interface Builder {
  text: string;
  starts: number[];
  ends: number[];
}

/** Pass 1: character folding. */
function foldChars(original: string): Normalised {
  if (!NON_ASCII_OR_UPPER.test(original)) return { original, text: original, starts: null, ends: null };
  if (!NON_ASCII.test(original)) {
    // ASCII: lower-casing keeps every offset.
    return { original, text: original.toLowerCase(), starts: null, ends: null };
  }
  // Most non-ASCII text (accented letters, look-alikes, full-width forms) folds one character to
  // one character: then offsets are unchanged and no map is needed.
  const lower = original.toLowerCase();
  if (lower.length === original.length) {
    let text = '';
    let from = 0;
    let oneToOne = true;
    for (let i = 0; i < lower.length; i += 1) {
      const code = lower.charCodeAt(i);
      if (code < 0x80) continue;
      if (code >= 0xd800 && code <= 0xdfff) {
        oneToOne = false;
        break;
      }
      const folded = foldChar(original[i] ?? '');
      if (folded.length !== 1) {
        oneToOne = false;
        break;
      }
      text += lower.slice(from, i) + folded;
      from = i + 1;
    }
    if (oneToOne) return { original, text: text + lower.slice(from), starts: null, ends: null };
  }
  return foldCharsMapped(original);
}

function foldCharsMapped(original: string): Normalised {
  const b: Builder = { text: '', starts: [], ends: [] };
  const len = original.length;
  let i = 0;
  while (i < len) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      b.text += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : original[i];
      b.starts.push(i);
      b.ends.push(i + 1);
      i += 1;
      continue;
    }
    const cp = original.codePointAt(i) ?? code;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldChar(original.slice(i, i + width));
    for (let k = 0; k < folded.length; k += 1) {
      b.starts.push(i);
      b.ends.push(i + width);
    }
    b.text += folded;
    i += width;
  }
  return { original, text: b.text, starts: b.starts, ends: b.ends };
}

/**
 * Applies edits (sorted, non-overlapping `[start, end) -> replacement` on `n.text`) and composes the
 * offset maps. Each replacement character maps to the whole original span of the edited range,
 * except when `perChar` gives an explicit normalised sub-span for every output character.
 */
interface Edit {
  readonly start: number;
  readonly end: number;
  /** Output characters, each with the normalised span it stands for. */
  readonly chars: readonly { readonly ch: string; readonly start: number; readonly end: number }[];
}

function applyEdits(n: Normalised, edits: readonly Edit[]): Normalised {
  if (edits.length === 0) return n;
  const srcStart = (i: number) => (n.starts === null ? i : (n.starts[i] ?? n.original.length));
  const srcEnd = (i: number) => (n.ends === null ? i + 1 : (n.ends[i] ?? n.original.length));
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  const copy = (from: number, to: number) => {
    text += n.text.slice(from, to);
    for (let i = from; i < to; i += 1) {
      starts.push(srcStart(i));
      ends.push(srcEnd(i));
    }
  };
  for (const edit of edits) {
    copy(cursor, edit.start);
    for (const c of edit.chars) {
      text += c.ch;
      starts.push(srcStart(c.start));
      ends.push(srcEnd(c.end - 1));
    }
    cursor = edit.end;
  }
  copy(cursor, n.text.length);
  return { original: n.original, text, starts, ends };
}

// Pass 2: single letters/digits separated by spaces ("r e m o v e", "n a m e @ ..."): joined.
const SPACED_GAP = /^(?: {1,2}|\s?[-_*·]\s?)$/;
type Char = { ch: string; start: number; end: number };

/** Maximal runs of consecutive tokens that are each `member`, separated by gaps that match `gap`. */
function tokenRuns(n: Normalised, tokens: readonly Token[], member: (t: Token) => boolean, gap: RegExp): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (const t of tokens) {
    const last = run[run.length - 1];
    if (member(t) && (last === undefined || gap.test(n.text.slice(last.end, t.start)))) {
      run.push(t);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = member(t) ? [t] : [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function joinSpacedLetters(n: Normalised, tokens: readonly Token[]): Edit[] {
  const edits: Edit[] = [];
  for (const run of tokenRuns(n, tokens, (t) => t.text.length === 1, SPACED_GAP)) {
    const first = run[0];
    const count = run.length;
    if (first !== undefined && count >= 3) {
      const letters = run.some((t) => t.text >= 'a');
      // Short words ("e a i") exist in prose: letters need four in a row, or three after "." / "@".
      const afterSymbol = /[.@]\s*$/.test(n.text.slice(Math.max(0, first.start - 3), first.start));
      if (!letters || count >= 4 || afterSymbol) {
        const chars: Char[] = run.map((t) => ({ ch: t.text, start: t.start, end: t.end }));
        edits.push({ start: first.start, end: run[run.length - 1]?.end ?? first.end, chars });
      }
    }
  }
  return edits;
}

// Pass 3: spelled-out numbers ("five five five one two ...", "zéro six, douze, trente-quatre",
// "seis uno dos, treinta y cuatro"): read as digits when a run of them makes at least seven digits.
const UNITS: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', sept: '7', huit: '8', neuf: '9',
  null: '0', eins: '1', zwei: '2', zwo: '2', drei: '3', vier: '4', funf: '5', fuenf: '5', sechs: '6', sieben: '7', acht: '8', neun: '9',
  cero: '0', uno: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
  due: '2', tre: '3', quattro: '4', cinque: '5', sei: '6', sette: '7', otto: '8', nove: '9',
  nul: '0', een: '1', twee: '2', vijf: '5', zes: '6', zeven: '7', negen: '9',
  um: '1', uma: '1', dois: '2', duas: '2', quatro: '4', sete: '7', oito: '8',
  jeden: '1', jedna: '1', dwa: '2', trzy: '3', cztery: '4', piec: '5', szesc: '6', siedem: '7', osiem: '8', dziewiec: '9',
  noll: '0', ett: '1', tva: '2', fyra: '4', fem: '5', sex: '6', sju: '7', atta: '8', nio: '9',
};
const TEENS: Readonly<Record<string, string>> = {
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19',
  dix: '10', onze: '11', douze: '12', treize: '13', quatorze: '14', quinze: '15', seize: '16',
  zehn: '10', elf: '11', zwolf: '12', dreizehn: '13', vierzehn: '14', funfzehn: '15', sechzehn: '16', siebzehn: '17', achtzehn: '18', neunzehn: '19',
  diez: '10', once: '11', doce: '12', trece: '13', catorce: '14', quince: '15', dieciseis: '16', diecisiete: '17', dieciocho: '18', diecinueve: '19',
  dieci: '10', undici: '11', dodici: '12', tredici: '13', quattordici: '14', quindici: '15', sedici: '16', diciassette: '17', diciotto: '18', diciannove: '19',
  tien: '10', twaalf: '12', dertien: '13', veertien: '14', vijftien: '15', zestien: '16', zeventien: '17', achttien: '18', negentien: '19',
  dez: '10', doze: '12', treze: '13', catorze: '14', dezasseis: '16', dezesseis: '16', dezassete: '17', dezessete: '17', dezoito: '18', dezanove: '19', dezenove: '19',
  dziesiec: '10', jedenascie: '11', dwanascie: '12', trzynascie: '13', czternascie: '14', pietnascie: '15', szesnascie: '16', siedemnascie: '17', osiemnascie: '18', dziewietnascie: '19',
  tio: '10', elva: '11', tolv: '12', tretton: '13', fjorton: '14', femton: '15', sexton: '16', sjutton: '17', arton: '18', nitton: '19',
};
const TENS: Readonly<Record<string, string>> = {
  twenty: '2', thirty: '3', forty: '4', fifty: '5', sixty: '6', seventy: '7', eighty: '8', ninety: '9',
  vingt: '2', vingts: '2', trente: '3', quarante: '4', cinquante: '5', soixante: '6', septante: '7', huitante: '8', octante: '8', nonante: '9',
  zwanzig: '2', dreissig: '3', vierzig: '4', funfzig: '5', sechzig: '6', siebzig: '7', achtzig: '8', neunzig: '9',
  veinte: '2', treinta: '3', cuarenta: '4', cincuenta: '5', sesenta: '6', setenta: '7', ochenta: '8', noventa: '9',
  venti: '2', trenta: '3', quaranta: '4', cinquanta: '5', sessanta: '6', settanta: '7', ottanta: '8', novanta: '9',
  twintig: '2', dertig: '3', veertig: '4', vijftig: '5', zestig: '6', zeventig: '7', tachtig: '8', negentig: '9',
  vinte: '2', trinta: '3', quarenta: '4', sessenta: '6', oitenta: '8',
  dwadziescia: '2', trzydziesci: '3', czterdziesci: '4', piecdziesiat: '5', szescdziesiat: '6', siedemdziesiat: '7', osiemdziesiat: '8', dziewiecdziesiat: '9',
  tjugo: '2', trettio: '3', fyrtio: '4', femtio: '5', sextio: '6', sjuttio: '7', attio: '8', nittio: '9',
};
const CONNECTORS = new Set(['y', 'e', 'und', 'en', 'et', 'och', 'i']);
/** Compounds written as one word: "veintidos", "trentatre", "dreiundzwanzig", "vierendertig", "tjugotre". */
function compound(word: string): string | undefined {
  for (const [tens, d] of Object.entries(TENS)) {
    if (word.length > tens.length && word.startsWith(tens.replace(/e$|a$|i$|o$/, ''))) {
      const rest = word.slice(tens.replace(/e$|a$|i$|o$/, '').length).replace(/^(?:i|a|e|o|y)(?=[a-z]{3})/, '');
      const unit = UNITS[rest];
      if (unit !== undefined && unit !== '0') return d + unit;
    }
    for (const link of ['und', 'en']) {
      const at = word.indexOf(link + tens);
      if (at > 0 && at + link.length + tens.length === word.length) {
        const unit = UNITS[word.slice(0, at)];
        if (unit !== undefined && unit !== '0') return d + unit;
      }
    }
  }
  return undefined;
}
export const NUMBER_WORDS: ReadonlySet<string> = new Set([...Object.keys(UNITS), ...Object.keys(TEENS), ...Object.keys(TENS)]);
/** First three letters of the tens and units a compound can start with (a cheap filter before compound()). */
const COMPOUND_HEADS = new Set([...Object.keys(TENS), ...Object.keys(UNITS)].map((w) => w.slice(0, 3)));
const isNumberWord = (w: string) =>
  NUMBER_WORDS.has(w) || (w.length >= 6 && w.length <= 20 && COMPOUND_HEADS.has(w.slice(0, 3)) && compound(w) !== undefined);
const DIGIT_GAP = /^[\s,./-]{1,3}$/;
const isDigits = (s: string) => s.length > 0 && s.length <= 4 && s >= '0' && s <= '9999' && !/\D/.test(s);

/** The number spelled from token `i` on: its digits and how many tokens it took, or undefined. */
function readNumber(n: Normalised, tokens: readonly Token[], i: number): { digits: string; used: number } | undefined {
  const t = tokens[i]?.text ?? '';
  const next = (k: number) => {
    const a = tokens[i + k - 1];
    const b = tokens[i + k];
    return a !== undefined && b !== undefined && DIGIT_GAP.test(n.text.slice(a.end, b.start)) ? b.text : undefined;
  };
  // French: soixante-dix (70), quatre-vingt(s) (80), quatre-vingt-dix (90), with their units and teens
  if (t === 'quatre' && (next(1) === 'vingt' || next(1) === 'vingts')) {
    const teen = TEENS[next(2) ?? ''];
    if (teen !== undefined) return { digits: `9${teen.slice(1)}`, used: 3 };
    const unit = UNITS[next(2) ?? ''];
    if (unit !== undefined && unit !== '0') return { digits: `8${unit}`, used: 3 };
    return { digits: '80', used: 2 };
  }
  if (t === 'soixante' || t === 'vingt') {
    const teen = TEENS[next(1) ?? ''];
    if (t === 'soixante' && teen !== undefined) {
      if (teen === '10' && UNITS[next(2) ?? ''] !== undefined) return { digits: `7${UNITS[next(2) ?? ''] ?? ''}`, used: 3 };
      return { digits: `7${teen.slice(1)}`, used: 2 };
    }
  }
  if (t === 'dix') {
    const unit = UNITS[next(1) ?? ''];
    if (unit !== undefined && Number(unit) >= 7) return { digits: `1${unit}`, used: 2 };
  }
  const teen = TEENS[t];
  if (teen !== undefined) return { digits: teen, used: 1 };
  const tens = TENS[t];
  if (tens !== undefined) {
    const linked = CONNECTORS.has(next(1) ?? '') ? 2 : 1;
    const unit = UNITS[next(linked) ?? ''];
    if (unit !== undefined && unit !== '0') return { digits: tens + unit, used: linked + 1 };
    return { digits: `${tens}0`, used: 1 };
  }
  const unit = UNITS[t];
  if (unit !== undefined) return { digits: unit, used: 1 };
  if (t.length >= 6 && COMPOUND_HEADS.has(t.slice(0, 3))) {
    const both = compound(t);
    if (both !== undefined) return { digits: both, used: 1 };
  }
  return undefined;
}

function spelledDigits(n: Normalised, tokens: readonly Token[]): Edit[] {
  const edits: Edit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (first === undefined || !(isNumberWord(first.text) || isDigits(first.text) || first.text === 'plus')) {
      i += 1;
      continue;
    }
    const chars: Char[] = [];
    let words = 0;
    let j = i;
    while (j < tokens.length) {
      const t = tokens[j];
      if (t === undefined) break;
      if (j > i && !DIGIT_GAP.test(n.text.slice(tokens[j - 1]?.end ?? 0, t.start))) break;
      if (t.text === 'plus' && j === i) {
        chars.push({ ch: '+', start: t.start, end: t.end });
        j += 1;
        continue;
      }
      const spelled = readNumber(n, tokens, j);
      if (spelled !== undefined) {
        const last = tokens[j + spelled.used - 1] ?? t;
        for (const ch of spelled.digits) chars.push({ ch, start: t.start, end: last.end });
        words += 1;
        j += spelled.used;
      } else if (isDigits(t.text)) {
        for (let k = 0; k < t.text.length; k += 1) chars.push({ ch: t.text[k] ?? '', start: t.start + k, end: t.start + k + 1 });
        j += 1;
      } else break;
    }
    const end = tokens[j - 1]?.end ?? first.end;
    const plusBefore = n.text.slice(Math.max(0, first.start - 2), first.start).trim() === '+';
    const digits = chars.filter((c) => c.ch !== '+').length;
    if (words >= 2 && digits >= 7) {
      const startAt = plusBefore ? n.text.lastIndexOf('+', first.start) : first.start;
      if (plusBefore) chars.unshift({ ch: '+', start: startAt, end: startAt + 1 });
      edits.push({ start: startAt, end, chars });
    }
    i = Math.max(j, i + 1);
  }
  return edits;
}

// Pass 4: a percent-encoded "@" ("jane%40gmail.com" in a link's query) is an "@".
function percentAt(n: Normalised): Edit[] {
  const edits: Edit[] = [];
  for (let p = n.text.indexOf('%40'); p !== -1; p = n.text.indexOf('%40', p + 3)) {
    edits.push({ start: p, end: p + 3, chars: [{ ch: '@', start: p, end: p + 3 }] });
  }
  return edits;
}

// Pass 5: letters written for digits inside digit groups ("4I5 555 OI44"): o -> 0, i/l/| -> 1, but
// only in a run of at least two groups that each hold a real digit, seven to fifteen characters in
// all, so words ("oil", "I") are never touched.
const DIGIT_LETTER: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1', '|': '1' };
const DIGITISH = /^[0-9oil|]+$/;
const HAS_DIGIT = /[0-9]/;
const GROUP_GAP = /^[\s()./-]{1,3}$/;

function lettersForDigits(n: Normalised, tokens: readonly Token[]): Edit[] {
  const edits: Edit[] = [];
  for (const run of tokenRuns(n, tokens, (t) => DIGITISH.test(t.text) && HAS_DIGIT.test(t.text), GROUP_GAP)) {
    const first = run[0];
    if (first === undefined) continue;
    const length = run.reduce((sum, t) => sum + t.text.length, 0);
    const letters = run.reduce((sum, t) => sum + t.text.replace(/[0-9]/g, '').length, 0);
    if (letters > 0 && letters * 2 < length && length >= 7 && length <= 15 && (run.length >= 2 || first.text.length >= 7)) {
      for (const t of run) {
        for (let k = 0; k < t.text.length; k += 1) {
          const digit = DIGIT_LETTER[t.text[k] ?? ''];
          if (digit !== undefined) edits.push({ start: t.start + k, end: t.start + k + 1, chars: [{ ch: digit, start: t.start + k, end: t.start + k + 1 }] });
        }
      }
    }
  }
  return edits;
}

const NO_EDITS: readonly Edit[] = [];

/** Normalises `text` for matching; see the module comment. */
export function normalise(text: string): Normalised {
  return normaliseWithTokens(text).normalised;
}

/** Normalises `text` and returns the word tokens of the result as well. */
export function normaliseWithTokens(text: string): { readonly normalised: Normalised; readonly tokens: readonly Token[] } {
  let folded = foldChars(text);
  let tokens = tokenize(folded.text);
  const encoded = folded.text.includes('%40') ? percentAt(folded) : NO_EDITS;
  const digitised = lettersForDigits(folded, tokens);
  if (encoded.length > 0 || digitised.length > 0) {
    folded = applyEdits(folded, [...encoded, ...digitised].sort((a, b) => a.start - b.start));
    tokens = tokenize(folded.text);
  }
  let singles = 0;
  let digitWords = 0;
  for (const t of tokens) {
    if (t.text.length === 1) singles += 1;
    else if (isNumberWord(t.text)) digitWords += 1;
  }
  if (singles < 3 && digitWords < 2) return { normalised: folded, tokens };
  const spaced = singles >= 3 ? joinSpacedLetters(folded, tokens) : NO_EDITS;
  const joined = applyEdits(folded, spaced);
  const joinedTokens = spaced.length === 0 ? tokens : tokenize(joined.text);
  const digits = digitWords >= 2 || spaced.length > 0 ? spelledDigits(joined, joinedTokens) : NO_EDITS;
  if (digits.length === 0) return { normalised: joined, tokens: joinedTokens };
  const result = applyEdits(joined, digits);
  return { normalised: result, tokens: tokenize(result.text) };
}
