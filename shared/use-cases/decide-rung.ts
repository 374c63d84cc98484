/**
 * A person's decision on a rung that waits for one: an analyst approves or denies a suspension,
 * the legal role approves or denies a legal hold. The decision is recorded on the case (the step
 * that applies the rung refuses to without it) and in the audit log, then handed to the waiting
 * workflow. A decision on a case that is not waiting for it is a conflict, as is a second decision
 * racing the first.
 */
import type { Case } from '../domain/cases/case';
import { auditedEvidenceIds } from '../domain/cases/case';
import type { Rung } from '../domain/ladder/rungs';
import type { AuditLog } from '../ports/audit-log';
import { auditEntryIdFor } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import type { Actor } from './actor';
import { requirePermission } from './actor';
import { NotFoundError, StateConflictError, resumeOrConflict, saveOrConflict } from './errors';

export interface DecideRungDeps {
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  readonly workflow: LadderWorkflow;
  readonly now: () => Date;
}

export interface RungDecision {
  readonly caseId: string;
  readonly rung: Extract<Rung, 'suspend' | 'legal-hold'>;
  readonly decision: 'approve' | 'deny';
  readonly reason: string;
}

export async function decideRung(request: RungDecision, actor: Actor, deps: DecideRungDeps): Promise<Case> {
  requirePermission(actor, request.rung === 'suspend' ? 'decide-suspension' : 'decide-legal-hold', `decide on ${request.rung}`);
  const item = await deps.cases.getCase(request.caseId);
  if (!item) throw new NotFoundError(`no case ${request.caseId}`);
  const waiting = item.waiting;
  if (item.status !== 'open' || waiting?.kind !== 'approval' || waiting.rung !== request.rung) {
    throw new StateConflictError(`case ${item.caseId} is not waiting for a decision on ${request.rung}`);
  }
  const at = deps.now().toISOString();
  const decided: Case = {
    ...item,
    waiting: undefined,
    decisions: [...(item.decisions ?? []), { rung: request.rung, decision: request.decision, actor: actor.id, role: actor.role, reason: request.reason, at }],
    updatedAt: at > item.updatedAt ? at : item.updatedAt,
    version: item.version + 1,
  };
  await saveOrConflict(deps.cases, decided, 'deciding');
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: item.caseId, action: request.decision === 'approve' ? 'approved' : 'denied', rung: request.rung, at: waiting.token }),
    at,
    actor: actor.id,
    role: actor.role,
    action: request.decision === 'approve' ? 'approved' : 'denied',
    caseId: item.caseId,
    sellerId: item.sellerId,
    rung: request.rung,
    reason: request.reason,
    evidenceIds: auditedEvidenceIds(item),
  });
  await resumeOrConflict(deps.workflow, item.caseId, waiting.token, { decision: request.decision, actor: actor.id, reason: request.reason });
  return decided;
}
