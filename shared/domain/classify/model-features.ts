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

/**
 * Receives one feature: its bucket, its normalised offset, and (only when `describe` was asked
 * for) a readable name.
 */
export type FeatureSink = (bucket: number, at: number, group: FeatureGroup, name: string | undefined) => void;

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
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return (h ^ (h >>> 15)) & MASK;
}

/** The character the n-grams see: digits as 0, any whitespace as a space. */
function gramChar(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c === 9 || c === 10 || c === 13 || c === 0x3000) return 32;
  return c;
}

const SEED_GRAM = [0, 0, 0, 0x3a1, 0x4b2, 0x5c3];
const SEED_WORD = 0x77;
const SEED_BIGRAM = 0x78;
const SEED_CONCEPT = 0x79;
const SEED_PAIR = 0x7a;
const SEED_RULE = 0x7b;

/** At most this many characters feed the n-grams (a hostile text of 20,000 characters stays bounded). */
const MAX_GRAM_CHARS = 4000;

export function modelFeatures(text: string, tags: readonly Tagged[], rules: readonly RuleFinding[], sink: FeatureSink, describe = false): void {
  // character n-grams, rolled: each start position extends one hash by up to five characters
  const n = Math.min(text.length, MAX_GRAM_CHARS);
  let prevSpace = true;
  const chars: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const c = gramChar(text.charCodeAt(i));
    if (c === 32) {
      if (prevSpace) continue;
      prevSpace = true;
    } else prevSpace = false;
    chars.push(c);
    at.push(i);
  }
  for (let i = 0; i + 3 <= chars.length; i += 1) {
    let h = FNV_OFFSET;
    for (let k = 0; k < 5 && i + k < chars.length; k += 1) {
      h = Math.imul(h ^ (chars[i + k] ?? 0), FNV_PRIME);
      if (k >= 2) {
        const seeded = Math.imul(h ^ (SEED_GRAM[k + 1] ?? 0), FNV_PRIME);
        sink((seeded ^ (seeded >>> 15)) & MASK, at[i] ?? 0, TEXT, describe ? `"${String.fromCharCode(...chars.slice(i, i + k + 1))}"` : undefined);
      }
    }
  }
  // words and word pairs
  let prev: Tagged | undefined;
  for (const t of tags) {
    sink(hashString(t.text, SEED_WORD), t.start, TEXT, describe ? `word ${t.text}` : undefined);
    if (prev !== undefined && prev.sentence === t.sentence) {
      const pair = `${prev.text} ${t.text}`;
      sink(hashString(pair, SEED_BIGRAM), prev.start, TEXT, describe ? `words ${pair}` : undefined);
    }
    prev = t;
  }
  // concepts, negated or not, and the pairs of concepts present in one sentence
  let sentence = -1;
  let present: boolean[] = [];
  let sentenceAt = 0;
  const flush = () => {
    for (let a = 0; a < present.length; a += 1) {
      if (present[a] !== true) continue;
      for (let b = a + 1; b < present.length; b += 1) {
        if (present[b] !== true) continue;
        const name = `${CONCEPTS[a] ?? a}+${CONCEPTS[b] ?? b}`;
        sink(hashString(name, SEED_PAIR), sentenceAt, CONCEPT, describe ? `concepts ${name}` : undefined);
      }
    }
    present = [];
  };
  for (const t of tags) {
    if (t.bits.lo === 0 && t.bits.hi === 0) continue;
    if (t.sentence !== sentence) {
      flush();
      sentence = t.sentence;
      sentenceAt = t.start;
    }
    for (let c = 0; c < CONCEPTS.length; c += 1) {
      const on = c < 31 ? (t.bits.lo & (1 << c)) !== 0 : (t.bits.hi & (1 << (c - 31))) !== 0;
      if (!on) continue;
      const name = `${CONCEPTS[c] ?? c}${t.negated ? ' (negated)' : ''}`;
      sink(hashString(name, SEED_CONCEPT), t.start, CONCEPT, describe ? `concept ${name}` : undefined);
      if (!t.negated) present[c] = true;
    }
  }
  flush();
  // the rules' findings
  for (const r of rules) {
    const name = r.veto === undefined ? `${r.label} ${r.source}: ${r.reason}` : `${r.label} ${r.source} vetoed: ${r.veto}`;
    sink(hashString(name, SEED_RULE), r.at, RULE, describe ? `rule ${name}` : undefined);
    if (r.veto === undefined) {
      const any = `${r.label} found`;
      sink(hashString(any, SEED_RULE), r.at, RULE, describe ? `rule ${any}` : undefined);
    }
  }
}
