/**
 * Flips: negative reviews their buyers removed or raised to 4-5 stars. A flip is explained when the
 * seller wrote to the buyer on the platform between the review and the flip (help, a replacement,
 * a refund through the platform: what made the buyer change their mind is there to read). Only
 * unexplained flips can be evidence, and only against the base rate: buyers change their minds on
 * their own, so a very large seller's handful of flips among hundreds of negative reviews is
 * chance, judged by the binomial tail, never by a count.
 *
 * Two tests, each at every unexplained flip, over the window before it:
 * - all of the seller's negative reviews (`unexplained-flips`): corroborating evidence at a modest
 *   tail (at the base rate, and across honest shops' spread of flip rates), decisive by itself only
 *   when far more improbable at the highest honest rate and on more flips;
 * - the negative reviews whose buyer data the seller downloaded outside its routine after the
 *   review (`lookup-then-flip`): a look-up and what followed it, decisive together when the flips
 *   among them are improbable, or when the look-ups' selection and the flips after them together
 *   are (Fisher's method: a look-up and a later flip are two independent kinds of evidence); not
 *   decisive, but a look-up beside the seller's improbable unexplained flips, when the flipped
 *   review's buyer was looked up outside the routine before the flip.
 */
import type { MessageEvidence, ReviewEvidence } from '../evidence';
import { addDays } from '../time';
import { binomialUpperTail, fisherCombined, spreadBinomialUpperTail } from './binomial';
import type { DetectionConfig } from './config';
import { configVersionOf, decisiveFlipRate, honestFlipSpread } from './config';
import type { Signal } from './signals';
import { day, explainingMessages, flipOf, groupByReview, probability, sellerWroteBetween } from './signals';

/** A report verdict as the flip rules see it: which negative reviews it looked up, and when. */
export interface LookupRecord {
  readonly signalId: string;
  readonly time: string;
  /** Event ids of the negative review postings it covered. */
  readonly postingIds: readonly string[];
  readonly downloadId?: string;
  /** A targeted look-up (its selection alone, or the seller's pattern of them, was improbable), not only a report outside the routine. */
  readonly targeted: boolean;
  /** The chance an innocent seller's report would be as selective (its verdict's tail). */
  readonly p?: number;
  /**
   * Every order it covers was negatively reviewed just before, and it is of a type the seller has
   * no routine of: a pull of those reviewers' data and nothing else.
   */
  readonly oneOffPull?: boolean;
}

/** The evidence flips are judged on. */
export interface FlipEvidence {
  /** Review records over the window before the earliest flip judged, up to the latest. */
  readonly reviews: readonly ReviewEvidence[];
  /** Seller messages over the same span (the explanations). */
  readonly messages: readonly MessageEvidence[];
  /** The seller's reports outside its routine (targeted or not) over the same span. */
  readonly lookups: readonly LookupRecord[];
}

interface NegativeReview {
  readonly posted: ReviewEvidence;
  readonly flip?: ReviewEvidence;
  /** The flip came with no seller message to the buyer between the review and it. */
  readonly unexplained: boolean;
  /** The first look-up of it outside the routine, after the review. */
  readonly lookup?: LookupRecord;
}

/** The seller's negative reviews with their flips and look-ups. */
export function negativeReviews(evidence: FlipEvidence, config: DetectionConfig): NegativeReview[] {
  const lookupsByPosting = new Map<string, LookupRecord[]>();
  for (const lookup of evidence.lookups) {
    for (const postingId of lookup.postingIds) lookupsByPosting.set(postingId, [...(lookupsByPosting.get(postingId) ?? []), lookup]);
  }
  const explaining = explainingMessages(evidence.messages);
  return groupByReview(evidence.reviews).flatMap((history) => {
    const flipped = flipOf(history, config);
    const posted = flipped?.posted ?? history.find((record) => record.action === 'posted');
    if (!posted || (posted.rating ?? 5) > config.evidence.negativeMaxRating) return [];
    const after = (lookupsByPosting.get(posted.eventId) ?? []).filter((candidate) => candidate.time > posted.time).sort((a, b) => (a.time < b.time ? -1 : 1));
    const lookup = after[0];
    const flip = flipped?.flip;
    const unexplained = flip !== undefined && !sellerWroteBetween(explaining, posted.buyerId, posted.time, flip.time);
    return [{ posted, ...(flip ? { flip } : {}), unexplained, ...(lookup ? { lookup } : {}) }];
  });
}

const expectedWords = (n: number, config: DetectionConfig) =>
  `at the platform's base rate (${(config.evidence.flipBaseRate * 100).toFixed(1)}%) about ${(n * config.evidence.flipBaseRate).toFixed(1)} would be expected`;

/**
 * The flip signals at one unexplained flip: the seller's unexplained flips in the window before it,
 * and those of the negative reviews it looked up outside its routine. Each is undefined when it
 * does not hold (the flip is then not evidence on that count).
 */
export function flipSignalsAt(
  sellerId: string,
  review: NegativeReview,
  all: readonly NegativeReview[],
  config: DetectionConfig,
  basis: number,
): { readonly flips: Signal | undefined; readonly afterLookup: Signal | undefined } {
  const flip = review.flip;
  if (!flip || !review.unexplained) return { flips: undefined, afterLookup: undefined };
  const from = addDays(flip.time, -config.evidence.windowDays);
  const inWindow = all.filter((other) => other.posted.time >= from && other.posted.time <= flip.time);
  const flippedBy = (other: NegativeReview) => other.unexplained && other.flip !== undefined && other.flip.time <= flip.time;

  const k = inWindow.filter(flippedBy).length;
  const n = inWindow.length;
  const pFlips = binomialUpperTail(k, n, config.evidence.flipBaseRate);
  // Decisive by themselves only when improbable even for an honest shop whose buyers flip at the
  // highest honest rate: the base rate is an average, and a shop of hundreds of negative reviews at
  // 5% is no evidence against anyone.
  const honestRate = decisiveFlipRate(config);
  const pFlipsHonest = honestRate === config.evidence.flipBaseRate ? pFlips : binomialUpperTail(k, n, honestRate);
  // Corroborating only when improbable at the base rate and, when the version names the honest
  // shops' spread of flip rates, for an honest shop drawn from it too: a shop whose buyers flip at
  // 6% shows "improbable at 3%" all the time, and one more weak thing beside it must not warn it.
  const spread = honestFlipSpread(config);
  const { corroborating, decisive } = config.signals['unexplained-flips'];
  const afterLookup = config.signals['lookup-then-flip'];
  // The spread's tail only where the base rate's test holds (it is dearer, and most flips fail it).
  const atBase = k >= corroborating.minFlips && pFlips <= corroborating.alpha;
  const pFlipsSpread = atBase && spread ? spreadBinomialUpperTail(k, n, spread.lo, spread.hi) : undefined;
  let flips: Signal | undefined;
  if (atBase && (pFlipsSpread === undefined || pFlipsSpread <= corroborating.alpha)) {
    const isDecisive = k >= decisive.minFlips && pFlipsHonest <= decisive.alpha;
    const unexplained = inWindow.filter(flippedBy);
    flips = {
      signalId: `unexplained-flips:${review.posted.reviewId}`,
      sellerId,
      rule: 'unexplained-flips',
      time: flip.time,
      points: isDecisive ? decisive.points : corroborating.points,
      explanation:
        `${k} of the ${n} negative reviews of the last ${config.evidence.windowDays} days were removed or raised to ${config.evidence.flippedMinRating}+ stars ` +
        `with no on-platform message from the seller in between (the latest ${day(flip.time)}); ${expectedWords(n, config)} ` +
        `(binomial tail p = ${probability(pFlips)})` +
        (isDecisive
          ? `; even at ${(honestRate * 100).toFixed(1)}%, the most an honest shop's buyers flip on their own, p = ${probability(pFlipsHonest)}: no chance explains it.`
          : spread && pFlipsSpread !== undefined
            ? `; an honest shop whose buyers flip on their own at any rate from ${(spread.lo * 100).toFixed(1)}% to ${(spread.hi * 100).toFixed(1)}% would see as many with p = ${probability(pFlipsSpread)}.`
            : '.'),
      evidenceIds: unexplained.flatMap((other) => [other.posted.eventId, other.flip?.eventId ?? '']).filter((id) => id !== ''),
      tags: isDecisive ? ['unexplained-flips', 'decisive'] : ['unexplained-flips'],
      configVersion: configVersionOf(config),
      basis,
      p: pFlips,
    };
  }

  let after: Signal | undefined;
  if (review.lookup && review.lookup.time < flip.time) {
    const lookedUp = inWindow.filter((other) => other.lookup !== undefined && other.lookup.time <= flip.time);
    const flippedAfter = lookedUp.filter((other) => flippedBy(other) && (other.flip?.time ?? '') > (other.lookup?.time ?? ''));
    const m = lookedUp.length;
    const j = flippedAfter.length;
    const pAfter = binomialUpperTail(j, m, config.evidence.flipBaseRate);
    // Decisive tests are judged at the highest honest flip rate (see above).
    const pAfterHonest = honestRate === config.evidence.flipBaseRate ? pAfter : binomialUpperTail(j, m, honestRate);
    // The look-ups' selection and the flips after them are independent tests of an innocent
    // seller: combined (Fisher). Two weak parts never make a decisive whole: together they are
    // decisive only when the look-up was targeted by itself (its own tail at most the targeted
    // look-up's alpha) and the combination, with the flips at the highest honest rate, is improbable.
    const selective = flippedAfter.reduce((best, other) => Math.min(best, other.lookup?.p ?? 1), 1);
    const combined = fisherCombined([selective, pAfterHonest]);
    const byFlips = j >= afterLookup.minFlips && pAfterHonest <= afterLookup.alpha;
    const decisiveTogether = byFlips || (selective <= config.signals['targeted-lookup'].alpha && combined <= afterLookup.alpha);
    // Not decisive by itself, but the look-up of this very buyer before the flip is a second kind
    // of evidence beside the seller's unexplained flips when those are improbable for chance.
    // A one-off pull of this very buyer's data (a report of a type the seller never downloads,
    // holding only negative reviewers), then this buyer's unexplained flip: the selection and the
    // outcome are two kinds of evidence about one victim, as a look-up and a flagged message are.
    const oneOff = afterLookup.oneOffPull.enabled && review.lookup.oneOffPull === true;
    // What the signal rests on, in the order it is judged: one reading, which the explanation,
    // the tags and the tail it reports follow.
    const rests: 'flips' | 'together' | 'one-off-pull' | 'corroborating' | undefined = byFlips
      ? 'flips'
      : decisiveTogether
        ? 'together'
        : oneOff
          ? 'one-off-pull'
          : flips !== undefined
            ? 'corroborating'
            : undefined;
    if (rests !== undefined) {
      const reports = [...new Set(flippedAfter.map((other) => other.lookup?.downloadId ?? other.lookup?.signalId ?? ''))].slice(0, 4);
      const ending = {
        flips: '.',
        together: `; with how selective the look-up was (p = ${probability(selective)}), together p = ${probability(combined)}.`,
        'one-off-pull': `; the report that pulled this buyer's data (${review.lookup.downloadId ?? review.lookup.signalId}) is of a type the seller never downloads otherwise and held only negative reviewers: a one-off pull of this buyer, then this buyer's unexplained flip.`,
        corroborating: `: not improbable by itself, but the seller pulled this buyer's data outside its routine before the flip, beside its unexplained flips (p = ${probability(pFlips)}).`,
      }[rests];
      const tags = {
        flips: ['lookup-then-flip', 'decisive'],
        together: ['lookup-then-flip', 'decisive'],
        'one-off-pull': ['lookup-then-flip', 'one-off-pull', 'decisive'],
        corroborating: ['lookup-then-flip'],
      }[rests];
      after = {
        signalId: `lookup-then-flip:${review.posted.reviewId}`,
        sellerId,
        rule: 'lookup-then-flip',
        time: flip.time,
        points: rests === 'one-off-pull' ? afterLookup.oneOffPull.points : afterLookup.points,
        explanation:
          `The seller downloaded the buyer data of ${m} negative reviewer${m === 1 ? '' : 's'} outside its routine reports after their reviews ` +
          `(${reports.join(', ')}${flippedAfter.length > reports.length ? ', ...' : ''}); ${j} of those reviews ${j === 1 ? 'was' : 'were'} then removed or raised ` +
          `with no on-platform message from the seller in between (the latest ${day(flip.time)}); ${expectedWords(m, config)} ` +
          `(binomial tail p = ${probability(pAfter)})` +
          ending,
        evidenceIds: flippedAfter.flatMap((other) => [other.lookup?.signalId ?? '', other.posted.eventId, other.flip?.eventId ?? '']).filter((id) => id !== ''),
        tags,
        configVersion: configVersionOf(config),
        basis,
        p: rests === 'flips' || rests === 'corroborating' ? pAfter : combined,
      };
    }
  }
  return { flips, afterLookup: after };
}

/** The ids the flip signals of a review may be stored under. */
export const flipSignalIds = (reviewId: string): string[] => [`unexplained-flips:${reviewId}`, `lookup-then-flip:${reviewId}`];

/** The review id a flip signal is about (its id is `<rule>:<reviewId>`). */
export const flippedReviewOf = (signalId: string): string => signalId.slice(signalId.indexOf(':') + 1);
