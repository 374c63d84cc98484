/**
 * The features of the statistical model (model.ts), read from what the classifier already has for
 * a message: its normalised text, its tagged tokens (concepts, negation, sentences) and what the
 * rules found or vetoed. The same function feeds training (tools/train-classifier.ts) and
 * classification, so the two cannot drift apart.
 *
 * Features are hashed into MODEL_BUCKETS buckets (FNV-1a), each with the offset in the normalised
 * text it comes from, so a score can be traced to the sentence that carries it:
 * - character 3-, 4- and 5-grams of the normalised text (digits read as 0, whitespace as one space):
 *   they carry morphology, obfuscation and Japanese without a stemmer;
 * - word unigrams and bigrams (leetspeak read as letters);
 * - concepts (concepts.ts) present, with negation, and pairs of concepts in one sentence;
 * - the rules' findings: each structure, pattern and handle kind found, and each veto.
 */
import { CONCEPTS } from './concepts';
import type { Label } from './labels';
import type { Tagged } from './intent';

export const MODEL_BUCKETS = 1 << 18;
const MASK = MODEL_BUCKETS - 1;

/** What the rules said, as the model reads it. */
export interface RuleFinding {
  readonly label: Label;
  /** "handle", "intent" or "pattern" */
  readonly source: string;
  readonly reason: string;
  /** normalised offset the finding starts at */
  readonly at: number;
  /** why it did not count, when vetoed */
  readonly veto?: string;
}

/** Text features (n-grams, words) and concepts are scaled by the square root of their count; rules count 1 each. */
export const TEXT = 0;
export const CONCEPT = 1;
export const RULE = 2;
export type FeatureGroup = typeof TEXT | typeof CONCEPT | typeof RULE;

/** The encoded weights: what tools/train-classifier.ts writes. */
export interface EncodedModel {
  readonly buckets: number;
  /** weight = int16 * scale */
  readonly scale: number;
  readonly bias: readonly number[];
  /** Per label: the model alone labels a message at this probability or more. */
  readonly alone: readonly number[];
  /** Per label: the same, when the message lacks the label's structure (intimidation: a threat act with the buyer as object). */
  readonly aloneBare?: readonly number[];
  /** Per label: a rule finding stands unless the model's probability is below this. */
  readonly veto: readonly number[];
  /** varint bucket delta, a label mask byte, then an int16 (little endian) per label in the mask */
  readonly data: string;
  /** How the model was trained and what it scored (for the README and --explain). */
  readonly trainedOn: string;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string, seed: number): number {
  return hashPair(s, '', seed);
}

/** The hash of `a + " " + b` (or of `a` alone when `b` is empty), without building the string. */
function hashPair(a: string, b: string, seed: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < a.length; i += 1) h = Math.imul(h ^ a.charCodeAt(i), FNV_PRIME);
  if (b !== '') {
    h = Math.imul(h ^ 32, FNV_PRIME);
    for (let i = 0; i < b.length; i += 1) h = Math.imul(h ^ b.charCodeAt(i), FNV_PRIME);
  }
  return (h ^ (h >>> 15)) & MASK;
}

/** The character the n-grams see: digits as 0, any whitespace as a space. */
function gramChar(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c === 9 || c === 10 || c === 13 || c === 0x3000) return 32;
  return c;
}

const SEED_GRAM = [0, 0, 0, 0x3a1, 0x4b2, 0x5c3];
/** The last five n-gram characters and their offsets (reused: the classifier is synchronous). */
const RING = new Uint16Array(5);
const RING_AT = new Int32Array(5);
const SEED_WORD = 0x77;
const SEED_BIGRAM = 0x78;
const SEED_CONCEPT = 0x79;
const SEED_PAIR = 0x7a;
const SEED_RULE = 0x7b;

/** Per concept (and negated or not), per pair of concepts: their hashes, computed once. */
const CONCEPT_HASH = CONCEPTS.flatMap((c) => [hashString(c, SEED_CONCEPT), hashString(`${c} (negated)`, SEED_CONCEPT)]);
const PAIR_HASH = CONCEPTS.flatMap((a) => CONCEPTS.map((b) => hashString(`${a}+${b}`, SEED_PAIR)));
const PRESENT = new Uint8Array(CONCEPTS.length);
const PRESENT_LIST: number[] = [];

/** At most this many characters feed the n-grams (a hostile text of 20,000 characters stays bounded). */
const MAX_GRAM_CHARS = 4000;

/**
 * The features of one message, in the order they are read: bucket, normalised offset and group of
 * each, and (only when `describe` was asked for) a readable name. Typed arrays, reused from one
 * message to the next (the classifier is synchronous): no object or string per feature.
 */
export interface Features {
  readonly count: number;
  readonly buckets: Int32Array;
  readonly at: Int32Array;
  readonly groups: Uint8Array;
  /** Empty unless `describe`. */
  readonly names: readonly string[];
}

let capacity = 1 << 14;
let BUCKETS = new Int32Array(capacity);
let AT = new Int32Array(capacity);
let GROUPS = new Uint8Array(capacity);
const NAMES: string[] = [];
let count = 0;
let naming = false;

function grow(): void {
  capacity *= 2;
  const buckets = new Int32Array(capacity);
  const at = new Int32Array(capacity);
  const groups = new Uint8Array(capacity);
  buckets.set(BUCKETS);
  at.set(AT);
  groups.set(GROUPS);
  BUCKETS = buckets;
  AT = at;
  GROUPS = groups;
}

function push(bucket: number, at: number, group: FeatureGroup, name: string | undefined): void {
  if (count === capacity) grow();
  BUCKETS[count] = bucket;
  AT[count] = at;
  GROUPS[count] = group;
  if (naming) NAMES.push(name ?? '');
  count += 1;
}

/** The FNV-1a states of the last one to five n-gram characters (reused). */
const OPEN = new Int32Array(6);

export function modelFeatures(text: string, tags: readonly Tagged[], rules: readonly RuleFinding[], describe = false): Features {
  count = 0;
  naming = describe;
  NAMES.length = 0;
  // character n-grams, rolled over the last five characters seen (digits as 0, whitespace runs as
  // one space): OPEN[k] is the hash of the last k characters, so each character costs five steps
  const n = Math.min(text.length, MAX_GRAM_CHARS);
  let prevSpace = true;
  let seen = 0;
  for (let i = 0; i < n; i += 1) {
    const c = gramChar(text.charCodeAt(i));
    if (c === 32) {
      if (prevSpace) continue;
      prevSpace = true;
    } else prevSpace = false;
    RING[seen % 5] = c;
    RING_AT[seen % 5] = i;
    seen += 1;
    for (let k = 5; k >= 2; k -= 1) OPEN[k] = Math.imul((OPEN[k - 1] ?? 0) ^ c, FNV_PRIME);
    OPEN[1] = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    // the n-grams ending here: lengths 3 to 5
    for (let len = 3; len <= 5 && len <= seen; len += 1) {
      const seeded = Math.imul((OPEN[len] ?? 0) ^ (SEED_GRAM[len] ?? 0), FNV_PRIME);
      const from = seen - len;
      let name: string | undefined;
      if (describe) {
        name = '"';
        for (let k = from; k < seen; k += 1) name += String.fromCharCode(RING[k % 5] ?? 0);
        name += '"';
      }
      push((seeded ^ (seeded >>> 15)) & MASK, RING_AT[from % 5] ?? 0, TEXT, name);
    }
  }
  // words and word pairs
  let prev: Tagged | undefined;
  for (const t of tags) {
    push(hashString(t.text, SEED_WORD), t.start, TEXT, describe ? `word ${t.text}` : undefined);
    if (prev !== undefined && prev.sentence === t.sentence) {
      push(hashPair(prev.text, t.text, SEED_BIGRAM), prev.start, TEXT, describe ? `words ${prev.text} ${t.text}` : undefined);
    }
    prev = t;
  }
  // concepts, negated or not, and the pairs of concepts present in one sentence
  let sentence = -1;
  const present = PRESENT;
  present.fill(0);
  let sentenceAt = 0;
  // the concepts present in the sentence, in the order first seen (a few): pairs in index order
  const listed = PRESENT_LIST;
  listed.length = 0;
  const flush = () => {
    listed.sort((x, y) => x - y);
    for (let i = 0; i < listed.length; i += 1) {
      const a = listed[i] ?? 0;
      for (let j = i + 1; j < listed.length; j += 1) {
        const b = listed[j] ?? 0;
        push(PAIR_HASH[a * CONCEPTS.length + b] ?? 0, sentenceAt, CONCEPT, describe ? `concepts ${CONCEPTS[a] ?? a}+${CONCEPTS[b] ?? b}` : undefined);
      }
      present[a] = 0;
    }
    listed.length = 0;
  };
  const concept = (t: Tagged, c: number) => {
    push(CONCEPT_HASH[c * 2 + (t.negated ? 1 : 0)] ?? 0, t.start, CONCEPT, describe ? `concept ${CONCEPTS[c] ?? c}${t.negated ? ' (negated)' : ''}` : undefined);
    if (!t.negated && present[c] !== 1) {
      present[c] = 1;
      listed.push(c);
    }
  };
  for (const t of tags) {
    if (t.bits.lo === 0 && t.bits.hi === 0) continue;
    if (t.sentence !== sentence) {
      flush();
      sentence = t.sentence;
      sentenceAt = t.start;
    }
    // the set bits, lowest first: concepts 0-30 in `lo`, 31 on in `hi`
    for (let bits = t.bits.lo; bits !== 0; bits &= bits - 1) concept(t, 31 - Math.clz32(bits & -bits));
    for (let bits = t.bits.hi; bits !== 0; bits &= bits - 1) concept(t, 31 + 31 - Math.clz32(bits & -bits));
  }
  flush();
  // the rules' findings
  for (const r of rules) {
    const name = r.veto === undefined ? `${r.label} ${r.source}: ${r.reason}` : `${r.label} ${r.source} vetoed: ${r.veto}`;
    push(hashString(name, SEED_RULE), r.at, RULE, describe ? `rule ${name}` : undefined);
    if (r.veto === undefined) {
      const any = `${r.label} found`;
      push(hashString(any, SEED_RULE), r.at, RULE, describe ? `rule ${any}` : undefined);
    }
  }
  return { count, buckets: BUCKETS, at: AT, groups: GROUPS, names: NAMES };
}
