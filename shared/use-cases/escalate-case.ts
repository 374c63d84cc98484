/**
 * An analyst asks for the next rung of an open case (what new evidence would do, on a person's
 * judgement): the case asks for the rung above the one it asks for now, and the ladder climbs to
 * it one rung at a time, suspension and legal hold still behind their approvals.
 */
import type { Case } from '../domain/cases/case';
import { askForNextRung } from '../domain/cases/case';
import { auditEntryIdFor } from '../ports/audit-log';
import type { AuditLog } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import { NotFoundError, caseChangeOrConflict, saveOrConflict } from './errors';

export async function escalateCase(
  request: { caseId: string; reason: string },
  actor: Actor,
  deps: { readonly cases: CaseStore; readonly audit: AuditLog; readonly now: () => Date },
): Promise<Case> {
  requirePermission(actor, 'escalate', 'escalate a case');
  const item = await deps.cases.getCase(request.caseId);
  if (!item) throw new NotFoundError(`no case ${request.caseId}`);
  const at = deps.now().toISOString();
  const escalated = caseChangeOrConflict(() => askForNextRung(item, at));
  await saveOrConflict(deps.cases, escalated, 'escalating');
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: item.caseId, action: 'rung-requested', rung: escalated.requestedRung, at }),
    at,
    ...auditActor(actor),
    action: 'rung-requested',
    caseId: item.caseId,
    sellerId: item.sellerId,
    rung: escalated.requestedRung,
    reason: request.reason,
    evidenceIds: [],
  });
  return escalated;
}
