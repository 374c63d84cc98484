/**
 * Time as the domain handles it: UTC ISO-8601 instants (`Date.prototype.toISOString`), which
 * order as strings do, moved by whole days.
 */
export const DAY_MS = 86_400_000;

/** `time` moved by `days` (negative for earlier), as a UTC ISO string. */
export function addDays(time: string, days: number): string {
  return new Date(Date.parse(time) + days * DAY_MS).toISOString();
}

/** The later of two instants. */
export const later = (a: string, b: string): string => (a > b ? a : b);

/** An inclusive time window over UTC ISO instants; either end may be open. */
export interface TimeWindow {
  readonly from?: string;
  readonly to?: string;
}

export const isInWindow = (time: string, window: TimeWindow): boolean =>
  (window.from === undefined || time >= window.from) && (window.to === undefined || time <= window.to);

/** The records that happened within the window, in the order given. */
export const within = <T extends { readonly time: string }>(records: readonly T[], window: TimeWindow): T[] =>
  records.filter((record) => isInWindow(record.time, window));
