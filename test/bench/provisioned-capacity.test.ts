/**
 * What auto-scaled provisioned capacity holds hour by hour, as the cost model prices it: scale-out
 * at once, scale-in only past the low alarm's band and an hour late, DynamoDB's daily decrease
 * quota, the floor and the ceiling.
 */
import { describe, expect, it } from 'vitest';
import { autoScaledHours } from '../../tools/bench/provisioned-capacity';

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
});
