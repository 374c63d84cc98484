/**
 * `offside replay FILE.jsonl [--json] [--approvals none|approve-all|deny-all] [--complaints FILE]`
 * (CONTRACTS.md section 3; the command line is ./commands/replay.ts): the whole pipeline over a file of events, in this process. Each line
 * goes, as an SQS record, through the same consumer handler the queue of its type has on AWS, with
 * the in-memory adapters behind the same ports. Time is virtual: every decision is taken at the
 * events' own `time`, so months of events replay in seconds. Buyer complaints (`--complaints`, one
 * console intake body a line) are filed through the console's use case at their `receivedAt`, in
 * time order with the events.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { MemoryProduct } from '../../shared/composition/memory';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import type { ReceivedComplaint } from '../../shared/composition/replay/complaints-file';
import { readComplaintsFile } from '../../shared/composition/replay/complaints-file';
import type { ApprovalMode } from '../../shared/composition/replay/approval-modes';
import type { CliIo } from './command';
import { errorText } from './command';
import { progress, trackFileLines } from './progress';
import { drive, horizonDaysOf, lazily } from '../../shared/composition/replay/replay-driver';
import type { ReplayReport } from '../../shared/composition/replay/replay-engine';
import { reportOf } from '../../shared/composition/replay/replay-engine';
import { localReplayEngine } from './replay-local';

export type { ReplayReport, ReplaySeller } from '../../shared/composition/replay/replay-engine';

export interface ReplayOptions {
  readonly approvals?: ApprovalMode;
  /** The detection configuration to judge under (a backtest's baseline or candidate). @default the live one, version 1 */
  readonly config?: DetectionConfig;
  /** Keep message and review text in the in-memory store (tests that read it). @default false */
  readonly keepText?: boolean;
  /** Called once per rejected line, in line order. */
  readonly onRejected?: (line: number, reason: string) => void;
  /** Buyer complaints in `receivedAt` order, each filed when the events' clock reaches it. */
  readonly complaints?: readonly ReceivedComplaint[];
  /**
   * Once a virtual day, close the complaints no case took up within NOTICE_REVIEW_DAYS as no
   * breach found (Art. 16(5)); they count as unfounded on their notifier's standing (Art. 23).
   * @default false
   */
  readonly closeNotices?: boolean;
  /** Called once per complaint that could not be filed. */
  readonly onComplaintRejected?: (line: number, reason: string) => void;
}

/** Replays the lines of `input` and reports what the pipeline made of them. */
export async function replay(input: AsyncIterable<string>, options: ReplayOptions = {}): Promise<ReplayReport> {
  return (await replayWithState(input, options)).report;
}

/** The same, also handing back the in-memory stores, so a caller can look into the cases. */
export async function replayWithState(
  input: AsyncIterable<string>,
  options: ReplayOptions = {},
): Promise<{ readonly report: ReplayReport; readonly deps: MemoryProduct; readonly workflow: { readonly executions: number; readonly stateTransitions: number; readonly retries: number; readonly stepInvocations: number; readonly statesEntered: Readonly<Record<string, number>> } }> {
  const engine = await localReplayEngine({
    approvals: options.approvals ?? 'none',
    keepText: options.keepText ?? false,
    ...(options.config ? { config: options.config } : {}),
    ...(options.onRejected ? { onRejected: options.onRejected } : {}),
    ...(options.onComplaintRejected ? { onComplaintRejected: options.onComplaintRejected } : {}),
  });
  // Evidence older than anything a rule can still look back to is settled: dropped as the virtual
  // clock (the latest event time seen) moves on, so memory stays flat over long replays.
  const clock = await drive(input, { complaints: options.complaints ?? [], closeNotices: options.closeNotices === true }, horizonDaysOf(engine.deps.config), engine);
  const result = await engine.finish(clock);
  return { report: reportOf(result, options.complaints !== undefined), deps: engine.deps, workflow: { ...engine.ladder.counts, statesEntered: Object.fromEntries(engine.ladder.statesEntered) } };
}

/** `{"sellerId": ..., "statement": {...}}` per statement issued, in issue order (CONTRACTS.md section 6). */
export function statementLines(issued: readonly { readonly sellerId: string; readonly statement: unknown }[]): string {
  return issued.map(({ sellerId, statement }) => `${JSON.stringify({ sellerId, statement })}\n`).join('');
}

/** Reads `--complaints FILE` for replay and evaluate; its invalid lines are reported, never fatal. */
export async function complaintsOption(file: string | undefined, report: (message: string) => void): Promise<{ complaints?: readonly ReceivedComplaint[]; rejected: number }> {
  if (file === undefined) return { rejected: 0 };
  const read = await readComplaintsFile(file);
  for (const { line, reason } of read.rejected) report(`complaints line ${line}: ${reason}\n`);
  return { complaints: read.complaints, rejected: read.rejected.length };
}

/** The report with the complaints that never parsed counted among the rejected. */
export function withUnparsedComplaints(report: ReplayReport, unparsed: number): ReplayReport {
  if (!report.complaints || unparsed === 0) return report;
  return { ...report, complaints: { filed: report.complaints.filed, rejected: report.complaints.rejected + unparsed } };
}

export interface ReplayCommandOptions {
  /** Print the contract's JSON (CONTRACTS.md section 3) instead of a summary for people. */
  readonly json?: boolean;
  readonly approvals: ApprovalMode;
  /** Buyer complaints to file at their receivedAt (one console intake body a line). */
  readonly complaints?: string;
  /** Write every statement of reasons issued during the replay here, one JSON line each (CONTRACTS.md section 6). */
  readonly statements?: string;
  /** Close the complaints no case took up within NOTICE_REVIEW_DAYS (ReplayOptions.closeNotices). */
  readonly closeNotices?: boolean;
  /** Partition the replay by seller over this many worker threads (./replay-partitioned.ts). @default 1 */
  readonly workers?: number;
}

/** The command: exit 0 after a replay (rejected lines do not stop it), 2 when the file cannot be read. */
export async function replayFile(file: string, options: ReplayCommandOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let report: ReplayReport;
  const bar = progress(io.stderr, 'replay');
  try {
    const complaints = await complaintsOption(options.complaints, (message) => bar.log(message));
    let passes = 0;
    const open = () => {
      passes++;
      const input = createReadStream(file, { encoding: 'utf8' });
      const lines = createInterface({ input, crlfDelay: Infinity });
      return bar.active ? trackFileLines(file, lines, input, bar, passes === 1 ? 'replay' : `replay, pass ${passes}`) : lines;
    };
    const common = {
      approvals: options.approvals,
      onRejected: (line: number, reason: string) => bar.log(`line ${line}: ${reason}\n`),
      ...(complaints.complaints ? { complaints: complaints.complaints } : {}),
      closeNotices: options.closeNotices === true,
      onComplaintRejected: (line: number, reason: string) => bar.log(`complaints line ${line}: ${reason}\n`),
    };
    if ((options.workers ?? 1) > 1) {
      const { replayPartitioned } = await import('./replay-partitioned');
      const replayed = await replayPartitioned(open, { ...common, workers: options.workers ?? 1 });
      report = withUnparsedComplaints(replayed.report, complaints.rejected);
      if (options.statements !== undefined) await writeFile(options.statements, statementLines(replayed.statements));
    } else {
      const replayed = await replayWithState(lazily(open), common);
      report = withUnparsedComplaints(replayed.report, complaints.rejected);
      if (options.statements !== undefined) await writeFile(options.statements, statementLines(replayed.deps.statements.issued));
    }
  } catch (error) {
    bar.done();
    io.stderr.write(`offside replay: ${errorText(error)}\n`);
    return 2;
  }
  bar.done();
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const { accepted, duplicates, rejected } = report.events;
    io.stdout.write(`events: ${accepted} accepted, ${duplicates} duplicates, ${rejected} rejected\n`);
    if (report.complaints) io.stdout.write(`complaints: ${report.complaints.filed} filed, ${report.complaints.rejected} rejected\n`);
    io.stdout.write(`sellers with a case: ${report.sellers.length}\n`);
    for (const seller of report.sellers) {
      io.stdout.write(
        `  ${seller.sellerId}  ${seller.highestRung ?? '(none applied)'}  first action ${seller.firstActionAt ?? '-'}  cases ${seller.caseIds.join(', ')}\n`,
      );
    }
  }
  return 0;
}
