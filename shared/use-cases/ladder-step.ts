/**
 * The enforcement ladder's step, as the workflow calls it (functions/ladder-step on AWS, the local
 * runner here): the input its states send is parsed, the case read, and the action handed to its
 * use case (./ladder-steps/, one per action). Each step is safe to retry: notices are sent once
 * per case and rung, audit entries are keyed by the step, and a lost race on the case or the
 * account, or a throttled notice, is reported as a TransientError, which the workflow retries.
 * A step on a case that is no longer open fails for good (CaseNotOpen), as does a rung applied
 * without its approval (NotApproved).
 */
import { z } from 'zod';
import { auditedEvidenceIds } from '../domain/cases/case';
import { RUNGS } from '../domain/ladder/rungs';
import type { LadderAction } from '../domain/ladder/transitions';
import { LADDER_ACTIONS } from '../domain/ladder/transitions';
import type { AuditAction } from '../ports/audit-log';
import { auditEntryIdFor, recordOnce } from '../ports/audit-log';
import { CaseConflictError } from '../ports/case-store';
import { TransientNoticeError } from '../ports/notifier';
import { AccountConflictError } from '../ports/seller-accounts';
import { applyLegalHold } from './ladder-steps/apply-legal-hold';
import { applySuspension } from './ladder-steps/apply-suspension';
import { applyWarning } from './ladder-steps/apply-warning';
import { assignCoaching } from './ladder-steps/assign-coaching';
import { awaitCoaching } from './ladder-steps/await-coaching';
import { coachingCompleted } from './ladder-steps/coaching-completed';
import { coachingTimedOut } from './ladder-steps/coaching-timed-out';
import { recordDenial } from './ladder-steps/record-denial';
import { requestApproval } from './ladder-steps/request-approval';
import type { LadderStepDeps, LadderStepUseCase, StepDone } from './ladder-steps/step';
import { CaseNotOpenError, TransientError } from './ladder-steps/step';

export const LadderStepInput = z.looseObject({
  action: z.enum(LADDER_ACTIONS),
  caseId: z.string().min(1),
  sellerId: z.string().min(1),
  rung: z.enum(RUNGS),
  taskToken: z.string().optional(),
});
export type LadderStepInput = z.infer<typeof LadderStepInput>;

const STEPS: Readonly<Record<LadderAction, LadderStepUseCase>> = {
  'apply-warning': applyWarning,
  'assign-coaching': assignCoaching,
  'await-coaching': awaitCoaching,
  'coaching-completed': coachingCompleted,
  'coaching-timed-out': coachingTimedOut,
  'request-approval': requestApproval,
  'record-denial': recordDenial,
  'apply-suspension': applySuspension,
  'apply-legal-hold': applyLegalHold,
};

export async function ladderStep(raw: unknown, deps: LadderStepDeps): Promise<StepDone> {
  const input = LadderStepInput.parse(raw);
  try {
    const item = await deps.cases.getCase(input.caseId);
    if (!item || item.status !== 'open') throw new CaseNotOpenError(`case ${input.caseId} is not open`);
    const at = deps.now().toISOString();
    const audit = (action: AuditAction, reason?: string) =>
      recordOnce(deps.audit, {
        entryId: auditEntryIdFor({ caseId: item.caseId, action, rung: input.rung, at: `${input.action}:${input.taskToken ?? ''}` }),
        at,
        actor: 'system',
        role: 'system',
        action,
        caseId: item.caseId,
        sellerId: item.sellerId,
        rung: input.rung,
        ...(reason ? { reason } : {}),
        evidenceIds: auditedEvidenceIds(item),
      });
    const step = { action: input.action, item, rung: input.rung, at, audit, ...(input.taskToken === undefined ? {} : { taskToken: input.taskToken }) };
    return await STEPS[input.action](step, deps);
  } catch (error) {
    if (error instanceof CaseConflictError || error instanceof AccountConflictError || error instanceof TransientNoticeError) {
      throw new TransientError(error.message, { cause: error });
    }
    throw error;
  }
}
