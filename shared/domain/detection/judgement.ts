/**
 * How a new piece of evidence is judged: what of the seller's evidence it must be read together
 * with (as time windows), and which earlier judgements it may change. Detection
 * (use-cases/detect.ts) reads each window through the store and hands the records to the rules in
 * this folder (lookup.ts, flips.ts, complaint-and-ring.ts).
 *
 * Events arrive late and out of order, so every judgement is a function of the evidence in its
 * window whatever order it arrived in, and a late event judges again what it can change: the
 * reports after it (their baselines), the flips after it, the complaints after it. In an ordered
 * stream there is nothing after it, and these reads come back empty.
 */
import type { ComplaintEvidence, Evidence, MessageEvidence, ReportDownloadEvidence, ReviewEvidence } from '../evidence';
import type { TimeWindow } from '../time';
import { addDays } from '../time';
import type { DetectionConfig } from './config';
import type { LookupRecord } from './flips';
import type { Signal } from './signals';
import { activeSignals, completesFlip, isNegativeRating } from './signals';

/** Reports with buyer data are judged; the others are part of baselines only. */
export const isJudgedReport = (download: ReportDownloadEvidence): boolean => download.containsBuyerPii && download.orderIds.length > 0;

/**
 * Reports whose baseline a piece of evidence belongs to: those of the baseline period after it
 * (a negative review's look-ups follow it within the look-up window, which the baseline covers),
 * and, for a report or a negative review, those of the weeks before it whose type's routine it shows.
 */
export function affectedReportsWindow(evidence: Evidence, config: DetectionConfig): TimeWindow {
  const rule = config.signals['targeted-lookup'];
  const reachesBack = evidence.kind === 'report-download' || (evidence.kind === 'review' && evidence.action === 'posted' && isNegativeRating(evidence.rating, config.evidence.negativeMaxRating));
  return {
    from: reachesBack ? addDays(evidence.time, -rule.routineForwardDays) : evidence.time,
    to: addDays(evidence.time, Math.max(rule.baselineDays, rule.maxDaysAfterReview)),
  };
}

/** Whether a piece of evidence can change the verdict of a report after it (it shows an order or a review). */
export function shapesReportBaselines(evidence: Evidence): boolean {
  switch (evidence.kind) {
    case 'report-download':
    case 'review':
      return true;
    case 'message':
      return evidence.orderId !== undefined;
    case 'complaint':
      return false;
  }
}

/** The span flips from `from` on are judged over: the window before the first of them, to the window after. */
export function flipsSpan(from: string, config: DetectionConfig): TimeWindow {
  return { from: addDays(from, -config.evidence.windowDays), to: addDays(from, config.evidence.windowDays) };
}

/** The seller's report verdicts (targeted or outside the routine) as the flip rules see them. */
export function lookupRecords(signals: readonly Signal[]): LookupRecord[] {
  const verdicts = activeSignals(signals).filter((signal) => signal.rule === 'targeted-lookup' || signal.rule === 'outside-routine-report');
  const reports = new Set(verdicts.map((signal) => signal.evidenceIds[0] ?? ''));
  return verdicts.map((signal) => ({
    signalId: signal.signalId,
    time: signal.time,
    // Its evidence: the report, the negative postings it covered, the earlier reports of its pattern.
    postingIds: signal.evidenceIds.slice(1).filter((id) => !reports.has(id)),
    downloadId: signal.tags.find((tag) => tag.startsWith('report:'))?.slice('report:'.length),
    targeted: signal.rule === 'targeted-lookup',
    oneOffPull: signal.tags.includes('one-off-pull'),
    ...(signal.p !== undefined ? { p: signal.p } : {}),
  }));
}

/** Event ids of the reports judged outside the seller's routine (targeted or not), from their signals. */
export const outsideRoutineReports = (signals: readonly Signal[]): Set<string> =>
  new Set(
    activeSignals(signals)
      .filter((signal) => signal.rule === 'targeted-lookup' || signal.rule === 'outside-routine-report')
      .flatMap((signal) => signal.evidenceIds.slice(0, 1)),
  );

/** Stored flip signals (active) at or after `from`: the judgements a late review or message may weaken. */
export const flipSignalsFrom = (signals: readonly Signal[], from: string): Signal[] =>
  activeSignals(signals).filter((signal) => (signal.rule === 'unexplained-flips' || signal.rule === 'lookup-then-flip') && signal.time >= from);

/** When a review record completes a flip, the time flips are to be judged from. */
export function flipJudgedFrom(review: ReviewEvidence, ownHistory: readonly ReviewEvidence[], config: DetectionConfig): string | undefined {
  if (completesFlip(review, config)) return review.time;
  // A late posting of a review whose flip is already known.
  if (review.action === 'posted' && isNegativeRating(review.rating, config.evidence.negativeMaxRating)) {
    const flip = ownHistory.find((record) => record.time > review.time && completesFlip(record, config));
    return flip?.time;
  }
  return undefined;
}

/** Seller messages and negative postings weaken flips after them; nothing else they can change. */
export const weakensFlipsAfter = (evidence: Evidence, config: DetectionConfig): boolean =>
  (evidence.kind === 'message' && evidence.sender === 'seller') ||
  (evidence.kind === 'review' && evidence.action === 'posted' && isNegativeRating(evidence.rating, config.evidence.negativeMaxRating));

/** A negative review makes its buyer's later complaints credible: the complaints to judge again. */
export const laterComplaintsOf = (review: ReviewEvidence, complaints: readonly ComplaintEvidence[]): ComplaintEvidence[] =>
  complaints.filter((complaint) => complaint.buyerId === review.buyerId && complaint.time > review.time);

/** The contact handles a seller wrote in its own message, each a ring key: a buyer giving one address to two sellers is no ring. */
export function ringHandlesOf(message: MessageEvidence): string[] {
  if (message.sender !== 'seller') return [];
  return [...new Set(message.handles.map((handle) => `${handle.kind}:${handle.hash}`))];
}

/** The app a report verdict is through, from its tags. */
export const appOf = (signal: Pick<Signal, 'tags'>): string | undefined => signal.tags.find((tag) => tag.startsWith('app:'))?.slice('app:'.length);
