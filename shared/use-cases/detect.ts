/**
 * Detection: judges a new piece of evidence by the rules of domain/detection, and judges again what
 * it can change (a late event changes the baselines, flips and complaints after it); stores each
 * judgement that changed (a signal, replaced by a judgement on more evidence, withdrawn when it no
 * longer holds), then re-assesses every seller concerned over all of its signals in event-time
 * order, opening or updating its case. What the evidence is read together with is the domain's to
 * say (judgement.ts, as time windows); this use case reads each window once through the evidence
 * store and hands the records to the rules. In an ordered stream the reads for "what comes after"
 * come back empty.
 *
 * When a candidate version runs in shadow, each event is judged a second time under it, after the
 * live judgement is stored, into the shadow's own namespace (./shadow-judging.ts): the same
 * judgement, other stores, nothing acting on them. Without a shadow nothing more is read or written.
 */
import type { RingKind, RingMember } from '../domain/detection/complaint-and-ring';
import { appLookupsSince, burstOf, complainantsNegativeReview, complaintBurstWindow, complaintReviewsWindow, judgeComplaint, ringSignals } from '../domain/detection/complaint-and-ring';
import type { DetectionConfig } from '../domain/detection/config';
import { flipSignalIds, flipSignalsAt, negativeReviews } from '../domain/detection/flips';
import {
  appOf,
  flipJudgedFrom,
  flipSignalsFrom,
  flipsSpan,
  isJudgedReport,
  laterComplaintsOf,
  affectedReportsWindow,
  lookupRecords,
  outsideRoutineReports,
  ringHandlesOf,
  shapesReportBaselines,
  weakensFlipsAfter,
} from '../domain/detection/judgement';
import { judgeReport, lookupWindowBefore, mayCoverNegative, reportBaselineWindow, reportSignal, reportSignalIds } from '../domain/detection/lookup';
import type { Signal } from '../domain/detection/signals';
import { activeSignals, completesFlip, sameJudgement, sellerMessageSignal, withdrawnSignal } from '../domain/detection/signals';
import type { ComplaintEvidence, Evidence, MessageEvidence, ReportDownloadEvidence, ReviewEvidence } from '../domain/evidence';
import { addDays, isInWindow, within } from '../domain/time';
import type { CaseStore } from '../ports/case-store';
import type { EvidenceStore } from '../ports/evidence-store';
import type { RingIndex } from '../ports/ring-index';
import type { DetectionRules } from '../ports/rules-store';
import { assessSeller } from './assess-seller';
import type { ShadowJudging } from './shadow-judging';

export interface DetectionDeps {
  readonly store: EvidenceStore;
  readonly cases: CaseStore;
  readonly rings: RingIndex;
  /** The configuration to judge under when no rules store is given (replay, unit tests). */
  readonly config: DetectionConfig;
  /**
   * The live rules (the rules store through a short cache: ./live-rules.ts): when given, each
   * event is judged under the configuration live when it is detected, and `config` is not used.
   */
  readonly rules?: DetectionRules;
  /** Where a shadow version's judgements go (with `rules`): without it, none is judged. */
  readonly shadow?: ShadowJudging;
}

type Proposal = { readonly signal: Signal } | { readonly withdraw: string; readonly because: string; readonly basis: number };

/** The judgements of one detection run, by seller, over what was stored before it. */
class Judging {
  private readonly proposals = new Map<string, Map<string, Proposal>>();

  constructor(
    readonly sellerId: string,
    /** The seller's signals as stored before this run. */
    private readonly storedSignals: readonly Signal[],
    private readonly deps: DetectionDeps,
  ) {}

  private storedById: ReadonlyMap<string, Signal> | undefined;

  /** The stored signals by id, built when first needed (most events propose nothing and read none). */
  private get stored(): ReadonlyMap<string, Signal> {
    this.storedById ??= new Map(this.storedSignals.map((signal) => [signal.signalId, signal]));
    return this.storedById;
  }

  /** What `current()` answered, until the next judgement of the seller's (it is read many times in between). */
  private currentSignals: readonly Signal[] | undefined;

  /** The seller's signals as they stand with this run's judgements. */
  current(): readonly Signal[] {
    this.currentSignals ??= this.merged();
    return this.currentSignals;
  }

  private merged(): Signal[] {
    const mine = this.proposals.get(this.sellerId) ?? new Map<string, Proposal>();
    const merged = new Map(this.stored);
    for (const [id, proposal] of mine) {
      if ('signal' in proposal) merged.set(id, proposal.signal);
      else {
        const existing = merged.get(id);
        if (existing) merged.set(id, { ...existing, withdrawn: true });
      }
    }
    return [...merged.values()];
  }

  private proposalsOf(sellerId: string): Map<string, Proposal> {
    let found = this.proposals.get(sellerId);
    if (!found) {
      found = new Map();
      this.proposals.set(sellerId, found);
    }
    return found;
  }

  /** The judgement now due under `ids`: `signal` under its own id, withdrawal of the others. */
  judged(sellerId: string, ids: readonly string[], signal: Signal | undefined, because: string, basis: number): void {
    const proposals = this.proposalsOf(sellerId);
    if (sellerId === this.sellerId) this.currentSignals = undefined;
    for (const id of ids) {
      if (signal?.signalId === id) proposals.set(id, { signal });
      else proposals.set(id, { withdraw: id, because, basis });
    }
  }

  /** Writes what changed and assesses each seller whose signals changed. Resolves to the signals written. */
  async commit(): Promise<Signal[]> {
    const written: Signal[] = [];
    const { cases, config } = this.deps;
    for (const [sellerId, proposals] of this.proposals) {
      const stored = sellerId === this.sellerId ? this.stored : new Map((await cases.sellerSignals(sellerId)).map((signal) => [signal.signalId, signal]));
      let changed = false;
      for (const proposal of proposals.values()) {
        let next: Signal | undefined;
        if ('signal' in proposal) {
          const existing = stored.get(proposal.signal.signalId);
          if (existing && (sameJudgement(existing, proposal.signal) || (existing.basis ?? 0) > (proposal.signal.basis ?? 0))) continue;
          next = proposal.signal;
        } else {
          const existing = stored.get(proposal.withdraw);
          if (!existing || existing.withdrawn === true || (existing.basis ?? 0) > proposal.basis) continue;
          next = withdrawnSignal(existing, proposal.because, proposal.basis, config);
        }
        if (await cases.putSignal(next)) {
          written.push(next);
          changed = true;
        }
      }
      if (changed) await assessSeller(sellerId, this.deps);
    }
    return written;
  }
}

/** Records of `records` in the window, by a linear pass (they are few enough). */
const inWindow = <T extends { readonly time: string }>(records: readonly T[], window: { from?: string; to?: string }) => within(records, window);

/** Judges reports (with buyer data) against their baselines; judges again the flips a changed verdict touches. */
async function judgeReports(reports: readonly ReportDownloadEvidence[], judging: Judging, deps: DetectionDeps): Promise<void> {
  const { store, config } = deps;
  const judged = [...reports].filter(isJudgedReport).sort((a, b) => (a.time < b.time ? -1 : 1));
  const first = judged[0];
  const last = judged[judged.length - 1];
  if (!first || !last) return;
  const sellerId = judging.sellerId;
  const reviewsFrom = reportBaselineWindow(first, config).reviews.from;
  const evidenceFrom = reportBaselineWindow(first, config).evidence.from;
  const evidenceTo = reportBaselineWindow(last, config).evidence.to;
  const storedIds = new Set(judging.current().map((signal) => signal.signalId));
  // Most reports cover no negatively reviewed order (the quick verdict below) and have no verdict
  // stored: when the store's index of negative postings shows that of every report, their reviews
  // are not read; the verdicts are the same, on no reviews as on all of them.
  const postings = await store.negativePostings?.(
    sellerId,
    { from: lookupWindowBefore(first, config).from, to: lookupWindowBefore(last, config).to },
    config.evidence.negativeMaxRating,
  );
  const readsReviews =
    postings === undefined || judged.some((download) => mayCoverNegative(download, postings, config) || reportSignalIds(download).some((id) => storedIds.has(id)));
  // Reviews to the end: a flip after a report whose verdict changes is to be judged again.
  const reviews = readsReviews ? await store.sellerReviews(sellerId, { from: reviewsFrom }) : [];
  let downloads: ReportDownloadEvidence[] | undefined;
  let messages: MessageEvidence[] | undefined;
  const changedAt: string[] = [];
  const apps = new Map<string, ReportDownloadEvidence>();
  for (const download of judged) {
    if (download.appId) apps.set(download.appId, download);
    const window = reportBaselineWindow(download, config);
    const ownReviews = inWindow(reviews, window.reviews);
    const ids = reportSignalIds(download);
    // Most reports cover no negatively reviewed order: nothing more to read for them.
    const quick = judgeReport(download, { reviews: ownReviews, downloads: [], messages: [] }, config);
    if (quick.kind === 'no-negative' && !ids.some((id) => storedIds.has(id))) continue;
    downloads ??= await store.sellerReportDownloads(sellerId, { from: evidenceFrom, to: evidenceTo });
    messages ??= await store.sellerMessages(sellerId, { from: evidenceFrom, to: evidenceTo });
    const verdict = judgeReport(
      download,
      { reviews: ownReviews, downloads: inWindow(downloads, window.evidence), messages: inWindow(messages, window.evidence) },
      config,
      outsideRoutineReports(judging.current()),
    );
    const signal = reportSignal(download, verdict, config);
    const before = judging.current().find((candidate) => ids.includes(candidate.signalId) && candidate.withdrawn !== true);
    judging.judged(sellerId, ids, signal, verdict.because, verdict.basis);
    if (before?.signalId !== signal?.signalId || (signal && before && !sameJudgement(before, signal))) {
      // A targeted pattern reaches back to the earlier reports in it: their flips are judged again too.
      const pattern = new Set(verdict.pattern ?? []);
      changedAt.push(download.time, ...downloads.filter((other) => pattern.has(other.eventId)).map((other) => other.time));
    }
  }
  // What the seller uses each app for, whenever a report through it changes what is known.
  for (const [app, download] of apps) {
    // A seller linked to an app has (or had, since withdrawn) targeted look-ups through it.
    if (judging.current().some((signal) => signal.rule === 'targeted-lookup' && appOf(signal) === app)) {
      await judgeAppUse(download, judging, deps);
    }
  }
  const from = changedAt.sort()[0];
  if (from && reviews.some((record) => record.time > from && completesFlip(record, config))) await judgeFlipsFrom(from, judging, deps);
}

/**
 * The reports whose baselines a piece of evidence belongs to: those after it (none in an ordered
 * stream), and those of the weeks before it that are outside the routine, whose routine it may
 * show (a report routine already only grows more routine with more of its type).
 */
async function affectedReports(evidence: Evidence, judging: Judging, deps: DetectionDeps): Promise<ReportDownloadEvidence[]> {
  const outside = outsideRoutineReports(judging.current());
  return (await deps.store.sellerReportDownloads(evidence.sellerId, affectedReportsWindow(evidence, deps.config))).filter(
    (download) =>
      download.eventId !== evidence.eventId &&
      (download.time > evidence.time ||
        (outside.has(download.eventId) && (evidence.kind === 'report-download' ? download.reportType === evidence.reportType : evidence.kind === 'review'))),
  );
}

/** Judges every flip from `from` on (each over the window before it). */
async function judgeFlipsFrom(from: string, judging: Judging, deps: DetectionDeps): Promise<void> {
  const { store, config } = deps;
  const span = flipsSpan(from, config);
  const [reviews, messages] = await Promise.all([store.sellerReviews(judging.sellerId, span), store.sellerMessages(judging.sellerId, span)]);
  const lookups = lookupRecords(judging.current()).filter((lookup) => isInWindow(lookup.time, span));
  const all = negativeReviews({ reviews, messages, lookups }, config);
  for (const review of all) {
    const flip = review.flip;
    if (!flip || flip.time < from || flip.time > (span.to ?? flip.time)) continue;
    // The basis is the flip's own window, the same whichever span it was judged in.
    const scope = { from: addDays(flip.time, -config.evidence.windowDays), to: flip.time };
    const basis = inWindow(reviews, scope).length + inWindow(messages, scope).length + lookups.filter((lookup) => isInWindow(lookup.time, scope)).length;
    const { flips, afterLookup } = flipSignalsAt(judging.sellerId, review, all, config, basis);
    const because = review.unexplained
      ? `the flip on ${flip.time.slice(0, 10)} is no longer improbable at the base rate on the evidence now known.`
      : `the seller wrote to the buyer on the platform between the review and its flip, which explains it.`;
    const [flipsId, afterId] = flipSignalIds(review.posted.reviewId);
    if (flipsId) judging.judged(judging.sellerId, [flipsId], flips, because, basis);
    if (afterId) judging.judged(judging.sellerId, [afterId], afterLookup, because, basis);
  }
}

/** Judges complaints: credible witnesses, or not (no negative review, or one of a burst). */
async function judgeComplaints(complaints: readonly ComplaintEvidence[], judging: Judging, deps: DetectionDeps): Promise<void> {
  const { store, config } = deps;
  const sorted = [...complaints].sort((a, b) => (a.time < b.time ? -1 : 1));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return;
  const [reviews, nearby] = await Promise.all([
    store.sellerReviews(judging.sellerId, { from: complaintReviewsWindow(first, config).from, to: last.time }),
    store.sellerComplaints(judging.sellerId, { from: complaintBurstWindow(first, config).from, to: complaintBurstWindow(last, config).to }),
  ]);
  for (const complaint of sorted) {
    const ownReviews = inWindow(reviews, complaintReviewsWindow(complaint, config));
    const burstWindow = complaintBurstWindow(complaint, config);
    const around = inWindow(nearby, burstWindow);
    const { signal, because } = judgeComplaint(complaint, complainantsNegativeReview(complaint, ownReviews, config), burstOf(complaint, around, config), config, ownReviews.length + around.length);
    judging.judged(judging.sellerId, [`buyer-complaint:${complaint.eventId}`], signal, because, ownReviews.length + around.length);
  }
}

/** The ring signals of every member of a key, after the seller was linked to it or unlinked from it. */
function judgeRing(kind: RingKind, key: string, members: readonly RingMember[], formerMember: string | undefined, judging: Judging, config: DetectionConfig): void {
  const bySeller = ringSignals(kind, key, members, config);
  if (formerMember && !bySeller.some((entry) => entry.sellerId === formerMember)) bySeller.push({ sellerId: formerMember, signal: undefined });
  for (const { sellerId, signal } of bySeller) {
    const id = `ring:${kind}:${key}:${sellerId}`;
    judging.judged(sellerId, [id], signal, `the ${kind === 'handle' ? 'contact handle' : 'app'} ${key} no longer ties ${config.signals.ring.minSellers} sellers on the evidence now known.`, members.length);
  }
}

/**
 * Whether the seller uses the report's app for look-ups (most of its reports through it in the
 * baseline targeted), and since when: then the app ties it to the other sellers that do;
 * otherwise it does not, however many sellers use the app for their routine reports.
 */
async function judgeAppUse(download: ReportDownloadEvidence, judging: Judging, deps: DetectionDeps): Promise<void> {
  const app = download.appId;
  if (!app) return;
  const { config, rings, store } = deps;
  const lookups = activeSignals(judging.current())
    .filter((signal) => (signal.rule === 'targeted-lookup' || signal.rule === 'outside-routine-report') && appOf(signal) === app)
    .map((signal) => ({ time: signal.time, eventId: signal.evidenceIds[0] ?? signal.signalId, targeted: signal.rule === 'targeted-lookup' }));
  const from = lookups.reduce((min, lookup) => (lookup.time < min ? lookup.time : min), download.time);
  const through = (await store.sellerReportDownloads(download.sellerId, { from: addDays(from, -config.signals['targeted-lookup'].baselineDays) })).filter(
    (other) => other.appId === app && isJudgedReport(other),
  );
  const since = appLookupsSince(lookups, through, config);
  const linked = (await rings.members('app', app)).find((known) => known.sellerId === download.sellerId);
  if (since && linked?.time === since.time && linked.evidenceId === since.eventId) return;
  if (linked) await rings.unlink('app', app, download.sellerId);
  const members = since ? await rings.link('app', app, { sellerId: download.sellerId, evidenceId: since.eventId, time: since.time }) : await rings.members('app', app);
  if (since || linked) judgeRing('app', app, members, linked && !since ? download.sellerId : undefined, judging, config);
}

async function judgeMessage(message: MessageEvidence, judging: Judging, deps: DetectionDeps, stored: readonly Signal[]): Promise<void> {
  const own = sellerMessageSignal(message, deps.config);
  if (own) judging.judged(message.sellerId, [own.signalId], own, '', 1);
  for (const handle of ringHandlesOf(message)) {
    const member: RingMember = { sellerId: message.sellerId, evidenceId: message.eventId, time: message.time };
    judgeRing('handle', handle, await deps.rings.link('handle', handle, member), undefined, judging, deps.config);
  }
  // A seller message explains the flips after it of its buyer's review: judged again, if any was evidence.
  if (weakensFlipsAfter(message, deps.config) && flipSignalsFrom(stored, message.time).length > 0) await judgeFlipsFrom(message.time, judging, deps);
}

async function judgeReview(review: ReviewEvidence, judging: Judging, deps: DetectionDeps, stored: readonly Signal[]): Promise<void> {
  const { config, store } = deps;
  const negativePosting = review.action === 'posted' && weakensFlipsAfter(review, config);
  const ownHistory = negativePosting ? await store.reviewHistory(review.sellerId, review.reviewId) : [];
  const flipFrom = flipJudgedFrom(review, ownHistory, config);
  if (flipFrom) await judgeFlipsFrom(flipFrom < review.time ? flipFrom : review.time, judging, deps);
  else if (negativePosting && flipSignalsFrom(stored, review.time).length > 0) await judgeFlipsFrom(review.time, judging, deps);
  if (negativePosting) {
    const later = laterComplaintsOf(review, await store.sellerComplaints(review.sellerId, { from: review.time }));
    if (later.length > 0) await judgeComplaints(later, judging, deps);
  }
}

/**
 * Runs detection for one stored piece of evidence. Resolves to the signals written (a judgement
 * that did not change is not written again).
 */
export async function detect(evidence: Evidence, given: DetectionDeps): Promise<Signal[]> {
  // One configuration for the whole event: every judgement and assessment of it records the same version.
  const inForce = given.rules ? await given.rules.inForce() : undefined;
  const written = await judge(evidence, inForce ? { ...given, config: inForce.live } : given);
  // After the live judgement is stored: a shadow's failure is logged and counted, never the event's.
  if (inForce?.shadow && given.shadow) {
    const config = inForce.shadow.config;
    await given.shadow.judge(evidence, config.version, (namespace) => judge(evidence, { store: given.store, ...namespace, config }));
  }
  return written;
}

/** Judges one event under `deps.config` into `deps.cases` and `deps.rings`. */
async function judge(evidence: Evidence, deps: DetectionDeps): Promise<Signal[]> {
  const stored = await deps.cases.sellerSignals(evidence.sellerId);
  const judging = new Judging(evidence.sellerId, stored, deps);
  switch (evidence.kind) {
    case 'message':
      await judgeMessage(evidence, judging, deps, stored);
      break;
    case 'review':
      await judgeReview(evidence, judging, deps, stored);
      break;
    case 'report-download':
      await judgeReports([evidence, ...(await affectedReports(evidence, judging, deps))], judging, deps);
      break;
    case 'complaint': {
      const nearby = await deps.store.sellerComplaints(evidence.sellerId, complaintBurstWindow(evidence, deps.config));
      await judgeComplaints([evidence, ...nearby.filter((other) => other.eventId !== evidence.eventId)], judging, deps);
      break;
    }
  }
  if (evidence.kind !== 'report-download' && shapesReportBaselines(evidence)) {
    const affected = await affectedReports(evidence, judging, deps);
    if (affected.length > 0) await judgeReports(affected, judging, deps);
  }
  return judging.commit();
}
