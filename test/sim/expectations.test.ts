/**
 * The expectations `offside evaluate` judges detection by were written before detection was
 * changed to meet them (issue 12). This test freezes them: relaxing one is a visible change here,
 * with its reason in the commit, never a side effect.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FLIP_RATE, EXPECTATIONS, OVERALL_EXPECTATION, binomialTail, visible } from '../../tools/sim/expectations';
import type { TruthSeller } from '../../tools/sim/truth';
import { HONEST_KINDS, SELLER_KINDS, VIOLATOR_KINDS } from '../../tools/sim/truth';

describe('the frozen expectations', () => {
  it('ask of every honest kind: at most 1% warned, none suspended with every approval granted, at most 5% with a case for review', () => {
    expect(HONEST_KINDS).toEqual([
      'honest',
      'honest-refunder',
      'merchant-fulfilled',
      'returns-processor',
      'onplatform-resolver',
      'very-large',
      'popular-app-user',
      'false-complaint-target',
    ]);
    for (const kind of HONEST_KINDS) expect(EXPECTATIONS[kind], kind).toEqual({ role: 'honest', maxWarnedRate: 0.01, maxSuspended: 0, maxReviewRate: 0.05 });
  });

  it('ask of every violator kind: at least 90% of its visible sellers with a case (for review or warned)', () => {
    expect([...VIOLATOR_KINDS]).toEqual([
      'onplatform-solicitor',
      'offplatform-harasser',
      'subtle-harasser',
      'ring-member',
      'bulk-cover-harasser',
      'thin-spreader',
      'funnel-obfuscator',
      'euphemism-solicitor',
      'slow-burner',
    ]);
    for (const kind of VIOLATOR_KINDS) expect(EXPECTATIONS[kind], kind).toEqual({ role: 'violator', minCaughtOfVisible: 0.9 });
    expect(Object.keys(EXPECTATIONS).sort()).toEqual([...SELLER_KINDS].sort());
  });

  it('ask overall: honest sellers at most 1% warned, none suspended and at most 5% with a case for review; violators at least 95% of the visible with a case', () => {
    expect(OVERALL_EXPECTATION).toEqual({ honestMaxWarnedRate: 0.01, honestMaxSuspended: 0, honestMaxReviewRate: 0.05, violatorsMinCaughtOfVisible: 0.95 });
  });
});

const acts = {
  orders: 100,
  reviews: 50,
  negativeReviews: 5,
  targetedLookups: 0,
  violatingMessages: 0,
  offPlatformContacts: 0,
  inducedFlips: 0,
  spontaneousFlips: 0,
  flipsAfterMessage: 0,
  returns: 5,
  hiddenLookups: 0,
  victimComplaints: 0,
  falseComplaints: 0,
};
const violator = (over: Partial<TruthSeller['acts']>): TruthSeller => ({
  sellerId: 'S-1',
  kind: 'bulk-cover-harasser',
  violator: true,
  size: 'medium',
  marketplace: 'US',
  language: 'en',
  ordersPerDay: 3,
  acts: { ...acts, ...over },
});

describe('what a violator left for the platform to see', () => {
  it('is a targeted look-up, a violating message or a complaint from a harassed buyer', () => {
    expect(visible(violator({ targetedLookups: 1 }))).toBe(true);
    expect(visible(violator({ violatingMessages: 1 }))).toBe(true);
    expect(visible(violator({ victimComplaints: 1 }))).toBe(true);
    expect(visible(violator({ hiddenLookups: 30, offPlatformContacts: 3 }))).toBe(false);
  });

  it('or flips far above the base rate: two of five negative reviews, not two of a hundred, never one', () => {
    expect(visible(violator({ inducedFlips: 2 }))).toBe(true);
    expect(visible(violator({ inducedFlips: 2, negativeReviews: 100 }))).toBe(false);
    expect(visible(violator({ inducedFlips: 12, negativeReviews: 100 }))).toBe(true);
    expect(visible(violator({ inducedFlips: 1, negativeReviews: 1 }))).toBe(false);
  });

  it('is never an honest seller', () => {
    expect(visible({ ...violator({ targetedLookups: 3 }), kind: 'merchant-fulfilled', violator: false })).toBe(false);
  });

  it('uses the exact binomial tail', () => {
    const p = BASE_FLIP_RATE;
    expect(binomialTail(2, 5, p)).toBeCloseTo(1 - (1 - p) ** 5 - 5 * p * (1 - p) ** 4, 12);
    expect(binomialTail(0, 10, p)).toBe(1);
    expect(binomialTail(11, 10, p)).toBe(0);
    expect(binomialTail(5, 5, p)).toBeCloseTo(p ** 5, 15);
  });
});
