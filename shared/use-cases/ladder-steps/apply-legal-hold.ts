/**
 * An approved legal hold: the seller's evidence is frozen (no expiry) and sealed into a bundle in
 * the vault (domain/ladder/sealed-bundle.ts), the legal team is told where it is and its SHA-256,
 * and the case records the hold. Never without a recorded approval on the case. A retried step
 * finds the bundle already on the case and seals nothing again.
 */
import type { Case } from '../../domain/cases/case';
import { applyLegalHold as applyLegalHoldTo, isApproved } from '../../domain/cases/case';
import { sealedBundle } from '../../domain/ladder/sealed-bundle';
import { renderNotice } from '../../domain/notices/notices';
import { allCaseEntries, noticeSentEntry, recordOnce } from '../../ports/audit-log';
import type { LadderStepDeps, LadderStepUseCase } from './step';
import { CaseNotOpenError, NotApprovedError } from './step';

export const applyLegalHold: LadderStepUseCase = async (step, deps) => {
  const { item, at } = step;
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
  // Sealing takes a while: the hold is recorded on the case as it is now.
  const current = await deps.cases.getCase(item.caseId);
  if (!current || current.status !== 'open') throw new CaseNotOpenError(`case ${item.caseId} is not open`);
  await deps.cases.saveCase(applyLegalHoldTo(current, sealed, at));
  await step.audit('legal-hold-applied', `sealed bundle ${sealed.location}, manifest SHA-256 ${sealed.sha256}, ${sealed.records} evidence records held`);
  return { done: 'legal hold applied' };
};

/** Freezes the seller's evidence and writes its sealed bundle to the vault, once per case. */
async function sealEvidence(item: Case, at: string, deps: LadderStepDeps): Promise<NonNullable<Case['legalHold']>> {
  if (item.legalHold) return item.legalHold;
  const records = await deps.evidence.holdSeller(item.sellerId);
  const audit = (await allCaseEntries(deps.audit, item.caseId)).reverse();
  const bundle = sealedBundle(item, records, audit, at);
  for (const file of bundle.files) await deps.vault.put(file.key, file.body, file.contentType);
  const location = await deps.vault.put(bundle.manifest.key, bundle.manifest.body, bundle.manifest.contentType);
  return { location, sha256: bundle.manifestSha256, records: records.length, at };
}
