/**
 * `offside evaluate STREAM.jsonl TRUTH.json [--complaints FILE] [--json]`: replays a simulated
 * marketplace (its buyer complaints filed at their time) and scores what detection made of it
 * against the simulator's ground truth, per seller: how many violators got a case (recall), how
 * many cases were against violators (precision), how many honest sellers were warned or
 * suspended, and how long after the first violation the first action came; then judges each kind
 * against its frozen expectation (tools/sim/expectations.ts), PASS or FAIL, and all of them
 * together. `--chart FILE.svg` also draws it (./evaluation-chart.ts); `--strict` exits 1 on FAIL.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { rungIndex } from '../../shared/domain/cases/case';
import { DAY_MS } from '../../shared/domain/detection/config';
import type { ReplayReport } from './replay';
import { APPROVAL_MODES } from '../local/replay-ladder';
import { complaintsOption, replay, withUnparsedComplaints } from './replay';
import { progress, trackFileLines } from './progress';
import { evaluationChart } from './evaluation-chart';
import type { Expectation } from '../sim/expectations';
import { EXPECTATIONS, OVERALL_EXPECTATION, describeExpectation, visible } from '../sim/expectations';
import type { TruthSeller } from '../sim/truth';
import { SELLER_KINDS, SimulationTruth } from '../sim/truth';

export { visible } from '../sim/expectations';

export interface KindFigures {
  readonly kind: string;
  readonly role: Expectation['role'];
  readonly sellers: number;
  /** Sellers of the kind with a case (any rung asked for or applied). */
  readonly withCase: number;
  /** Sellers of the kind with a rung applied (warned, or more). */
  readonly warned: number;
  /** Suspended or put on legal hold. */
  readonly suspended: number;
  /** Violators only: those that acted in the period at all. */
  readonly acted: number;
  /** Violators only: those whose acts left a trace the platform can see (see `visible`). */
  readonly visible: number;
  /** Violators only: visible ones with a rung applied. */
  readonly caught: number;
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
  /** Cases against violators / sellers with a case. */
  readonly precision: number;
  readonly honestWarnedRate: number;
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
  const violators = truth.sellers.filter((seller) => seller.violator);
  const acted = violators.filter((seller) => seller.firstViolationAt !== undefined);
  const honest = truth.sellers.filter((seller) => !seller.violator);
  const flaggedSellers = truth.sellers.filter(flagged);
  const byKind = SELLER_KINDS.map((kind) =>
    kindFigures(
      kind,
      truth.sellers.filter((seller) => seller.kind === kind),
      warned,
      flagged,
      suspended,
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
    byKind,
    events: report.events,
    ...(complaints === undefined ? {} : { complaints }),
    verdict: judge(byKind, truth, complaints),
  };
}

function kindFigures(kind: (typeof SELLER_KINDS)[number], ofKind: readonly TruthSeller[], warned: (s: TruthSeller) => boolean, flagged: (s: TruthSeller) => boolean, suspended: (s: TruthSeller) => boolean): KindFigures {
  const expectation = EXPECTATIONS[kind];
  const visibleSellers = ofKind.filter(visible);
  const figures = {
    kind,
    role: expectation.role,
    sellers: ofKind.length,
    withCase: ofKind.filter(flagged).length,
    warned: ofKind.filter(warned).length,
    suspended: ofKind.filter(suspended).length,
    acted: ofKind.filter((seller) => seller.violator && seller.firstViolationAt !== undefined).length,
    visible: visibleSellers.length,
    caught: visibleSellers.filter(warned).length,
    expectation,
    expected: describeExpectation(expectation),
  };
  const pass =
    expectation.role === 'honest'
      ? figures.warned <= expectation.maxWarnedRate * figures.sellers && figures.suspended <= expectation.maxSuspended
      : figures.caught >= expectation.minCaughtOfVisible * figures.visible;
  return { ...figures, pass };
}

const share = (part: number, whole: number) => `${part} of ${whole} (${whole === 0 ? '-' : pct(part / whole)})`;

/** The overall checks and one per kind. */
function judge(byKind: readonly KindFigures[], truth: z.infer<typeof SimulationTruth>, complaints: Evaluation['complaints']): Evaluation['verdict'] {
  const honest = byKind.filter((row) => row.role === 'honest');
  const violators = byKind.filter((row) => row.role === 'violator');
  const sum = (rows: readonly KindFigures[], f: (row: KindFigures) => number) => rows.reduce((n, row) => n + f(row), 0);
  const honestSellers = sum(honest, (row) => row.sellers);
  const honestWarned = sum(honest, (row) => row.warned);
  const honestSuspended = sum(honest, (row) => row.suspended);
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
      check: 'violators caught, of those visible',
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
      measured: row.role === 'honest' ? `warned ${share(row.warned, row.sellers)}, suspended ${row.suspended}` : `caught ${share(row.caught, row.visible)} visible`,
      target: row.expected,
      pass: row.pass,
    });
  }
  return { pass: checks.every((check) => check.pass), checks };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

const verdictWord = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

export function formatEvaluation(evaluation: Evaluation): string {
  const { complaints } = evaluation;
  const num = (n: number, width: number) => String(n).padStart(width);
  // Kinds without sellers pass by default; the table leaves them out (--json has them all).
  const shown = evaluation.byKind.filter((row) => row.sellers > 0);
  const empty = evaluation.byKind.length - shown.length;
  const lines = [
    `sellers ${evaluation.sellers} (violators ${evaluation.violators}, honest ${evaluation.honest}); events ${evaluation.events.accepted} accepted, ${evaluation.events.duplicates} duplicates, ${evaluation.events.rejected} rejected` +
      (complaints ? `; complaints ${complaints.filed} filed, ${complaints.rejected} rejected` : complaints === null ? '; complaints NOT replayed (--complaints)' : ''),
    `violators with a case (recall, of those that acted): ${pct(evaluation.recall)}`,
    `violators with a case (of those the platform could see): ${pct(evaluation.recallVisible)}`,
    `cases against violators (precision):           ${pct(evaluation.precision)}`,
    `honest sellers with a case:                    ${pct(evaluation.honestWarnedRate)}`,
    `honest sellers suspended (all approvals granted): ${evaluation.honestSuspended}`,
    `days from first violation to first rung applied: median ${evaluation.daysToFirstAction.median ?? '-'}, p90 ${evaluation.daysToFirstAction.p90 ?? '-'} (${evaluation.daysToFirstAction.measured} sellers)`,
    '',
    'kind                    role      sellers  with case  warned  suspended  visible  caught  expectation                        verdict',
    ...shown.map((row) => {
      const violator = row.role === 'violator';
      return (
        `${row.kind.padEnd(23)} ${row.role.padEnd(8)} ${num(row.sellers, 8)} ${num(row.withCase, 10)} ${num(row.warned, 7)} ${num(row.suspended, 10)} ` +
        `${violator ? num(row.visible, 8) : '       -'} ${violator ? num(row.caught, 7) : '      -'}  ${row.expected.padEnd(34)} ${verdictWord(row.pass)}`
      );
    }),
    '',
    ...evaluation.verdict.checks
      .filter((check) => !check.check.startsWith('kind '))
      .map((check) => `${check.check}: ${check.measured}, expected ${check.target}: ${verdictWord(check.pass)}`),
    `kinds passing: ${shown.filter((row) => row.pass).length} of ${shown.length}` + (empty > 0 ? ` (${empty} kinds without sellers not shown)` : ''),
    `verdict: ${verdictWord(evaluation.verdict.pass)}`,
  ];
  return `${lines.join('\n')}\n`;
}

const USAGE =
  'usage: offside evaluate STREAM.jsonl TRUTH.json [--complaints FILE] [--json] [--approvals approve-all|deny-all|none] [--chart FILE.svg] [--strict]';

export async function runEvaluate(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      // Every approval granted by default: the figures then show the most the ladder would do.
      options: {
        json: { type: 'boolean', default: false },
        approvals: { type: 'string', default: 'approve-all' },
        chart: { type: 'string' },
        complaints: { type: 'string' },
        strict: { type: 'boolean', default: false },
      },
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
  let complaints;
  try {
    complaints = await complaintsOption(parsed.values.complaints, (message) => bar.log(message));
  } catch (error) {
    bar.done();
    process.stderr.write(`offside evaluate: ${parsed.values.complaints ?? ''}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!complaints.complaints && truth.counts.complaints > 0) {
    bar.log(`offside evaluate: the truth lists ${truth.counts.complaints} buyer complaints; without --complaints they are not replayed and the verdict fails\n`);
  }
  const input = createReadStream(stream, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const report = await replay(bar.active ? trackFileLines(stream, lines, input, bar, 'evaluate') : lines, {
    approvals,
    onRejected: (line, reason) => bar.log(`line ${line}: ${reason}\n`),
    ...(complaints.complaints ? { complaints: complaints.complaints } : {}),
    onComplaintRejected: (line, reason) => bar.log(`complaints line ${line}: ${reason}\n`),
  }).finally(() => bar.done());
  const evaluation = score(withUnparsedComplaints(report, complaints.rejected), truth);
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
  return parsed.values.strict && !evaluation.verdict.pass ? 1 : 0;
}
