/**
 * Detection: runs every rule a new piece of evidence can trigger, stores the signals (idempotent by
 * signal id), and re-assesses each seller concerned, opening or updating its case. Events arrive
 * late and out of order, so each rule is checked from both sides: a download looks back for the
 * negative reviews it covers, and a negative review looks forward for downloads that covered it.
 */
import { buyerComplaintSignal, ringSignal } from '../domain/detection/complaint-and-ring';
import type { RingKind, RingMember } from '../domain/detection/complaint-and-ring';
import type { DetectionConfig } from '../domain/detection/config';
import { addDays } from '../domain/time';
import type { Signal } from '../domain/detection/signals';
import {
  countUnexplainedFlips,
  flipOf,
  isFlipRecord,
  lookupThenFlipSignal,
  sellerMessageSignal,
  targetedLookupSignal,
  unexplainedFlipsSignal,
} from '../domain/detection/signals';
import type {
  ComplaintEvidence,
  Evidence,
  MessageEvidence,
  ReportDownloadEvidence,
  ReviewEvidence,
} from '../domain/evidence';
import type { CaseStore } from '../ports/case-store';
import type { EvidenceStore } from '../ports/evidence-store';
import type { RingIndex } from '../ports/ring-index';
import { assessSeller } from './assess-seller';

export interface DetectionDeps {
  readonly store: EvidenceStore;
  readonly cases: CaseStore;
  readonly rings: RingIndex;
  readonly config: DetectionConfig;
}

const groupByReview = (records: readonly ReviewEvidence[]): ReviewEvidence[][] => {
  const histories = new Map<string, ReviewEvidence[]>();
  for (const record of records) histories.set(record.reviewId, [...(histories.get(record.reviewId) ?? []), record]);
  return [...histories.values()];
};

/** Signals the new evidence gives rise to, for this seller and, through rings, for others. */
async function signalsFrom(evidence: Evidence, deps: DetectionDeps): Promise<Signal[]> {
  switch (evidence.kind) {
    case 'message':
      return messageSignals(evidence, deps);
    case 'report-download':
      return lookupSignals(evidence, deps);
    case 'review':
      return reviewSignals(evidence, deps);
    case 'complaint':
      return [await complaintSignal(evidence, deps)];
  }
}

async function messageSignals(message: MessageEvidence, deps: DetectionDeps): Promise<Signal[]> {
  if (message.sender !== 'seller') return [];
  const signals: Signal[] = [];
  const own = sellerMessageSignal(message, deps.config);
  if (own) signals.push(own);
  // A handle the seller itself wrote; a buyer giving one address to two sellers is no ring.
  for (const handle of new Set(message.handles.map((h) => `${h.kind}:${h.hash}`))) {
    signals.push(...(await ringSignals('handle', handle, message, deps)));
  }
  return signals;
}

async function ringSignals(kind: RingKind, key: string, evidence: Evidence, deps: DetectionDeps): Promise<Signal[]> {
  const member: RingMember = { sellerId: evidence.sellerId, evidenceId: evidence.eventId, time: evidence.time };
  const members = await deps.rings.link(kind, key, member);
  const sellers = new Set(members.map((m) => m.sellerId));
  if (sellers.size < deps.config.ring.minSellers) return [];
  return [...sellers].flatMap((sellerId) => ringSignal(sellerId, kind, key, members, deps.config) ?? []);
}

/** Judges one download against the negative reviews before it. */
async function lookupSignals(download: ReportDownloadEvidence, deps: DetectionDeps): Promise<Signal[]> {
  if (!download.containsBuyerPii) return [];
  const window = { from: addDays(download.time, -deps.config.targetedLookup.maxDaysAfterReview), to: download.time };
  const reviews = await deps.store.sellerReviews(download.sellerId, window);
  const lookup = targetedLookupSignal(download, groupByReview(reviews), deps.config);
  if (!lookup) return [];
  const ring = download.appId ? await ringSignals('app', download.appId, download, deps) : [];
  // Reviews it looked up that have already flipped (the flip arrived before this download did).
  const flips: Signal[] = [];
  const covered = new Set(download.orderIds);
  for (const posted of reviews.filter((review) => review.action === 'posted' && covered.has(review.orderId))) {
    const signal = await lookupThenFlip(posted.sellerId, posted.reviewId, deps, [download]);
    if (signal) flips.push(signal);
  }
  return [lookup, ...ring, ...flips];
}

/** Checks one review for a look-up of its buyer followed by its flip (lookups: known, or fetched). */
async function lookupThenFlip(
  sellerId: string,
  reviewId: string,
  deps: DetectionDeps,
  knownLookups?: readonly ReportDownloadEvidence[],
): Promise<Signal | undefined> {
  const history = await deps.store.reviewHistory(sellerId, reviewId);
  const flipped = flipOf(history, deps.config);
  if (!flipped) return undefined;
  const window = { from: flipped.posted.time, to: flipped.flip.time };
  const lookups =
    knownLookups ?? (await deps.store.reportsCoveringOrder(sellerId, flipped.posted.orderId, window));
  if (lookups.length === 0) return undefined;
  const messages = await deps.store.sellerMessages(sellerId, window);
  return lookupThenFlipSignal(history, lookups, messages, deps.config);
}

async function reviewSignals(review: ReviewEvidence, deps: DetectionDeps): Promise<Signal[]> {
  const { config } = deps;
  const signals: Signal[] = [];
  const negativePost =
    review.action === 'posted' && review.rating !== undefined && review.rating <= config.targetedLookup.negativeMaxRating;
  if (negativePost) {
    // Downloads that arrived before this review did, though they happened after it.
    const later = await deps.store.sellerReportDownloads(review.sellerId, {
      from: review.time,
      to: addDays(review.time, config.targetedLookup.maxDaysAfterReview),
    });
    for (const download of later.filter((d) => d.containsBuyerPii && d.orderIds.includes(review.orderId))) {
      signals.push(...(await lookupSignals(download, deps)));
    }
  }
  const flipAt = await flipTime(review, deps);
  if (flipAt) {
    const window = { from: addDays(flipAt, -config.windowDays), to: flipAt };
    const [reviews, messages] = await Promise.all([
      deps.store.sellerReviews(review.sellerId, window),
      deps.store.sellerMessages(review.sellerId, window),
    ]);
    const count = countUnexplainedFlips(groupByReview(reviews), messages, config);
    const flips = unexplainedFlipsSignal(review.sellerId, flipAt, count, config);
    if (flips) signals.push(flips);
    const chain = await lookupThenFlip(review.sellerId, review.reviewId, deps);
    if (chain) signals.push(chain);
  }
  return signals;
}

/**
 * When this record completes a flip of a negative review (an edit up or a buyer's removal, or a
 * late posting whose flip is already known), the time of the flip.
 */
async function flipTime(review: ReviewEvidence, deps: DetectionDeps): Promise<string | undefined> {
  const negativeMax = deps.config.unexplainedFlips.negativeMaxRating;
  if (review.action === 'posted') {
    if ((review.rating ?? 99) > negativeMax) return undefined;
    return flipOf(await deps.store.reviewHistory(review.sellerId, review.reviewId), deps.config)?.flip.time;
  }
  const wasNegative = (review.previousRating ?? 0) > 0 && (review.previousRating ?? 0) <= negativeMax;
  return wasNegative && isFlipRecord(review, deps.config) ? review.time : undefined;
}

async function complaintSignal(complaint: ComplaintEvidence, deps: DetectionDeps): Promise<Signal> {
  const reviews = await deps.store.sellerReviews(complaint.sellerId, {
    from: addDays(complaint.time, -deps.config.windowDays),
    to: complaint.time,
  });
  const negative = reviews.find(
    (review) =>
      review.action === 'posted' &&
      review.buyerId === complaint.buyerId &&
      (complaint.orderId === undefined || review.orderId === complaint.orderId) &&
      (review.rating ?? 99) <= deps.config.targetedLookup.negativeMaxRating,
  );
  return buyerComplaintSignal(complaint, negative, deps.config);
}

/**
 * Runs detection for one stored piece of evidence. Resolves to the signals that were new (an
 * already-known signal is not stored or counted again).
 */
export async function detect(evidence: Evidence, deps: DetectionDeps): Promise<Signal[]> {
  const signals = await signalsFrom(evidence, deps);
  const fresh: Signal[] = [];
  for (const signal of signals) {
    if (await deps.cases.putSignal(signal)) fresh.push(signal);
  }
  const latestBySeller = new Map<string, string>();
  for (const signal of fresh) {
    const latest = latestBySeller.get(signal.sellerId);
    if (!latest || signal.time > latest) latestBySeller.set(signal.sellerId, signal.time);
  }
  for (const [sellerId, at] of latestBySeller) await assessSeller(sellerId, at, deps);
  return fresh;
}
