/**
 * `offside backtest FILE.jsonl --candidate CONFIG.json [--baseline CONFIG.json] [--approvals MODE]
 * [--truth TRUTH.json] [--complaints FILE] [--json]` (CONTRACTS.md section 7; the command line is
 * ./commands/backtest.ts): replays the history twice through the `offside replay` pipeline
 * (./replay.ts), once under each configuration, and compares what the ladder did to each seller.
 * The baseline defaults to the live configuration: the project's version 1 when no rules store is
 * given. The two replays run one after the other, each reading the file afresh, so memory is that
 * of one replay. A configuration file is checked by the rules schema first: a bad one is refused
 * with the field and the reason (exit 1) before anything is replayed.
 *
 * With `--partitions N` each side is a distributed backtest (./backtest-distributed.ts): its steps
 * run here, each partition on a worker thread; with `--on-aws --bucket B --state-machine ARN` the
 * run is written to the backtest bucket and the backtest state machine runs it (./backtest-aws.ts).
 * Either way the report is the one of the backtest in one process.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryRunStore } from '../../shared/adapters/files/replay-run-store';
import { S3RunStore } from '../../shared/adapters/s3/replay-run-store';
import type { ReplayRunStore } from '../../shared/ports/replay-run-store';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { DETECTION_CONFIG, parseDetectionConfigJson } from '../../shared/domain/detection/config';
import type { Rung } from '../../shared/domain/ladder/rungs';
import { RUNGS } from '../../shared/domain/ladder/rungs';
import type { ApprovalMode } from '../../shared/composition/replay/approval-modes';
import { SimulationTruth } from '../sim/truth';
import type { CliIo } from './command';
import { errorText } from './command';
import { runJobsOnAws } from './backtest-aws';
import { newRunPrefix, readMerged, runJobLocally, writeRun } from './backtest-distributed';
import { score } from './evaluation';
import { lazily } from '../../shared/composition/replay/replay-driver';
import type { ReplayReport } from './replay';
import { complaintsOption, replay, withUnparsedComplaints } from './replay';

export interface BacktestOptions {
  readonly candidate: string;
  readonly baseline?: string;
  readonly approvals: ApprovalMode;
  readonly truth?: string;
  readonly complaints?: string;
  readonly json?: boolean;
  /**
   * Replay each side as a distributed backtest in this many seller partitions
   * (shared/composition/replay/distributed.ts): here on worker threads, or with `onAws` on the
   * backtest state machine. Unset: each side in one process.
   */
  readonly partitions?: number;
  /** Run on the backtest state machine (infra/constructs/backtest.ts): `bucket` and `stateMachine` are then required. */
  readonly onAws?: boolean;
  /** The backtest bucket (the stack's BacktestBucketName output). */
  readonly bucket?: string;
  /** The backtest state machine's ARN (the stack's BacktestStateMachineArn output). */
  readonly stateMachine?: string;
  /** The AWS region (default: the SDK's, from the environment or profile). */
  readonly region?: string;
}

/** How a distributed backtest reaches AWS: the clients (tests point them at emulators). */
export interface BacktestClients {
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly pollMillis?: number;
}

/** Partitions per side of a distributed backtest when --partitions is not given (with --on-aws). */
export const DEFAULT_PARTITIONS = 16;

/** What the ladder did under one configuration. */
export interface BacktestSide {
  readonly version: number;
  /** Where the configuration came from: a file, or `live`. */
  readonly source: string;
  readonly events: ReplayReport['events'];
  /** Sellers with a case. */
  readonly sellersWithCase: number;
  /** Sellers by the highest rung applied to them (`none`: a case, nothing applied yet). */
  readonly rungs: Readonly<Record<Rung | 'none', number>>;
  /** Against the simulator's truth (--truth): cases against violators over sellers with a case, violators with a case over those that acted, honest sellers with a rung applied. */
  readonly precision?: number;
  readonly recall?: number;
  readonly honestWarned?: number;
}

export interface BacktestChange {
  readonly sellerId: string;
  readonly baseline: Rung | null;
  readonly candidate: Rung | null;
}

export interface BacktestReport {
  readonly baseline: BacktestSide;
  readonly candidate: BacktestSide;
  readonly changed: readonly BacktestChange[];
  readonly unchanged: number;
}

/** A file the command cannot use: its problems, one line each (exit 1 for a bad configuration, 2 for an unreadable file). */
class InputProblem extends Error {
  override readonly name = 'InputProblem';
  constructor(
    readonly lines: readonly string[],
    readonly code: 1 | 2,
  ) {
    super(lines.join('; '));
  }
}

async function readConfig(option: string, file: string): Promise<DetectionConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputProblem([`${option} ${file}: ${errorText(error)}`], 2);
  }
  const parsed = parseDetectionConfigJson(text);
  if (!parsed.ok) throw new InputProblem(parsed.issues.map((issue) => `${option} ${file}: ${issue.path}: ${issue.reason}`), 1);
  return parsed.config;
}

function readTruth(file: string): SimulationTruth {
  try {
    return SimulationTruth.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new InputProblem([`--truth ${file}: ${errorText(error)}`], 2);
  }
}

function side(report: ReplayReport, config: DetectionConfig, source: string, truth: SimulationTruth | undefined): BacktestSide {
  const rungs: Record<Rung | 'none', number> = { warn: 0, coach: 0, suspend: 0, 'legal-hold': 0, none: 0 };
  for (const seller of report.sellers) rungs[seller.highestRung ?? 'none'] += 1;
  const base = { version: config.version, source, events: report.events, sellersWithCase: report.sellers.length, rungs };
  if (!truth) return base;
  const evaluation = score(report, truth);
  const honestWarned = evaluation.byKind.filter((kind) => kind.role === 'honest').reduce((sum, kind) => sum + kind.warned, 0);
  return { ...base, precision: evaluation.precision, recall: evaluation.recall, honestWarned };
}

/** Sellers (with a case under either configuration) whose highest applied rung differs, by seller id; the rest are unchanged. */
export function compareReplays(baseline: ReplayReport, candidate: ReplayReport): Pick<BacktestReport, 'changed' | 'unchanged'> {
  const rungOf = (report: ReplayReport) => new Map(report.sellers.map((seller) => [seller.sellerId, seller.highestRung]));
  const before = rungOf(baseline);
  const after = rungOf(candidate);
  const sellers = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changed: BacktestChange[] = [];
  for (const sellerId of sellers) {
    const was = before.get(sellerId) ?? null;
    const is = after.get(sellerId) ?? null;
    if (was !== is) changed.push({ sellerId, baseline: was, candidate: is });
  }
  return { changed, unchanged: sellers.length - changed.length };
}

/** The baseline's and the candidate's replays as distributed backtests, on worker threads here or on AWS. */
async function distributedReplays(
  file: string,
  options: BacktestOptions,
  complaints: Awaited<ReturnType<typeof complaintsOption>>,
  configs: { readonly baseline: DetectionConfig | undefined; readonly candidate: DetectionConfig },
  io: Pick<CliIo, 'stderr'>,
  clients: BacktestClients | undefined,
): Promise<{ readonly before: ReplayReport; readonly after: ReplayReport }> {
  const partitions = options.partitions ?? DEFAULT_PARTITIONS;
  const run = newRunPrefix();
  const lines = lazily(() => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity }));
  const sides = [
    { side: 'baseline', config: configs.baseline === undefined ? undefined : JSON.stringify(configs.baseline) },
    { side: 'candidate', config: JSON.stringify(configs.candidate) },
  ];
  const input = { lines, approvals: options.approvals, partitions, ...(complaints.complaints ? { complaints: complaints.complaints } : {}) };
  let store: ReplayRunStore;
  let jobs: Record<string, string>;
  if (options.onAws === true) {
    if (options.bucket === undefined || options.stateMachine === undefined) throw new InputProblem(['--on-aws needs --bucket and --state-machine (the stack outputs BacktestBucketName and BacktestStateMachineArn)'], 2);
    const region = options.region === undefined ? {} : { region: options.region };
    const s3 = clients?.s3 ?? new S3Client(region);
    const sfn = clients?.sfn ?? new SFNClient(region);
    store = new S3RunStore(s3, options.bucket);
    jobs = await writeRun(store, run, input, sides);
    io.stderr.write(`offside backtest: run s3://${options.bucket}/${run}/\n`);
    await runJobsOnAws(
      { sfn, stateMachineArn: options.stateMachine, ...(clients?.pollMillis !== undefined ? { pollMillis: clients.pollMillis } : {}), log: (message) => io.stderr.write(`offside backtest: ${message}`) },
      Object.values(jobs),
    );
  } else {
    const root = mkdtempSync(join(tmpdir(), 'offside-backtest-run-'));
    try {
      store = new DirectoryRunStore(root);
      jobs = await writeRun(store, run, input, sides);
      for (const job of Object.values(jobs)) await runJobLocally(store, root, job, partitions);
      return await readSides(store, jobs, complaints.rejected, io);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return readSides(store, jobs, complaints.rejected, io);
}

async function readSides(store: ReplayRunStore, jobs: Record<string, string>, unparsed: number, io: Pick<CliIo, 'stderr'>): Promise<{ readonly before: ReplayReport; readonly after: ReplayReport }> {
  const read = async (side: string) => {
    const job = jobs[side];
    if (job === undefined) throw new Error(`no ${side} job`);
    return readMerged(store, job);
  };
  const before = await read('baseline');
  const after = await read('candidate');
  // Rejected lines are the same under both configurations: reported once, by the baseline.
  for (const rejected of before.rejected) if ('line' in rejected) io.stderr.write(`line ${rejected.line}: ${rejected.reason}\n`);
  return { before: withUnparsedComplaints(before.report, unparsed), after: withUnparsedComplaints(after.report, unparsed) };
}

export async function backtest(file: string, options: BacktestOptions, io: Pick<CliIo, 'stderr'>, clients?: BacktestClients): Promise<BacktestReport> {
  const candidate = await readConfig('--candidate', options.candidate);
  const baseline = options.baseline === undefined ? DETECTION_CONFIG : await readConfig('--baseline', options.baseline);
  const truth = options.truth === undefined ? undefined : readTruth(options.truth);
  let complaints;
  try {
    complaints = await complaintsOption(options.complaints, (message) => io.stderr.write(message));
  } catch (error) {
    throw new InputProblem([`--complaints ${options.complaints ?? ''}: ${errorText(error)}`], 2);
  }
  const run = async (config: DetectionConfig, label: string): Promise<ReplayReport> => {
    // Opened when the replay first reads it, once its engine is built (see lazily).
    const lines = lazily(() => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity }));
    const report = await replay(lines, {
      approvals: options.approvals,
      config,
      // Rejected lines are the same under both configurations: reported once, by the baseline.
      ...(label === 'baseline' ? { onRejected: (line: number, reason: string) => io.stderr.write(`line ${line}: ${reason}\n`) } : {}),
      ...(complaints.complaints ? { complaints: complaints.complaints } : {}),
    });
    return withUnparsedComplaints(report, complaints.rejected);
  };
  const { before, after } =
    options.partitions !== undefined || options.onAws === true
      ? await distributedReplays(file, options, complaints, { baseline: options.baseline === undefined ? undefined : baseline, candidate }, io, clients)
      : { before: await run(baseline, 'baseline'), after: await run(candidate, 'candidate') };
  return {
    baseline: side(before, baseline, options.baseline ?? 'live', truth),
    candidate: side(after, candidate, options.candidate, truth),
    ...compareReplays(before, after),
  };
}

const percent = (value: number | undefined) => (value === undefined ? '-' : `${(value * 100).toFixed(1)}%`);

function describeSide(name: string, report: BacktestSide): string {
  const rungs = [...RUNGS, 'none' as const].map((rung) => `${rung} ${report.rungs[rung]}`).join(', ');
  const truth = report.precision === undefined ? '' : `; precision ${percent(report.precision)}, recall ${percent(report.recall)}, honest sellers warned ${report.honestWarned ?? 0}`;
  return `${name}: version ${report.version} (${report.source}): ${report.sellersWithCase} sellers with a case (${rungs})${truth}`;
}

export function formatBacktest(report: BacktestReport): string {
  return [
    describeSide('baseline', report.baseline),
    describeSide('candidate', report.candidate),
    `changed: ${report.changed.length}, unchanged: ${report.unchanged}`,
    ...report.changed.map((change) => `  ${change.sellerId}  ${change.baseline ?? '(none)'} -> ${change.candidate ?? '(none)'}`),
    '',
  ].join('\n');
}

/** The command: exit 0 after a backtest, 1 for a bad configuration (field and reason on stderr), 2 when a file cannot be read. */
export async function backtestFile(file: string, options: BacktestOptions, io: Pick<CliIo, 'stdout' | 'stderr'>, clients?: BacktestClients): Promise<number> {
  let report: BacktestReport;
  try {
    report = await backtest(file, options, io, clients);
  } catch (error) {
    if (error instanceof InputProblem) {
      for (const line of error.lines) io.stderr.write(`offside backtest: ${line}\n`);
      return error.code;
    }
    io.stderr.write(`offside backtest: ${errorText(error)}\n`);
    return 2;
  }
  io.stdout.write(options.json === true ? `${JSON.stringify(report)}\n` : formatBacktest(report));
  return 0;
}
