/**
 * `offside evaluate STREAM.jsonl TRUTH.json [--json]`: replays a simulated marketplace and scores
 * what detection made of it against the simulator's ground truth, per seller: how many violators
 * got a case (recall), how many cases were against violators (precision), how many honest sellers
 * were warned or suspended, and how long after the first violation the first action came.
 * The scoring is ./evaluation.ts; `--chart FILE.svg` also draws it (./evaluation-chart.ts).
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { APPROVAL_MODES } from '../local/replay-ladder';
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
