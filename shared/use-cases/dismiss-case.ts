/**
 * An analyst dismisses a case, at any rung: the case ends, its workflow execution stops, its
 * strikes are withdrawn and, if it is what suspended the seller, the seller is reinstated (the
 * marketplace and the seller are told). The analyst says in which category (a false positive,
 * naming the signals that were wrong, or resolved otherwise): the case and the audit keep it, so
 * that detection learns from the decision (labels export, signal precision). The audit says who
 * and why.
 */
import { sellerStatusChanged } from '../../events/v1/outbound';
import type { Case } from '../domain/cases/case';
import { DismissalError, auditedEvidenceIds, dismiss } from '../domain/cases/case';
import type { Dismissal } from '../domain/cases/dismissal';
import { withdrawCase } from '../domain/ladder/account';
import { auditEntryIdFor } from '../ports/audit-log';
import { updateAccount } from '../ports/seller-accounts';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import type { ConsoleDeps } from './console-deps';
import { NotFoundError, StateConflictError, caseChangeOrConflict, saveOrConflict } from './errors';
import { issueRestrictionEnd } from './issue-statement';
import { sendSellerNotice } from './seller-notice';
import { tellNotifiers } from './tell-notifiers';

export async function dismissCase(request: { caseId: string; reason: string } & Dismissal, actor: Actor, deps: ConsoleDeps): Promise<Case> {
  requirePermission(actor, 'dismiss', 'dismiss a case');
  const item = await deps.cases.getCase(request.caseId);
  if (!item) throw new NotFoundError(`no case ${request.caseId}`);
  const at = deps.now().toISOString();
  const dismissal: Dismissal = { category: request.category, ...(request.wrongSignals ? { wrongSignals: [...new Set(request.wrongSignals)] } : {}) };
  const dismissed = caseChangeOrConflict(() => {
    try {
      return dismiss(item, { by: actor.id, role: actor.role, reason: request.reason, at, ...dismissal });
    } catch (error) {
      if (error instanceof DismissalError) throw new StateConflictError(error.message, { cause: error });
      throw error;
    }
  });
  await saveOrConflict(deps.cases, dismissed, 'dismissing');
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: item.caseId, action: 'dismissed', at }),
    at,
    ...auditActor(actor),
    action: 'dismissed',
    caseId: item.caseId,
    sellerId: item.sellerId,
    reason: request.reason,
    dismissal,
    evidenceIds: auditedEvidenceIds(item),
  });
  await tellNotifiers(dismissed, 'dismissed', at, deps);
  if (item.execution) await deps.workflow.stop(item.execution.name, `case ${item.caseId} dismissed by ${actor.id}: ${request.reason}`);
  const before = await deps.accounts.get(item.sellerId);
  const after = await updateAccount(deps.accounts, item.sellerId, (account) => withdrawCase(account, item.caseId, at));
  if (before.status === 'suspended' && after.status === 'active') {
    await deps.sellerEvents.publish(sellerStatusChanged(item.sellerId, 'active', 'case-dismissed', item.caseId, at));
    await issueRestrictionEnd(item, { at, reason: 'dismissed' }, deps);
    await sendSellerNotice(deps, { noticeId: `${item.caseId}:reinstated`, kind: 'reinstated', sellerId: item.sellerId, caseId: item.caseId, evidence: [] }, at);
  }
  return dismissed;
}
