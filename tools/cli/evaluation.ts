/**
 * The scoring behind `offside evaluate`: what detection made of a simulated marketplace (a replay
 * report) against the simulator's ground truth, per seller. The command (./evaluate.ts) prints it
 * and the chart (./evaluation-chart.ts) draws it; both import it from here.
 */
import type { z } from 'zod';
import { rungIndex } from '../../shared/domain/cases/case';
import { DAY_MS } from '../../shared/domain/detection/config';
import type { ReplayReport } from './replay';
import type { SimulationTruth, TruthSeller } from '../sim/truth';
import { SELLER_KINDS } from '../sim/truth';

export interface KindFigures {
  readonly kind: string;
  readonly sellers: number;
  /** Sellers of the kind with a case (any rung asked for or applied). */
  readonly withCase: number;
  readonly suspended: number;
  /** Violators only: those that acted in the period at all. */
  readonly acted: number;
  /** Violators only: those whose acts left a trace the platform can see (see `visible`). */
  readonly visible: number;
}

export interface Evaluation {
  readonly sellers: number;
  readonly violators: number;
  readonly honest: number;
  /** Violators with a case / violators that acted in the period. */
  readonly recall: number;
  /** Violators with a case / violators whose acts the platform could see. */
  readonly recallVisible: number;
  /** Cases against violators / sellers with a case. */
  readonly precision: number;
  readonly honestWarnedRate: number;
  readonly honestSuspended: number;
  readonly daysToFirstAction: { readonly median: number | null; readonly p90: number | null; readonly measured: number };
  readonly byKind: readonly KindFigures[];
  readonly events: ReplayReport['events'];
}

const quantile = (sorted: readonly number[], q: number): number | null => {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? null;
};

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A violator the platform could have seen: a targeted look-up or a violating on-platform message,
 * or at least two induced flips (one flip is indistinguishable from a buyer's change of mind, and
 * detection must never act on it).
 */
export const visible = (seller: TruthSeller): boolean =>
  seller.violator && (seller.acts.targetedLookups > 0 || seller.acts.violatingMessages > 0 || seller.acts.inducedFlips >= 2);

/** Scores a replay report against the truth. */
export function score(report: ReplayReport, truth: z.infer<typeof SimulationTruth>): Evaluation {
  const cases = new Map(report.sellers.map((seller) => [seller.sellerId, seller]));
  const flagged = (seller: TruthSeller) => cases.has(seller.sellerId);
  const suspended = (seller: TruthSeller) => {
    const rung = cases.get(seller.sellerId)?.highestRung;
    return rung !== undefined && rung !== null && rungIndex(rung) >= rungIndex('suspend');
  };
  const violators = truth.sellers.filter((seller) => seller.violator);
  const acted = violators.filter((seller) => seller.firstViolationAt !== undefined);
  const honest = truth.sellers.filter((seller) => !seller.violator);
  const flaggedSellers = truth.sellers.filter(flagged);
  const delays = acted
    .flatMap((seller) => {
      const action = cases.get(seller.sellerId)?.firstActionAt;
      return action && seller.firstViolationAt ? [(Date.parse(action) - Date.parse(seller.firstViolationAt)) / DAY_MS] : [];
    })
    .sort((a, b) => a - b);
  return {
    sellers: truth.sellers.length,
    violators: violators.length,
    honest: honest.length,
    recall: round(acted.length === 0 ? 1 : acted.filter(flagged).length / acted.length),
    recallVisible: round(
      violators.filter(visible).length === 0 ? 1 : violators.filter(visible).filter(flagged).length / violators.filter(visible).length,
    ),
    precision: round(flaggedSellers.length === 0 ? 1 : flaggedSellers.filter((seller) => seller.violator).length / flaggedSellers.length),
    honestWarnedRate: round(honest.length === 0 ? 0 : honest.filter(flagged).length / honest.length),
    honestSuspended: honest.filter(suspended).length,
    daysToFirstAction: {
      median: quantile(delays, 0.5) === null ? null : round(quantile(delays, 0.5) ?? 0, 1),
      p90: quantile(delays, 0.9) === null ? null : round(quantile(delays, 0.9) ?? 0, 1),
      measured: delays.length,
    },
    byKind: SELLER_KINDS.map((kind) => {
      const ofKind = truth.sellers.filter((seller) => seller.kind === kind);
      return {
        kind,
        sellers: ofKind.length,
        withCase: ofKind.filter(flagged).length,
        suspended: ofKind.filter(suspended).length,
        acted: ofKind.filter((seller) => seller.violator && seller.firstViolationAt !== undefined).length,
        visible: ofKind.filter(visible).length,
      };
    }),
    events: report.events,
  };
}
