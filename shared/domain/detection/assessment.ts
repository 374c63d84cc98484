/**
 * What a seller's signals mean together: whether they warrant a warning, from when, and which
 * rungs later evidence asks for. Recomputed over all of the seller's signals in event-time order
 * every time one changes, so the answer (the case's opening time, its rung requests and their
 * times) follows from the events' own times whatever order they arrived in.
 *
 * A warning needs corroboration:
 * - an explicit request to change a review, or an incentive tied to one (one message suffices);
 * - a pattern decisive by itself: look-ups outside the routine followed by improbably many flips,
 *   or (in versions before 2026-12-04.1, `flipsWarnAlone` left out) unexplained flips that no chance
 *   explains; since then such flips are one kind of evidence, as strong as it gets, and need another;
 * - independent witnesses of one practice: contact handles sent to several different buyers,
 *   complaints from several different buyers the seller could have harassed, one-off pulls of
 *   several different negative reviewers (separate reports of types the seller never downloads
 *   otherwise, each holding only negative reviewers; with `oneOffPullFinal`, only pulls old enough
 *   that no later report of their type can make them routine);
 * - a look-up of a buyer outside the routine, then a flagged message to that buyer or that buyer's
 *   complaint: two kinds of evidence about one victim;
 * - or two independent kinds of evidence in the window: a targeted look-up, unexplained flips, a
 *   contact handle or off-platform move, pressure, a complaint from a buyer the seller could have
 *   harassed, a ring. Two labels of one message are one classifier hit, not two kinds.
 * Each later rung needs new evidence, dated at least the grace period after the previous request.
 * Evidence that does not warrant a warning (one kind, uncorroborated) opens a case for review: an
 * analyst reads it, the seller hears nothing (the trust-and-safety practice: automated enforcement
 * only on corroborated evidence, lone evidence to a human queue).
 */
import type { Rung } from '../ladder/rungs';
import { rungAbove } from '../ladder/rungs';
import { addDays } from '../time';
import type { DetectionConfig } from './config';
import { isSignalEnabled } from './config';
import type { Signal } from './signals';
import { activeSignals, buyerOf, buyersOf as buyersTagged } from './signals';

export const EVIDENCE_KINDS = ['solicitation', 'contact', 'pressure', 'lookup', 'flips', 'complaint', 'ring'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const KIND_WORDS: Record<EvidenceKind, string> = {
  solicitation: 'a request to change a review (or an incentive tied to one)',
  contact: 'a move off the platform',
  pressure: 'pressure on the buyer',
  lookup: 'a targeted look-up',
  flips: 'unexplained flips',
  complaint: 'a complaint from a buyer the seller could have harassed',
  ring: 'a ring',
};

/** The kinds of evidence a signal is, if any (a report outside the routine is context, not evidence). */
export function kindsOf(signal: Pick<Signal, 'rule' | 'tags'>): EvidenceKind[] {
  switch (signal.rule) {
    case 'seller-message': {
      const kinds: EvidenceKind[] = [];
      if (signal.tags.includes('review_manipulation')) kinds.push('solicitation');
      if (signal.tags.includes('off_platform_contact')) kinds.push('contact');
      if (signal.tags.includes('intimidation')) kinds.push('pressure');
      return kinds;
    }
    case 'targeted-lookup':
      return ['lookup'];
    case 'lookup-then-flip':
      return ['lookup', 'flips'];
    case 'unexplained-flips':
      return ['flips'];
    case 'buyer-complaint':
      return ['complaint'];
    case 'ring':
      return ['ring'];
    case 'outside-routine-report':
      return [];
  }
}

/**
 * Evidence that warrants a warning by itself: an explicit request (the classifier's rules read it
 * in the words; its model's reading alone is one classifier hit, which needs corroboration), or a
 * decisive pattern.
 */
const isDecisive = (signal: Pick<Signal, 'rule' | 'tags'>, config: DetectionConfig): boolean =>
  (kindsOf(signal).includes('solicitation') && signal.tags.includes('explicit')) ||
  (signal.tags.includes('decisive') && (signal.rule !== 'unexplained-flips' || config.cases.corroboration.flipsWarnAlone !== false));

/** Signals that bear on a warning, active, in time order (ties by id): evidence, and look-ups outside the routine (context). */
export function evidenceSignals<T extends Signal>(signals: readonly T[]): T[] {
  return activeSignals(signals)
    .filter((signal) => kindsOf(signal).length > 0 || signal.rule === 'outside-routine-report')
    .sort((a, b) => (a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.signalId < b.signalId ? -1 : a.signalId > b.signalId ? 1 : 0));
}

const firstSentence = (text: string) => text.replace(/\s+/gu, ' ').trim().replace(/\.$/u, '');

/**
 * Why the signals of a window warrant a warning, in one sentence, or undefined when they do not.
 * `window` holds evidence signals only; the latest is the one that would cross.
 */
export function warrantsWarning(window: readonly Signal[], config: DetectionConfig): string | undefined {
  const decisive = window.find((signal) => isDecisive(signal, config));
  if (decisive) {
    const kinds = kindsOf(decisive);
    const what = kinds.includes('solicitation') ? 'An explicit request to change a review or an incentive tied to one' : 'A pattern decisive by itself';
    return `${what}: ${firstSentence(decisive.explanation)}`;
  }
  // Independent witnesses of one kind: the same practice towards several buyers.
  // Each buyer a matching signal names (a message or complaint names one, a report all it covers), with the last such signal.
  const distinctBuyers = (matches: (signal: Signal) => boolean) => {
    const found = new Map<string, Signal>();
    for (const signal of window) if (matches(signal)) for (const buyer of buyersTagged(signal)) found.set(buyer, signal);
    return found;
  };
  const contacted = distinctBuyers((signal) => signal.rule === 'seller-message' && signal.tags.includes('off_platform_contact') && signal.tags.includes('handle'));
  if (contacted.size >= config.cases.corroboration.contactPracticeBuyers) {
    const latest = [...contacted.values()].at(-1);
    return (
      `Off-platform contact handles sent to ${contacted.size} different buyers, a practice rather than one classifier hit` +
      (latest ? ` (the latest: ${firstSentence(latest.explanation)})` : '')
    );
  }
  // A look-up outside the routine, then a flagged seller message to the same buyer or that buyer's
  // complaint: two kinds of evidence about one victim.
  const looked = window.filter((signal) => signal.rule === 'targeted-lookup' || signal.rule === 'outside-routine-report');
  const followed = window.filter((signal) => signal.rule === 'seller-message' || signal.rule === 'buyer-complaint');
  for (const after of followed) {
    const buyer = buyerOf(after);
    const lookup = buyer === undefined ? undefined : looked.find((signal) => signal.time < after.time && buyersTagged(signal).includes(buyer));
    if (lookup && buyer !== undefined) {
      const what = after.rule === 'buyer-complaint' ? 'complained of off-platform contact' : 'was sent a message the classifier flags';
      return `Buyer ${buyer}'s data was downloaded outside the seller's routine after a negative review, and the buyer then ${what}: ${firstSentence(lookup.explanation)}; and ${firstSentence(after.explanation)}`;
    }
  }
  // One-off pulls of several negative reviewers: reports of types the seller never downloads
  // otherwise, each holding only negative reviewers, about different buyers.
  // Final pulls only, when so configured: a pull younger than the routine's forward days may yet
  // turn routine (the seller's next report of its type), and a warning must not rest on it.
  const crossing = window.at(-1)?.time;
  const finalBy = config.signals['targeted-lookup'].oneOffPullFinal === true && crossing !== undefined ? addDays(crossing, -config.signals['targeted-lookup'].routineForwardDays) : undefined;
  const pulledBuyers = distinctBuyers((signal) => signal.tags.includes('one-off-pull') && (finalBy === undefined || signal.time <= finalBy));
  const pulls = new Map([...pulledBuyers.values()].map((signal) => [signal.signalId, signal]));
  const enough = config.cases.corroboration.oneOffPullBuyers;
  // At least one of them targeted by itself: a report outside the routine is context, never the
  // only fact of a decision (the statement of reasons lists facts, shared/domain/dsa/facts.ts).
  const anyTargeted = [...pulls.values()].some((signal) => signal.rule === 'targeted-lookup');
  if (anyTargeted && pulledBuyers.size >= enough && pulls.size >= enough) {
    const named = [...pulls.values()].slice(-2).map((signal) => firstSentence(signal.explanation));
    return `One-off pulls of ${pulledBuyers.size} different negative reviewers' data in ${pulls.size} reports of types the seller never downloads otherwise, each holding only negative reviewers, a practice rather than one look-up: ${named.join('; and ')}`;
  }
  const complainants = distinctBuyers((signal) => signal.rule === 'buyer-complaint');
  if (complainants.size >= config.cases.corroboration.independentComplaints) {
    const named = [...complainants.values()].slice(-2).map((signal) => firstSentence(signal.explanation));
    return `${complainants.size} buyers the seller could have harassed complained independently of off-platform contact: ${named.join('; and ')}`;
  }
  // Kinds by the evidence behind them: two labels of one message are one classifier hit.
  const sources = new Map<EvidenceKind, { signal: Signal; source: string }[]>();
  for (const signal of window) {
    const source = signal.rule === 'seller-message' ? `message:${signal.evidenceIds[0] ?? signal.signalId}` : signal.signalId;
    for (const kind of kindsOf(signal)) sources.set(kind, [...(sources.get(kind) ?? []), { signal, source }]);
  }
  // Pick one supporting signal per kind so that no source supports two picked kinds.
  const picked: { kind: EvidenceKind; signal: Signal }[] = [];
  const used = new Set<string>();
  for (const kind of EVIDENCE_KINDS) {
    const support = (sources.get(kind) ?? []).filter((entry) => !used.has(entry.source)).at(-1);
    if (!support) continue;
    used.add(support.source);
    picked.push({ kind, signal: support.signal });
  }
  if (picked.length < config.cases.corroboration.minKinds) return undefined;
  const named = picked.map(({ kind, signal }) => `${KIND_WORDS[kind]} (${firstSentence(signal.explanation)})`);
  return `${named.length === 2 ? 'Two' : named.length} independent kinds of evidence: ${named.join('; and ')}`;
}

export interface RungRequest {
  readonly rung: Rung;
  /** When the evidence that asked for it happened. */
  readonly at: string;
  /** The signal that asked for it. */
  readonly signalId: string;
  /** One sentence an analyst can check. */
  readonly because: string;
}

/** Why a case was opened for review: its first evidence, when, and in one sentence. */
export interface ReviewOpening {
  /** The event time of the seller's first evidence (after its last case). */
  readonly at: string;
  readonly signalId: string;
  /** One sentence an analyst can check: what the evidence is, and that it is one kind, uncorroborated. */
  readonly because: string;
}

export interface Episode {
  /**
   * When the case opens: the event time of the seller's first evidence when it opened for review
   * before anything warranted a warning, else of the evidence that crossed into a warning.
   */
  readonly openedAt: string;
  /** Set when the case opened for review (one kind of evidence, uncorroborated) before any warning. */
  readonly review?: ReviewOpening;
  /** Every rung asked for, in order: the warning first. Empty while the case is for review only. */
  readonly requests: readonly RungRequest[];
  /** The evidence of the episode, in time order. */
  readonly signals: readonly Signal[];
  /** Points of the evidence in the window at the latest signal: the console's order of urgency. */
  readonly points: number;
}

/** Whether a signal opens a case for review: evidence, or (when so configured) a one-off pull, context worth an analyst's reading. */
const opensReview = (signal: Signal, config: DetectionConfig): boolean =>
  kindsOf(signal).length > 0 || (signal.rule === 'outside-routine-report' && signal.tags.includes('one-off-pull') && config.signals['outside-routine-report'].oneOffPullOpensReview === true);

/** A case for review's one sentence: what its first evidence is, and that it is one kind, not corroborated. */
export function reviewReason(signal: Signal): string {
  if (signal.rule === 'outside-routine-report') {
    return `No evidence yet, a one-off pull: a report of a type the seller never downloads otherwise, holding only negatively reviewed orders (${firstSentence(signal.explanation)})`;
  }
  const kinds = kindsOf(signal);
  const what = kinds.length === 1 ? (kinds[0] ? KIND_WORDS[kinds[0]] : 'evidence') : `${signal.rule === 'seller-message' ? 'one classifier hit' : 'one signal'} showing ${kinds.map((kind) => KIND_WORDS[kind]).join(' and ')}`;
  return `One kind of evidence, not corroborated: ${what} (${firstSentence(signal.explanation)})`;
}

/**
 * The episode the seller's signals make, counting only evidence after `since` (the end of its last
 * case): undefined while there is no evidence at all. Evidence of one kind that does not warrant a
 * warning makes a case for review (no rung asked for); the same episode asks for a warning as of
 * the evidence that crosses, and for the later rungs as today.
 */
export function episodeOf(signals: readonly Signal[], since: string | undefined, config: DetectionConfig): Episode | undefined {
  // The kill switch: a disabled rule's signals stay stored (and on the cases they opened, for
  // review) but neither open nor escalate a case any more.
  const evidence = evidenceSignals(signals).filter((signal) => (since === undefined || signal.time > since) && isSignalEnabled(config, signal.rule));
  // The first evidence (a report outside the routine is context, never a reason by itself; a
  // one-off pull may open a case for review, never a warning).
  const first = evidence.find((signal) => opensReview(signal, config));
  if (!first) return undefined;
  let opened: RungRequest | undefined;
  let start = 0;
  for (let i = 0; i < evidence.length && !opened; i++) {
    const at = evidence[i];
    if (!at) continue;
    const from = addDays(at.time, -config.evidence.windowDays);
    while ((evidence[start]?.time ?? at.time) < from) start++;
    const because = warrantsWarning(evidence.slice(start, i + 1), config);
    if (because) opened = { rung: 'warn', at: at.time, signalId: at.signalId, because };
  }
  // Opened for review when the first evidence came before the warning (or no warning yet).
  const review: ReviewOpening | undefined = opened && opened.at <= first.time ? undefined : { at: first.time, signalId: first.signalId, because: reviewReason(first) };
  const openedAt = review?.at ?? opened?.at ?? first.time;
  const requests: RungRequest[] = opened ? [opened] : [];
  for (const signal of opened ? evidence : []) {
    if (kindsOf(signal).length === 0) continue;
    const last = requests[requests.length - 1];
    if (!last) break;
    const next = rungAbove(last.rung);
    if (next === null) break;
    if (signal.time < addDays(last.at, config.cases.escalationGraceDays)) continue;
    requests.push({
      rung: next,
      at: signal.time,
      signalId: signal.signalId,
      because: `New evidence ${config.cases.escalationGraceDays} days or more after the ${last.rung} was asked for: ${firstSentence(signal.explanation)}`,
    });
  }
  const latest = evidence[evidence.length - 1]?.time ?? openedAt;
  const windowFrom = addDays(latest, -config.evidence.windowDays);
  const points = evidence.filter((signal) => signal.time >= windowFrom).reduce((sum, signal) => sum + signal.points, 0);
  const episodeFrom = addDays(openedAt, -config.evidence.windowDays);
  return { openedAt, ...(review ? { review } : {}), requests, signals: evidence.filter((signal) => signal.time >= episodeFrom), points };
}
