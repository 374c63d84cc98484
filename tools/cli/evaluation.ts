/**
 * The scoring behind `offside evaluate`: what detection made of a simulated marketplace (a replay
 * report, its buyer complaints filed at their time) against the simulator's ground truth, per
 * seller: how many violators got a case, for review or warned (recall: "caught"), how many of them
 * were warned, how many cases were against violators (precision), how many honest sellers were
 * warned, suspended or given a case for review (no notice), how long after the first
 * violation the first action came; then each kind judged against its frozen expectation
 * (tools/sim/expectations.ts), PASS or FAIL, and all of them together. The command
 * (./evaluate.ts) prints it and the chart (./evaluation-chart.ts) draws it; both import it from here.
 */
import type { z } from 'zod';
import { rungIndex } from '../../shared/domain/ladder/rungs';
import { DAY_MS } from '../../shared/domain/time';
import type { ReplayReport } from './replay';
import type { Expectation } from '../sim/expectations';
import { EXPECTATIONS, OVERALL_EXPECTATION, describeExpectation, visible } from '../sim/expectations';
import type { SimulationTruth, TruthSeller } from '../sim/truth';
import { SELLER_KINDS } from '../sim/truth';

export { visible } from '../sim/expectations';

export interface KindFigures {
  readonly kind: string;
  readonly role: Expectation['role'];
  readonly sellers: number;
  /** Sellers of the kind with a case (for review, or any rung asked for or applied). */
  readonly withCase: number;
  /** Sellers of the kind with a rung applied (warned, or more). */
  readonly warned: number;
  /** Sellers of the kind with a case but no rung applied: a case for review, no notice sent. */
  readonly review: number;
  /** Suspended or put on legal hold. */
  readonly suspended: number;
  /** Violators only: those that acted in the period at all. */
  readonly acted: number;
  /** Violators only: those whose acts left a trace the platform can see (see `visible`). */
  readonly visible: number;
  /** Violators only: visible ones with a case, for review or warned ("caught"). */
  readonly caught: number;
  /** Violators only: visible ones with a rung applied (warned, or more). */
  readonly warnedVisible: number;
  readonly expectation: Expectation;
  /** The expectation in words. */
  readonly expected: string;
  readonly pass: boolean;
}

export interface Check {
  readonly check: string;
  readonly measured: string;
  readonly target: string;
  readonly pass: boolean;
}

export interface Evaluation {
  readonly sellers: number;
  readonly violators: number;
  readonly honest: number;
  /** Violators with a case / violators that acted in the period. */
  readonly recall: number;
  /** Violators with a case / violators whose acts the platform could see. */
  readonly recallVisible: number;
  /** Violators with a rung applied (warned, or more) / violators whose acts the platform could see. */
  readonly warnedVisible: number;
  /** Cases against violators / sellers with a case. */
  readonly precision: number;
  /** Honest sellers with a rung applied / honest sellers. */
  readonly honestWarnedRate: number;
  /** Honest sellers with a case but no rung applied (for review, no notice) / honest sellers. */
  readonly honestReviewRate: number;
  readonly honestSuspended: number;
  readonly daysToFirstAction: { readonly median: number | null; readonly p90: number | null; readonly measured: number };
  readonly byKind: readonly KindFigures[];
  readonly events: ReplayReport['events'];
  /** Complaints replayed, when the simulation has any (null: none given, though the truth lists some). */
  readonly complaints?: { readonly filed: number; readonly rejected: number; readonly inTruth: number } | null;
  /** The overall checks, then one per kind; `pass` when all pass. */
  readonly verdict: { readonly pass: boolean; readonly checks: readonly Check[] };
}

const quantile = (sorted: readonly number[], q: number): number | null => {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? null;
};

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Scores a replay report against the truth. */
export function score(report: ReplayReport, truth: z.infer<typeof SimulationTruth>): Evaluation {
  const complaints: Evaluation['complaints'] = report.complaints
    ? { ...report.complaints, inTruth: truth.counts.complaints }
    : truth.counts.complaints > 0
      ? null
      : undefined;
  const cases = new Map(report.sellers.map((seller) => [seller.sellerId, seller]));
  const flagged = (seller: TruthSeller) => cases.has(seller.sellerId);
  const suspended = (seller: TruthSeller) => {
    const rung = cases.get(seller.sellerId)?.highestRung;
    return rung !== undefined && rung !== null && rungIndex(rung) >= rungIndex('suspend');
  };
  const warned = (seller: TruthSeller) => {
    const rung = cases.get(seller.sellerId)?.highestRung;
    return rung !== undefined && rung !== null;
  };
  const outcome: Outcome = { flagged, warned, reviewOnly: (seller) => flagged(seller) && !warned(seller), suspended };
  const violators = truth.sellers.filter((seller) => seller.violator);
  const visibleViolators = violators.filter(visible);
  const acted = violators.filter((seller) => seller.firstViolationAt !== undefined);
  const honest = truth.sellers.filter((seller) => !seller.violator);
  const flaggedSellers = truth.sellers.filter(flagged);
  const byKind = SELLER_KINDS.map((kind) =>
    kindFigures(
      kind,
      truth.sellers.filter((seller) => seller.kind === kind),
      outcome,
    ),
  );
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
    recallVisible: round(visibleViolators.length === 0 ? 1 : visibleViolators.filter(flagged).length / visibleViolators.length),
    warnedVisible: round(visibleViolators.length === 0 ? 1 : visibleViolators.filter(warned).length / visibleViolators.length),
    precision: round(flaggedSellers.length === 0 ? 1 : flaggedSellers.filter((seller) => seller.violator).length / flaggedSellers.length),
    honestWarnedRate: round(honest.length === 0 ? 0 : honest.filter(warned).length / honest.length),
    honestReviewRate: round(honest.length === 0 ? 0 : honest.filter(outcome.reviewOnly).length / honest.length),
    honestSuspended: honest.filter(suspended).length,
    daysToFirstAction: {
      median: quantile(delays, 0.5) === null ? null : round(quantile(delays, 0.5) ?? 0, 1),
      p90: quantile(delays, 0.9) === null ? null : round(quantile(delays, 0.9) ?? 0, 1),
      measured: delays.length,
    },
    byKind,
    events: report.events,
    ...(complaints === undefined ? {} : { complaints }),
    verdict: judge(byKind, truth, complaints),
  };
}

/** What detection did to a seller, as the replay report says: a case, a rung applied, a case for review only, a suspension. */
interface Outcome {
  readonly flagged: (seller: TruthSeller) => boolean;
  readonly warned: (seller: TruthSeller) => boolean;
  readonly reviewOnly: (seller: TruthSeller) => boolean;
  readonly suspended: (seller: TruthSeller) => boolean;
}

function kindFigures(kind: (typeof SELLER_KINDS)[number], ofKind: readonly TruthSeller[], { flagged, warned, reviewOnly, suspended }: Outcome): KindFigures {
  const expectation = EXPECTATIONS[kind];
  const visibleSellers = ofKind.filter(visible);
  const figures = {
    kind,
    role: expectation.role,
    sellers: ofKind.length,
    withCase: ofKind.filter(flagged).length,
    warned: ofKind.filter(warned).length,
    review: ofKind.filter(reviewOnly).length,
    suspended: ofKind.filter(suspended).length,
    acted: ofKind.filter((seller) => seller.violator && seller.firstViolationAt !== undefined).length,
    visible: visibleSellers.length,
    caught: visibleSellers.filter(flagged).length,
    warnedVisible: visibleSellers.filter(warned).length,
    expectation,
    expected: describeExpectation(expectation),
  };
  const pass =
    expectation.role === 'honest'
      ? figures.warned <= expectation.maxWarnedRate * figures.sellers && figures.suspended <= expectation.maxSuspended && figures.review <= expectation.maxReviewRate * figures.sellers
      : figures.caught >= expectation.minCaughtOfVisible * figures.visible;
  return { ...figures, pass };
}

export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

const share = (part: number, whole: number) => `${part} of ${whole} (${whole === 0 ? '-' : pct(part / whole)})`;

/** The overall checks and one per kind. */
function judge(byKind: readonly KindFigures[], truth: z.infer<typeof SimulationTruth>, complaints: Evaluation['complaints']): Evaluation['verdict'] {
  const honest = byKind.filter((row) => row.role === 'honest');
  const violators = byKind.filter((row) => row.role === 'violator');
  const sum = (rows: readonly KindFigures[], f: (row: KindFigures) => number) => rows.reduce((n, row) => n + f(row), 0);
  const honestSellers = sum(honest, (row) => row.sellers);
  const honestWarned = sum(honest, (row) => row.warned);
  const honestSuspended = sum(honest, (row) => row.suspended);
  const honestReview = sum(honest, (row) => row.review);
  const visibleViolators = sum(violators, (row) => row.visible);
  const caught = sum(violators, (row) => row.caught);
  const goal = OVERALL_EXPECTATION;
  const checks: Check[] = [
    {
      check: 'honest sellers warned',
      measured: share(honestWarned, honestSellers),
      target: `<= ${goal.honestMaxWarnedRate * 100}%`,
      pass: honestWarned <= goal.honestMaxWarnedRate * honestSellers,
    },
    {
      check: 'honest sellers suspended (every approval granted)',
      measured: String(honestSuspended),
      target: `<= ${goal.honestMaxSuspended}`,
      pass: honestSuspended <= goal.honestMaxSuspended,
    },
    {
      check: 'honest sellers with a case for review (no notice)',
      measured: share(honestReview, honestSellers),
      target: `<= ${goal.honestMaxReviewRate * 100}%`,
      pass: honestReview <= goal.honestMaxReviewRate * honestSellers,
    },
    {
      check: 'violators caught (with a case), of those visible',
      measured: share(caught, visibleViolators),
      target: `>= ${goal.violatorsMinCaughtOfVisible * 100}%`,
      pass: caught >= goal.violatorsMinCaughtOfVisible * visibleViolators,
    },
  ];
  const inTruth = truth.counts.complaints;
  if (inTruth > 0) {
    checks.push({
      check: 'buyer complaints replayed (--complaints)',
      measured: complaints ? `${complaints.filed} of ${inTruth}` : 'none given',
      target: `${inTruth}`,
      pass: complaints !== null && complaints !== undefined && complaints.filed === inTruth,
    });
  }
  for (const row of byKind) {
    checks.push({
      check: `kind ${row.kind}`,
      measured:
        row.role === 'honest'
          ? `warned ${share(row.warned, row.sellers)}, suspended ${row.suspended}, review ${share(row.review, row.sellers)}`
          : `with a case ${share(row.caught, row.visible)} visible, warned ${share(row.warnedVisible, row.visible)}`,
      target: row.expected,
      pass: row.pass,
    });
  }
  return { pass: checks.every((check) => check.pass), checks };
}

