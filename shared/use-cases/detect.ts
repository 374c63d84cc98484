/**
 * Detection: judges a new piece of evidence by the rules of domain/detection, stores the signals
 * (idempotent by signal id), and re-assesses each seller concerned, opening or updating its case.
 * What the evidence must be read together with is the domain's to say (judgement.ts, as time
 * windows); this use case reads each window once through the evidence store and hands the records
 * back to the rules. A second read follows only where the first says it is needed: the messages
 * around a looked-up review that has flipped, the downloads a review's own history points to.
 */
import type { RingKind, RingMember } from '../domain/detection/complaint-and-ring';
import { buyerComplaintSignal, ringSignals } from '../domain/detection/complaint-and-ring';
import type { DetectionConfig } from '../domain/detection/config';
import {
  complaintReviewsWindow,
  corroboratingReview,
  coveredFlipMessagesWindow,
  coveredFlipSignals,
  flipReads,
  flipSignals,
  flipTime,
  judgeDownload,
  lateLookupsOf,
  lateLookupsWindow,
  lookupReviewsWindow,
  needsOwnHistory,
  ringHandlesOf,
} from '../domain/detection/judgement';
import type { Signal } from '../domain/detection/signals';
import { sellerMessageSignal } from '../domain/detection/signals';
import type { ComplaintEvidence, Evidence, MessageEvidence, ReportDownloadEvidence, ReviewEvidence } from '../domain/evidence';
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

/** Signals the new evidence gives rise to, for this seller and, through rings, for others. */
async function signalsFrom(evidence: Evidence, deps: DetectionDeps): Promise<Signal[]> {
  switch (evidence.kind) {
    case 'message':
      return messageSignals(evidence, deps);
    case 'report-download':
      return downloadSignals(evidence, deps);
    case 'review':
      return reviewSignals(evidence, deps);
    case 'complaint':
      return [await complaintSignal(evidence, deps)];
  }
}

async function messageSignals(message: MessageEvidence, deps: DetectionDeps): Promise<Signal[]> {
  const signals: Signal[] = [];
  const own = sellerMessageSignal(message, deps.config);
  if (own) signals.push(own);
  for (const handle of ringHandlesOf(message)) signals.push(...(await linkRing('handle', handle, message, deps)));
  return signals;
}

/** Links the seller to a ring key (a contact handle, a look-up app) and judges the ring it is in. */
async function linkRing(kind: RingKind, key: string, evidence: Evidence, deps: DetectionDeps): Promise<Signal[]> {
  const member: RingMember = { sellerId: evidence.sellerId, evidenceId: evidence.eventId, time: evidence.time };
  return ringSignals(kind, key, await deps.rings.link(kind, key, member), deps.config);
}

/** A download against the negative reviews before it; the messages only when a review it covered has flipped. */
async function downloadSignals(download: ReportDownloadEvidence, deps: DetectionDeps): Promise<Signal[]> {
  const window = lookupReviewsWindow(download, deps.config);
  if (!window) return [];
  const { lookup, covered } = judgeDownload(download, await deps.store.sellerReviews(download.sellerId, window), deps.config);
  if (!lookup) return [];
  const ring = download.appId ? await linkRing('app', download.appId, download, deps) : [];
  const messagesWindow = coveredFlipMessagesWindow(covered);
  const messages = messagesWindow ? await deps.store.sellerMessages(download.sellerId, messagesWindow) : [];
  return [lookup, ...ring, ...coveredFlipSignals(download, covered, messages, deps.config)];
}

async function reviewSignals(review: ReviewEvidence, deps: DetectionDeps): Promise<Signal[]> {
  const { config, store } = deps;
  const lateWindow = lateLookupsWindow(review, config);
  const [ownHistory, downloads] = await Promise.all([
    needsOwnHistory(review, config) ? store.reviewHistory(review.sellerId, review.reviewId) : [],
    lateWindow ? store.sellerReportDownloads(review.sellerId, lateWindow) : [],
  ]);
  const signals: Signal[] = [];
  // Downloads that arrived before this review did, though they happened after it: judged again.
  for (const download of lateLookupsOf(review, downloads)) signals.push(...(await downloadSignals(download, deps)));
  const flipAt = flipTime(review, ownHistory, config);
  if (flipAt) {
    const reads = flipReads(flipAt, ownHistory, config);
    const [reviews, messages, lookups] = await Promise.all([
      store.sellerReviews(review.sellerId, reads.reviews),
      store.sellerMessages(review.sellerId, reads.messages),
      reads.lookups ? store.reportsCoveringOrder(review.sellerId, reads.lookups.orderId, reads.lookups.window) : [],
    ]);
    signals.push(...flipSignals(review.sellerId, flipAt, ownHistory, { reviews, messages, lookups }, config));
  }
  return signals;
}

async function complaintSignal(complaint: ComplaintEvidence, deps: DetectionDeps): Promise<Signal> {
  const reviews = await deps.store.sellerReviews(complaint.sellerId, complaintReviewsWindow(complaint, deps.config));
  return buyerComplaintSignal(complaint, corroboratingReview(complaint, reviews, deps.config), deps.config);
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
