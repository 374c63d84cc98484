/**
 * The cases analysts' decisions settled within a period, each with its outcome
 * (../domain/cases/outcome.ts): what the signal precision report and the labels export read.
 */
import type { Case } from '../domain/cases/case';
import type { CaseOutcome } from '../domain/cases/outcome';
import { caseOutcome } from '../domain/cases/outcome';
import type { CaseStore } from '../ports/case-store';

/** A period of decision times: `from` included, `to` excluded; either end may be open. */
export interface DecisionPeriod {
  readonly from?: string;
  readonly to?: string;
}

export interface SettledCase {
  readonly item: Case;
  readonly outcome: CaseOutcome;
}

/** Settled cases whose deciding moment falls in the period, oldest decision first (ties by case id). */
export async function settledCases(period: DecisionPeriod, deps: { readonly cases: CaseStore }): Promise<SettledCase[]> {
  // A case is decided after it opened: those opened after the period cannot be in it.
  const cases = await deps.cases.listCases(period.to ? { openedTo: period.to } : {});
  const inPeriod = (at: string) => (period.from === undefined || at >= period.from) && (period.to === undefined || at < period.to);
  return cases
    .flatMap((item) => {
      const outcome = caseOutcome(item);
      return outcome && inPeriod(outcome.at) ? [{ item, outcome }] : [];
    })
    .sort((a, b) => (a.outcome.at < b.outcome.at ? -1 : a.outcome.at > b.outcome.at ? 1 : a.item.caseId < b.item.caseId ? -1 : 1));
}
