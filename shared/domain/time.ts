/**
 * Time as the domain handles it: UTC ISO-8601 instants (`Date.prototype.toISOString`), which
 * order as strings do, moved by whole days.
 */
export const DAY_MS = 86_400_000;

/** An instant as `toISOString` writes it, with a time of day that cannot carry into the next day. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/u;

/**
 * Dates moved by whole days, by shift then date. Detection moves instants by the same few spans
 * (its windows) several times per event; a whole number of days leaves the time of day as it is,
 * so only the date needs moving, and the stream's dates are few: a look-up, where a parse and a
 * format of the whole instant cost several times more. Bounded all the same.
 */
const movedDates = new Map<number, Map<string, string>>();
const MOVED_DATES_LIMIT = 10_000;
let movedDatesKept = 0;

function movedDate(date: string, days: number): string {
  let byDate = movedDates.get(days);
  const known = byDate?.get(date);
  if (known !== undefined) return known;
  const moved = new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString();
  // Past year 9999 the format changes (`+010000-...`): not kept, the caller takes the long way.
  const result = moved.length === 24 ? moved.slice(0, 10) : '';
  if (movedDatesKept >= MOVED_DATES_LIMIT) {
    movedDates.clear();
    movedDatesKept = 0;
    byDate = undefined;
  }
  if (!byDate) {
    byDate = new Map();
    movedDates.set(days, byDate);
  }
  byDate.set(date, result);
  movedDatesKept++;
  return result;
}

/** `time` moved by `days` (negative for earlier), as a UTC ISO string. */
export function addDays(time: string, days: number): string {
  if (Number.isInteger(days) && CANONICAL_INSTANT.test(time)) {
    const date = movedDate(time.slice(0, 10), days);
    if (date !== '') return `${date}${time.slice(10)}`;
  }
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
