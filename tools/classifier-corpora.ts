/**
 * The labelled corpora the classifier is trained and tuned on, and its untouched dev part: one
 * place, read by the trainer (train-classifier.ts), the evaluation (eval-classify.ts), the bench
 * and the classifier's tests.
 *
 * The split sets are split by a hash of each message id: a quarter is the dev part, never trained
 * or tuned on, only reported. A frozen blind set (`isFrozenBlind`) is never read by any of them.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Trained and tuned on whole. */
export const TRAIN_WHOLE = [
  'messages-v1.jsonl',
  'messages-holdout-v1.jsonl',
  'messages-fresh-v1.jsonl',
  'messages-fresh2-v1.jsonl',
  'messages-train-v2.jsonl',
  'messages-dev-v2.jsonl',
] as const;

/**
 * The blind sets whose figures have been reported (README, Classifier figures): no longer blind,
 * retired into training as split sets, v1-v4 in round 4, v9a/b and v10a/b in round 8. Every other
 * `messages-blind-*` set is frozen.
 */
export const RETIRED_BLIND = [
  'messages-blind-v1.jsonl',
  'messages-blind-v2.jsonl',
  'messages-blind-v3.jsonl',
  'messages-blind-v4.jsonl',
  'messages-blind-v9a.jsonl',
  'messages-blind-v9b.jsonl',
  'messages-blind-v10a.jsonl',
  'messages-blind-v10b.jsonl',
] as const;

/** Split: three quarters trained on, a quarter dev. */
export const TRAIN_SPLIT = [
  'messages-train-v3a.jsonl',
  'messages-train-v3b.jsonl',
  'messages-train-v3c.jsonl',
  'messages-train-v4a.jsonl',
  'messages-train-v4b.jsonl',
  'messages-train-v6a.jsonl',
  'messages-train-v7a.jsonl',
  'messages-train-v7b.jsonl',
  'messages-train-v12a.jsonl',
  ...RETIRED_BLIND,
] as const;

/**
 * True for a frozen blind set (by file name or path): any `messages-blind-*` file except the
 * retired ones. Frozen sets judge the classifier; nothing that trains, tunes, tests or times it
 * reads them. Only the lead's own `npm run eval:classify -- FILE` measures one, and never lists
 * its errors.
 */
export function isFrozenBlind(file: string): boolean {
  const name = basename(file);
  if (!/^messages-blind-/i.test(name)) return false;
  return !(RETIRED_BLIND as readonly string[]).includes(name);
}

/** FNV-1a of the id: stable across machines and runs. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** True for the messages of a split set that make up its dev part. */
export const isDev = (id: string): boolean => idHash(id) % 4 === 0;

/** The files of `names` that exist in `dir`, as paths. Refuses a frozen blind set. */
export function present(dir: string, names: readonly string[]): string[] {
  const frozen = names.filter(isFrozenBlind);
  if (frozen.length > 0) throw new Error(`frozen blind sets are never read for training or tests: ${frozen.join(', ')}`);
  return names.map((n) => join(dir, n)).filter((p) => existsSync(p));
}
