/**
 * What `offside replay` does to each batch of lines, kept apart from the order it is done in
 * (./replay-driver.ts): the in-process engine runs the consumers, the complaints intake and the
 * ladder on one product in memory. The same engine runs in every worker of a partitioned replay
 * (tools/cli/replay-partitioned.ts) and in every child of a distributed backtest (./distributed.ts),
 * on the lines of its own sellers, driven by the same control flow.
 */
import type { SQSRecord } from 'aws-lambda';
import type { SqsBatchHandler } from '../../adapters/lambda/ingestion-handler';
import type { LadderDefinitions } from '../../adapters/step-functions-local/local-workflow';
import type { ConsumerDeps } from '../product';
import type { MemoryProduct } from '../memory';
import type { QueueDefinition } from '../../adapters/sqs/queues';
import type { Rung } from '../../domain/ladder/rungs';
import type { DetectionConfig } from '../../domain/detection/config';
import { closeUnactedNotices } from '../../use-cases/close-notices';
import { receiveNotice } from '../../use-cases/receive-notice';
import type { ReceivedComplaint } from './complaints-file';
import { lambdaContext } from '../../adapters/lambda/lambda-context';
import { sqsRecord } from '../../adapters/sqs/sqs-record';
import type { ApprovalMode } from './approval-modes';
import { ReplayLadder } from './replay-ladder';

export type Consumer = QueueDefinition['consumer'];

/** One line of the input on its way to a consumer. */
export interface BatchRecord {
  readonly line: number;
  readonly body: string;
  /** The event's `id`, when the line has one (duplicates are counted by it). */
  readonly id: string | undefined;
}

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

/** The report of the contract (CONTRACTS.md section 3) from what the engines made of the lines. */
export function reportOf(result: Pick<EngineResult, 'accepted' | 'duplicates' | 'rejections' | 'complaintsFiled' | 'complaintRejections' | 'sellers'>, withComplaints: boolean): ReplayReport {
  const events = { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejections.length };
  return withComplaints
    ? { events, sellers: result.sellers, complaints: { filed: result.complaintsFiled, rejected: result.complaintRejections.length } }
    : { events, sellers: result.sellers };
}

/** The calls the control flow makes, in the order it makes them. */
export interface ReplayEngine {
  /**
   * A batch of one consumer's lines, then the ladder settles at `clock`. `since` is the clock of the
   * last settle of the whole replay: an engine that saw none of the batches in between (they were
   * other engines') first catches up to it, so its ladder wakes up before the batch as it would
   * have in one process.
   */
  flush(consumer: Consumer, records: readonly BatchRecord[], since: string, clock: string): Promise<void>;
  /** A complaint filed (after catching up to `since`), then the ladder settles at `clock`. */
  complaint(complaint: ReceivedComplaint, since: string, clock: string): Promise<void>;
  /** Evidence older than `before` is settled: dropped. */
  evict(before: string): Promise<void>;
  /** The day's sweep (after catching up to `since`, settled at `clock`): complaints no case took up are closed as no breach found. */
  closeNotices(since: string, clock: string): Promise<void>;
}

/** What one engine made of its lines. */
export interface EngineResult {
  readonly accepted: number;
  readonly duplicates: number;
  /** Rejected lines, with their reasons, in line order. */
  readonly rejections: readonly (readonly [line: number, reason: string])[];
  readonly complaintsFiled: number;
  readonly complaintRejections: readonly (readonly [line: number, reason: string])[];
  readonly sellers: readonly ReplaySeller[];
}

/** The three consumers' handlers by name (tools/local/consumers.ts; the product cannot import functions/). */
export type ConsumerHandlers = Readonly<Record<Consumer, (deps: ConsumerDeps) => SqsBatchHandler>>;

export interface LocalEngineOptions {
  readonly approvals: ApprovalMode;
  /** The enforcement ladder's state machines by starting rung, as synthesized (tools/local/ladder-definition.ts). */
  readonly definitions: LadderDefinitions;
  /** The definitions were validated where they were made (tools/local/ladder-definition.ts): not again here. */
  readonly definitionsValidated?: boolean;
  readonly handlers: ConsumerHandlers;
  readonly keepText: boolean;
  /** @default version 1 */
  readonly config?: DetectionConfig;
  /** Called once per rejected line, as soon as it is known. */
  readonly onRejected?: (line: number, reason: string) => void;
  readonly onComplaintRejected?: (line: number, reason: string) => void;
}

/** RFC 3339 without the milliseconds when they are zero, as the contract's examples write it. */
const rfc3339 = (time: string) => time.replace(/\.000Z$/u, 'Z');
const lineOf = (messageId: string) => Number(messageId.slice('line-'.length));

function record(lineNumber: number, body: string): SQSRecord {
  return sqsRecord({
    messageId: `line-${lineNumber}`,
    body,
    attributes: { SenderId: 'replay' },
    eventSourceARN: 'arn:aws:sqs:local:000000000000:replay',
    awsRegion: 'local',
  });
}

/** The whole pipeline in this process, on the product in memory and the replay's ladder. */
export class LocalReplayEngine implements ReplayEngine {
  private readonly handlers: Record<Consumer, SqsBatchHandler>;
  private readonly seenIds = new Set<string>();
  private accepted = 0;
  private duplicates = 0;
  private readonly rejections: [number, string][] = [];
  private complaintsFiled = 0;
  private readonly complaintRejections: [number, string][] = [];

  static create(options: LocalEngineOptions): LocalReplayEngine {
    return new LocalReplayEngine(ReplayLadder.create(options.approvals, options.definitions, { keepText: options.keepText, ...(options.config ? { config: options.config } : {}) }, options.definitionsValidated === true), options);
  }

  private constructor(
    readonly ladder: ReplayLadder,
    private readonly options: LocalEngineOptions,
  ) {
    const deps = ladder.product;
    this.handlers = {
      'ingest-reviews': options.handlers['ingest-reviews'](deps.consumer()),
      'ingest-messages': options.handlers['ingest-messages'](deps.consumer()),
      'ingest-report-downloads': options.handlers['ingest-report-downloads'](deps.consumer()),
    };
  }

  get deps(): MemoryProduct {
    return this.ladder.product;
  }

  async flush(consumer: Consumer, batch: readonly BatchRecord[], since: string, clock: string): Promise<void> {
    const deps = this.deps;
    if (since !== '') await this.ladder.settle(since);
    const rejections = new Map<number, string>();
    if (batch.length > 0) {
      const records = batch.map(({ line, body }) => record(line, body));
      const before = deps.rejected.rejected.length;
      let pending = records;
      // A record that fails for a transient reason is retried, as SQS would, a few times.
      for (let attempt = 1; pending.length > 0; attempt++) {
        const response = await this.handlers[consumer]({ Records: pending }, lambdaContext(consumer));
        const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
        if (failed.size > 0 && attempt >= 3) {
          for (const id of failed) rejections.set(lineOf(id), 'processing failed after 3 attempts');
          break;
        }
        pending = pending.filter((item) => failed.has(item.messageId));
      }
      for (const rejection of deps.rejected.rejected.slice(before)) rejections.set(lineOf(rejection.sourceMessageId), rejection.reason);
      deps.rejected.rejected.length = before;
    }
    if (clock !== '') await this.ladder.settle(clock);
    for (const { line, id } of batch) {
      const reason = rejections.get(line);
      if (reason !== undefined) {
        this.rejections.push([line, reason]);
        this.options.onRejected?.(line, reason);
        continue;
      }
      const key = id ?? '';
      if (this.seenIds.has(key)) this.duplicates++;
      else {
        this.seenIds.add(key);
        this.accepted++;
      }
    }
  }

  async complaint(complaint: ReceivedComplaint, since: string, clock: string): Promise<void> {
    if (since !== '') await this.ladder.settle(since);
    try {
      await receiveNotice(complaint.input, this.deps);
      this.complaintsFiled++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.complaintRejections.push([complaint.line, reason]);
      this.options.onComplaintRejected?.(complaint.line, reason);
    }
    await this.ladder.settle(clock);
  }

  async evict(before: string): Promise<void> {
    await this.deps.store.evictBefore(before);
  }

  async closeNotices(since: string, clock: string): Promise<void> {
    if (since !== '') await this.ladder.settle(since);
    await this.ladder.settle(clock);
    await closeUnactedNotices('', clock, this.deps);
  }

  /** Lets the ladder finish at `clock`, then reads every seller's outcome. */
  async finish(clock: string): Promise<EngineResult> {
    if (clock !== '') await this.ladder.settle(clock);
    await this.ladder.drain();
    const cases = await this.deps.cases.listCases();
    const bySeller = new Map<string, typeof cases>();
    for (const item of cases) bySeller.set(item.sellerId, [...(bySeller.get(item.sellerId) ?? []), item]);
    const sellers = (
      await Promise.all(
        [...bySeller.entries()].map(async ([sellerId, sellerCases]): Promise<ReplaySeller> => {
          const ordered = [...sellerCases].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
          const { highestRung, firstActionAt } = await this.ladder.outcome(sellerId, ordered);
          return { sellerId, highestRung, caseIds: ordered.map((item) => item.caseId), firstActionAt: firstActionAt === null ? null : rfc3339(firstActionAt) };
        }),
      )
    ).sort((a, b) => (a.sellerId < b.sellerId ? -1 : 1));
    await this.ladder.close();
    return {
      accepted: this.accepted,
      duplicates: this.duplicates,
      rejections: this.rejections,
      complaintsFiled: this.complaintsFiled,
      complaintRejections: this.complaintRejections,
      sellers,
    };
  }
}
