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
