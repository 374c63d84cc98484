import { describe, expect, it } from 'vitest';
import { addDays, DAY_MS } from '../../shared/domain/time';

/** What addDays has always meant: parse, add, format. */
const reference = (time: string, days: number) => new Date(Date.parse(time) + days * DAY_MS).toISOString();

describe('addDays', () => {
  it('moves canonical instants as a parse, an addition and a format would, across months, leap days and years', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5_000; i++) {
      const time = new Date(Date.UTC(1990, 0, 1) + Math.floor(next() * 60 * 365 * DAY_MS)).toISOString();
      const days = Math.floor(next() * 800) - 400;
      // Twice: the second answer comes from what the first one kept.
      expect(addDays(time, days), `${time} ${days}`).toBe(reference(time, days));
      expect(addDays(time, days), `${time} ${days}`).toBe(reference(time, days));
    }
  });

  it('takes the long way for what is not a canonical instant, and agrees with it', () => {
    const cases: [string, number][] = [
      ['2026-03-09T10:00:00Z', 3],
      ['2026-03-09T10:00:00+02:00', -1],
      ['2026-01-01T24:00:00.000Z', 1],
      ['2026-02-30T10:00:00.000Z', 1],
      ['2026-03-09T10:00:00.000Z', 0.5],
      ['9999-12-31T10:00:00.000Z', 1],
      ['0000-01-01T10:00:00.000Z', -1],
    ];
    for (const [time, days] of cases) expect(addDays(time, days), `${time} ${days}`).toBe(reference(time, days));
  });

  it('refuses what is no instant, as before', () => {
    expect(() => addDays('2026-13-01T10:00:00.000Z', 1)).toThrow(RangeError);
    expect(() => addDays('not a time', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-09T10:00:00.000Z', 1e12)).toThrow(RangeError);
  });
});
