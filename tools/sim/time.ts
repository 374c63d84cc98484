/**
 * Time for the simulator: epoch milliseconds, marketplace local time (with daylight saving time),
 * and the RFC 3339 forms the platform's producers use.
 */
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export type Market = 'US' | 'FR' | 'DE' | 'ES' | 'IT';

/** 0 = Sunday. The n-th (1-based) given weekday of a month, UTC midnight; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const shift = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (shift + (n - 1) * 7) * DAY;
  }
  const last = Date.UTC(year, month + 1, 0);
  const shift = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - shift * DAY;
}

/**
 * UTC offset in minutes of the marketplace's local time: US Eastern (DST from the second Sunday of
 * March 07:00 UTC to the first Sunday of November 06:00 UTC), Central European for the others (DST
 * from the last Sunday of March to the last Sunday of October, 01:00 UTC).
 */
export function offsetMinutes(market: Market, t: number): number {
  const year = new Date(t).getUTCFullYear();
  const [from, to] = dstWindow(market === 'US' ? 'US' : 'EU', year);
  if (market === 'US') return t >= from && t < to ? -240 : -300;
  return t >= from && t < to ? 120 : 60;
}

const dstCache = new Map<string, readonly [number, number]>();
function dstWindow(zone: 'US' | 'EU', year: number): readonly [number, number] {
  const key = `${zone}${year}`;
  let window = dstCache.get(key);
  if (!window) {
    window =
      zone === 'US'
        ? [nthWeekday(year, 2, 0, 2) + 7 * HOUR, nthWeekday(year, 10, 0, 1) + 6 * HOUR]
        : [nthWeekday(year, 2, 0, -1) + HOUR, nthWeekday(year, 9, 0, -1) + HOUR];
    dstCache.set(key, window);
  }
  return window;
}

/** The UTC instant of local midnight of the local day that contains t. */
export function localMidnight(market: Market, t: number): number {
  const offset = offsetMinutes(market, t) * MIN;
  const local = t + offset;
  return local - (((local % DAY) + DAY) % DAY) - offset;
}

/** The local weekday (0 = Sunday) of t. */
export function localWeekday(market: Market, t: number): number {
  return new Date(t + offsetMinutes(market, t) * MIN).getUTCDay();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const wholeSeconds = (t: number): number => Math.floor(t / SEC) * SEC;

/** `2026-01-29T14:22:05Z` */
export const isoZ = (t: number): string => new Date(wholeSeconds(t)).toISOString().replace('.000Z', 'Z');
/** `2026-01-29T14:22:05.318Z` */
export const isoMs = (t: number): string => new Date(Math.floor(t)).toISOString();
/** `2026-01-29T09:22:05-05:00`, in the marketplace's local time. */
export function isoLocal(t: number, market: Market): string {
  const offset = offsetMinutes(market, t);
  const local = new Date(wholeSeconds(t) + offset * MIN).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
