/**
 * Signals: small pure rules over the evidence, each with points and an explanation a person can
 * read. A signal's id is a function of the evidence it rests on, so re-running a rule on the same
 * evidence (a retry, a redelivery, a replay) yields the same signal, never a second one.
 */
import { z } from 'zod';
import type { Label } from '../classify/labels';
import type { MessageEvidence, ReportDownloadEvidence, ReviewEvidence } from '../evidence';
import { binomialUpperTail } from './binomial';
import type { DetectionConfig } from './config';
import { addDays } from '../time';

export const RULES = [
  'seller-message',
  'targeted-lookup',
  'lookup-then-flip',
  'unexplained-flips',
  'buyer-complaint',
  'ring',
] as const;
export type RuleName = (typeof RULES)[number];

/** A signal: the one shape its stores keep and the console shows. */
export const SignalSchema = z.object({
  signalId: z.string(),
  sellerId: z.string(),
  rule: z.enum(RULES),
  /** When the evidence behind it happened; points count for the window from here. */
  time: z.string(),
  points: z.number(),
  explanation: z.string(),
  /** Event ids (and complaint ids) of the evidence it rests on. */
  evidenceIds: z.array(z.string()),
  /** Facets other rules and the ladder look at, e.g. `intimidation`, `ring`. */
  tags: z.array(z.string()),
  configVersion: z.string(),
});
export type Signal = z.infer<typeof SignalSchema>;

const LABEL_WORDS: Record<Label, string> = {
  review_manipulation: 'asks to remove or change a review, or ties money to it',
  off_platform_contact: 'moves the conversation off the platform',
  intimidation: 'pressures or threatens the buyer',
};

/** A seller's on-platform message that the classifier labelled. Buyer messages never count. */
export function sellerMessageSignal(message: MessageEvidence, config: DetectionConfig): Signal | undefined {
  if (message.sender !== 'seller' || message.labels.length === 0) return undefined;
  const weights = config.sellerMessage;
  const pointsOf = (label: Label) =>
    label === 'off_platform_contact' && message.handles.length === 0 ? weights.offPlatformWithoutHandle : weights.points[label];
  const points = message.labels.reduce((sum, label) => sum + pointsOf(label), 0);
  const quotes = message.matches.map((match) => `"${match.match}"`).slice(0, 3);
  return {
    signalId: `seller-message:${message.eventId}`,
    sellerId: message.sellerId,
    rule: 'seller-message',
    time: message.time,
    points,
    explanation:
      `On-platform message ${message.messageId} to buyer ${message.buyerId} ` +
      `${message.labels.map((label) => LABEL_WORDS[label]).join('; ')}` +
      (quotes.length > 0 ? ` (${quotes.join(', ')})` : '') +
      '.',
    evidenceIds: [message.eventId],
    tags: [...message.labels],
    configVersion: config.version,
  };
}

/** A rating at or below `maxRating` is negative; a review without one is not. */
export const isNegativeRating = (rating: number | undefined, maxRating: number): boolean => rating !== undefined && rating <= maxRating;

/** The first rating a review was given and when, if its posting is known. */
function negativePosting(history: readonly ReviewEvidence[], maxRating: number): ReviewEvidence | undefined {
  const posted = history.find((record) => record.action === 'posted');
  return posted && isNegativeRating(posted.rating, maxRating) ? posted : undefined;
}

/**
 * A report with buyer data, downloaded after an order's negative review and covering that order.
 * Routine reports of new orders do not count: the orders they cover have no review yet. A large
 * report that merely includes a reviewed order counts only when reviewed orders are a real share.
 */
export function targetedLookupSignal(
  download: ReportDownloadEvidence,
  /** The seller's review histories with a negative posting before the download. */
  reviewHistories: readonly (readonly ReviewEvidence[])[],
  config: DetectionConfig,
): Signal | undefined {
  const rule = config.targetedLookup;
  if (!download.containsBuyerPii || download.orderIds.length === 0) return undefined;
  const earliest = addDays(download.time, -rule.maxDaysAfterReview);
  const covered = new Set(download.orderIds);
  const targeted = reviewHistories
    .map((history) => negativePosting(history, rule.negativeMaxRating))
    .filter((posted): posted is ReviewEvidence => posted !== undefined)
    .filter((posted) => posted.time < download.time && posted.time >= earliest && covered.has(posted.orderId));
  if (targeted.length === 0) return undefined;
  const orders = new Set(targeted.map((review) => review.orderId));
  const share = orders.size / download.orderIds.length;
  if (download.orderIds.length > rule.smallReportOrders && share < rule.minNegativeShare) return undefined;
  const via = download.appId ? `app ${download.appId}` : `user ${download.actorId}`;
  return {
    signalId: `targeted-lookup:${download.eventId}`,
    sellerId: download.sellerId,
    rule: 'targeted-lookup',
    time: download.time,
    points: rule.points,
    explanation:
      `Report ${download.downloadId} (${download.reportType}, with buyer data) downloaded by ${via} covers ` +
      `${orders.size} of its ${download.orderIds.length} orders that had just received a negative review ` +
      `(${[...orders].slice(0, 5).join(', ')}${orders.size > 5 ? ', ...' : ''}).`,
    evidenceIds: [download.eventId, ...targeted.map((review) => review.eventId)],
    tags: download.appId ? ['targeted-lookup', `app:${download.appId}`] : ['targeted-lookup'],
    configVersion: config.version,
  };
}

/** The record that flipped a negative review (an edit up, or the buyer's removal), if any. */
export function flipOf(history: readonly ReviewEvidence[], config: DetectionConfig): { posted: ReviewEvidence; flip: ReviewEvidence } | undefined {
  const posted = negativePosting(history, config.unexplainedFlips.negativeMaxRating);
  if (!posted) return undefined;
  const flip = history.find((record) => record.time > posted.time && isFlipRecord(record, config));
  return flip ? { posted, flip } : undefined;
}

/** A review's first posting with a negative rating, as look-ups are judged (what a report may have targeted). */
export const isNegativePosting = (record: ReviewEvidence, config: DetectionConfig): boolean =>
  record.action === 'posted' && isNegativeRating(record.rating, config.targetedLookup.negativeMaxRating);

/** A flip of a review that was negative: the flip record, and the rating it lifted was negative. */
export const flipsNegative = (record: ReviewEvidence, config: DetectionConfig): boolean =>
  isFlipRecord(record, config) && isNegativeRating(record.previousRating, config.unexplainedFlips.negativeMaxRating);

/** A record that lifts a review out of the negative: an edit up to 4-5 stars, or the buyer's removal. */
export function isFlipRecord(record: ReviewEvidence, config: DetectionConfig): boolean {
  const rule = config.unexplainedFlips;
  return (
    (record.action === 'edited' && (record.rating ?? 0) >= rule.flippedMinRating) ||
    (record.action === 'removed' && record.removedBy === 'buyer')
  );
}

const sellerWroteBetween = (messages: readonly MessageEvidence[], buyerId: string, from: string, to: string) =>
  messages.some((message) => message.sender === 'seller' && message.buyerId === buyerId && message.time >= from && message.time <= to);

/** A report download as a look-up of one order sees it: its order list is not needed. */
export type LookupRecord = Pick<ReportDownloadEvidence, 'eventId' | 'downloadId' | 'time' | 'containsBuyerPii'>;

/**
 * The pattern itself, end to end: the seller pulled the buyer's data after a negative review, and
 * the review then flipped with no on-platform message in between. The contact that changed the
 * buyer's mind happened somewhere the platform cannot see.
 */
export function lookupThenFlipSignal(
  history: readonly ReviewEvidence[],
  lookups: readonly LookupRecord[],
  sellerMessages: readonly MessageEvidence[],
  config: DetectionConfig,
): Signal | undefined {
  const flipped = flipOf(history, config);
  if (!flipped) return undefined;
  const { posted, flip } = flipped;
  const lookup = lookups.find((download) => download.containsBuyerPii && download.time > posted.time && download.time < flip.time);
  if (!lookup || sellerWroteBetween(sellerMessages, posted.buyerId, posted.time, flip.time)) return undefined;
  const outcome = flip.action === 'removed' ? 'removed it' : `raised it to ${flip.rating ?? '?'} stars`;
  return {
    signalId: `lookup-then-flip:${posted.reviewId}`,
    sellerId: posted.sellerId,
    rule: 'lookup-then-flip',
    time: flip.time,
    points: config.lookupThenFlip.points,
    explanation:
      `Buyer ${posted.buyerId} left a ${posted.rating ?? '?'}-star review on order ${posted.orderId}; report ` +
      `${lookup.downloadId} with buyer data covering that order was downloaded ${lookup.time.slice(0, 10)}; the buyer ` +
      `then ${outcome} on ${flip.time.slice(0, 10)} with no on-platform message from the seller in between.`,
    evidenceIds: [posted.eventId, lookup.eventId, flip.eventId],
    tags: ['lookup-then-flip'],
    configVersion: config.version,
  };
}

export interface FlipCount {
  /** Negative reviews posted in the window. */
  readonly negatives: number;
  /** Those later removed by the buyer or raised, with no seller message to the buyer in between. */
  readonly unexplained: readonly { readonly review: ReviewEvidence; readonly flip: ReviewEvidence }[];
}

/** Counts a seller's negative reviews and their unexplained flips. */
export function countUnexplainedFlips(
  reviewHistories: readonly (readonly ReviewEvidence[])[],
  sellerMessages: readonly MessageEvidence[],
  config: DetectionConfig,
): FlipCount {
  const rule = config.unexplainedFlips;
  let negatives = 0;
  const unexplained: { review: ReviewEvidence; flip: ReviewEvidence }[] = [];
  for (const history of reviewHistories) {
    if (!negativePosting(history, rule.negativeMaxRating)) continue;
    negatives++;
    const flipped = flipOf(history, config);
    if (!flipped) continue;
    const { posted, flip } = flipped;
    if (!sellerWroteBetween(sellerMessages, posted.buyerId, posted.time, flip.time)) unexplained.push({ review: posted, flip });
  }
  return { negatives, unexplained };
}

/**
 * Too many unexplained flips for chance: the binomial tail of k flips among n negative reviews at
 * the platform's base rate is below alpha. One flip on a small seller never fires. At most one such
 * signal per seller per calendar month, so a persisting pattern adds points month after month.
 */
export function unexplainedFlipsSignal(
  sellerId: string,
  at: string,
  count: FlipCount,
  config: DetectionConfig,
): Signal | undefined {
  const rule = config.unexplainedFlips;
  const k = count.unexplained.length;
  const n = count.negatives;
  if (k < rule.minFlips) return undefined;
  const pValue = binomialUpperTail(k, n, rule.baseRate);
  if (pValue > rule.alpha) return undefined;
  const expected = n * rule.baseRate;
  return {
    signalId: `unexplained-flips:${sellerId}:${at.slice(0, 7)}`,
    sellerId,
    rule: 'unexplained-flips',
    time: at,
    points: rule.points,
    explanation:
      `${k} of ${n} negative reviews in the last ${config.windowDays} days were removed or raised to ` +
      `${rule.flippedMinRating}+ stars with no on-platform message from the seller in between; at the ` +
      `platform's base rate (${(rule.baseRate * 100).toFixed(1)}%) about ${expected.toFixed(1)} would be expected ` +
      `(binomial tail p = ${pValue.toExponential(2)}).`,
    evidenceIds: count.unexplained.flatMap(({ review, flip }) => [review.eventId, flip.eventId]),
    tags: ['unexplained-flips'],
    configVersion: config.version,
  };
}
