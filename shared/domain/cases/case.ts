/**
 * Seller cases. A case opens on a seller's first evidence: *for review* (asking for no rung: no
 * ladder, no notice) while the evidence is one kind, uncorroborated; asking for a warning once it
 * warrants one (corroborated evidence: domain/detection/assessment.ts), and for the rungs later
 * evidence calls for. A seller has at most one open case: later evidence joins it and may raise
 * the rung it asks for (from none to a warning, and on), never lower it.
 */
import { createHash } from 'node:crypto';
import type { DetectionConfig } from '../detection/config';
import { configVersionOf } from '../detection/config';
import type { Rung } from '../ladder/rungs';
import { requestIndex, rungAbove, rungIndex } from '../ladder/rungs';
import { later } from '../time';
import type { Signal } from '../detection/signals';
import { episodeOf } from '../detection/assessment';
import type { Case, CaseSignal, HumanDecision } from './case-schema';

export { CASE_STATUSES, CaseSchema, CaseSignalSchema, HumanDecisionSchema } from './case-schema';
export type { Case, CaseSignal, CaseStatus, HumanDecision } from './case-schema';

/** Was the latest decision on `rung` an approval? Suspension and legal hold need one to be applied. */
export function isApproved(item: Pick<Case, 'decisions'>, rung: Rung): boolean {
  const latest = (item.decisions ?? []).filter((decision) => decision.rung === rung).at(-1);
  return latest?.decision === 'approve';
}

/** A case for review: one kind of evidence, not corroborated; it asks for no rung (no ladder, no notice). */
export const isForReview = (item: Pick<Case, 'requestedRung'>): boolean => item.requestedRung === null;

/** A change the case cannot make in the state it is in (a decision nobody waits for, a closed case). */
export class CaseStateError extends Error {
  override readonly name = 'CaseStateError';
}

/** A dismissal that does not fit the case (a wrong signal the case does not have). */
export class DismissalError extends Error {
  override readonly name = 'DismissalError';
}

/*
 * The case's state changes. Each returns the next case, one version on and updated at `at` (or
 * its last update, when that is later: steps and people act at times that need not be in order),
 * or the case itself when nothing changes; the store writes it conditionally on that version.
 */

function changed(item: Case, at: string, change: Partial<Case>): Case {
  return { ...item, ...change, updatedAt: later(at, item.updatedAt), version: item.version + 1 };
}

function requireOpen(item: Case, refusal: string = `case ${item.caseId} is ${item.status}`): void {
  if (item.status !== 'open') throw new CaseStateError(refusal);
}

/** The ladder starts (or moves to) an execution for the case; whatever the previous one waited for is dropped. */
export const startExecution = (item: Case, execution: NonNullable<Case['execution']>, at: string): Case =>
  changed(item, at, { execution, waiting: undefined });

/** The ladder waits for a person (the seller's coaching, an approval) and keeps the task token that resumes it. */
export const awaitPerson = (item: Case, waiting: Omit<NonNullable<Case['waiting']>, 'since'>, at: string): Case =>
  changed(item, at, { waiting: { ...waiting, since: at } });

/**
 * The wait ended (a completion, a timeout, a denial): nobody is waited for, and the execution
 * goes on at `goesTo` when it moves to another rung.
 */
export function endWait(item: Case, goesTo: Rung | null, at: string): Case {
  const execution = goesTo && item.execution ? { ...item.execution, rung: goesTo } : item.execution;
  if (!item.waiting && execution === item.execution) return item;
  return changed(item, at, { waiting: undefined, execution });
}

/** A rung was applied: the case records the highest rung applied, and waits for nobody. */
export function applyRung(item: Case, rung: Rung, at: string): Case {
  const applied = !item.applied || rungIndex(rung) > rungIndex(item.applied.rung) ? { rung, at } : item.applied;
  return changed(item, at, { applied, waiting: undefined });
}

/** A legal hold was applied, with its sealed bundle (the first one sealed stands). */
export const applyLegalHold = (item: Case, sealed: NonNullable<Case['legalHold']>, at: string): Case =>
  changed(item, at, { applied: { rung: 'legal-hold', at }, waiting: undefined, legalHold: item.legalHold ?? sealed });

/**
 * A person decided the rung the case waits for (the ladder's step applies an approved one). With
 * the next case comes the task token of the wait the decision ends, for the workflow to resume.
 */
export function recordDecision(item: Case, decision: HumanDecision): { readonly case: Case; readonly token: string } {
  const waiting = item.waiting;
  if (item.status !== 'open' || waiting?.kind !== 'approval' || waiting.rung !== decision.rung) {
    throw new CaseStateError(`case ${item.caseId} is not waiting for a decision on ${decision.rung}`);
  }
  return {
    case: changed(item, decision.at, { waiting: undefined, decisions: [...(item.decisions ?? []), decision] }),
    token: waiting.token,
  };
}

/**
 * An analyst asks for the rung above the one the case asks for (what new evidence would do): a
 * warning for a case for review, which the ladder then starts at.
 */
export function askForNextRung(item: Case, at: string): Case & { readonly requestedRung: Rung } {
  requireOpen(item);
  const requestedRung = rungAbove(item.requestedRung);
  if (requestedRung === null) throw new CaseStateError(`case ${item.caseId} already asks for ${item.requestedRung}, the top rung`);
  return { ...changed(item, at, { rungRequestedAt: at, openedRung: item.openedRung ?? 'warn' }), requestedRung };
}

/**
 * The case is dismissed, by whom, why and in which category; the ladder waits for nothing more.
 * A false positive may only name signals the case has.
 */
export function dismiss(item: Case, closure: NonNullable<Case['closure']>): Case {
  requireOpen(item, `case ${item.caseId} is already ${item.status}`);
  const own = new Set(item.signals.map((signal) => signal.rule));
  const foreign = (closure.wrongSignals ?? []).filter((rule) => !own.has(rule));
  if (foreign.length > 0) throw new DismissalError(`case ${item.caseId} has no ${foreign.join(', ')} signal; its signals are ${[...own].join(', ')}`);
  return changed(item, closure.at, { status: 'dismissed', waiting: undefined, closure });
}

/** How many evidence ids an audit entry cites: the case's earliest, which opened it. */
const AUDITED_EVIDENCE_IDS = 50;

/** The evidence an audit entry about the case cites. */
export const auditedEvidenceIds = (item: Pick<Case, 'signals'>): string[] =>
  item.signals.flatMap((signal) => signal.evidenceIds).slice(0, AUDITED_EVIDENCE_IDS);

/**
 * A case's id follows from its seller and which of the seller's cases it is (the first, the
 * second after the first was closed...), never from when or in which order its evidence arrived.
 */
export function caseIdFor(sellerId: string, episode: number): string {
  return `case_${createHash('sha256').update(`${sellerId}\n${episode}`).digest('hex').slice(0, 20)}`;
}

const toCaseSignal = (signal: Signal): CaseSignal => ({
  signalId: signal.signalId,
  rule: signal.rule,
  time: signal.time,
  points: signal.points,
  explanation: signal.explanation,
  evidenceIds: signal.evidenceIds,
  tags: signal.tags,
});

export type CaseDecision =
  | { readonly action: 'none' }
  | { readonly action: 'open'; readonly case: Case }
  | { readonly action: 'update'; readonly case: Case };

/** Which of the seller's cases the evidence would open, and the evidence it may count. */
export interface CaseHistory {
  /** 1 for the seller's first case, 2 for the one after it was closed, ... */
  readonly episode: number;
  /** When the seller's last case was closed or dismissed: evidence up to then was judged already. */
  readonly since?: string;
}

/** The seller's case history from its cases (any status). */
export function caseHistory(cases: readonly Pick<Case, 'status' | 'closure' | 'updatedAt'>[]): CaseHistory {
  const ended = cases.filter((item) => item.status !== 'open');
  const since = ended.map((item) => item.closure?.at ?? item.updatedAt).reduce<string | undefined>((max, at) => (max === undefined || at > max ? at : max), undefined);
  return since === undefined ? { episode: ended.length + 1 } : { episode: ended.length + 1, since };
}

const sameSignals = (a: readonly CaseSignal[], b: readonly CaseSignal[]) =>
  a.length === b.length && a.every((signal, i) => JSON.stringify(signal) === JSON.stringify(b[i]));

/**
 * Decides what a seller's signals mean, recomputed over all of them in event-time order
 * (domain/detection/assessment.ts): open a case on its first evidence (for review, asking for no
 * rung, while the evidence does not warrant a warning), with the opening time of that evidence and
 * the rungs later evidence asks for; or bring the open case up to what they say. The rung a case
 * asks for never goes down, and a case once opened stays open (a warning cannot be taken back by
 * later evidence; an analyst can dismiss it).
 */
export function decideCase(
  sellerId: string,
  signals: readonly Signal[],
  openCase: Case | undefined,
  config: DetectionConfig,
  history: CaseHistory = { episode: 1 },
): CaseDecision {
  const episode = episodeOf(signals, history.since, config);
  if (!episode) return { action: 'none' };
  const last = episode.requests.at(-1);
  const requestedRung = last?.rung ?? null;
  const rungRequestedAt = last?.at ?? null;
  const caseSignals = episode.signals.map(toCaseSignal);
  const rungRequests = episode.requests.map((request) => ({ ...request }));
  const review = episode.review ? { ...episode.review } : undefined;
  // The case changes as of its latest evidence: the time of the events, not of their arrival.
  const latest = caseSignals.reduce((max, signal) => later(signal.time, max), episode.openedAt);
  if (!openCase) {
    return {
      action: 'open',
      case: {
        caseId: caseIdFor(sellerId, history.episode),
        sellerId,
        status: 'open',
        openedAt: episode.openedAt,
        updatedAt: latest,
        points: episode.points,
        requestedRung,
        rungRequestedAt,
        // The ladder starts at a warning, once one is asked for.
        ...(requestedRung === null ? {} : { openedRung: 'warn' as const }),
        ...(review ? { review } : {}),
        rungRequests,
        signals: caseSignals,
        configVersion: configVersionOf(config),
        version: 1,
      },
    };
  }
  // Never down: a rung asked for stays asked for, as of when it was.
  const keeps = requestIndex(openCase.requestedRung) > requestIndex(requestedRung);
  const next = {
    openedAt: episode.openedAt,
    points: episode.points,
    requestedRung: keeps ? openCase.requestedRung : requestedRung,
    rungRequestedAt: keeps ? openCase.rungRequestedAt : rungRequestedAt,
    rungRequests: keeps ? (openCase.rungRequests ?? rungRequests) : rungRequests,
    signals: caseSignals,
  };
  const openedRung = openCase.openedRung ?? (next.requestedRung === null ? undefined : 'warn');
  const unchanged =
    next.openedAt === openCase.openedAt &&
    next.points === openCase.points &&
    next.requestedRung === openCase.requestedRung &&
    next.rungRequestedAt === openCase.rungRequestedAt &&
    openedRung === openCase.openedRung &&
    JSON.stringify(review) === JSON.stringify(openCase.review) &&
    JSON.stringify(next.rungRequests) === JSON.stringify(openCase.rungRequests ?? []) &&
    sameSignals(next.signals, openCase.signals) &&
    openCase.configVersion === configVersionOf(config);
  if (unchanged) return { action: 'none' };
  return { action: 'update', case: changed(openCase, latest, { ...next, openedRung, review, configVersion: configVersionOf(config) }) };
}
