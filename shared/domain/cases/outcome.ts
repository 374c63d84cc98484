/**
 * What analysts' decisions say about a case and about each of its signals: the labels detection
 * learns from. A case is confirmed when a rung was applied (or a person approved one) and it was
 * not dismissed as a false positive; a false positive says which signals were wrong; a case
 * dismissed for any other reason with nothing applied is resolved, and says nothing either way.
 * Signals are judged per case and per rule (an analyst names a wrong signal by its rule), so a
 * case with three flagged messages counts once for `seller-message`. Pure: no I/O.
 */
import { z } from 'zod';
import { RUNGS } from '../ladder/rungs';
import { RULES } from '../detection/signals';
import type { RuleName } from '../detection/signals';
import { activeSignals } from '../detection/signals';
import type { Case } from './case-schema';
import { DISMISSAL_CATEGORIES } from './dismissal';

export const OUTCOME_KINDS = ['confirmed', 'false-positive', 'resolved'] as const;

export const CaseOutcomeSchema = z.object({
  kind: z.enum(OUTCOME_KINDS),
  /** When the decision that settled it was made (a rung applied or approved, the dismissal). */
  at: z.string(),
  /** For a confirmed case: the highest rung applied, or null when a person approved one not yet applied. */
  rung: z.enum(RUNGS).nullable().optional(),
  /** For a dismissed case: its category (a dismissal recorded before categories reads as a false positive). */
  category: z.enum(DISMISSAL_CATEGORIES).optional(),
  /** For a false positive: the signals that were wrong (every signal of the case when the dismissal named none). */
  wrongSignals: z.array(z.enum(RULES)).optional(),
});
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

export const SIGNAL_VERDICTS = ['right', 'wrong', 'unjudged'] as const;
export type SignalVerdict = (typeof SIGNAL_VERDICTS)[number];

/** The rules among the case's signals that count (withdrawn judgements do not), in RULES order. */
export const caseRules = (item: Pick<Case, 'signals'>): RuleName[] => {
  const present = new Set(activeSignals(item.signals).map((signal) => signal.rule));
  return RULES.filter((rule) => present.has(rule));
};

const earliest = (times: readonly (string | undefined)[]): string | undefined =>
  times.filter((time): time is string => time !== undefined).reduce<string | undefined>((min, time) => (min === undefined || time < min ? time : min), undefined);

/** What analysts' decisions say about the case; undefined while nothing settled it. */
export function caseOutcome(item: Case): CaseOutcome | undefined {
  const closure = item.status === 'dismissed' ? item.closure : undefined;
  const category = closure ? (closure.category ?? 'false-positive') : undefined;
  if (closure && category === 'false-positive') {
    const named = closure.wrongSignals ?? [];
    return { kind: 'false-positive', at: closure.at, category, wrongSignals: named.length > 0 ? [...named] : caseRules(item) };
  }
  const approvedAt = earliest((item.decisions ?? []).filter((decision) => decision.decision === 'approve').map((decision) => decision.at));
  const confirmedAt = earliest([item.applied?.at, approvedAt]);
  if (confirmedAt !== undefined) return { kind: 'confirmed', at: confirmedAt, rung: item.applied?.rung ?? null, ...(category ? { category } : {}) };
  if (closure && category) return { kind: 'resolved', at: closure.at, category };
  return undefined;
}

/** What the outcome says of the case's signal of this rule. */
export function signalVerdict(outcome: CaseOutcome, rule: RuleName): SignalVerdict {
  if (outcome.kind === 'confirmed') return 'right';
  if (outcome.kind === 'false-positive') return (outcome.wrongSignals ?? []).includes(rule) ? 'wrong' : 'unjudged';
  return 'unjudged';
}

export const SignalPrecisionSchema = z.object({
  signal: z.enum(RULES),
  /** Settled cases with this signal: confirmed ones, false positives that named it, and the rest. */
  right: z.number().int(),
  wrong: z.number().int(),
  unjudged: z.number().int(),
  /** right / (right + wrong); null when no case judged the signal. */
  precision: z.number().nullable(),
});
export type SignalPrecision = z.infer<typeof SignalPrecisionSchema>;

/** Each signal's precision over the settled cases given: one row per rule, in RULES order. */
export function signalPrecision(settled: readonly { readonly item: Case; readonly outcome: CaseOutcome }[]): SignalPrecision[] {
  const counts = new Map(RULES.map((rule) => [rule, { right: 0, wrong: 0, unjudged: 0 }]));
  for (const { item, outcome } of settled) {
    for (const rule of caseRules(item)) {
      const row = counts.get(rule);
      if (row) row[signalVerdict(outcome, rule)] += 1;
    }
  }
  return RULES.map((signal) => {
    const row = counts.get(signal) ?? { right: 0, wrong: 0, unjudged: 0 };
    const judged = row.right + row.wrong;
    return { signal, ...row, precision: judged === 0 ? null : Math.round((row.right / judged) * 10_000) / 10_000 };
  });
}
