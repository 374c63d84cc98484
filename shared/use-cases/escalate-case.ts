/**
 * An analyst asks for the next rung of an open case (what new evidence would do, on a person's
 * judgement): the case asks for the rung above the one it asks for now, and the ladder climbs to
 * it one rung at a time, suspension and legal hold still behind their approvals.
 */
import type { Case } from '../domain/cases/case';
import { rungAbove } from '../domain/ladder/rungs';
import { auditEntryIdFor } from '../ports/audit-log';
import type { AuditLog } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { Actor } from './actor';
import { requirePermission } from './actor';
import { NotFoundError, StateConflictError, saveOrConflict } from './errors';

export async function escalateCase(
  request: { caseId: string; reason: string },
  actor: Actor,
  deps: { readonly cases: CaseStore; readonly audit: AuditLog; readonly now: () => Date },
): Promise<Case> {
  requirePermission(actor, 'escalate', 'escalate a case');
  const item = await deps.cases.getCase(request.caseId);
  if (!item) throw new NotFoundError(`no case ${request.caseId}`);
  if (item.status !== 'open') throw new StateConflictError(`case ${item.caseId} is ${item.status}`);
  const requestedRung = rungAbove(item.requestedRung);
  if (requestedRung === null) throw new StateConflictError(`case ${item.caseId} already asks for ${item.requestedRung}, the top rung`);
  const at = deps.now().toISOString();
  const escalated: Case = { ...item, requestedRung, rungRequestedAt: at, updatedAt: at > item.updatedAt ? at : item.updatedAt, version: item.version + 1 };
  await saveOrConflict(deps.cases, escalated, 'escalating');
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: item.caseId, action: 'rung-requested', rung: requestedRung, at }),
    at,
    actor: actor.id,
    role: actor.role,
    action: 'rung-requested',
    caseId: item.caseId,
    sellerId: item.sellerId,
    rung: requestedRung,
    reason: request.reason,
    evidenceIds: [],
  });
  return escalated;
}
