/**
 * What detection must do with each kind of simulated seller, written down before detection is
 * changed to meet it (issue 12) and frozen by test/sim/expectations.test.ts: `offside evaluate`
 * judges a replay against these, kind by kind. Also the rule of what a violator left for the
 * platform to see (`visible`): a detection cannot be asked to catch what left no trace.
 *
 * Honest kinds: a warning is the most expensive error this product can make. Violator kinds:
 * recall must not be traded for it, kind by kind and overall.
 *
 * Changed openly with cases for review (issue 12, review1): a violator is *caught* when it has a
 * case, for review or warned (the "violators with a case"): lone evidence goes to an
 * analyst's queue, no notice sent, and the violator is seen by a person who can ask for a warning.
 * The warned figures stay beside it in `offside evaluate`. New: honest sellers with a case for
 * review (one kind of evidence, no notice) at most 5%, per kind and overall: every such case is an
 * analyst's reading, and a queue that is mostly honest shops stops being read. The honest
 * expectations on warnings and suspensions (<= 1% warned, none suspended) do not change.
 */
import type { SellerKind, TruthSeller } from './truth';
import { SELLER_KINDS, VIOLATOR_KINDS } from './truth';

export type Expectation =
  | {
      readonly role: 'honest';
      /** Sellers of the kind with a rung applied (warned or more), over the kind's sellers. */
      readonly maxWarnedRate: number;
      /** Sellers of the kind suspended (or put on legal hold) with every approval granted. */
      readonly maxSuspended: number;
      /** Sellers of the kind with a case but no rung applied (a case for review), over the kind's sellers. */
      readonly maxReviewRate: number;
    }
  | {
      readonly role: 'violator';
      /** Visible sellers of the kind with a case (for review or warned), over the kind's visible sellers. */
      readonly minCaughtOfVisible: number;
    };

const HONEST: Expectation = { role: 'honest', maxWarnedRate: 0.01, maxSuspended: 0, maxReviewRate: 0.05 };
const VIOLATOR: Expectation = { role: 'violator', minCaughtOfVisible: 0.9 };

export const EXPECTATIONS: Readonly<Record<SellerKind, Expectation>> = Object.fromEntries(
  SELLER_KINDS.map((kind) => [kind, VIOLATOR_KINDS.has(kind) ? VIOLATOR : HONEST]),
) as Record<SellerKind, Expectation>;

/** Over all kinds together. */
export const OVERALL_EXPECTATION = {
  /** Honest sellers with a rung applied, over all honest sellers. */
  honestMaxWarnedRate: 0.01,
  /** Honest sellers suspended with every approval granted. */
  honestMaxSuspended: 0,
  /** Honest sellers with a case but no rung applied (for review), over all honest sellers. */
  honestMaxReviewRate: 0.05,
  /** Visible violators with a case (for review or warned), over all visible violators. */
  violatorsMinCaughtOfVisible: 0.95,
} as const;

/** What each kind is, in a line (README, docs/detection-scenarios.md, `offside evaluate`). */
export const KIND_DESCRIPTIONS: Readonly<Record<SellerKind, string>> = {
  honest: 'an ordinary shop: routine reports of new orders, help messages after some negative reviews',
  'honest-refunder': 'refunds most negative reviewers unconditionally, on the platform',
  'merchant-fulfilled': 'ships itself: downloads every recent order (buyer data) each morning, negatively reviewed ones included',
  'returns-processor': 'downloads a returns report (buyer data) the day after returns arrive; returns draw most negative reviews',
  'onplatform-resolver': 'answers nearly every negative review on the platform (help, replacement, refund); many buyers then raise it',
  'very-large': 'hundreds of orders a day; negative reviews flip at the base rate, many flips in absolute numbers',
  'popular-app-user': 'routine daily reports through a popular app (order tool or fulfilment provider) that a ring uses for its look-ups',
  'false-complaint-target': 'an ordinary shop hit by waves of coordinated false complaints from buyers without an order or a review',
  'onplatform-solicitor': 'asks on the platform for the review to be removed or changed, for a refund or a gift card',
  'offplatform-harasser': 'small targeted look-ups of negative reviewers, then off-platform offers; sometimes a contact handle',
  'subtle-harasser': 'contacts negative reviewers off the platform with no look-up; only the flips show',
  'ring-member': 'several sellers sharing a contact handle or a look-up app (some on a popular app)',
  'bulk-cover-harasser': 'hides its look-ups in a daily report of every order of the last month, then writes only to the negative reviewers',
  'thin-spreader': 'one reviewer per look-up, days to weeks after the review, padded with dozens of orders, a new report type each time',
  'funnel-obfuscator': 'gift/warranty funnel on the platform with obfuscated sites and handles; never downloads a report',
  'euphemism-solicitor': 'solicits on the platform in euphemisms ("let your stars tell the whole story")',
  'slow-burner': 'one tiny look-up and one off-platform offer every three to six weeks',
};

/** The platform's base rate: negative reviews the buyer removes or raises with no seller message. */
export const BASE_FLIP_RATE = 0.03;
/** Flips more improbable than this at the base rate are a visible pattern. */
export const VISIBLE_FLIPS_P = 0.01;

/** P(X >= k) for X ~ Binomial(n, p), summed in log space. */
export function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logC = 0;
  for (let i = 1; i <= k; i++) logC += Math.log(n - k + i) - Math.log(i);
  let term = logC + k * logP + (n - k) * logQ;
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += Math.exp(term);
    term += Math.log(n - i) - Math.log(i + 1) + logP - logQ;
  }
  return Math.min(1, sum);
}

/**
 * A violator whose acts left a trace the platform can see: a report with buyer data selected for
 * its negative reviews (small, or mostly negatively reviewed orders); a seller message that breaks
 * the policy (a plain or euphemistic request, a funnel, a contact handle, obfuscated or not); a
 * complaint from a buyer it harassed; or at least two flips after off-platform contact, with the
 * seller's unexplained flips (no seller message in between) improbable at the base rate (one
 * flip, or a handful among hundreds of negative reviews, is a buyer's change of mind).
 */
export function visible(seller: TruthSeller): boolean {
  if (!seller.violator) return false;
  const { acts } = seller;
  if (acts.targetedLookups > 0 || acts.violatingMessages > 0 || acts.victimComplaints > 0) return true;
  const unexplained = acts.inducedFlips + acts.spontaneousFlips;
  return acts.inducedFlips >= 2 && binomialTail(unexplained, acts.negativeReviews, BASE_FLIP_RATE) <= VISIBLE_FLIPS_P;
}

/** The expectation in words, as `offside evaluate` prints it. */
export function describeExpectation(expectation: Expectation): string {
  return expectation.role === 'honest'
    ? `warned <= ${expectation.maxWarnedRate * 100}%, suspended <= ${expectation.maxSuspended}, review <= ${expectation.maxReviewRate * 100}%`
    : `with a case >= ${expectation.minCaughtOfVisible * 100}% of visible`;
}
