/**
 * `offside evaluate STREAM.jsonl TRUTH.json [--json]`: replays a simulated marketplace and scores
 * what detection made of it against the simulator's ground truth, per seller: how many violators
 * got a case (recall), how many cases were against violators (precision), how many honest sellers
 * were warned or suspended, and how long after the first violation the first action came.
 * `--chart FILE.svg` also draws it (./evaluation-chart.ts).
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { rungIndex } from '../../shared/domain/ladder/rungs';
import { DAY_MS } from '../../shared/domain/time';
import type { ReplayReport } from './replay';
import { APPROVAL_MODES } from '../local/replay-ladder';
import { replay } from './replay';
import { progress, trackFileLines } from './progress';
import { evaluationChart } from './evaluation-chart';
import type { TruthSeller } from '../sim/truth';
import { SELLER_KINDS, SimulationTruth } from '../sim/truth';

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

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

export function formatEvaluation(evaluation: Evaluation): string {
  const lines = [
    `sellers ${evaluation.sellers} (violators ${evaluation.violators}, honest ${evaluation.honest}); events ${evaluation.events.accepted} accepted, ${evaluation.events.duplicates} duplicates, ${evaluation.events.rejected} rejected`,
    `violators caught (recall, of those that acted): ${pct(evaluation.recall)}`,
    `violators caught (of those the platform could see): ${pct(evaluation.recallVisible)}`,
    `cases against violators (precision):           ${pct(evaluation.precision)}`,
    `honest sellers warned:                         ${pct(evaluation.honestWarnedRate)}`,
    `honest sellers suspended (all approvals granted): ${evaluation.honestSuspended}`,
    `days from first violation to first rung applied: median ${evaluation.daysToFirstAction.median ?? '-'}, p90 ${evaluation.daysToFirstAction.p90 ?? '-'} (${evaluation.daysToFirstAction.measured} sellers)`,
    '',
    'kind                   sellers  acted  visible  with case  suspended',
    ...evaluation.byKind.map(
      (row) =>
        `${row.kind.padEnd(22)} ${String(row.sellers).padStart(7)} ${String(row.acted).padStart(6)} ${String(row.visible).padStart(8)} ${String(row.withCase).padStart(10)} ${String(row.suspended).padStart(10)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const USAGE = 'usage: offside evaluate STREAM.jsonl TRUTH.json [--json] [--approvals approve-all|deny-all|none] [--chart FILE.svg]';

export async function runEvaluate(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      // Every approval granted by default: the figures then show the most the ladder would do.
      options: { json: { type: 'boolean', default: false }, approvals: { type: 'string', default: 'approve-all' }, chart: { type: 'string' } },
    });
  } catch (error) {
    process.stderr.write(`offside evaluate: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const [stream, truthFile, ...extra] = parsed.positionals;
  const approvals = APPROVAL_MODES.find((mode) => mode === parsed.values.approvals);
  if (!approvals) {
    process.stderr.write(`offside evaluate: --approvals must be one of ${APPROVAL_MODES.join(', ')}\n${USAGE}\n`);
    return 2;
  }
  if (!stream || !truthFile || extra.length > 0) {
    process.stderr.write(`offside evaluate: needs STREAM.jsonl and TRUTH.json\n${USAGE}\n`);
    return 2;
  }
  let truth;
  try {
    truth = SimulationTruth.parse(JSON.parse(readFileSync(truthFile, 'utf8')));
  } catch (error) {
    process.stderr.write(`offside evaluate: ${truthFile}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const bar = progress(process.stderr, 'evaluate');
  const input = createReadStream(stream, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const report = await replay(bar.active ? trackFileLines(stream, lines, input, bar, 'evaluate') : lines, {
    approvals,
    onRejected: (line, reason) => bar.log(`line ${line}: ${reason}\n`),
  }).finally(() => bar.done());
  const evaluation = score(report, truth);
  process.stdout.write(parsed.values.json ? `${JSON.stringify(evaluation)}\n` : formatEvaluation(evaluation));
  const { chart } = parsed.values;
  if (chart !== undefined) {
    try {
      writeFileSync(chart, evaluationChart(evaluation, `approvals: ${approvals}`));
    } catch (error) {
      process.stderr.write(`offside evaluate: cannot write ${chart}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}
