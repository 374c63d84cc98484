/**
 * How a new piece of evidence is judged: what of the seller's evidence it must be read together
 * with (each as a time window), and which rules decide what the two mean together. Detection
 * (use-cases/detect.ts) reads each window once and hands the records here; every rule of what
 * counts (a negative review, a flip, a look-up, a complaint's corroboration) is in this folder.
 *
 * Events arrive late and out of order, so each rule is judged from both sides: a download looks
 * back for the negative reviews it covers, and a negative review looks forward for downloads that
 * covered it; a flip is judged whether its posting or its edit arrives last.
 */
import type { ComplaintEvidence, MessageEvidence, ReportDownloadEvidence, ReviewEvidence } from '../evidence';
import type { TimeWindow } from '../time';
import { addDays, within } from '../time';
import type { DetectionConfig } from './config';
import type { LookupRecord, Signal } from './signals';
import { countUnexplainedFlips, flipOf, isFlipRecord, isNegativeRating, lookupThenFlipSignal, targetedLookupSignal, unexplainedFlipsSignal } from './signals';

/** Review records by review id: each review's history, in the order of the records. */
function reviewHistories(records: readonly ReviewEvidence[]): Map<string, ReviewEvidence[]> {
  const histories = new Map<string, ReviewEvidence[]>();
  for (const record of records) histories.set(record.reviewId, [...(histories.get(record.reviewId) ?? []), record]);
  return histories;
}

/** Review records grouped by review: each review's history, in the order of the records. */
export const groupByReview = (records: readonly ReviewEvidence[]): ReviewEvidence[][] => [...reviewHistories(records).values()];

// Messages

/**
 * The contact handles a seller wrote in its own message, each a ring key: a buyer giving one
 * address to two sellers is no ring.
 */
export function ringHandlesOf(message: MessageEvidence): string[] {
  if (message.sender !== 'seller') return [];
  return [...new Set(message.handles.map((handle) => `${handle.kind}:${handle.hash}`))];
}

// Report downloads

/**
 * The seller's reviews a download is judged against: those from the look-up window before it on,
 * with whatever followed them (a flip may be known before the download is). Undefined for a
 * download without buyer data, which is never a look-up.
 */
export function lookupReviewsWindow(download: ReportDownloadEvidence, config: DetectionConfig): TimeWindow | undefined {
  if (!download.containsBuyerPii) return undefined;
  return { from: addDays(download.time, -config.targetedLookup.maxDaysAfterReview) };
}

/** A review a download covered that has flipped since: the look-up may be what flipped it. */
export interface CoveredFlip {
  readonly history: readonly ReviewEvidence[];
  readonly posted: ReviewEvidence;
  readonly flip: ReviewEvidence;
}

export interface DownloadJudgement {
  /** The targeted look-up, if the download is one. */
  readonly lookup: Signal | undefined;
  /** Reviews it looked up that have already flipped (the flip arrived before the download did). */
  readonly covered: readonly CoveredFlip[];
}

/** Judges one download against the seller's reviews read from its lookupReviewsWindow. */
export function judgeDownload(download: ReportDownloadEvidence, reviews: readonly ReviewEvidence[], config: DetectionConfig): DownloadJudgement {
  const before = within(reviews, { from: addDays(download.time, -config.targetedLookup.maxDaysAfterReview), to: download.time });
  const lookup = targetedLookupSignal(download, groupByReview(before), config);
  if (!lookup) return { lookup: undefined, covered: [] };
  const histories = reviewHistories(reviews);
  const orders = new Set(download.orderIds);
  const covered = before
    .filter((review) => review.action === 'posted' && orders.has(review.orderId))
    .flatMap((review) => {
      const history = histories.get(review.reviewId) ?? [];
      const flipped = flipOf(history, config);
      return flipped ? [{ history, ...flipped }] : [];
    });
  return { lookup, covered };
}

/** The messages that tell whether the seller wrote to the buyers of covered reviews before they flipped. */
export function coveredFlipMessagesWindow(covered: readonly CoveredFlip[]): TimeWindow | undefined {
  if (covered.length === 0) return undefined;
  return {
    from: covered.reduce((min, { posted }) => (posted.time < min ? posted.time : min), covered[0]?.posted.time ?? ''),
    to: covered.reduce((max, { flip }) => (flip.time > max ? flip.time : max), ''),
  };
}

/** A look-up followed by the flip of a review it covered, with no message between. */
export const coveredFlipSignals = (
  download: ReportDownloadEvidence,
  covered: readonly CoveredFlip[],
  messages: readonly MessageEvidence[],
  config: DetectionConfig,
): Signal[] => covered.flatMap(({ history }) => lookupThenFlipSignal(history, [download], messages, config) ?? []);

// Reviews

/**
 * Downloads to judge again after a negative review: one that happened after it, within the
 * look-up window, may have arrived before it. Undefined for any other review.
 */
export function lateLookupsWindow(review: ReviewEvidence, config: DetectionConfig): TimeWindow | undefined {
  if (review.action !== 'posted' || !isNegativeRating(review.rating, config.targetedLookup.negativeMaxRating)) return undefined;
  return { from: review.time, to: addDays(review.time, config.targetedLookup.maxDaysAfterReview) };
}

/** Of the downloads read from lateLookupsWindow, those with buyer data that cover the review's order. */
export const lateLookupsOf = (review: ReviewEvidence, downloads: readonly ReportDownloadEvidence[]): ReportDownloadEvidence[] =>
  downloads.filter((download) => download.containsBuyerPii && download.orderIds.includes(review.orderId));

/** An edit up or a buyer's removal of a review that was negative: this record is a flip. */
const completesFlip = (review: ReviewEvidence, config: DetectionConfig): boolean =>
  review.action !== 'posted' && isNegativeRating(review.previousRating, config.unexplainedFlips.negativeMaxRating) && isFlipRecord(review, config);

/**
 * Whether the review's own history is needed to judge it: a negative posting (its flip may be
 * known already), or a flip (its posting tells how far back to look).
 */
export const needsOwnHistory = (review: ReviewEvidence, config: DetectionConfig): boolean =>
  review.action === 'posted' ? isNegativeRating(review.rating, config.unexplainedFlips.negativeMaxRating) : completesFlip(review, config);

/**
 * When this record completes a flip of a negative review (an edit up or a buyer's removal, or a
 * late posting whose flip is already known), the time of the flip.
 */
export function flipTime(review: ReviewEvidence, ownHistory: readonly ReviewEvidence[], config: DetectionConfig): string | undefined {
  if (review.action === 'posted') {
    if (!isNegativeRating(review.rating, config.unexplainedFlips.negativeMaxRating)) return undefined;
    return flipOf(ownHistory, config)?.flip.time;
  }
  return completesFlip(review, config) ? review.time : undefined;
}

/** What a flip at `flipAt` is judged against, each read once. */
export interface FlipReads {
  /** The seller's reviews in the window before the flip: how many negatives, how many flipped. */
  readonly reviews: TimeWindow;
  /** Its messages over that window and the flipped review's own life: were the flips explained. */
  readonly messages: TimeWindow;
  /** The look-ups of the flipped review's order between its posting and its flip, when its posting is known. */
  readonly lookups?: { readonly orderId: string; readonly window: TimeWindow };
}

export function flipReads(flipAt: string, ownHistory: readonly ReviewEvidence[], config: DetectionConfig): FlipReads {
  const window = { from: addDays(flipAt, -config.windowDays), to: flipAt };
  const own = flipOf(ownHistory, config);
  if (!own) return { reviews: window, messages: window };
  const life = { from: own.posted.time, to: own.flip.time };
  return {
    reviews: window,
    messages: { from: life.from < window.from ? life.from : window.from, to: life.to > window.to ? life.to : window.to },
    lookups: { orderId: own.posted.orderId, window: life },
  };
}

/**
 * A flip's signals: too many unexplained flips for chance in the window, and the flipped review's
 * own chain (a look-up of its buyer, then the flip, no message between).
 */
export function flipSignals(
  sellerId: string,
  flipAt: string,
  ownHistory: readonly ReviewEvidence[],
  read: { readonly reviews: readonly ReviewEvidence[]; readonly messages: readonly MessageEvidence[]; readonly lookups: readonly LookupRecord[] },
  config: DetectionConfig,
): Signal[] {
  const window = { from: addDays(flipAt, -config.windowDays), to: flipAt };
  const count = countUnexplainedFlips(groupByReview(within(read.reviews, window)), within(read.messages, window), config);
  const flips = unexplainedFlipsSignal(sellerId, flipAt, count, config);
  const chain = read.lookups.length > 0 ? lookupThenFlipSignal(ownHistory, read.lookups, read.messages, config) : undefined;
  return [flips, chain].filter((signal): signal is Signal => signal !== undefined);
}

// Buyer complaints

/** The seller's reviews a complaint is judged against: the window before it. */
export const complaintReviewsWindow = (complaint: ComplaintEvidence, config: DetectionConfig): TimeWindow => ({
  from: addDays(complaint.time, -config.windowDays),
  to: complaint.time,
});

/**
 * The review that corroborates a complaint: a negative one the complainant left this seller (on
 * the order complained about, when it names one) before complaining.
 */
export const corroboratingReview = (complaint: ComplaintEvidence, reviews: readonly ReviewEvidence[], config: DetectionConfig): ReviewEvidence | undefined =>
  reviews.find(
    (review) =>
      review.action === 'posted' &&
      review.buyerId === complaint.buyerId &&
      (complaint.orderId === undefined || review.orderId === complaint.orderId) &&
      isNegativeRating(review.rating, config.targetedLookup.negativeMaxRating),
  );
