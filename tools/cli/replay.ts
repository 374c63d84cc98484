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
import type { SQSRecord } from 'aws-lambda';
import type { SqsBatchHandler } from '../../shared/adapters/lambda/ingestion-handler';
import type { MemoryProduct } from '../../shared/composition/memory';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';
import { CONSUMER_BATCH_SIZE, queueForEventType } from '../../shared/adapters/sqs/queues';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import type { Rung } from '../../shared/domain/ladder/rungs';
import { addDays } from '../../shared/domain/time';
import { peekRouting } from '../../events/v1/parse';
import { closeUnactedNotices } from '../../shared/use-cases/close-notices';
import { receiveNotice } from '../../shared/use-cases/receive-notice';
import type { ReceivedComplaint } from './complaints-file';
import { readComplaintsFile } from './complaints-file';
import { CONSUMER_HANDLERS } from '../local/consumers';
import { lambdaContext } from '../local/lambda-context';
import { sqsRecord } from '../local/sqs-record';
import type { ApprovalMode } from '../local/approval-modes';
import { ReplayLadder } from '../local/replay-ladder';
import type { CliIo } from './command';
import { errorText } from './command';
import { progress, trackFileLines } from './progress';


export interface ReplaySeller {
  readonly sellerId: string;
  readonly highestRung: Rung | null;
  readonly caseIds: readonly string[];
  readonly firstActionAt: string | null;
}

export interface ReplayReport {
  readonly events: { readonly accepted: number; readonly duplicates: number; readonly rejected: number };
  readonly sellers: readonly ReplaySeller[];
  /** Only when complaints were given: how many were filed, and how many could not be. */
  readonly complaints?: { readonly filed: number; readonly rejected: number };
}

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

type Consumer = QueueDefinition['consumer'];

/** RFC 3339 without the milliseconds when they are zero, as the contract's examples write it. */
const rfc3339 = (time: string) => time.replace(/\.000Z$/u, 'Z');

/** How late an event may arrive and still find the evidence it needs. */
const LATE_TOLERANCE_DAYS = 14;
const EVICT_EVERY_LINES = 10_000;

const lineOf = (messageId: string) => Number(messageId.slice('line-'.length));

/** Replays the lines of `input` and reports what the pipeline made of them. */
export async function replay(input: AsyncIterable<string>, options: ReplayOptions = {}): Promise<ReplayReport> {
  return (await replayWithState(input, options)).report;
}

/** The same, also handing back the in-memory stores, so a caller can look into the cases. */
export async function replayWithState(
  input: AsyncIterable<string>,
  options: ReplayOptions = {},
): Promise<{ readonly report: ReplayReport; readonly deps: MemoryProduct; readonly workflow: { readonly executions: number; readonly stateTransitions: number } }> {
  const ladder = await ReplayLadder.create(options.approvals ?? 'none', { keepText: options.keepText ?? false, ...(options.config ? { config: options.config } : {}) });
  const deps = ladder.product;
  // Evidence older than anything a rule can still look back to is settled: drop it as the virtual
  // clock (the latest event time seen) moves on, so memory stays flat over long replays.
  const horizonDays = deps.config.evidence.windowDays + deps.config.signals['targeted-lookup'].maxDaysAfterReview + LATE_TOLERANCE_DAYS;
  let clock = '';
  const handlers: Record<Consumer, SqsBatchHandler> = {
    'ingest-reviews': CONSUMER_HANDLERS['ingest-reviews'](deps.consumer()),
    'ingest-messages': CONSUMER_HANDLERS['ingest-messages'](deps.consumer()),
    'ingest-report-downloads': CONSUMER_HANDLERS['ingest-report-downloads'](deps.consumer()),
  };
  const seenIds = new Set<string>();
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  const rejections = new Map<number, string>();

  const complaints = options.complaints ?? [];
  let nextComplaint = 0;
  let filed = 0;
  let complaintsRejected = 0;

  let batch: { consumer: Consumer; records: SQSRecord[]; ids: (string | undefined)[] } | undefined;
  const flush = async () => {
    if (!batch) return;
    const { consumer, records, ids } = batch;
    batch = undefined;
    const before = deps.rejected.rejected.length;
    let pending = records;
    // A record that fails for a transient reason is retried, as SQS would, a few times.
    for (let attempt = 1; pending.length > 0; attempt++) {
      const response = await handlers[consumer]({ Records: pending }, lambdaContext(consumer));
      const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
      if (failed.size > 0 && attempt >= 3) {
        for (const id of failed) rejections.set(lineOf(id), 'processing failed after 3 attempts');
        break;
      }
      pending = pending.filter((record) => failed.has(record.messageId));
    }
    for (const rejection of deps.rejected.rejected.slice(before)) {
      rejections.set(lineOf(rejection.sourceMessageId), rejection.reason);
    }
    deps.rejected.rejected.length = before;
    if (clock !== '') await ladder.settle(clock);
    records.forEach((record, i) => {
      const line = lineOf(record.messageId);
      const reason = rejections.get(line);
      if (reason !== undefined) {
        rejected++;
        options.onRejected?.(line, reason);
        rejections.delete(line);
        return;
      }
      const id = ids[i] ?? '';
      if (seenIds.has(id)) duplicates++;
      else {
        seenIds.add(id);
        accepted++;
      }
    });
  };

  /** Files, in order, every complaint the console received up to `until` (all of them without it). */
  const fileComplaintsUntil = async (until?: string) => {
    while (nextComplaint < complaints.length) {
      const complaint = complaints[nextComplaint];
      if (!complaint || (until !== undefined && complaint.at > until)) break;
      nextComplaint++;
      // Everything before it happened first: the batch of earlier events goes in before it.
      await flush();
      try {
        await receiveNotice(complaint.input, deps);
        filed++;
      } catch (error) {
        complaintsRejected++;
        options.onComplaintRejected?.(complaint.line, error instanceof Error ? error.message : String(error));
      }
      if (complaint.at > clock) clock = complaint.at;
      await ladder.settle(clock);
    }
  };

  let sweptDay = '';
  /** The day's sweep of notices no case took up, when asked for, once per virtual day. */
  const closeNoticesOfTheDay = async () => {
    if (!options.closeNotices || clock === '' || clock.slice(0, 10) === sweptDay) return;
    sweptDay = clock.slice(0, 10);
    await flush();
    await ladder.settle(clock);
    await closeUnactedNotices('', clock, deps);
  };

  let lineNumber = 0;
  for await (const line of input) {
    lineNumber++;
    if (line.trim() === '') continue;
    const { type, id, time } = peekRouting(line);
    if (time !== undefined && time > clock && nextComplaint < complaints.length) await fileComplaintsUntil(time);
    if (time !== undefined && time > clock) clock = time;
    await closeNoticesOfTheDay();
    if (lineNumber % EVICT_EVERY_LINES === 0 && clock !== '') {
      await flush();
      await deps.store.evictBefore(addDays(clock, -horizonDays));
    }
    const consumer = queueForEventType(type ?? '')?.consumer ?? 'ingest-reviews';
    if (batch && (batch.consumer !== consumer || batch.records.length >= CONSUMER_BATCH_SIZE)) await flush();
    batch ??= { consumer, records: [], ids: [] };
    batch.records.push(record(lineNumber, line));
    batch.ids.push(id);
  }
  await flush();
  await fileComplaintsUntil();
  if (clock !== '') await ladder.settle(clock);
  await closeNoticesOfTheDay();
  await ladder.drain();

  const cases = await deps.cases.listCases();
  const bySeller = new Map<string, typeof cases>();
  for (const item of cases) bySeller.set(item.sellerId, [...(bySeller.get(item.sellerId) ?? []), item]);
  const sellers = (
    await Promise.all(
      [...bySeller.entries()].map(async ([sellerId, sellerCases]): Promise<ReplaySeller> => {
        const ordered = [...sellerCases].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
        const { highestRung, firstActionAt } = await ladder.outcome(sellerId, ordered);
        return { sellerId, highestRung, caseIds: ordered.map((item) => item.caseId), firstActionAt: firstActionAt === null ? null : rfc3339(firstActionAt) };
      }),
    )
  ).sort((a, b) => (a.sellerId < b.sellerId ? -1 : 1));
  await ladder.close();
  const events = { accepted, duplicates, rejected };
  const report: ReplayReport = options.complaints ? { events, sellers, complaints: { filed, rejected: complaintsRejected } } : { events, sellers };
  return { report, deps, workflow: { ...ladder.counts } };
}


/** `{"sellerId": ..., "statement": {...}}` per statement issued, in issue order (CONTRACTS.md section 6). */
export function statementLines(deps: Pick<MemoryProduct, 'statements'>): string {
  return deps.statements.issued.map(({ sellerId, statement }) => `${JSON.stringify({ sellerId, statement })}\n`).join('');
}

function record(lineNumber: number, body: string): SQSRecord {
  return sqsRecord({
    messageId: `line-${lineNumber}`,
    body,
    attributes: { SenderId: 'replay' },
    eventSourceARN: 'arn:aws:sqs:local:000000000000:replay',
    awsRegion: 'local',
  });
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
}

/** The command: exit 0 after a replay (rejected lines do not stop it), 2 when the file cannot be read. */
export async function replayFile(file: string, options: ReplayCommandOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let report: ReplayReport;
  const bar = progress(io.stderr, 'replay');
  try {
    const complaints = await complaintsOption(options.complaints, (message) => bar.log(message));
    const input = createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    const replayed = await replayWithState(bar.active ? trackFileLines(file, lines, input, bar, 'replay') : lines, {
      approvals: options.approvals,
      onRejected: (line, reason) => bar.log(`line ${line}: ${reason}\n`),
      ...(complaints.complaints ? { complaints: complaints.complaints } : {}),
      closeNotices: options.closeNotices === true,
      onComplaintRejected: (line, reason) => bar.log(`complaints line ${line}: ${reason}\n`),
    });
    report = withUnparsedComplaints(replayed.report, complaints.rejected);
    if (options.statements !== undefined) await writeFile(options.statements, statementLines(replayed.deps));
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
