import { describe, expect, it } from 'vitest';
import { binomialUpperTail, fisherCombined, hypergeometricUpperTail, logGamma, spreadBinomialUpperTail } from '../../shared/domain/detection/binomial';

describe('binomial upper tail', () => {
  it('matches the closed form for at least one success', () => {
    expect(binomialUpperTail(1, 3, 0.03)).toBeCloseTo(1 - 0.97 ** 3, 12);
  });

  it('matches a direct sum for a mid-sized case', () => {
    // P(X >= 3), n = 10, p = 0.2, summed by hand from the binomial formula.
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    let direct = 0;
    for (let i = 3; i <= 10; i++) direct += choose(10, i) * 0.2 ** i * 0.8 ** (10 - i);
    expect(binomialUpperTail(3, 10, 0.2)).toBeCloseTo(direct, 12);
  });

  it('is 1 for k = 0 and 0 for k > n', () => {
    expect(binomialUpperTail(0, 5, 0.1)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.1)).toBe(0);
  });

  it('stays finite and tiny for large, extreme counts', () => {
    const p = binomialUpperTail(400, 1000, 0.03);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });

  it('computes log-gamma of integers as log-factorials', () => {
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
});

describe('binomial upper tail over a spread of rates', () => {
  // Simpson's rule over the rate, 2,000 panels: the average the closed form must equal.
  const numeric = (k: number, n: number, lo: number, hi: number): number => {
    const panels = 2000;
    const h = (hi - lo) / panels;
    let sum = binomialUpperTail(k, n, lo) + binomialUpperTail(k, n, hi);
    for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * binomialUpperTail(k, n, lo + i * h);
    return (sum * h) / 3 / (hi - lo);
  };

  it.each([
    [2, 6, 0.02, 0.08],
    [4, 14, 0.02, 0.08],
    [6, 23, 0.02, 0.08],
    [32, 280, 0.02, 0.08],
    [3, 5, 0.01, 0.2],
  ])('averages the tail of %i of %i over rates %f to %f', (k, n, lo, hi) => {
    const expected = numeric(k, n, lo, hi);
    expect(Math.abs(spreadBinomialUpperTail(k, n, lo, hi) - expected)).toBeLessThan(1e-9 + expected * 1e-6);
  });

  it('lies between the tails at the two ends, and is the point tail for an empty spread', () => {
    const p = spreadBinomialUpperTail(4, 14, 0.02, 0.08);
    expect(p).toBeGreaterThan(binomialUpperTail(4, 14, 0.02));
    expect(p).toBeLessThan(binomialUpperTail(4, 14, 0.08));
    expect(spreadBinomialUpperTail(4, 14, 0.05, 0.05)).toBe(binomialUpperTail(4, 14, 0.05));
    expect(spreadBinomialUpperTail(0, 14, 0.02, 0.08)).toBe(1);
    expect(spreadBinomialUpperTail(15, 14, 0.02, 0.08)).toBe(0);
  });

  it("stays positive where the closed form's difference would lose its digits", () => {
    const p = spreadBinomialUpperTail(60, 200, 0.02, 0.08);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeGreaterThanOrEqual(binomialUpperTail(60, 200, 0.02));
    expect(p).toBeLessThan(1e-15);
  });

  it('refuses a spread that is not one', () => {
    expect(() => spreadBinomialUpperTail(2, 6, 0.08, 0.02)).toThrow(RangeError);
  });
});

describe('hypergeometric upper tail', () => {
  it('gives the chance that a random pick without replacement holds at least k marked items', () => {
    // Three orders picked from 11, of which 3 are negatively reviewed: all three negative with 1 / C(11, 3).
    expect(hypergeometricUpperTail(3, 11, 3, 3)).toBeCloseTo(1 / 165, 12);
    expect(hypergeometricUpperTail(1, 20, 2, 1)).toBeCloseTo(0.1, 12);
  });

  it('is 1 when a pick must hold that many, and 0 when it cannot', () => {
    expect(hypergeometricUpperTail(2, 10, 8, 4)).toBe(1);
    expect(hypergeometricUpperTail(3, 10, 2, 5)).toBe(0);
  });

  it('refuses counts that cannot be', () => {
    expect(() => hypergeometricUpperTail(1, 5, 6, 2)).toThrow(RangeError);
  });
});

describe("Fisher's method", () => {
  it('combines independent p-values: two that agree are stronger than either, one alone is itself', () => {
    expect(fisherCombined([0.2])).toBeCloseTo(0.2, 12);
    // -2 ln(0.05 * 0.03) = 13.0 on 4 degrees of freedom.
    const x = -2 * Math.log(0.05 * 0.03);
    expect(fisherCombined([0.05, 0.03])).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 12);
    expect(fisherCombined([0.05, 0.03])).toBeLessThan(0.05);
    expect(fisherCombined([0.5, 0.5])).toBeGreaterThan(0.5);
  });
});
