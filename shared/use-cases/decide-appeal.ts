/**
 * An analyst decides a suspended seller's appeal: accepted, the seller is reinstated (the
 * marketplace gets a status event, the seller a notice); rejected, the suspension stands and the
 * seller is told where to send a new plan of action. Art. 20 DSA: the appeal is decided by a
 * person other than the one who approved the suspension (403 otherwise, with the reason), and an
 * accepted appeal revises the suspension's statement of reasons with the restriction's end.
 */
import { sellerStatusChanged } from '../../events/v1/outbound';
import type { Case } from '../domain/cases/case';
import type { Appeal } from '../domain/ladder/account';
import { AccountStateError, decideAppeal as decideOnAccount } from '../domain/ladder/account';
import { auditEntryIdFor } from '../ports/audit-log';
import { updateAccount } from '../ports/seller-accounts';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import type { ConsoleDeps } from './console-deps';
import { ForbiddenError, NotFoundError, StateConflictError } from './errors';
import { issueRestrictionEnd } from './issue-statement';
import { sendSellerNotice } from './seller-notice';

/** Who approved the case's suspension (its latest approval of the rung), if anyone did. */
const suspensionApprover = (item: Case): string | undefined =>
  (item.decisions ?? []).filter((decision) => decision.rung === 'suspend' && decision.decision === 'approve').at(-1)?.actor;

export async function decideAppeal(
  request: { sellerId: string; appealId: string; outcome: 'accepted' | 'rejected'; reason: string },
  actor: Actor,
  deps: ConsoleDeps,
): Promise<Appeal> {
  requirePermission(actor, 'decide-appeal', 'decide an appeal');
  const at = deps.now().toISOString();
  const pending = (await deps.accounts.get(request.sellerId)).appeals.find((appeal) => appeal.appealId === request.appealId);
  const suspending = pending ? await deps.cases.getCase(pending.caseId) : undefined;
  const approver = suspending ? suspensionApprover(suspending) : undefined;
  if (approver !== undefined && approver === actor.id) {
    throw new ForbiddenError(`${actor.id} approved the suspension of case ${suspending?.caseId}: another person must decide its appeal (Art. 20 DSA)`);
  }
  let account;
  try {
    account = await updateAccount(deps.accounts, request.sellerId, (current) => {
      if (!current.appeals.some((appeal) => appeal.appealId === request.appealId)) {
        throw new NotFoundError(`seller ${request.sellerId} has no appeal ${request.appealId}`);
      }
      return decideOnAccount(current, request.appealId, { outcome: request.outcome, by: actor.id, reason: request.reason, at });
    });
  } catch (error) {
    if (error instanceof AccountStateError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
  const appeal = account.appeals.find((existing) => existing.appealId === request.appealId);
  if (!appeal) throw new NotFoundError(`seller ${request.sellerId} has no appeal ${request.appealId}`);
  const action = request.outcome === 'accepted' ? 'appeal-accepted' : 'appeal-rejected';
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: appeal.caseId, action, at: request.appealId }),
    at,
    ...auditActor(actor),
    action,
    caseId: appeal.caseId,
    sellerId: request.sellerId,
    rung: 'suspend',
    reason: request.reason,
    evidenceIds: [],
  });
  if (request.outcome === 'accepted') {
    await deps.sellerEvents.publish(sellerStatusChanged(request.sellerId, 'active', 'appeal-accepted', appeal.caseId, at));
    if (suspending) await issueRestrictionEnd(suspending, { at, reason: 'appeal-accepted' }, deps);
    await sendSellerNotice(deps, { noticeId: `${appeal.caseId}:reinstated`, kind: 'reinstated', sellerId: request.sellerId, caseId: appeal.caseId, evidence: [] }, at);
  } else {
    await sendSellerNotice(deps, {
      noticeId: `${appeal.caseId}:${request.appealId}:appeal-rejected`,
      kind: 'appeal-rejected',
      sellerId: request.sellerId,
      caseId: appeal.caseId,
      evidence: [],
      appealAddress: deps.appealAddress,
    }, at);
  }
  return appeal;
}
