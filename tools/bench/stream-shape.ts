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
  /**
   * The daily profile: each hour of the day's (UTC) events over the mean hour of the day, 24
   * values of mean 1, summed over every day of the stream (so a few events an hour still give a
   * steady shape).
   */
  readonly hourOfDayRatios: readonly number[];
  /**
   * Each whole day's events over the mean whole day's, in date order (the stream's first and last
   * days, cut by its start and its line limit, left out); [1] when it spans no whole day.
   */
  readonly dayRatios: readonly number[];
  /** Share of events per inbound queue. */
  readonly queueShares: Readonly<Record<string, number>>;
  readonly bytesPerEvent: number;
}

export async function streamShape(path: string): Promise<StreamShape> {
  const bySeller = new Map<string, number>();
  const byHour = new Map<string, number>();
  const byHourOfDay = new Array<number>(24).fill(0);
  const byDay = new Map<string, number>();
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
      const at = new Date(time);
      const hour = at.toISOString().slice(0, 13);
      byHour.set(hour, (byHour.get(hour) ?? 0) + 1);
      byHourOfDay[at.getUTCHours()] = (byHourOfDay[at.getUTCHours()] ?? 0) + 1;
      const day = hour.slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
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
  const timed = byHourOfDay.reduce((sum, n) => sum + n, 0);
  const wholeDays = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(1, -1).map(([, n]) => n);
  const meanDay = wholeDays.reduce((sum, n) => sum + n, 0) / Math.max(1, wholeDays.length);
  return {
    events,
    sellers: bySeller.size,
    largestSellerShare: share(counts[0] ?? 0),
    topTenSellersShare: share(counts.slice(0, 10).reduce((sum, n) => sum + n, 0)),
    peakHourRatio: peak / (Math.max(1, events) / spanHours),
    hourOfDayRatios: byHourOfDay.map((n) => (timed === 0 ? 1 : n / (timed / 24))),
    dayRatios: wholeDays.length === 0 ? [1] : wholeDays.map((n) => n / meanDay),
    queueShares: Object.fromEntries([...byQueue.entries()].sort().map(([queue, n]) => [queue, share(n)])),
    bytesPerEvent: bytes / Math.max(1, events),
  };
}
