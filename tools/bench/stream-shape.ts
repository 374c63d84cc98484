/**
 * The shape of the benchmark's stream that a capacity plan scales from (docs/capacity-plan.md):
 * how concentrated events are on the largest sellers (each seller is one partition of the evidence
 * table), how uneven they are over the hours of the day (the peak a fleet is sized for), the share
 * of each queue, and the size of an event. Measured on the simulated stream, not assumed.
 */
import { peekRouting } from '../../events/v1/parse';
import { queueForEventType } from '../../shared/adapters/sqs/queues';
import { bodyBytes } from '../local/sqs-batches';
import { readLines } from './stream';

export interface StreamShape {
  readonly events: number;
  readonly sellers: number;
  /** The largest seller's share of all events, and the ten largest sellers'. */
  readonly largestSellerShare: number;
  readonly topTenSellersShare: number;
  /** The busiest hour's events over the mean hour's, over the hours the stream spans. */
  readonly peakHourRatio: number;
  /** Share of events per inbound queue. */
  readonly queueShares: Readonly<Record<string, number>>;
  readonly bytesPerEvent: number;
}

export async function streamShape(path: string): Promise<StreamShape> {
  const bySeller = new Map<string, number>();
  const byHour = new Map<string, number>();
  const byQueue = new Map<string, number>();
  let events = 0;
  let bytes = 0;
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    events++;
    bytes += bodyBytes(line);
    const { type, time } = peekRouting(line);
    const seller = /"sellerId":"([^"]*)"/u.exec(line)?.[1] ?? '';
    bySeller.set(seller, (bySeller.get(seller) ?? 0) + 1);
    if (time !== undefined) {
      const hour = new Date(time).toISOString().slice(0, 13);
      byHour.set(hour, (byHour.get(hour) ?? 0) + 1);
    }
    const queue = queueForEventType(type ?? '')?.name ?? 'none';
    byQueue.set(queue, (byQueue.get(queue) ?? 0) + 1);
  }
  const counts = [...bySeller.values()].sort((a, b) => b - a);
  const hours = [...byHour.keys()].sort();
  // Every hour between the first and the last counts, an hour without events too.
  const spanHours = hours.length === 0 ? 1 : (Date.parse(`${hours[hours.length - 1] ?? ''}:00:00Z`) - Date.parse(`${hours[0] ?? ''}:00:00Z`)) / 3_600_000 + 1;
  const peak = Math.max(0, ...byHour.values());
  const share = (n: number) => n / Math.max(1, events);
  return {
    events,
    sellers: bySeller.size,
    largestSellerShare: share(counts[0] ?? 0),
    topTenSellersShare: share(counts.slice(0, 10).reduce((sum, n) => sum + n, 0)),
    peakHourRatio: peak / (Math.max(1, events) / spanHours),
    queueShares: Object.fromEntries([...byQueue.entries()].sort().map(([queue, n]) => [queue, share(n)])),
    bytesPerEvent: bytes / Math.max(1, events),
  };
}
