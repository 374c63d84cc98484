/**
 * What auto-scaled provisioned capacity holds hour by hour, as the cost model prices it: scale-out
 * at once, scale-in only past the low alarm's band and an hour late, DynamoDB's daily decrease
 * quota, the floor and the ceiling.
 */
import { describe, expect, it } from 'vitest';
import { SCALE_OUT_LAG_MINUTES, autoScaledHours } from '../../tools/bench/provisioned-capacity';

const scaling = { targetUtilization: 0.7, min: 1, max: 1_000_000 };
const day = (perHour: (hour: number) => number) => Array.from({ length: 24 }, (_unused, hour) => perHour(hour));

describe('auto-scaled provisioned capacity', () => {
  it('holds a steady load at the target utilisation', () => {
    const held = autoScaledHours(day(() => 700), scaling);
    expect(held.provisionedUnitHours).toBeCloseTo(24 * 1000, 6);
    expect(held.consumedUnitHours).toBe(24 * 700);
    expect(held.utilization).toBeCloseTo(0.7, 9);
  });

  it('follows a rise at once', () => {
    const held = autoScaledHours(day((hour) => (hour < 12 ? 700 : 1400)), scaling);
    expect(held.provisionedUnitHours).toBeCloseTo(12 * 1000 + 12 * 2000, 6);
  });

  it('scales in an hour late, and only once utilisation is 20 points under the target', () => {
    // 1400 -> 1000: at 2000 units held, 50% is not under 50%: nothing changes.
    const small = autoScaledHours(day((hour) => (hour < 12 ? 1400 : 1000)), scaling);
    expect(small.provisionedUnitHours).toBeCloseTo(24 * 2000, 6);
    // 1400 -> 700: 35% utilisation; the first lower hour still holds the last hour's need.
    const large = autoScaledHours(day((hour) => (hour < 12 ? 1400 : 700)), scaling);
    expect(large.provisionedUnitHours).toBeCloseTo(13 * 2000 + 11 * 1000, 6);
  });

  it('decreases at most four times, then once an hour after an hour without one, in a day', () => {
    // Every hour the load halves: each hour would ask for a decrease.
    const falling = day((hour) => 2 ** (23 - hour));
    const held = autoScaledHours(falling, { targetUtilization: 0.7, min: 0.001, max: 1e9 });
    const unconstrained = falling.reduce((sum, units, hour) => sum + Math.max(units, falling[hour - 1] ?? units) / 0.7, 0);
    expect(held.provisionedUnitHours).toBeGreaterThan(unconstrained);
  });

  it('never goes under its floor, and counts the hours a load exceeds its ceiling', () => {
    const held = autoScaledHours(day((hour) => (hour === 5 ? 5000 : 10)), { targetUtilization: 0.7, min: 100, max: 4000 });
    expect(held.hoursOverCeiling).toBe(1);
    // Floor 100 for the quiet hours but the two at and after the burst.
    expect(held.provisionedUnitHours).toBeCloseTo(22 * 100 + 4000 + 4000, 6);
    expect(held.consumedUnitHours).toBe(23 * 10 + 4000);
  });

  it('refuses a target DynamoDB does not accept and a floor over the ceiling', () => {
    expect(() => autoScaledHours([1], { ...scaling, targetUtilization: 0.95 })).toThrow(/target utilization/u);
    expect(() => autoScaledHours([1], { ...scaling, min: 10, max: 5 })).toThrow(/range/u);
  });

  it('throttles what a rise asks above the last hour’s capacity until the scale-out takes effect, and nothing of a steady load', () => {
    expect(autoScaledHours(day(() => 700), scaling).throttledUnitHours).toBe(0);
    // 700 -> 1400 at hour 12: the last hour held 1000, so 400 units are throttled for the lag.
    const rise = autoScaledHours(day((hour) => (hour < 12 ? 700 : 1400)), scaling);
    expect(rise.throttledUnitHours).toBeCloseTo((400 * SCALE_OUT_LAG_MINUTES) / 60, 9);
    expect(rise.throttledShare).toBeCloseTo(rise.throttledUnitHours / (12 * 700 + 12 * 1400), 12);
    // A rise within the headroom (under 1/target) is not throttled.
    expect(autoScaledHours(day((hour) => (hour < 12 ? 700 : 950)), scaling).throttledUnitHours).toBe(0);
    // A higher target leaves less headroom: the same rise throttles more.
    expect(autoScaledHours(day((hour) => (hour < 12 ? 700 : 1400)), { ...scaling, targetUtilization: 0.9 }).throttledUnitHours).toBeGreaterThan(rise.throttledUnitHours);
  });

  it('throttles, all the hour but the lag, what an hour asks above the ceiling', () => {
    const held = autoScaledHours(day((hour) => (hour === 5 ? 5000 : 10)), { targetUtilization: 0.7, min: 100, max: 4000 });
    const lag = SCALE_OUT_LAG_MINUTES / 60;
    expect(held.throttledUnitHours).toBeCloseTo(lag * (5000 - 100) + (1 - lag) * (5000 - 4000), 9);
  });
});
