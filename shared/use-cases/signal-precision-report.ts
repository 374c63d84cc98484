/**
 * Each signal's precision from analysts' outcomes over a period: of the settled cases a signal
 * took part in, how many analysts confirmed and how many they dismissed naming it as wrong. What
 * a trust-and-safety team reads before it changes a signal's weight or switches it off. Read-only;
 * for the console's signals page and `offside report signals`.
 */
import { z } from 'zod';
import type { OUTCOME_KINDS } from '../domain/cases/outcome';
import { SignalPrecisionSchema, signalPrecision } from '../domain/cases/outcome';
import type { CaseStore } from '../ports/case-store';
import type { DecisionPeriod } from './settled-cases';
import { settledCases } from './settled-cases';

export const SignalPrecisionReportSchema = z.object({
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** Settled cases in the period, by outcome. */
  cases: z.object({ confirmed: z.number().int(), 'false-positive': z.number().int(), resolved: z.number().int() }),
  signals: z.array(SignalPrecisionSchema),
});
export type SignalPrecisionReport = z.infer<typeof SignalPrecisionReportSchema>;

export async function signalPrecisionReport(period: DecisionPeriod, deps: { readonly cases: CaseStore }): Promise<SignalPrecisionReport> {
  const settled = await settledCases(period, deps);
  const count = (kind: (typeof OUTCOME_KINDS)[number]) => settled.filter(({ outcome }) => outcome.kind === kind).length;
  return {
    period: { from: period.from ?? null, to: period.to ?? null },
    cases: { confirmed: count('confirmed'), 'false-positive': count('false-positive'), resolved: count('resolved') },
    signals: signalPrecision(settled),
  };
}
