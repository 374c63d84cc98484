/**
 * The benchmark's report: what a run measured, the summary rows (figure, target, result) and the
 * Markdown the command prints, ready to paste into a README.
 */
import type { HostileClassification } from './classify-hostile';
import type { ClassifyThroughput } from './classify-throughput';
import type { ConsoleFigures } from './console';
import type { CostPerMillion } from './cost';
import { PLAN_EVENTS_PER_DAY } from './cost';
import type { DynamoCapacity } from './dynamodb-capacity';
import type { ReplayMemory } from './replay-memory';
import type { ReplayThroughput } from './replay-throughput';
import type { StreamShape } from './stream-shape';
import { CASES_TABLE, EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';

export interface BenchReport {
  readonly version: 1;
  readonly node: string;
  readonly input: { readonly events: number; readonly sellers: number; readonly days: number; readonly seed: number; readonly path: string };
  /** The stream's concentration on sellers and hours, for docs/capacity-plan.md. */
  readonly shape?: StreamShape;
  readonly replay?: ReplayThroughput;
  readonly classifier?: { readonly stream: ClassifyThroughput; readonly corpus: ClassifyThroughput; readonly hostile: HostileClassification };
  readonly dynamodb?: DynamoCapacity;
  readonly cost?: CostPerMillion;
  readonly memory?: ReplayMemory;
  readonly console?: ConsoleFigures;
}

export interface SummaryRow {
  readonly section: string;
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  /** `info` for a figure shown for context, without a target. */
  readonly result: 'pass' | 'FAIL' | 'info';
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number) => `${fixed(share * 100, 1)}%`;
const mb = (bytes: number) => `${int(bytes / (1024 * 1024))} MB`;
const verdict = (pass: boolean): SummaryRow['result'] => (pass ? 'pass' : 'FAIL');

export function summaryRows(report: BenchReport): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const { replay, classifier, dynamodb, cost, memory, console } = report;
  if (replay) {
    const floor = replay.floor.eventsPerSecond;
    const times = (eventsPerSecond: number) => `${fixed(floor / eventsPerSecond, 1)}x the floor's time`;
    rows.push(
      {
        section: 'replay throughput',
        figure: `\`offside replay --workers ${replay.partitioned.workers}\` (partitioned by seller on worker threads; consumers, detection, ladder with \`--approvals none\`) vs the floor (read + JSON.parse + zod of every event, one thread)`,
        measured: `${int(replay.partitioned.eventsPerSecond)} vs ${int(floor)} events/s: ${times(replay.partitioned.eventsPerSecond)}`,
        target: `within ${replay.target}x`,
        result: verdict(replay.pass),
      },
      {
        section: 'replay throughput',
        figure: '`offside replay` in one process (the same, one thread)',
        measured: `${int(replay.replay.eventsPerSecond)} events/s: ${times(replay.replay.eventsPerSecond)}`,
        target: '-',
        result: 'info',
      },
      {
        section: 'replay throughput',
        figure: 'the same with every approval granted (`--approvals approve-all`, as `offside evaluate`)',
        measured: `${int(replay.replayApproveAll.eventsPerSecond)} events/s: ${times(replay.replayApproveAll.eventsPerSecond)}`,
        target: '-',
        result: 'info',
      },
      {
        section: 'replay throughput',
        figure: 'consumers alone (detection only, no ladder)',
        measured: `${int(replay.consumersOnly.eventsPerSecond)} events/s: ${times(replay.consumersOnly.eventsPerSecond)}`,
        target: '-',
        result: 'info',
      },
    );
  }
  if (classifier) {
    for (const figures of [classifier.stream, classifier.corpus]) {
      rows.push({
        section: 'classifier throughput',
        figure: `\`classifyMessage\` vs the floor (NFKC + toLowerCase), ${figures.texts} (${int(figures.messages)} texts)`,
        measured: `${fixed(figures.classifyMicrosPerMessage, 2)} vs ${fixed(figures.floorMicrosPerMessage, 3)} µs/message: ${fixed(figures.ratio, 1)}x`,
        target: `within ${figures.target}x`,
        result: verdict(figures.pass),
      });
    }
    const { hostile } = classifier;
    rows.push({
      section: 'classifier, hostile input',
      figure: `worst time to classify one of ${hostile.texts.length} hostile texts of ${int(hostile.characters)} characters (repeated "a.b ", digit runs, "@" storms, long words, mixed scripts, nested brackets, many handles...)`,
      measured: `${fixed(hostile.worstMs, 1)} ms (${hostile.worst})`,
      target: `under ${hostile.target} ms`,
      result: verdict(hostile.pass),
    });
  }
  if (dynamodb) {
    const of = `${int(dynamodb.events)} events of ${int(dynamodb.sellers)} sellers through the consumers on DynamoDB Local`;
    const estimated = dynamodb.estimatedWriteUnitsPerEvent > 0 ? ` (${fixed(dynamodb.estimatedWriteUnitsPerEvent, 2)} of it from failed conditions, by item size)` : '';
    rows.push(
      {
        section: 'DynamoDB capacity',
        figure: `write units per event, ${of}`,
        measured: `${fixed(dynamodb.writeUnitsPerEvent, 2)} WCU${estimated}`,
        target: `at most ${dynamodb.writeTarget}`,
        result: verdict(dynamodb.writePass),
      },
      {
        section: 'DynamoDB capacity',
        figure: `read units per event, ${of}`,
        measured: `${fixed(dynamodb.readUnitsPerEvent, 2)} RCU`,
        target: `at most ${dynamodb.readTarget}`,
        result: verdict(dynamodb.readPass),
      },
    );
    // What ingestion pays (the evidence item) apart from what detection adds (signals, cases,
    // rings on the cases table), so each can be followed as the other changes.
    const onTable = (name: string) => dynamodb.breakdown.filter((line) => line.table === name);
    const units = (lines: typeof dynamodb.breakdown) =>
      `${fixed(lines.reduce((sum, line) => sum + line.writeUnitsPerEvent, 0), 2)} WCU, ${fixed(lines.reduce((sum, line) => sum + line.readUnitsPerEvent, 0), 2)} RCU`;
    rows.push({
      section: 'DynamoDB capacity',
      figure: 'per event, by table: evidence (ingestion\'s item, detection\'s queries) / cases (signals, cases, rings)',
      measured: `${units(onTable(EVIDENCE_TABLE.name))} / ${units(onTable(CASES_TABLE.name))}`,
      target: '-',
      result: 'info',
    });
  }
  if (cost) {
    rows.push({
      section: 'cost',
      figure: `one million events on AWS, ${cost.region} (prices of ${cost.pricesDate}), the tables billed as in prod: evidence and cases provisioned with auto scaling, the others on demand`,
      measured: `$${fixed(cost.totalDollars, 2)}`,
      target: `under $${cost.target}`,
      result: verdict(cost.pass),
    });
    rows.push({
      section: 'cost',
      figure: 'the same with every table on demand',
      measured: `$${fixed(cost.onDemand.totalDollars, 2)}`,
      target: '-',
      result: 'info',
    });
  }
  if (memory) {
    rows.push({
      section: 'replay memory',
      figure: `peak RSS of \`offside replay\` at ${memory.steps.map((step) => int(step.events)).join(' / ')} events (own process each)`,
      measured: `${memory.steps.map((step) => mb(step.peakRssBytes)).join(' / ')}: ${fixed(memory.ratio, 2)}x for ${fixed(memory.eventsRatio, 0)}x the events`,
      target: `at most ${memory.target}x`,
      result: verdict(memory.pass),
    });
  }
  if (console) {
    const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;
    rows.push(
      {
        section: 'web console',
        figure: `production bundle (${console.bundle.files} files: JavaScript, CSS, HTML), gzipped`,
        measured: `${kb(console.bundle.gzipBytes)} (${kb(console.bundle.bytes)} before compression)`,
        target: `under ${kb(console.bundle.target)}`,
        result: verdict(console.bundle.pass),
      },
      {
        section: 'web console',
        figure: `the queue opened until its cases show (median of ${console.load.rounds}, local host, answers stubbed)`,
        measured: `${int(console.load.millis)} ms`,
        target: `under ${int(console.load.target)} ms`,
        result: verdict(console.load.pass),
      },
      {
        section: 'web console',
        figure: `a ${console.timeline.entries}-entry chronology, from its answer to the entries on the case page (median of ${console.timeline.rounds})`,
        measured: `${int(console.timeline.drawMillis)} ms`,
        target: `under ${int(console.timeline.target)} ms`,
        result: verdict(console.timeline.pass),
      },
    );
  }
  return rows;
}

const escape = (cell: string) => cell.replaceAll('|', '\\|');
const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');

/** The whole report as Markdown: the summary table, then where the units and the dollars go. */
export function formatReport(report: BenchReport): string {
  const { input } = report;
  const parts = [
    `Input: the first ${int(input.events)} lines of \`offside simulate --sellers ${input.sellers} --days ${input.days} --seed ${input.seed}\`; Node ${report.node}.`,
    ...(report.shape
      ? [
          '',
          `Stream shape (docs/capacity-plan.md scales from it): ${int(report.shape.sellers)} sellers, the largest ${pct(report.shape.largestSellerShare)} of the events, the ten largest ${pct(report.shape.topTenSellersShare)}; busiest hour ${fixed(report.shape.peakHourRatio, 2)}x the mean hour; ${int(report.shape.bytesPerEvent)} bytes an event; by queue ${Object.entries(report.shape.queueShares).map(([queue, share]) => `${queue} ${pct(share)}`).join(', ')}.`,
        ]
      : []),
    '',
    table(
      ['section', 'figure', 'measured', 'target', 'result'],
      summaryRows(report).map((row) => [row.section, row.figure, row.measured, row.target, row.result]),
    ),
  ];
  if (report.dynamodb) {
    const { dynamodb } = report;
    parts.push(
      '',
      `DynamoDB capacity by table and operation, per event (${int(dynamodb.events)} events, ${int(dynamodb.invocations)} invocations, ` +
        `${fixed(dynamodb.callsPerEvent, 1)} calls per event, ${dynamodb.retriedRecords} records retried, ${dynamodb.failedRecords} failed for good; ` +
        'transactional writes at the documented 2 units per KB, DynamoDB Local reports 4):',
      '',
      table(
        ['table', 'operation', 'calls/event', 'WCU/event', 'RCU/event', 'failed conditions'],
        dynamodb.breakdown.map((line) => [
          line.table,
          line.operation,
          fixed(line.calls / dynamodb.events, 2),
          fixed(line.writeUnitsPerEvent, 3),
          fixed(line.readUnitsPerEvent, 3),
          int(line.conditionFailures),
        ]),
      ),
    );
  }
  if (report.cost) {
    const { cost } = report;
    parts.push(
      '',
      `Cost of one million events (${cost.region}, list prices of ${cost.pricesDate}, tools/bench/prices.json; Lambda at ${cost.memoryMb} MB, batches of ${cost.batchSize}; SQS requests per event: ${fixed(cost.sqs.sendRequestsPerEvent, 3)} sends, ${fixed(cost.sqs.receiveRequestsPerEvent, 3)} receives, ${fixed(cost.sqs.deleteRequestsPerEvent, 3)} deletes, ${int(cost.sqs.bytesPerEvent)} bytes an event):`,
      '',
      table(
        ['item', 'per million events', 'dollars'],
        [
          ...cost.lines.map((line) => [line.item, `${int(line.quantity)} ${line.unit}`, `$${fixed(line.dollars, 3)}`]),
          ['total', '', `$${fixed(cost.totalDollars, 3)}`],
          ['the same, every table on demand', '', `$${fixed(cost.onDemand.totalDollars, 3)}`],
        ],
      ),
      '',
      `Provisioned tables at ${int(PLAN_EVENTS_PER_DAY)} events a day, hour by hour through the stream's ${int(cost.provisioned[0]?.hours ?? 0)} hours (its whole days times its daily profile), as tools/bench/provisioned-capacity.ts scales them:`,
      '',
      table(
        ['table', 'units', 'per event', 'target', 'floor / ceiling (table + indexes)', 'utilisation held', 'throttled (model)', 'hours over the ceiling', 'per million events'],
        cost.provisioned.map((line) => [
          line.table,
          line.units,
          fixed(line.unitsPerEvent, 3),
          `${fixed(line.targetUtilization * 100, 0)}%`,
          `${int(line.range.min)} / ${int(line.range.max)}`,
          `${fixed(line.utilization * 100, 1)}%`,
          `${fixed(line.throttledShare * 100, 2)}%`,
          int(line.hoursOverCeiling),
          `${int(line.unitHoursPerMillion)} unit-hours, $${fixed(line.dollars, 3)}`,
        ]),
      ),
    );
  }
  if (report.cost && report.replay) {
    const { replay } = report;
    const listed = (counts: Readonly<Record<string, number>>) =>
      Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([name, n]) => `${name} ${int(n)}`)
        .join(', ');
    parts.push(
      '',
      `The ladder's lines, from the replay with every approval granted: ${int(replay.executionsApproveAll)} executions, ${int(replay.stateTransitionsApproveAll)} billed state transitions ` +
        `(${fixed(replay.stateTransitionsApproveAll / Math.max(1, replay.executionsApproveAll), 2)} an execution: ${int(replay.retriesApproveAll)} retries, the rest states entered, by state: ${listed(replay.statesEnteredApproveAll)}); ` +
        `${int(replay.stepInvocationsApproveAll)} ladder-step invocations; ` +
        `${int(replay.noticesApproveAll)} notices (by kind: ${listed(replay.noticesByKindApproveAll)}).`,
    );
  }
  return `${parts.join('\n')}\n`;
}
