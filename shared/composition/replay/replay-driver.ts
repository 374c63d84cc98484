/**
 * The order `offside replay` does things in, whatever does them (./replay-engine.ts): lines are
 * batched per consumer as a queue would deliver them, the virtual clock follows the latest event
 * time seen, complaints are filed when the clock reaches their `receivedAt`, and settled evidence is
 * evicted as the clock moves on. A partitioned replay runs this same flow in its dispatcher, so
 * every worker sees each batch boundary, each settle and each eviction at the same clock values as
 * a replay in one process.
 */
import { CONSUMER_BATCH_SIZE, queueForEventType } from '../../adapters/sqs/queues';
import { addDays } from '../../domain/time';
import { peekRouting } from '../../../events/v1/parse';
import type { DetectionConfig } from '../../domain/detection/config';
import type { ReceivedComplaint } from './complaints-file';
import type { BatchRecord, Consumer, ReplayEngine } from './replay-engine';

/** How late an event may arrive and still find the evidence it needs. */
const LATE_TOLERANCE_DAYS = 14;
const EVICT_EVERY_LINES = 10_000;

/** How far back evidence can still matter: older evidence is settled, and evicted. */
export const horizonDaysOf = (config: Pick<DetectionConfig, 'evidence' | 'signals'>) =>
  config.evidence.windowDays + config.signals['targeted-lookup'].maxDaysAfterReview + LATE_TOLERANCE_DAYS;

/** A batch record with the seller it is about (undefined when the line does not say). */
export interface RoutedRecord extends BatchRecord {
  readonly sellerId: string | undefined;
}

/** The driver's side of an engine: each flushed batch carries its records' sellers. */
export interface DrivenEngine extends Omit<ReplayEngine, 'flush'> {
  flush(consumer: Consumer, records: readonly RoutedRecord[], since: string, clock: string): Promise<void>;
}

/**
 * Drives `engine` over the lines of `input` and the `complaints` (in `receivedAt` order). Resolves
 * to the last clock value, at which the engine is to finish.
 */
export interface DriveOptions {
  /** Buyer complaints in `receivedAt` order. */
  readonly complaints: readonly ReceivedComplaint[];
  /** Once a virtual day, the sweep of complaints no case took up (ReplayOptions.closeNotices). */
  readonly closeNotices: boolean;
}

export async function drive(input: AsyncIterable<string>, options: DriveOptions, horizonDays: number, engine: DrivenEngine): Promise<string> {
  const { complaints } = options;
  let clock = '';
  /** The clock of the last settle. */
  let settled = '';
  let nextComplaint = 0;
  let batch: { consumer: Consumer; records: RoutedRecord[] } | undefined;

  const flush = async () => {
    if (!batch) return;
    const { consumer, records } = batch;
    batch = undefined;
    await engine.flush(consumer, records, settled, clock);
    if (clock !== '') settled = clock;
  };

  /** Files, in order, every complaint received up to `until` (all of them without it). */
  const fileComplaintsUntil = async (until?: string) => {
    while (nextComplaint < complaints.length) {
      const complaint = complaints[nextComplaint];
      if (!complaint || (until !== undefined && complaint.at > until)) break;
      nextComplaint++;
      // Everything before it happened first: the batch of earlier events goes in before it.
      await flush();
      if (complaint.at > clock) clock = complaint.at;
      await engine.complaint(complaint, settled, clock);
      settled = clock;
    }
  };

  let sweptDay = '';
  /** The day's sweep of notices no case took up, when asked for, once per virtual day. */
  const closeNoticesOfTheDay = async () => {
    if (!options.closeNotices || clock === '' || clock.slice(0, 10) === sweptDay) return;
    sweptDay = clock.slice(0, 10);
    await flush();
    await engine.closeNotices(settled, clock);
    settled = clock;
  };

  let lineNumber = 0;
  for await (const line of input) {
    lineNumber++;
    if (line.trim() === '') continue;
    const { type, id, time, sellerId } = peekRouting(line);
    if (time !== undefined && time > clock && nextComplaint < complaints.length) await fileComplaintsUntil(time);
    if (time !== undefined && time > clock) clock = time;
    await closeNoticesOfTheDay();
    if (lineNumber % EVICT_EVERY_LINES === 0 && clock !== '') {
      await flush();
      await engine.evict(addDays(clock, -horizonDays));
    }
    const consumer = queueForEventType(type ?? '')?.consumer ?? 'ingest-reviews';
    if (batch && (batch.consumer !== consumer || batch.records.length >= CONSUMER_BATCH_SIZE)) await flush();
    batch ??= { consumer, records: [] };
    batch.records.push({ line: lineNumber, body: line, id, sellerId });
  }
  await flush();
  await fileComplaintsUntil();
  if (clock !== '') settled = clock;
  await closeNoticesOfTheDay();
  return clock;
}

/**
 * Lines opened only when first read: a readline interface starts reading its file as soon as it is
 * made, and lines it reads before anything iterates it are lost (a replay that builds its engine,
 * synthesizing the ladder on a cold cache, after opening its input would miss its first lines).
 */
export function lazily(open: () => AsyncIterable<string>): AsyncIterable<string> {
  return { [Symbol.asyncIterator]: () => open()[Symbol.asyncIterator]() };
}
