/**
 * A buyer contests an Art. 23 decision about their complaints (a warning, or a restriction) as
 * they may any other decision (Art. 20 DSA): the help centre relays it with its machine token, or
 * an agent records it; a person decides it. Each step is audited on the case whose dismissal
 * decided the sanction, and the decision is told to the buyer through the buyer relay.
 */
import type { NotifierContest, NotifierStanding } from '../domain/dsa/notifier-standing';
import { NotifierContestError, decideContest, fileContest } from '../domain/dsa/notifier-standing';
import type { AuditLog } from '../ports/audit-log';
import { auditEntryIdFor, recordOnce } from '../ports/audit-log';
import { updateStanding } from '../ports/notifier-ledger';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import { NotFoundError, StateConflictError } from './errors';
import type { NotifierNoticeDeps } from './notifier-notices';
import { sendBuyerNotice } from './notifier-notices';

export type NotifierContestDeps = NotifierNoticeDeps & { readonly audit: AuditLog; readonly now: () => Date };

/** A notifier's standing as the console shows it: whether their complaints count now, and why not. */
export interface NotifierStandingView {
  readonly buyerId: string;
  readonly unfoundedComplaints: number;
  readonly warnedAt?: string;
  readonly restriction?: { readonly from: string; readonly until: string };
  /** Whether their complaints move cases now (false while a restriction runs). */
  readonly counted: boolean;
  readonly contest?: NotifierContest;
}

export function standingView(standing: NotifierStanding, at: string): NotifierStandingView {
  const running = standing.restriction !== undefined && standing.restriction.from <= at && at < standing.restriction.until;
  return {
    buyerId: standing.buyerId,
    unfoundedComplaints: standing.unfounded.length,
    ...(standing.warnedAt ? { warnedAt: standing.warnedAt } : {}),
    ...(standing.restriction ? { restriction: standing.restriction } : {}),
    counted: !running,
    ...(standing.contest ? { contest: standing.contest } : {}),
  };
}

export async function readNotifierStanding(buyerId: string, deps: Pick<NotifierContestDeps, 'notifiers' | 'now'>): Promise<NotifierStandingView> {
  return standingView(await deps.notifiers.standing(buyerId), deps.now().toISOString());
}

const conflictOnRefusal = <T>(change: () => T): T => {
  try {
    return change();
  } catch (error) {
    if (error instanceof NotifierContestError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
};

async function audited(standing: NotifierStanding, action: 'notifier-contested' | 'notifier-contest-upheld' | 'notifier-contest-rejected', actor: Actor, at: string, reason: string, deps: NotifierContestDeps) {
  // A sanction is always decided on a case's dismissal; a standing without one predates sanctionCase.
  const decidedOn = standing.sanctionCase;
  if (!decidedOn) throw new NotFoundError(`notifier ${standing.buyerId}: the case that decided the sanction is not recorded`);
  await recordOnce(deps.audit, {
    entryId: auditEntryIdFor({ caseId: decidedOn.caseId, action, at: `${standing.buyerId}:${standing.contest?.at ?? at}` }),
    at,
    ...auditActor(actor),
    action,
    caseId: decidedOn.caseId,
    sellerId: decidedOn.sellerId,
    reason: `notifier ${standing.buyerId}, ${standing.contest?.of ?? 'sanction'}: ${reason}`,
    evidenceIds: [],
  });
}

export interface NotifierContestRequest {
  readonly buyerId: string;
  readonly reason: string;
  /** The buyer's language (BCP 47), for the decision's notice. */
  readonly language?: string;
}

export async function fileNotifierContest(request: NotifierContestRequest, actor: Actor, deps: NotifierContestDeps): Promise<NotifierStandingView> {
  requirePermission(actor, actor.role === 'service' ? 'relay-notifier-contest' : 'record-notifier-contest', 'record a notifier’s contest');
  const at = deps.now().toISOString();
  const standing = await updateStanding(deps.notifiers, request.buyerId, (current) => {
    const next = conflictOnRefusal(() => fileContest(current, { reason: request.reason, at, filedBy: actor.id, ...(request.language ? { language: request.language } : {}) }));
    return { standing: next, result: next };
  });
  await audited(standing, 'notifier-contested', actor, at, request.reason, deps);
  return standingView(standing, at);
}

export interface NotifierContestDecision {
  readonly buyerId: string;
  readonly outcome: 'upheld' | 'rejected';
  readonly reason: string;
}

export async function decideNotifierContest(request: NotifierContestDecision, actor: Actor, deps: NotifierContestDeps): Promise<NotifierStandingView> {
  requirePermission(actor, 'decide-notifier-contest', 'decide a notifier’s contest');
  const at = deps.now().toISOString();
  const { before, after } = await updateStanding(deps.notifiers, request.buyerId, (current) => {
    const next = conflictOnRefusal(() => decideContest(current, { outcome: request.outcome, reason: request.reason, at, by: actor.id }));
    return { standing: next, result: { before: current, after: next } };
  });
  await audited(after, request.outcome === 'upheld' ? 'notifier-contest-upheld' : 'notifier-contest-rejected', actor, at, request.reason, deps);
  const contest = after.contest;
  const reference = before.unfounded.at(-1)?.reference ?? request.buyerId;
  await sendBuyerNotice(deps, { buyerId: request.buyerId, ...(contest?.language ? { language: contest.language } : {}) }, `${request.buyerId}:contest:${contest?.at ?? at}:decided`, {
    kind: request.outcome === 'upheld' ? 'contest-upheld' : 'contest-rejected',
    reference,
    receivedAt: contest?.at ?? at,
    reason: request.reason,
  });
  return standingView(after, at);
}
