/**
 * `offside evaluate STREAM.jsonl TRUTH.json [--complaints FILE] [--json] [--strict]`: replays a
 * simulated marketplace (its buyer complaints filed at their time) and scores what detection made
 * of it against the simulator's ground truth, kind by kind against the frozen expectations. The
 * scoring is ./evaluation.ts; `--chart FILE.svg` also draws it (./evaluation-chart.ts); the command
 * line is ./commands/evaluate.ts.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ApprovalMode } from '../../shared/composition/replay/approval-modes';
import type { CliIo } from './command';
import { errorText } from './command';
import { complaintsOption, replay, withUnparsedComplaints } from './replay';
import { progress, trackFileLines } from './progress';
import type { Evaluation } from './evaluation';
import { pct, score } from './evaluation';
import { evaluationChart } from './evaluation-chart';
import { SimulationTruth } from '../sim/truth';
import { lazily } from '../../shared/composition/replay/replay-driver';

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
    `violators warned (of those the platform could see):      ${pct(evaluation.warnedVisible)}`,
    `cases against violators (precision):           ${pct(evaluation.precision)}`,
    `honest sellers warned:                         ${pct(evaluation.honestWarnedRate)}`,
    `honest sellers with a case for review (no notice): ${pct(evaluation.honestReviewRate)}`,
    `honest sellers suspended (all approvals granted): ${evaluation.honestSuspended}`,
    `days from first violation to first rung applied: median ${evaluation.daysToFirstAction.median ?? '-'}, p90 ${evaluation.daysToFirstAction.p90 ?? '-'} (${evaluation.daysToFirstAction.measured} sellers)`,
    '',
    'kind                    role      sellers  with case  warned  review  suspended  visible  caught  warned  expectation                                   verdict',
    ...shown.map((row) => {
      const violator = row.role === 'violator';
      return (
        `${row.kind.padEnd(23)} ${row.role.padEnd(8)} ${num(row.sellers, 8)} ${num(row.withCase, 10)} ${num(row.warned, 7)} ${num(row.review, 7)} ${num(row.suspended, 10)} ` +
        `${violator ? num(row.visible, 8) : '       -'} ${violator ? num(row.caught, 7) : '      -'} ${violator ? num(row.warnedVisible, 7) : '      -'}  ${row.expected.padEnd(45)} ${verdictWord(row.pass)}`
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

export interface EvaluateCommandOptions {
  readonly json?: boolean;
  readonly approvals: ApprovalMode;
  /** Also draw the evaluation, as SVG, to this file. */
  readonly chart?: string;
  /** The simulation's buyer complaints (complaints.jsonl), filed at their receivedAt. */
  readonly complaints?: string;
  /** Exit 1 when the verdict fails. */
  readonly strict?: boolean;
}

/** The command: exit 0 (1 with --strict on FAIL), 2 when an input cannot be read, 1 when the chart cannot be written. */
export async function evaluateFiles(stream: string, truthFile: string, options: EvaluateCommandOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let truth;
  try {
    truth = SimulationTruth.parse(JSON.parse(readFileSync(truthFile, 'utf8')));
  } catch (error) {
    io.stderr.write(`offside evaluate: ${truthFile}: ${errorText(error)}\n`);
    return 2;
  }
  const bar = progress(io.stderr, 'evaluate');
  let complaints;
  try {
    complaints = await complaintsOption(options.complaints, (message) => bar.log(message));
  } catch (error) {
    bar.done();
    io.stderr.write(`offside evaluate: ${options.complaints ?? ''}: ${errorText(error)}\n`);
    return 2;
  }
  if (!complaints.complaints && truth.counts.complaints > 0) {
    bar.log(`offside evaluate: the truth lists ${truth.counts.complaints} buyer complaints; without --complaints they are not replayed and the verdict fails\n`);
  }
  // Opened when the replay first reads it, once its engine is built.
  const lines = lazily(() => {
    const input = createReadStream(stream, { encoding: 'utf8' });
    const read = createInterface({ input, crlfDelay: Infinity });
    return bar.active ? trackFileLines(stream, read, input, bar, 'evaluate') : read;
  });
  const report = await replay(lines, {
    approvals: options.approvals,
    onRejected: (line, reason) => bar.log(`line ${line}: ${reason}\n`),
    ...(complaints.complaints ? { complaints: complaints.complaints } : {}),
    onComplaintRejected: (line, reason) => bar.log(`complaints line ${line}: ${reason}\n`),
  }).finally(() => bar.done());
  const evaluation = score(withUnparsedComplaints(report, complaints.rejected), truth);
  io.stdout.write(options.json === true ? `${JSON.stringify(evaluation)}\n` : formatEvaluation(evaluation));
  const { chart } = options;
  if (chart !== undefined) {
    try {
      writeFileSync(chart, evaluationChart(evaluation, `approvals: ${options.approvals}`));
    } catch (error) {
      io.stderr.write(`offside evaluate: cannot write ${chart}: ${errorText(error)}\n`);
      return 1;
    }
  }
  return options.strict === true && !evaluation.verdict.pass ? 1 : 0;
}
