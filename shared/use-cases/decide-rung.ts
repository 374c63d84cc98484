/**
 * A person's decision on a rung that waits for one: an analyst approves or denies a suspension,
 * the legal role approves or denies a legal hold. The decision is recorded on the case (the step
 * that applies the rung refuses to without it) and in the audit log, then handed to the waiting
 * workflow: an approval resumes its task, a denial fails it with RUNG_DENIED_ERROR, which the state
 * machine routes to the denial's step (no Choice state between). A decision on a case that is not waiting for it is a conflict, as is a second decision
 * racing the first.
 */
import type { Case } from '../domain/cases/case';
import { auditedEvidenceIds, recordDecision } from '../domain/cases/case';
import type { Rung } from '../domain/ladder/rungs';
import { RUNG_DENIED_ERROR } from '../domain/ladder/transitions';
import type { AuditLog } from '../ports/audit-log';
import { auditEntryIdFor } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import { NotFoundError, caseChangeOrConflict, refuseOrConflict, resumeOrConflict, saveOrConflict } from './errors';

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
  const at = deps.now().toISOString();
  const { case: decided, token } = caseChangeOrConflict(() =>
    recordDecision(item, { rung: request.rung, decision: request.decision, actor: actor.id, role: actor.role, reason: request.reason, at }),
  );
  await saveOrConflict(deps.cases, decided, 'deciding');
  await deps.audit.record({
    entryId: auditEntryIdFor({ caseId: item.caseId, action: request.decision === 'approve' ? 'approved' : 'denied', rung: request.rung, at: token }),
    at,
    ...auditActor(actor),
    action: request.decision === 'approve' ? 'approved' : 'denied',
    caseId: item.caseId,
    sellerId: item.sellerId,
    rung: request.rung,
    reason: request.reason,
    evidenceIds: auditedEvidenceIds(item),
  });
  const answer = { decision: request.decision, actor: actor.id, reason: request.reason };
  if (request.decision === 'approve') await resumeOrConflict(deps.workflow, item.caseId, token, answer);
  else await refuseOrConflict(deps.workflow, item.caseId, token, RUNG_DENIED_ERROR, answer);
  return decided;
}
