/**
 * One step of the enforcement ladder, as the workflow calls it: apply a rung (a strike, a notice,
 * the audit), or park the workflow's task token on the case while a person decides. Each step is
 * safe to retry: notices are sent once per case and rung, audit entries are keyed by the step, and
 * a lost race on the case is reported as a TransientError, which the workflow retries.
 */
import { z } from 'zod';
import type { Case } from '../domain/cases/case';
import { rungIndex } from '../domain/cases/case';
import type { Rung } from '../domain/detection/config';
import { addDays, RUNGS } from '../domain/detection/config';
import { COACHING_WINDOW_DAYS } from '../domain/ladder/policy';
import type { NoticeKind } from '../domain/notices/notices';
import { renderNotice } from '../domain/notices/notices';
import type { AuditAction, AuditLog } from '../ports/audit-log';
import { AuditConflictError, auditEntryIdFor } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import { CaseConflictError } from '../ports/case-store';
import type { Notifier } from '../ports/notifier';
import { TransientNoticeError } from '../ports/notifier';
import type { SellerDirectory } from '../ports/seller-directory';

export const LADDER_ACTIONS = [
  'apply-warning',
  'assign-coaching',
  'await-coaching',
  'coaching-completed',
  'coaching-timed-out',
  'request-approval',
  'record-denial',
  'apply-suspension',
  'apply-legal-hold',
] as const;

export const LadderStepInput = z.looseObject({
  action: z.enum(LADDER_ACTIONS),
  caseId: z.string().min(1),
  sellerId: z.string().min(1),
  rung: z.enum(RUNGS),
  taskToken: z.string().optional(),
});
export type LadderStepInput = z.infer<typeof LadderStepInput>;

export interface LadderStepDeps {
  readonly cases: CaseStore;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly directory: SellerDirectory;
  readonly now: () => Date;
  /** The policy course coached sellers are assigned. */
  readonly courseUrl: string;
  /** Where suspended sellers send their plan of action. */
  readonly appealAddress: string;
}

/** Worth another try (a lost race, a throttled mail): the workflow retries it with backoff. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}
/** The step cannot apply to this case (closed, dismissed): not retried. */
export class CaseNotOpenError extends Error {
  override readonly name = 'CaseNotOpen';
}
/** A part of the ladder this build does not carry out yet: not retried, the execution fails. */
export class StepNotAvailableError extends Error {
  override readonly name = 'StepNotAvailable';
}

const EVIDENCE_LINES = 5;

export async function ladderStep(raw: unknown, deps: LadderStepDeps): Promise<{ readonly done: string }> {
  const input = LadderStepInput.parse(raw);
  try {
    return await runStep(input, deps);
  } catch (error) {
    if (error instanceof CaseConflictError || error instanceof TransientNoticeError) {
      throw new TransientError(error.message, { cause: error });
    }
    throw error;
  }
}

async function runStep(input: LadderStepInput, deps: LadderStepDeps): Promise<{ readonly done: string }> {
  const item = await deps.cases.getCase(input.caseId);
  if (!item || item.status !== 'open') throw new CaseNotOpenError(`case ${input.caseId} is not open`);
  const at = deps.now().toISOString();
  // A retried step finds its entry already there (recorded at the first attempt's time): it stands.
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
      evidenceIds: item.signals.flatMap((signal) => signal.evidenceIds).slice(0, 50),
    });

  switch (input.action) {
    case 'apply-warning':
      await applyRung(item, 'warn', 'warn', at, deps);
      await audit('rung-applied');
      return { done: 'warned' };
    case 'assign-coaching':
      await applyRung(item, 'coach', 'coach', at, deps);
      await audit('rung-applied');
      return { done: 'coaching assigned' };
    case 'await-coaching':
    case 'request-approval': {
      const kind = input.action === 'await-coaching' ? 'coaching' : 'approval';
      if (!input.taskToken) throw new CaseNotOpenError(`${input.action} needs a task token`);
      await save({ ...item, waiting: { kind, rung: input.rung, token: input.taskToken, since: at } }, deps, at);
      if (kind === 'approval') await audit('approval-requested');
      return { done: `waiting for ${kind}` };
    }
    case 'coaching-completed':
    case 'coaching-timed-out':
    case 'record-denial': {
      if (item.waiting) await save({ ...item, waiting: undefined }, deps, at);
      const action: AuditAction = input.action === 'record-denial' ? 'denied' : input.action;
      await audit(action);
      return { done: input.action };
    }
    case 'apply-suspension':
      await applyRung(item, 'suspend', 'suspend', at, deps);
      await audit('rung-applied');
      return { done: 'suspended' };
    case 'apply-legal-hold':
      throw new StepNotAvailableError('legal hold: the evidence freeze and the sealed evidence bundle are not built yet');
  }
}

async function applyRung(item: Case, rung: Rung, kind: NoticeKind, at: string, deps: LadderStepDeps): Promise<void> {
  const contact = await deps.directory.contact(item.sellerId);
  const notice = renderNotice({
    kind,
    marketplace: contact.marketplace,
    sellerId: item.sellerId,
    ...(contact.name ? { sellerName: contact.name } : {}),
    caseId: item.caseId,
    evidence: item.signals.map((signal) => signal.explanation).slice(-EVIDENCE_LINES),
    ...(kind === 'coach' ? { courseUrl: deps.courseUrl, deadline: addDays(at, COACHING_WINDOW_DAYS).slice(0, 10) } : {}),
    ...(kind === 'suspend' ? { appealAddress: deps.appealAddress } : {}),
  });
  // One notice per case and rung, however often the step runs.
  await deps.notifier.send({ noticeId: `${item.caseId}:${rung}`, to: contact.email, ...notice });
  const applied = !item.applied || rungIndex(rung) > rungIndex(item.applied.rung) ? { rung, at } : item.applied;
  await save({ ...item, applied, waiting: undefined }, deps, at);
}

async function recordOnce(log: AuditLog, entry: Parameters<AuditLog['record']>[0]): Promise<void> {
  try {
    await log.record(entry);
  } catch (error) {
    if (!(error instanceof AuditConflictError)) throw error;
  }
}

async function save(next: Case, deps: LadderStepDeps, at: string): Promise<void> {
  await deps.cases.saveCase({ ...next, updatedAt: at > next.updatedAt ? at : next.updatedAt, version: next.version + 1 });
}
