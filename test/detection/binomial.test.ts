import { describe, expect, it } from 'vitest';
import { binomialUpperTail, logGamma } from '../../shared/domain/detection/binomial';

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
