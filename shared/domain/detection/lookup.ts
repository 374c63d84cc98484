/**
 * Was a report with buyer data a look-up of negative reviewers? A report is targeted when the
 * orders it covers were selected because of their reviews. That is judged against the seller's own
 * baseline, never against a fixed share:
 *
 * 1. A report that covers (nearly) every order the seller's reports showed since the oldest order
 *    it covers is routine ("all recent orders"), whatever its negative share, as long as most of
 *    those orders had no negative review: the seller took them all, not the reviewers.
 * 2. A report of a type the seller downloads routinely (some of its reports of that type in the
 *    baseline held no negatively reviewed order at all: it is downloaded whether or not there is a
 *    reviewer to look up) is routine when its negative orders are what that type usually holds (a
 *    returns report is full of negative reviews: returned orders draw them), targeted when they
 *    are improbably many for it (binomial tail), and outside the routine in between.
 * 3. A report of a type the seller has no routine of is outside its routine; it is targeted when
 *    the seller's reports outside its routine, taken together, hold improbably many negatively
 *    reviewed orders for orders picked at random from those it had in the baseline
 *    (hypergeometric tail: one negative order in one small report is not enough, the same again
 *    and again is).
 *
 * A type's usual share is smoothed with half an order (Jeffreys), so a baseline with no negative
 * order at all still gives a finite, honest probability.
 */
import type { MessageEvidence, ReportDownloadEvidence, ReviewEvidence } from '../evidence';
import { addDays } from '../time';
import { binomialUpperTail, chanceOfTailAtMost, hypergeometricUpperTail, poissonBinomialUpperTail } from './binomial';
import type { DetectionConfig } from './config';
import { configVersionOf } from './config';
import type { Signal } from './signals';
import { day, isNegativeRating, probability } from './signals';

/** What a report is judged against: the seller's evidence of the baseline before it. */
export interface ReportBaseline {
  /** Review records from `baselineDays + maxDaysAfterReview` before the report up to it. */
  readonly reviews: readonly ReviewEvidence[];
  /** Report downloads of the baseline before the report (the report itself may be among them). */
  readonly downloads: readonly ReportDownloadEvidence[];
  /** Messages of the baseline before the report (they show which orders the seller had). */
  readonly messages: readonly MessageEvidence[];
}

export type ReportVerdictKind = 'no-negative' | 'routine' | 'outside-routine' | 'targeted';

export interface ReportVerdict {
  readonly kind: ReportVerdictKind;
  /** The negative reviews (postings) of orders it covers, posted in the look-up window before it. */
  readonly negatives: readonly ReviewEvidence[];
  /** One sentence: why the report is what it is. */
  readonly because: string;
  /** How many evidence records the verdict rests on. */
  readonly basis: number;
  /** The seller's earlier reports outside its routine that, with this one, make the targeted pattern (event ids). */
  readonly pattern?: readonly string[];
  /** The tail the verdict rests on (its chance for an innocent seller), when it is a test. */
  readonly p?: number;
  /** A report of a type the seller has no routine of (judged against its orders, rule 3). */
  readonly noRoutineType?: boolean;
  /** Targeted as one of several reports outside the routine, pooled (rule 4), none improbable by itself. */
  readonly pooled?: boolean;
}

/**
 * The window of evidence a report is judged against: the baseline before it, and the weeks after
 * it in which its type's routine shows too (reviews reach back further: a look-up follows its review).
 */
export const reportBaselineWindow = (download: Pick<ReportDownloadEvidence, 'time'>, config: DetectionConfig) => {
  const rule = config.signals['targeted-lookup'];
  const to = addDays(download.time, rule.routineForwardDays);
  return {
    reviews: { from: addDays(download.time, -(rule.baselineDays + rule.maxDaysAfterReview)), to },
    evidence: { from: addDays(download.time, -rule.baselineDays), to },
  };
};

/**
 * Whether a report may cover an order negatively reviewed in the look-up window before it, by the
 * seller's negative postings of that window (`lookupWindowBefore`). When it cannot, its verdict on
 * any baseline is 'no-negative': an order it covers counts only through a negative posting in that
 * window (the order's earliest, which is then one of these).
 */
export function mayCoverNegative(
  download: Pick<ReportDownloadEvidence, 'time' | 'orderIds' | 'containsBuyerPii'>,
  postings: readonly { readonly orderId: string; readonly time: string }[],
  config: DetectionConfig,
): boolean {
  if (!download.containsBuyerPii) return false;
  const earliest = addDays(download.time, -config.signals['targeted-lookup'].maxDaysAfterReview);
  const orders = new Set(postings.filter((posting) => posting.time < download.time && posting.time >= earliest).map((posting) => posting.orderId));
  return orders.size > 0 && download.orderIds.some((orderId) => orders.has(orderId));
}

/** The window of negative postings a report can cover (see `mayCoverNegative`). */
export const lookupWindowBefore = (download: Pick<ReportDownloadEvidence, 'time'>, config: DetectionConfig) => ({
  from: addDays(download.time, -config.signals['targeted-lookup'].maxDaysAfterReview),
  to: download.time,
});

/** Each order's first negative review posting (if any) in the records. */
function negativePostings(reviews: readonly ReviewEvidence[], config: DetectionConfig): Map<string, ReviewEvidence> {
  const postings = new Map<string, ReviewEvidence>();
  for (const record of reviews) {
    if (record.action !== 'posted' || !isNegativeRating(record.rating, config.evidence.negativeMaxRating)) continue;
    const known = postings.get(record.orderId);
    if (!known || record.time < known.time) postings.set(record.orderId, record);
  }
  return postings;
}

/** The orders of `orderIds` negatively reviewed in the look-up window before `time`. */
function negativesCovered(orderIds: readonly string[], time: string, postings: ReadonlyMap<string, ReviewEvidence>, config: DetectionConfig): ReviewEvidence[] {
  const earliest = addDays(time, -config.signals['targeted-lookup'].maxDaysAfterReview);
  return orderIds.flatMap((orderId) => {
    const posting = postings.get(orderId);
    return posting && posting.time < time && posting.time >= earliest ? [posting] : [];
  });
}

/** When each order was first seen in the seller's evidence before `before` (in reports only, or in any record). */
function firstSeenBefore(baseline: ReportBaseline, before: string, excludeEventId: string, reportsOnly: boolean): Map<string, string> {
  const seen = new Map<string, string>();
  const see = (orderId: string, time: string) => {
    const known = seen.get(orderId);
    if (known === undefined || time < known) seen.set(orderId, time);
  };
  for (const download of baseline.downloads) {
    if (download.time > before || download.eventId === excludeEventId) continue;
    for (const orderId of download.orderIds) see(orderId, download.time);
  }
  if (reportsOnly) return seen;
  for (const review of baseline.reviews) if (review.time <= before) see(review.orderId, review.time);
  for (const message of baseline.messages) if (message.orderId !== undefined && message.time <= before) see(message.orderId, message.time);
  return seen;
}

const smoothed = (negative: number, total: number) => (negative + 0.5) / (total + 1);
const pct = (share: number) => `${Math.round(share * 100)}%`;

interface TypeBaseline {
  readonly reports: number;
  readonly withoutNegative: number;
  readonly orders: number;
  readonly negative: number;
}

/** The seller's other reports of the same type around it: how many orders, how many negative, how many held none. */
function typeBaseline(download: ReportDownloadEvidence, baseline: ReportBaseline, postings: ReadonlyMap<string, ReviewEvidence>, config: DetectionConfig): TypeBaseline {
  const from = addDays(download.time, -config.signals['targeted-lookup'].baselineDays);
  const to = addDays(download.time, config.signals['targeted-lookup'].routineForwardDays);
  let reports = 0;
  let withoutNegative = 0;
  let orders = 0;
  let negative = 0;
  for (const other of baseline.downloads) {
    if (other.eventId === download.eventId || other.reportType !== download.reportType || other.time > to || other.time < from) continue;
    const k = negativesCovered(other.orderIds, other.time, postings, config).length;
    reports++;
    orders += other.orderIds.length;
    negative += k;
    if (k === 0) withoutNegative++;
  }
  return { reports, withoutNegative, orders, negative };
}

interface PooledLookups {
  /** The chance the seller's routine would give as many reports outside it (Poisson-binomial). */
  readonly p: number;
  /** The other reports of the pool (event ids). */
  readonly pattern: readonly string[];
  /** The rest of the sentence: which reports, what they held, against what, the pooled p. */
  readonly because: string;
}

/**
 * Rule 4: several reports outside the routine, none improbable by itself, taken together. A report
 * that falls outside its routine (binomial tail at most `explainedAbove` at its type's usual share)
 * happens by chance too, and the reports that did are chosen by that very fact: their own tails
 * cannot be multiplied (a merchant with sixty daily reports has two at 0.02 as a matter of course).
 * So the test counts: of the seller's reports of its routine types in the baseline, how many fell
 * outside the routine, each with a negative reviewer none of the earlier ones held (the same review
 * in overlapping daily reports is one piece of evidence, counted once), against how often the
 * routine would give as many, each report with its own chance of falling outside it at its type's
 * share (discrete tails: a one-order report at a 1% share does so 1% of the time), independent
 * (Poisson-binomial). Reports of types without a routine are rule 3's, pooled there.
 */
function pooledLookups(
  download: ReportDownloadEvidence,
  baseline: ReportBaseline,
  postings: ReadonlyMap<string, ReviewEvidence>,
  config: DetectionConfig,
  outsideRoutine: ReadonlySet<string>,
): PooledLookups | undefined {
  const rule = config.signals['targeted-lookup'];
  if (!rule.pooled?.enabled) return undefined;
  const from = addDays(download.time, -rule.baselineDays);
  const byId = new Map<string, ReportDownloadEvidence>();
  for (const other of baseline.downloads) if (other.containsBuyerPii && other.time >= from && other.time <= download.time) byId.set(other.eventId, other);
  byId.set(download.eventId, download);
  const reports = [...byId.values()].sort((a, b) => (a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.eventId < b.eventId ? -1 : 1));
  const routineTypes = new Map<string, boolean>();
  const isRoutineType = (type: string): boolean => {
    let known = routineTypes.get(type);
    if (known === undefined) {
      known = typeBaseline({ ...download, eventId: '', reportType: type }, baseline, postings, config).withoutNegative >= rule.routineReportsWithoutNegative;
      routineTypes.set(type, known);
    }
    return known;
  };
  const tested = reports.filter((report) => isRoutineType(report.reportType));
  // Each type's usual share, over the span a report's own verdict reads (before and after it),
  // without the reports under test: what the seller's routine reports of the type hold (as each
  // report's own verdict leaves itself out).
  const shareLeaving = (pooledIds: ReadonlySet<string>) => {
    const shares = new Map<string, number>();
    return (type: string): number => {
      let share = shares.get(type);
      if (share === undefined) {
        const others = { ...baseline, downloads: baseline.downloads.filter((other) => !pooledIds.has(other.eventId)) };
        const usual = typeBaseline({ ...download, eventId: '', reportType: type }, others, postings, config);
        share = smoothed(usual.negative, usual.orders);
        shares.set(type, share);
      }
      return share;
    };
  };
  // The pool: this report and the earlier ones outside the routine, each bringing a negative
  // reviewer none of the earlier ones held, and each outside the routine at the share the test
  // judges them all at (a report judged before its type had a routine may not be): dropping one
  // raises the share, so it is checked again until nothing more drops.
  // Each with the negative orders it covers (its own verdict's count) and those no earlier one held.
  let counted: { report: ReportDownloadEvidence; negatives: number; reviewers: number }[] = [];
  const seen = new Set<string>();
  for (const report of tested) {
    if (report.eventId !== download.eventId && !outsideRoutine.has(report.eventId)) continue;
    const negatives = negativesCovered(report.orderIds, report.time, postings, config);
    const fresh = negatives.filter((review) => !seen.has(review.eventId));
    if (fresh.length === 0) continue;
    for (const review of fresh) seen.add(review.eventId);
    counted.push({ report, negatives: negatives.length, reviewers: fresh.length });
  }
  let shareOf = shareLeaving(new Set(counted.map(({ report }) => report.eventId)));
  for (;;) {
    const share = shareOf;
    const kept = counted.filter(({ report, negatives }) => binomialUpperTail(negatives, report.orderIds.length, share(report.reportType)) <= rule.explainedAbove);
    if (kept.length === counted.length) break;
    counted = kept;
    shareOf = shareLeaving(new Set(counted.map(({ report }) => report.eventId)));
  }
  if (counted.length < 2 || !counted.some(({ report }) => report.eventId === download.eventId)) return undefined;
  const types = [...new Set(tested.map((report) => report.reportType))].sort();
  const shares = new Map(types.map((type) => [type, shareOf(type)]));
  const chances = tested.map((report) => chanceOfTailAtMost(report.orderIds.length, shareOf(report.reportType), rule.explainedAbove));
  const p = poissonBinomialUpperTail(counted.length, chances);
  const expected = chances.reduce((sum, chance) => sum + chance, 0);
  const named = counted
    .filter(({ report }) => report.eventId !== download.eventId)
    .map(({ report, reviewers }) => `${report.downloadId} (${report.reportType}, ${day(report.time)}, ${reviewers} of ${report.orderIds.length} orders)`);
  const listed = named.slice(-4).join(', ') + (named.length > 4 ? `, and ${named.length - 4} more` : '');
  return {
    p,
    pattern: counted.filter(({ report }) => report.eventId !== download.eventId).map(({ report }) => report.eventId),
    because:
      `with the seller's other reports outside its routine in the last ${rule.baselineDays} days (${listed}), ${counted.length} of its ${tested.length} routine ` +
      `${types.join('/')} reports fell outside the routine, each with a negative reviewer none of the others held; by chance its routine would give ` +
      `about ${expected.toFixed(1)} (each report at the share its type's other reports hold: ${[...shares].map(([type, share]) => `${type} ${(share * 100).toFixed(1)}%`).join(', ')}): as many with p = ${probability(p)}, a pattern of look-ups, not one.`,
  };
}

/** Šidák's per-report bar for `m` tests at family-wise error `alpha`: 1 - (1 - alpha)^(1/m). */
export const familywiseBar = (alpha: number, m: number): number => (m <= 1 ? alpha : -Math.expm1(Math.log1p(-alpha) / m));

/** Judges a report download (with buyer data) against the seller's baseline before it. */
export function judgeReport(
  download: ReportDownloadEvidence,
  baseline: ReportBaseline,
  config: DetectionConfig,
  /** Event ids of the seller's earlier reports judged outside its routine (targeted or not). */
  outsideRoutine: ReadonlySet<string> = new Set(),
): ReportVerdict {
  const rule = config.signals['targeted-lookup'];
  const from = addDays(download.time, -rule.baselineDays);
  const basis = baseline.reviews.length + baseline.downloads.length + baseline.messages.length;
  const postings = negativePostings(baseline.reviews, config);
  const negatives = download.containsBuyerPii ? negativesCovered(download.orderIds, download.time, postings, config) : [];
  const what = `Report ${download.downloadId} (${download.reportType}, with buyer data, by ${download.appId ? `app ${download.appId}` : `user ${download.actorId}`})`;
  if (negatives.length === 0) return { kind: 'no-negative', negatives, because: `${what} covers no order negatively reviewed before it.`, basis };
  const n = download.orderIds.length;
  const k = negatives.length;
  const named = negatives.slice(0, 5).map((review) => review.orderId).join(', ') + (k > 5 ? ', ...' : '');
  const covers = `covers ${n} order${n === 1 ? '' : 's'}, ${k} of them negatively reviewed in the ${rule.maxDaysAfterReview} days before (${named})`;
  const own = new Set(download.orderIds);

  // 1. Every order the seller's reports showed since the oldest order this one covers. An order's
  // first report tells when the seller had it; the orders first shown together with the oldest one
  // may be older than it, so only those this report covers count from that report.
  const reported = firstSeenBefore(baseline, download.time, download.eventId, true);
  const since = download.orderIds.reduce<string | undefined>((min, orderId) => {
    const first = reported.get(orderId);
    return first !== undefined && (min === undefined || first < min) ? first : min;
  }, undefined);
  if (since !== undefined) {
    let periodOrders = 0;
    let coveredOfPeriod = 0;
    for (const [orderId, first] of reported) {
      if (first < since || (first === since && !own.has(orderId))) continue;
      periodOrders++;
      if (own.has(orderId)) coveredOfPeriod++;
    }
    if (coveredOfPeriod >= rule.nearlyAllShare * periodOrders && periodOrders >= 2 * k) {
      return {
        kind: 'routine',
        negatives,
        because: `${what} ${covers}: it covers ${coveredOfPeriod} of the ${periodOrders} orders the seller's reports showed since ${day(since)}, all its recent orders, not a selection by review.`,
        basis,
      };
    }
  }

  // 2. What the seller's reports of this type usually hold.
  const usual = typeBaseline(download, baseline, postings, config);
  const routineType = usual.withoutNegative >= rule.routineReportsWithoutNegative;
  const usualShare = smoothed(usual.negative, usual.orders);
  const typeWords =
    `its other ${download.reportType} reports of the ${rule.baselineDays} days before and ${rule.routineForwardDays} after hold ${usual.negative} negatively reviewed orders in ` +
    `${usual.orders} (${pct(usualShare)}), and ${usual.withoutNegative} of the ${usual.reports} held none`;
  if (routineType) {
    const againstType = binomialUpperTail(k, n, usualShare);
    if (againstType > rule.explainedAbove) {
      return { kind: 'routine', negatives, because: `${what} ${covers}, as the seller's routine ${download.reportType} reports do: ${typeWords} (binomial tail p = ${probability(againstType)}).`, basis, p: againstType };
    }
    // One bar for the seller's whole routine of this type (its m reports in the window), not per report.
    const reportsOfType = usual.reports + 1;
    const bar = rule.familywise === true ? familywiseBar(rule.alpha, reportsOfType) : rule.alpha;
    if (againstType <= bar) {
      return {
        kind: 'targeted',
        negatives,
        because: `${what} ${covers}: far more than the seller's routine ${download.reportType} reports hold (${typeWords}; binomial tail p = ${probability(againstType)}${bar < rule.alpha ? `, under ${probability(bar)}, the bar for one of its ${reportsOfType} ${download.reportType} reports` : ''}).`,
        basis,
        p: againstType,
      };
    }
    const more = `${what} ${covers}: more than the seller's routine ${download.reportType} reports hold (${typeWords}; binomial tail p = ${probability(againstType)})`;
    // 4. Not improbable by itself: with the seller's other reports outside its routine, together?
    const pool = pooledLookups(download, baseline, postings, config, outsideRoutine);
    if (pool && pool.p <= (rule.pooled?.alpha ?? 0)) {
      return { kind: 'targeted', negatives, because: `${more}, not improbable by itself; ${pool.because}`, basis, pattern: pool.pattern, p: pool.p, pooled: true };
    }
    const barWords = bar < rule.alpha ? ` (for one of its ${reportsOfType} ${download.reportType} reports in the window the bar is ${probability(bar)}: one of so many falls under ${probability(rule.alpha)} by chance)` : '';
    return { kind: 'outside-routine', negatives, because: `${more}, though not improbable enough to be a targeted look-up by itself${barWords}.`, basis, p: againstType };
  }

  // 3. No routine of this type: were the orders of the seller's reports outside its routine,
  // together, picked at random from the orders it had (hypergeometric: exact however few)?
  const pattern: string[] = [];
  const pooledOrders = new Set(download.orderIds);
  for (const other of baseline.downloads) {
    if (other.eventId === download.eventId || !outsideRoutine.has(other.eventId) || other.time >= download.time || other.time < from) continue;
    pattern.push(other.eventId);
    for (const orderId of other.orderIds) pooledOrders.add(orderId);
  }
  const known = firstSeenBefore(baseline, download.time, '', false);
  const population = new Set(own);
  for (const [orderId, first] of known) if (first >= from || pooledOrders.has(orderId)) population.add(orderId);
  for (const orderId of pooledOrders) population.add(orderId);
  const negativeAt = (orderId: string, at: string) => {
    const posting = postings.get(orderId);
    return posting !== undefined && posting.time < at && posting.time >= addDays(at, -rule.maxDaysAfterReview);
  };
  // Each pooled order counts as negative when its report found it negatively reviewed just before.
  const reportOf = new Map<string, string>();
  for (const other of baseline.downloads) {
    if (pattern.includes(other.eventId)) for (const orderId of other.orderIds) if (!reportOf.has(orderId) || negativeAt(orderId, other.time)) reportOf.set(orderId, other.time);
  }
  for (const orderId of download.orderIds) reportOf.set(orderId, download.time);
  const pooledNegative = [...pooledOrders].filter((orderId) => negativeAt(orderId, reportOf.get(orderId) ?? download.time)).length;
  const populationNegative = [...population].filter((orderId) => (pooledOrders.has(orderId) ? negativeAt(orderId, reportOf.get(orderId) ?? download.time) : (postings.get(orderId)?.time ?? download.time) < download.time)).length;
  const pooled = hypergeometricUpperTail(pooledNegative, population.size, populationNegative, pooledOrders.size);
  const pooledWords =
    (pattern.length === 0 ? 'it is the seller\'s only report' : `with the seller's ${pattern.length} other report${pattern.length === 1 ? '' : 's'}`) +
    ` outside its routine in the last ${rule.baselineDays} days (it has no routine ${download.reportType} report: ${usual.withoutNegative} of its ${usual.reports} held no negative review)` +
    `, ${pooledOrders.size} order${pooledOrders.size === 1 ? '' : 's'}, ${pooledNegative} negatively reviewed just before; of the ${population.size} orders the seller had in that time, ` +
    `${populationNegative} were (${pct(population.size === 0 ? 0 : populationNegative / population.size)}): orders picked at random would hold as many with p = ${probability(pooled)}`;
  if (pooled <= rule.alpha) return { kind: 'targeted', negatives, because: `${what} ${covers}: ${pooledWords}.`, basis, pattern, p: pooled, noRoutineType: true };
  if (pooled > rule.selectiveBelow) return { kind: 'routine', negatives, because: `${what} ${covers}: ${pooledWords}; nothing selective about it.`, basis, p: pooled };
  return { kind: 'outside-routine', negatives, because: `${what} ${covers}: ${pooledWords}; not improbable enough to be a targeted look-up.`, basis, p: pooled, noRoutineType: true };
}

/** The signal of a verdict: a targeted look-up, or a report outside the routine (no points: it matters for what follows it). */
export function reportSignal(download: ReportDownloadEvidence, verdict: ReportVerdict, config: DetectionConfig): Signal | undefined {
  if (verdict.kind !== 'targeted' && verdict.kind !== 'outside-routine') return undefined;
  const app = download.appId ? [`app:${download.appId}`] : [];
  const targeted = verdict.kind === 'targeted';
  // A pull of only negative reviewers' data in a report the seller never downloads otherwise: what
  // the one-off pull rule (flips.ts) reads.
  const oneOff = verdict.noRoutineType === true && verdict.negatives.length === download.orderIds.length ? ['one-off-pull'] : [];
  return {
    signalId: `${targeted ? 'targeted-lookup' : 'outside-routine-report'}:${download.eventId}`,
    sellerId: download.sellerId,
    rule: targeted ? 'targeted-lookup' : 'outside-routine-report',
    time: download.time,
    points: targeted ? config.signals['targeted-lookup'].points : config.signals['outside-routine-report'].points,
    explanation: verdict.because,
    evidenceIds: [download.eventId, ...verdict.negatives.map((review) => review.eventId), ...(verdict.pattern ?? [])],
    tags: [targeted ? 'targeted-lookup' : 'outside-routine', `report:${download.downloadId}`, ...app, ...oneOff, ...(verdict.pooled ? ['pooled'] : []), ...[...new Set(verdict.negatives.map((review) => review.buyerId))].map((buyer) => `buyer:${buyer}`)],
    configVersion: configVersionOf(config),
    basis: verdict.basis,
    ...(verdict.p !== undefined ? { p: verdict.p } : {}),
  };
}

/** The ids a report's verdict may be stored under (one of them, or none). */
export const reportSignalIds = (download: Pick<ReportDownloadEvidence, 'eventId'>): string[] => [
  `targeted-lookup:${download.eventId}`,
  `outside-routine-report:${download.eventId}`,
];
