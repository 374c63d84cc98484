/**
 * The labelled corpora the classifier is trained and tuned on, and its untouched dev part: one
 * place, read by the trainer (train-classifier.ts) and the evaluation (eval-classify.ts).
 *
 * The v3 training sets (messages-train-v3a/b/c, written for the classifier's second round) are
 * split by a hash of each message id: a quarter is the dev part, never trained or tuned on, only
 * reported. A blind set (any file named messages-blind-*) is never read here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Trained and tuned on whole. */
export const TRAIN_WHOLE = [
  'messages-v1.jsonl',
  'messages-holdout-v1.jsonl',
  'messages-fresh-v1.jsonl',
  'messages-fresh2-v1.jsonl',
  'messages-train-v2.jsonl',
  'messages-dev-v2.jsonl',
] as const;

/** Split: three quarters trained on, a quarter dev. */
export const TRAIN_SPLIT = ['messages-train-v3a.jsonl', 'messages-train-v3b.jsonl', 'messages-train-v3c.jsonl'] as const;

/** FNV-1a of the id: stable across machines and runs. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** True for the messages of a split set that make up its dev part. */
export const isDev = (id: string): boolean => idHash(id) % 4 === 0;

/** The files of `names` that exist in `dir`, as paths. */
export const present = (dir: string, names: readonly string[]): string[] => names.map((n) => join(dir, n)).filter((p) => existsSync(p));
