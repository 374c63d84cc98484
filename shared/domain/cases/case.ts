/**
 * Seller risk and cases. Signals add points that count for the window (180 days, as the
 * marketplace's account-health practice does); when a seller's points in the window cross the warn
 * threshold a case opens. A seller has at most one open case: later signals join it and may raise
 * the rung it asks for, never lower it.
 */
import { createHash } from 'node:crypto';
import type { DetectionConfig } from '../detection/config';
import type { Rung } from '../ladder/rungs';
import { higherRung, rungAbove, rungIndex } from '../ladder/rungs';
import { addDays, later } from '../time';
import type { Signal } from '../detection/signals';
import { byTimeThen } from '../evidence';
import type { Case, CaseSignal, HumanDecision } from './case-schema';

export { CASE_STATUSES, CaseSchema, CaseSignalSchema, HumanDecisionSchema } from './case-schema';
export type { Case, CaseSignal, CaseStatus, HumanDecision } from './case-schema';

/** Was the latest decision on `rung` an approval? Suspension and legal hold need one to be applied. */
export function isApproved(item: Pick<Case, 'decisions'>, rung: Rung): boolean {
  const latest = (item.decisions ?? []).filter((decision) => decision.rung === rung).at(-1);
  return latest?.decision === 'approve';
}

/** A change the case cannot make in the state it is in (a decision nobody waits for, a closed case). */
export class CaseStateError extends Error {
  override readonly name = 'CaseStateError';
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

/** An analyst asks for the rung above the one the case asks for (what new evidence would do). */
export function askForNextRung(item: Case, at: string): Case {
  requireOpen(item);
  const requestedRung = rungAbove(item.requestedRung);
  if (requestedRung === null) throw new CaseStateError(`case ${item.caseId} already asks for ${item.requestedRung}, the top rung`);
  return changed(item, at, { requestedRung, rungRequestedAt: at });
}

/** The case is dismissed as a false positive, by whom and why; the ladder waits for nothing more. */
export function dismiss(item: Case, closure: NonNullable<Case['closure']>): Case {
  requireOpen(item, `case ${item.caseId} is already ${item.status}`);
  return changed(item, closure.at, { status: 'dismissed', waiting: undefined, closure });
}

/** How many evidence ids an audit entry cites: the case's earliest, which opened it. */
const AUDITED_EVIDENCE_IDS = 50;

/** The evidence an audit entry about the case cites. */
export const auditedEvidenceIds = (item: Pick<Case, 'signals'>): string[] =>
  item.signals.flatMap((signal) => signal.evidenceIds).slice(0, AUDITED_EVIDENCE_IDS);

/**
 * Strong evidence may start at suspension (still behind a human approval): intimidation together
 * with targeted look-ups, or a ring.
 */
export function isStrongEvidence(signals: readonly Pick<Signal, 'tags' | 'rule'>[]): boolean {
  const has = (predicate: (signal: Pick<Signal, 'tags' | 'rule'>) => boolean) => signals.some(predicate);
  const intimidation = has((signal) => signal.tags.includes('intimidation'));
  const lookup = has((signal) => signal.rule === 'targeted-lookup');
  return (intimidation && lookup) || has((signal) => signal.rule === 'ring');
}

/** The rung a new case asks for: a warning, or suspension when the evidence is strong. */
export function openingRung(signals: readonly Signal[]): Rung {
  return isStrongEvidence(signals) ? 'suspend' : 'warn';
}

export function caseIdFor(sellerId: string, openedAt: string): string {
  return `case_${createHash('sha256').update(`${sellerId}\n${openedAt}`).digest('hex').slice(0, 20)}`;
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

const byTime = byTimeThen((signal: CaseSignal) => signal.signalId);

export type CaseDecision =
  | { readonly action: 'none' }
  | { readonly action: 'open'; readonly case: Case }
  | { readonly action: 'update'; readonly case: Case };

/**
 * Decides what a seller's signals in the window mean at time `at`: open a case when the points
 * cross the threshold (asking for a warning, or suspension on strong evidence), or add the new
 * signals to the open case. New evidence that happened after the grace period following the
 * current rung asks for the next rung; strong evidence asks for suspension at least. The rung a
 * case asks for never goes down.
 */
export function decideCase(
  sellerId: string,
  at: string,
  windowSignals: readonly Signal[],
  openCase: Case | undefined,
  config: DetectionConfig,
): CaseDecision {
  const points = windowSignals.reduce((sum, signal) => sum + signal.points, 0);
  if (!openCase) {
    if (points < config.caseThreshold) return { action: 'none' };
    return {
      action: 'open',
      case: {
        caseId: caseIdFor(sellerId, at),
        sellerId,
        status: 'open',
        openedAt: at,
        updatedAt: at,
        points,
        requestedRung: openingRung(windowSignals),
        rungRequestedAt: at,
        openedRung: openingRung(windowSignals),
        signals: [...windowSignals].sort(byTime).map(toCaseSignal),
        configVersion: config.version,
        version: 1,
      },
    };
  }
  const known = new Set(openCase.signals.map((signal) => signal.signalId));
  const fresh = windowSignals.filter((signal) => !known.has(signal.signalId));
  if (fresh.length === 0) return { action: 'none' };
  const graceEnds = addDays(openCase.rungRequestedAt, config.escalationGraceDays);
  let requestedRung = openCase.requestedRung;
  if (fresh.some((signal) => signal.time >= graceEnds)) requestedRung = rungAbove(requestedRung) ?? requestedRung;
  if (isStrongEvidence([...openCase.signals, ...fresh])) requestedRung = higherRung(requestedRung, 'suspend');
  const raised = requestedRung !== openCase.requestedRung;
  return {
    action: 'update',
    case: changed(openCase, at, {
      points,
      requestedRung,
      rungRequestedAt: raised ? at : openCase.rungRequestedAt,
      signals: [...openCase.signals, ...fresh.map(toCaseSignal)].sort(byTime),
      configVersion: config.version,
    }),
  };
}
