import { describe, expect, it } from 'vitest';
import { binomialUpperTail, chanceOfTailAtMost, poissonBinomialUpperTail, fisherCombined, hypergeometricUpperTail, logGamma, spreadBinomialUpperTail } from '../../shared/domain/detection/binomial';

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

describe('the chance a report falls outside a routine (discrete tails)', () => {
  it('is the tail at the fewest negative orders that reach the threshold, never more than it', () => {
    // One order at a 1% share: outside the routine exactly when it is negative.
    expect(chanceOfTailAtMost(1, 0.01, 0.05)).toBeCloseTo(0.01, 12);
    // One order at a 10% share can never be improbable at 5%.
    expect(chanceOfTailAtMost(1, 0.1, 0.05)).toBe(0);
    // Twenty orders at 30%: the smallest k with P(X >= k) <= 0.05, and that tail.
    let k = 1;
    while (binomialUpperTail(k, 20, 0.3) > 0.05) k++;
    expect(chanceOfTailAtMost(20, 0.3, 0.05)).toBeCloseTo(binomialUpperTail(k, 20, 0.3), 12);
    expect(binomialUpperTail(k - 1, 20, 0.3)).toBeGreaterThan(0.05);
    for (const [n, p] of [[3, 0.2], [40, 0.01], [200, 0.05], [7, 0.5]] as const) expect(chanceOfTailAtMost(n, p, 0.05)).toBeLessThanOrEqual(0.05);
    expect(chanceOfTailAtMost(0, 0.2, 0.05)).toBe(0);
  });
});

describe('Poisson-binomial upper tail', () => {
  it('equals the sum over every outcome of independent trials with their own chances', () => {
    const qs = [0.01, 0.3, 0.05, 0.2, 0.6, 0.02];
    const brute = (m: number) => {
      let total = 0;
      for (let mask = 0; mask < 1 << qs.length; mask++) {
        let chance = 1;
        let successes = 0;
        qs.forEach((q, i) => {
          const hit = (mask >> i) & 1;
          successes += hit;
          chance *= hit ? q : 1 - q;
        });
        if (successes >= m) total += chance;
      }
      return total;
    };
    for (let m = 0; m <= qs.length + 1; m++) expect(poissonBinomialUpperTail(m, qs)).toBeCloseTo(brute(m), 12);
  });

  it('is the binomial tail when every chance is the same, and keeps tiny tails exact', () => {
    expect(poissonBinomialUpperTail(3, Array.from({ length: 40 }, () => 0.02))).toBeCloseTo(binomialUpperTail(3, 40, 0.02), 12);
    const tiny = poissonBinomialUpperTail(6, Array.from({ length: 10 }, () => 1e-3));
    expect(tiny / binomialUpperTail(6, 10, 1e-3)).toBeCloseTo(1, 9);
    expect(() => poissonBinomialUpperTail(1, [1.5])).toThrow(RangeError);
  });
});
