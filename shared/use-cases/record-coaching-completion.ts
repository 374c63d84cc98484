/**
 * The seller completed its policy course (reported through the console): the coaching the ladder
 * waits for on the seller's open case ends, and the workflow moves on.
 */
import type { Case } from '../domain/cases/case';
import { auditEntryIdFor } from '../ports/audit-log';
import type { AuditLog } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import { NotFoundError, StateConflictError, resumeOrConflict } from './errors';

export async function recordCoachingCompletion(
  request: { sellerId: string; completedAt?: string; note?: string },
  actor: Actor,
  deps: { readonly cases: CaseStore; readonly audit: AuditLog; readonly workflow: LadderWorkflow; readonly now: () => Date },
): Promise<Case> {
  requirePermission(actor, 'record-coaching', 'record a coaching completion');
  const item = await deps.cases.openCase(request.sellerId);
  if (!item) throw new NotFoundError(`seller ${request.sellerId} has no open case`);
  const waiting = item.waiting;
  if (waiting?.kind !== 'coaching') throw new StateConflictError(`case ${item.caseId} is not waiting for a coaching completion`);
  const at = deps.now().toISOString();
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: item.caseId, action: 'coaching-completed', rung: 'coach', at: waiting.token }),
    at,
    ...auditActor(actor),
    action: 'coaching-completed',
    caseId: item.caseId,
    sellerId: item.sellerId,
    rung: 'coach',
    reason: request.note ?? `course completed${request.completedAt ? ` at ${request.completedAt}` : ''}`,
    evidenceIds: [],
  });
  await resumeOrConflict(deps.workflow, item.caseId, waiting.token, { completed: request.completedAt ?? at, actor: actor.id });
  return item;
}
