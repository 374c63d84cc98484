/**
 * `offside evaluate STREAM.jsonl TRUTH.json [--json]`: replays a simulated marketplace and scores
 * what detection made of it against the simulator's ground truth, per seller: how many violators
 * got a case (recall), how many cases were against violators (precision), how many honest sellers
 * were warned or suspended, and how long after the first violation the first action came.
 * The scoring is ./evaluation.ts; `--chart FILE.svg` also draws it (./evaluation-chart.ts); the
 * command line is ./commands/evaluate.ts.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ApprovalMode } from '../local/approval-modes';
import type { CliIo } from './command';
import { errorText } from './command';
import { replay } from './replay';
import { progress, trackFileLines } from './progress';
import type { Evaluation } from './evaluation';
import { score } from './evaluation';
import { evaluationChart } from './evaluation-chart';
import { SimulationTruth } from '../sim/truth';

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

export interface EvaluateCommandOptions {
  readonly json?: boolean;
  readonly approvals: ApprovalMode;
  /** Also draw the evaluation, as SVG, to this file. */
  readonly chart?: string;
}

/** The command: exit 0, 2 when the truth cannot be read, 1 when the chart cannot be written. */
export async function evaluateFiles(stream: string, truthFile: string, options: EvaluateCommandOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let truth;
  try {
    truth = SimulationTruth.parse(JSON.parse(readFileSync(truthFile, 'utf8')));
  } catch (error) {
    io.stderr.write(`offside evaluate: ${truthFile}: ${errorText(error)}\n`);
    return 2;
  }
  const bar = progress(io.stderr, 'evaluate');
  const input = createReadStream(stream, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const report = await replay(bar.active ? trackFileLines(stream, lines, input, bar, 'evaluate') : lines, {
    approvals: options.approvals,
    onRejected: (line, reason) => bar.log(`line ${line}: ${reason}\n`),
  }).finally(() => bar.done());
  const evaluation = score(report, truth);
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
  return 0;
}
