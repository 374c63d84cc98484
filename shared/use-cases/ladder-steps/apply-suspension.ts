/**
 * An approved suspension: the seller's account is suspended by this case, the marketplace gets a
 * status event, the seller a notice with where to appeal, and a strike. Never without a recorded
 * approval on the case. Its statement of reasons (Art. 17 DSA) is issued before the notice quotes it.
 */
import { sellerStatusChanged } from '../../../events/v1/outbound';
import { isApproved } from '../../domain/cases/case';
import { suspend } from '../../domain/ladder/account';
import { updateAccount } from '../../ports/seller-accounts';
import { issueSuspensionStatement } from '../issue-statement';
import type { LadderStepUseCase } from './step';
import { NotApprovedError, applyRungWithNotice } from './step';

export const applySuspension: LadderStepUseCase = async (step, deps) => {
  const { item, at } = step;
  if (!isApproved(item, 'suspend')) throw new NotApprovedError(`case ${item.caseId}: no recorded approval of a suspension`);
  await updateAccount(deps.accounts, item.sellerId, (account) => suspend(account, item.caseId, at));
  await deps.sellerEvents.publish(sellerStatusChanged(item.sellerId, 'suspended', 'suspension-approved', item.caseId, at));
  const issued = await issueSuspensionStatement(item, at, deps);
  await applyRungWithNotice(step, 'suspend', deps, issued.statement);
  await step.audit('rung-applied');
  return { done: 'suspended' };
};
