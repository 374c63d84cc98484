/**
 * The statistical model: one logistic regression per label over hashed features (model-features.ts),
 * trained by tools/train-classifier.ts on the labelled corpora and shipped as model-weights.ts (a
 * generated file: bucket deltas and 16-bit weights, base64). Pure: the weights are decoded once at
 * module load, and scoring a message is one pass over its features.
 *
 * A score is traced to the sentence that carries most of it, so a label the model finds alone still
 * comes with an evidence span (classify.ts decides how the model and the rules combine).
 */
import { LABELS } from './labels';
import type { Label } from './labels';
import { CONCEPT, MODEL_BUCKETS, RULE, TEXT, modelFeatures } from './model-features';
import type { EncodedModel, FeatureGroup, RuleFinding } from './model-features';
import type { Tagged } from './intent';
import { MODEL_WEIGHTS } from './model-weights';

const LABEL_COUNT = LABELS.length;

function decode(model: EncodedModel): Float32Array {
  const weights = new Float32Array(MODEL_BUCKETS * LABEL_COUNT);
  if (model.buckets !== MODEL_BUCKETS || model.data === '') return weights;
  const binary = atob(model.data);
  let i = 0;
  let bucket = 0;
  while (i < binary.length) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const byte = binary.charCodeAt(i);
      i += 1;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    bucket += delta;
    const mask = binary.charCodeAt(i);
    i += 1;
    for (let l = 0; l < LABEL_COUNT; l += 1) {
      if ((mask & (1 << l)) === 0) continue;
      const raw = binary.charCodeAt(i) | (binary.charCodeAt(i + 1) << 8);
      i += 2;
      weights[bucket * LABEL_COUNT + l] = (raw >= 0x8000 ? raw - 0x10000 : raw) * model.scale;
    }
  }
  return weights;
}

const WEIGHTS = decode(MODEL_WEIGHTS);

/** The features of one message, as training reads them. */
export interface FeatureVector {
  readonly buckets: readonly number[];
  readonly values: readonly number[];
}

/** A group as stored in the features' typed array. */
const groupOf = (g: number): FeatureGroup => (g === CONCEPT ? CONCEPT : g === RULE ? RULE : TEXT);

/** Text and concept features weigh 1/sqrt(their count), so a long letter is not loud for being long. */
function groupScales(counts: readonly number[]): number[] {
  return counts.map((c, g) => (g === RULE || c === 0 ? 1 : 1 / Math.sqrt(c)));
}

/** The feature vector of a message (for training): buckets and values, repeated buckets summed later. */
export function featureVector(text: string, tags: readonly Tagged[], rules: readonly RuleFinding[]): FeatureVector {
  const f = modelFeatures(text, tags, rules);
  const counts = [0, 0, 0];
  for (let i = 0; i < f.count; i += 1) counts[f.groups[i] ?? TEXT] = (counts[f.groups[i] ?? TEXT] ?? 0) + 1;
  const scales = groupScales(counts);
  const buckets: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < f.count; i += 1) {
    buckets.push(f.buckets[i] ?? 0);
    values.push(scales[f.groups[i] ?? TEXT] ?? 1);
  }
  return { buckets, values };
}

export interface ModelScore {
  readonly label: Label;
  readonly probability: number;
  /** The sentence (normalised offsets) that carries most of the score. */
  readonly start: number;
  readonly end: number;
  readonly top: readonly { readonly feature: string; readonly weight: number }[];
}

const SENTENCE_END = /[!?;\n\u3002\uff01\uff1f]+|\.(?=\s|$)/g;

/** Start offsets of the sentences of `text`. */
function sentenceStarts(text: string): number[] {
  const starts = [0];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    const next = m.index + m[0].length;
    if (next < text.length) starts.push(next);
  }
  return starts;
}

/** The index of the sentence that contains offset `at` (binary search over the sentences' starts). */
export function sentenceOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The model's probability for each label, with the sentence behind it (and, with `describe`, its top features). */
export function scoreModel(text: string, tags: readonly Tagged[], rules: readonly RuleFinding[], describe = false): ModelScore[] {
  const starts = sentenceStarts(text);
  const sentences = starts.length;
  // per sentence, group and label: the summed weights
  const sums = new Float64Array(sentences * 3 * LABEL_COUNT);
  const counts = [0, 0, 0];
  const named = describe ? new Map<string, { group: FeatureGroup; weights: number[] }>() : undefined;
  let cursor = 0;
  const f = modelFeatures(text, tags, rules, describe);
  for (let i = 0; i < f.count; i += 1) {
    const bucket = f.buckets[i] ?? 0;
    const at = f.at[i] ?? 0;
    const group = groupOf(f.groups[i] ?? TEXT);
    counts[group] = (counts[group] ?? 0) + 1;
    // n-grams come in order: walk the sentences; the others are looked up
    let s: number;
    if (group === TEXT && at >= (starts[cursor] ?? 0)) {
      while (cursor + 1 < sentences && (starts[cursor + 1] ?? 0) <= at) cursor += 1;
      s = cursor;
    } else s = sentenceOf(starts, at);
    const base = (s * 3 + group) * LABEL_COUNT;
    for (let l = 0; l < LABEL_COUNT; l += 1) sums[base + l] = (sums[base + l] ?? 0) + (WEIGHTS[bucket * LABEL_COUNT + l] ?? 0);
    const name = f.names[i];
    if (named !== undefined && name !== undefined) {
      const entry = named.get(name) ?? { group, weights: [0, 0, 0] };
      for (let l = 0; l < LABEL_COUNT; l += 1) entry.weights[l] = (entry.weights[l] ?? 0) + (WEIGHTS[bucket * LABEL_COUNT + l] ?? 0);
      named.set(name, entry);
    }
  }
  const scales = groupScales(counts);
  return LABELS.map((label, l) => {
    let total = MODEL_WEIGHTS.bias[l] ?? 0;
    let best = 0;
    let bestScore = -Infinity;
    for (let s = 0; s < sentences; s += 1) {
      let inSentence = 0;
      for (const g of [TEXT, CONCEPT, RULE]) inSentence += (sums[(s * 3 + g) * LABEL_COUNT + l] ?? 0) * (scales[g] ?? 1);
      total += inSentence;
      if (inSentence > bestScore) {
        bestScore = inSentence;
        best = s;
      }
    }
    const top =
      named === undefined
        ? []
        : [...named]
            .map(([feature, e]) => ({ feature, weight: (e.weights[l] ?? 0) * (scales[e.group] ?? 1) }))
            .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
            .slice(0, 8)
            .map((f) => ({ feature: f.feature, weight: Math.round(f.weight * 1000) / 1000 }));
    return { label, probability: sigmoid(total), start: starts[best] ?? 0, end: starts[best + 1] ?? text.length, top };
  });
}

/**
 * The model's logit per label, summed in one pass over the features (no sentences, no names):
 * what the classifier needs when no label of the model alone could fire. The summation order
 * differs from `scoreModel`'s, so a caller compares it with a margin (`decidedAbove`).
 */
export function modelLogits(text: string, tags: readonly Tagged[], rules: readonly RuleFinding[]): Float64Array {
  const f = modelFeatures(text, tags, rules);
  const totals = new Float64Array(3 * LABEL_COUNT);
  const counts = [0, 0, 0];
  for (let i = 0; i < f.count; i += 1) {
    const group = f.groups[i] ?? TEXT;
    counts[group] = (counts[group] ?? 0) + 1;
    const base = group * LABEL_COUNT;
    const w = (f.buckets[i] ?? 0) * LABEL_COUNT;
    for (let l = 0; l < LABEL_COUNT; l += 1) totals[base + l] = (totals[base + l] ?? 0) + (WEIGHTS[w + l] ?? 0);
  }
  const scales = groupScales(counts);
  const out = new Float64Array(LABEL_COUNT);
  for (let l = 0; l < LABEL_COUNT; l += 1) {
    let total = MODEL_WEIGHTS.bias[l] ?? 0;
    for (const g of [TEXT, CONCEPT, RULE]) total += (totals[g * LABEL_COUNT + l] ?? 0) * (scales[g] ?? 1);
    out[l] = total;
  }
  return out;
}

/**
 * Far more than the rounding of two summation orders of a few thousand weights can move a logit.
 * Inside it, the caller scores the message in full.
 */
const LOGIT_MARGIN = 1e-6;

/**
 * Whether `sigmoid(logit) >= threshold`, when the logit is clear of the threshold by more than
 * rounding could move it; undefined when it is too close to tell (or the threshold is 0 or 1).
 */
export function decidedAbove(logit: number, threshold: number): boolean | undefined {
  if (!(threshold > 0 && threshold < 1)) return undefined;
  const at = Math.log(threshold / (1 - threshold));
  if (logit < at - LOGIT_MARGIN) return false;
  if (logit > at + LOGIT_MARGIN) return true;
  return undefined;
}

/** The thresholds the model's probabilities are read with (chosen by the trainer on cross-validation). */
export const MODEL_THRESHOLDS: { readonly alone: readonly number[]; readonly aloneBare: readonly number[]; readonly veto: readonly number[] } = {
  alone: MODEL_WEIGHTS.alone,
  aloneBare: MODEL_WEIGHTS.aloneBare ?? MODEL_WEIGHTS.alone,
  veto: MODEL_WEIGHTS.veto,
};
