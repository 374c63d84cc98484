/**
 * `npm run bench [-- --events N] [--capacity-events N] [--seed S] [--days D] [--json]`: one run,
 * one table, every figure measured side by side on the same simulated stream:
 *
 * - replay throughput against the floor of reading, decoding and validating the same events;
 * - classifier throughput against the floor of NFKC + lower-casing the same texts, and the worst
 *   time for one hostile message of the maximum size;
 * - DynamoDB capacity per event through the real consumers on DynamoDB Local;
 * - the cost of one million events on AWS at list prices (tools/bench/prices.json), each table
 *   billed as production bills it (on demand, or provisioned with auto scaling);
 * - peak memory of a replay at a quarter, half and all of the stream;
 * - the web console: its bundle gzipped, the queue's load time, a 500-entry chronology's draw time.
 *
 * Each figure has its target and whether it met it. The stream is the first N lines (default
 * 100,000) of a seeded simulation, cached under .offside/cache/bench/. Progress goes to stderr on a
 * terminal; the table (or, with --json, one JSON object) to stdout. Exit 0 when the run completed,
 * whatever the figures; 2 on bad arguments.
 */
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { PROCESS_IO, configure, exitCode, integerOption, run } from '../cli/command';
import { progress } from '../cli/progress';
import { measureHostile } from './classify-hostile';
import { corpusMessages, measureClassifier, streamMessages } from './classify-throughput';
import { measureConsole } from './console';
import { costPerMillion } from './cost';
import { measureDynamoCapacity } from './dynamodb-capacity';
import { measureReplayMemory } from './replay-memory';
import { measureReplayThroughput } from './replay-throughput';
import { producerSends } from './sqs-traffic';
import { streamShape } from './stream-shape';
import { benchStream, sellerSample } from './stream';
import type { BenchStream } from './stream';
import type { BenchReport } from './report';
import { formatReport, summaryRows } from './report';

export const SECTIONS = ['replay', 'classifier', 'dynamodb', 'cost', 'memory', 'console'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  readonly events: number;
  readonly capacityEvents: number;
  readonly seed: number;
  readonly days: number;
  readonly sections: readonly Section[];
}

export async function runBench(options: BenchOptions, say: (line: string) => void): Promise<BenchReport> {
  const wants = (section: Section) => options.sections.includes(section);
  say(`stream: first ${options.events} lines of a simulation, seed ${options.seed}, ${options.days} days`);
  const stream: BenchStream = await benchStream({ events: options.events, seed: options.seed, days: options.days });
  const input = { events: stream.lines, sellers: stream.sellers, days: stream.days, seed: stream.seed, path: stream.path };
  // Cost needs the capacity and the notices of an approve-all replay.
  say('stream shape: sellers, hours, queues');
  const shape = await streamShape(stream.path);
  const replay = wants('replay') || wants('cost') ? await measureReplayThroughput(stream.path, say) : undefined;
  let classifier: BenchReport['classifier'];
  if (wants('classifier')) {
    say('classifier: message texts of the stream');
    // 20,000 messages a round at full size; fewer on a small stream, so a quick run stays quick.
    const perRound = Math.min(20_000, Math.max(1_000, Math.round(stream.lines / 5)));
    const fromStream = measureClassifier('stream messages', await streamMessages(stream.path), perRound);
    say('classifier: corpus texts');
    const fromCorpus = measureClassifier('events/corpus', corpusMessages(), perRound);
    say('classifier: hostile texts of the maximum size');
    classifier = { stream: fromStream, corpus: fromCorpus, hostile: measureHostile() };
  }
  const sample = wants('dynamodb') || wants('cost') ? await sellerSample(stream.path, options.capacityEvents) : [];
  const dynamodb = wants('dynamodb') || wants('cost') ? await measureDynamoCapacity(sample, say) : undefined;
  const cost = wants('cost') && dynamodb && replay ? costPerMillion(dynamodb, await producerSends(sample), {
          notices: replay.noticesApproveAll / stream.lines,
          stateTransitions: replay.stateTransitionsApproveAll / stream.lines,
          stepInvocations: replay.stepInvocationsApproveAll / stream.lines,
        }, shape) : undefined;
  const memory = wants('memory') ? await measureReplayMemory(stream, say) : undefined;
  const console = wants('console') ? await measureConsole(say) : undefined;
  return { version: 1, node: process.version, input, shape, replay, classifier, dynamodb, cost, memory, console };
}

function sections(text: string): Section[] {
  return text.split(',').map((name) => {
    const section = SECTIONS.find((known) => known === name.trim());
    if (!section) throw new InvalidArgumentError(`--only: unknown section "${name}" (sections: ${SECTIONS.join(', ')})`);
    return section;
  });
}

function benchCommand() {
  return configure(new Command('bench'), PROCESS_IO)
    .description('npm run bench -- [options]: speed, DynamoDB capacity, cost and memory, measured side by side on one simulated stream')
    .option('--events <N>', 'lines of the simulated stream', integerOption('events', 1, Number.MAX_SAFE_INTEGER), 100_000)
    .option('--capacity-events <N>', 'events of whole sellers sent through the consumers on DynamoDB Local', integerOption('capacity-events', 1, Number.MAX_SAFE_INTEGER), 5000)
    .option('--seed <S>', 'seed of the simulation', integerOption('seed', 1, Number.MAX_SAFE_INTEGER), 1)
    .option('--days <D>', 'days simulated', integerOption('days', 1, Number.MAX_SAFE_INTEGER), 120)
    .addOption(new Option('--only <SECTIONS>', `the sections to run, comma-separated: ${SECTIONS.join(',')}`).argParser(sections).default([...SECTIONS], 'all'))
    .option('--json', 'print the figures as one JSON object')
    .addHelpText('after', '\nExit 0 when the run completed, whatever the figures; 2 on bad arguments.')
    .action(
      exitCode(async ({ events, capacityEvents, seed, days, only, json }) =>
        bench({ events, capacityEvents, seed, days, sections: only }, json === true),
      ),
    );
}

export function main(argv: readonly string[]): Promise<number> {
  return run(benchCommand(), argv);
}

async function bench(options: BenchOptions, json: boolean): Promise<number> {
  const bar = progress(process.stderr, 'bench');
  let report: BenchReport;
  try {
    report = await runBench(options, (line) => bar.stage(`bench: ${line}`));
  } finally {
    bar.done();
  }
  process.stdout.write(json ? `${JSON.stringify({ ...report, rows: summaryRows(report) })}\n` : formatReport(report));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
