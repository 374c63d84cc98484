/**
 * One step of the enforcement ladder, as the workflow calls it: apply a rung (a strike, a notice,
 * the audit), or park the workflow's task token on the case while a person decides. Each step is
 * safe to retry: notices are sent once per case and rung, audit entries are keyed by the step, and
 * a lost race on the case is reported as a TransientError, which the workflow retries.
 */
import { z } from 'zod';
import { sellerStatusChanged } from '../../events/v1/outbound';
import type { Case } from '../domain/cases/case';
import { applyLegalHold, applyRung, auditedEvidenceIds, awaitPerson, endWait, isApproved } from '../domain/cases/case';
import { RUNGS } from '../domain/ladder/rungs';
import { addStrike, suspend } from '../domain/ladder/account';
import { sealedBundle } from '../domain/ladder/sealed-bundle';
import { addDays } from '../domain/time';
import { afterCoachingTimeout, afterDecision, LADDER, LADDER_ACTIONS } from '../domain/ladder/transitions';
import { renderNotice } from '../domain/notices/notices';
import type { AuditAction, AuditLog } from '../ports/audit-log';
import { allCaseEntries, auditEntryIdFor, noticeSentEntry, recordOnce } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import { CaseConflictError } from '../ports/case-store';
import type { EvidenceStore } from '../ports/evidence-store';
import type { EvidenceVault } from '../ports/evidence-vault';
import type { Notifier } from '../ports/notifier';
import { TransientNoticeError } from '../ports/notifier';
import type { SellerAccounts } from '../ports/seller-accounts';
import { AccountConflictError, updateAccount } from '../ports/seller-accounts';
import type { SellerDirectory } from '../ports/seller-directory';
import type { SellerEvents } from '../ports/seller-events';
import { sendSellerNotice } from './seller-notice';

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
  readonly accounts: SellerAccounts;
  readonly evidence: EvidenceStore;
  readonly vault: EvidenceVault;
  readonly sellerEvents: SellerEvents;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly directory: SellerDirectory;
  readonly now: () => Date;
  /** The policy course coached sellers are assigned. */
  readonly courseUrl: string;
  /** Where suspended sellers send their plan of action. */
  readonly appealAddress: string;
  /** Where the legal team is told of a legal hold. */
  readonly legalTeamAddress: string;
}

/** Worth another try (a lost race, a throttled mail): the workflow retries it with backoff. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}
/** The step cannot apply to this case (closed, dismissed): not retried. */
export class CaseNotOpenError extends Error {
  override readonly name = 'CaseNotOpen';
}
/** A rung that needs a human approval has none recorded on the case: never applied, not retried. */
export class NotApprovedError extends Error {
  override readonly name = 'NotApproved';
}

const EVIDENCE_LINES = 5;

export async function ladderStep(raw: unknown, deps: LadderStepDeps): Promise<{ readonly done: string }> {
  const input = LadderStepInput.parse(raw);
  try {
    return await runStep(input, deps);
  } catch (error) {
    if (error instanceof CaseConflictError || error instanceof AccountConflictError || error instanceof TransientNoticeError) {
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
      evidenceIds: auditedEvidenceIds(item),
    });

  switch (input.action) {
    case 'apply-warning':
      await applyRungWithNotice(item, 'warn', at, deps);
      await audit('rung-applied');
      return { done: 'warned' };
    case 'assign-coaching':
      await applyRungWithNotice(item, 'coach', at, deps);
      await audit('rung-applied');
      return { done: 'coaching assigned' };
    case 'await-coaching':
    case 'request-approval': {
      const kind = input.action === 'await-coaching' ? 'coaching' : 'approval';
      if (!input.taskToken) throw new CaseNotOpenError(`${input.action} needs a task token`);
      await deps.cases.saveCase(awaitPerson(item, { kind, rung: input.rung, token: input.taskToken }, at));
      if (kind === 'approval') await audit('approval-requested');
      return { done: `waiting for ${kind}` };
    }
    case 'coaching-completed':
    case 'coaching-timed-out':
    case 'record-denial': {
      // Where the execution goes next, as the ladder's transitions say (a timeout on to a suspension
      // approval, a denied suspension back to coaching); a completion ends it where it is.
      const goesTo =
        input.action === 'coaching-timed-out' ? afterCoachingTimeout(input.rung) : input.action === 'record-denial' ? afterDecision(input.rung, 'deny').next : null;
      const next = endWait(item, goesTo, at);
      if (next !== item) await deps.cases.saveCase(next);
      // Completions and denials are audited where they are made, with who made them (the console).
      if (input.action === 'coaching-timed-out') await audit(input.action);
      return { done: input.action };
    }
    case 'apply-suspension': {
      if (!isApproved(item, 'suspend')) throw new NotApprovedError(`case ${item.caseId}: no recorded approval of a suspension`);
      await updateAccount(deps.accounts, item.sellerId, (account) => suspend(account, item.caseId, at));
      await deps.sellerEvents.publish(sellerStatusChanged(item.sellerId, 'suspended', 'suspension-approved', item.caseId, at));
      await applyRungWithNotice(item, 'suspend', at, deps);
      await audit('rung-applied');
      return { done: 'suspended' };
    }
    case 'apply-legal-hold': {
      if (!isApproved(item, 'legal-hold')) throw new NotApprovedError(`case ${item.caseId}: no recorded approval of a legal hold`);
      const sealed = await sealEvidence(item, at, deps);
      const legalNotice = renderNotice({
        kind: 'legal-hold',
        sellerId: item.sellerId,
        caseId: item.caseId,
        evidence: item.signals.map((signal) => signal.explanation),
        bundleLocation: sealed.location,
        bundleSha256: sealed.sha256,
      });
      const noticeId = `${item.caseId}:legal-hold`;
      await deps.notifier.send({ noticeId, to: deps.legalTeamAddress, ...legalNotice });
      await recordOnce(
        deps.audit,
        noticeSentEntry({ noticeId, caseId: item.caseId, sellerId: item.sellerId, rung: 'legal-hold', recipient: 'the legal team', subject: legalNotice.subject }, at),
      );
      const current = await deps.cases.getCase(item.caseId);
      if (!current || current.status !== 'open') throw new CaseNotOpenError(`case ${input.caseId} is not open`);
      await deps.cases.saveCase(applyLegalHold(current, sealed, at));
      await audit('legal-hold-applied', `sealed bundle ${sealed.location}, manifest SHA-256 ${sealed.sha256}, ${sealed.records} evidence records held`);
      return { done: 'legal hold applied' };
    }
  }
}

async function applyRungWithNotice(item: Case, rung: 'warn' | 'coach' | 'suspend', at: string, deps: LadderStepDeps): Promise<void> {
  // A rung that waits for the seller's coaching tells it the course and its deadline.
  const coaching = LADDER[rung].coaching;
  // One notice per case and rung, however often the step runs.
  await sendSellerNotice(
    deps,
    {
      noticeId: `${item.caseId}:${rung}`,
      rung,
      kind: rung,
      sellerId: item.sellerId,
      caseId: item.caseId,
      evidence: item.signals.map((signal) => signal.explanation).slice(-EVIDENCE_LINES),
      ...(coaching ? { courseUrl: deps.courseUrl, deadline: addDays(at, coaching.windowDays).slice(0, 10) } : {}),
      ...(rung === 'suspend' ? { appealAddress: deps.appealAddress } : {}),
    },
    at,
  );
  await updateAccount(deps.accounts, item.sellerId, (account) => addStrike(account, item.caseId, rung, at));
  await deps.cases.saveCase(applyRung(item, rung, at));
}

/**
 * Freezes the seller's evidence (no expiry) and writes its sealed bundle (domain/ladder) to the
 * vault. A retried step finds the bundle already on the case and writes nothing again.
 */
async function sealEvidence(item: Case, at: string, deps: LadderStepDeps): Promise<NonNullable<Case['legalHold']>> {
  if (item.legalHold) return item.legalHold;
  const records = await deps.evidence.holdSeller(item.sellerId);
  const audit = (await allCaseEntries(deps.audit, item.caseId)).reverse();
  const bundle = sealedBundle(item, records, audit, at);
  for (const file of bundle.files) await deps.vault.put(file.key, file.body, file.contentType);
  const location = await deps.vault.put(bundle.manifest.key, bundle.manifest.body, bundle.manifest.contentType);
  return { location, sha256: bundle.manifestSha256, records: records.length, at };
}
