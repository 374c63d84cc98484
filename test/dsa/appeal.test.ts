/**
 * Art. 20 DSA: a suspended seller's appeal is decided by a person other than the one who approved
 * the suspension, and an accepted appeal revises the statement of reasons with the end of the
 * restriction.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/cases/case';
import { memoryProduct } from '../../shared/composition/memory';
import { decideAppeal } from '../../shared/use-cases/decide-appeal';
import { ForbiddenError } from '../../shared/use-cases/errors';
import { fileAppeal } from '../../shared/use-cases/file-appeal';
import { ladderStep } from '../../shared/use-cases/ladder-step';
import { validateStatement } from '../../shared/domain/dsa/transparency-database';

const approver = { id: 'analyst-a@marketplace.example', role: 'analyst' as const };
const reviewer = { id: 'analyst-b@marketplace.example', role: 'analyst' as const };

const approvedSuspension: Case = {
  caseId: 'case_appeal',
  sellerId: 'seller-1',
  status: 'open',
  openedAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-05T10:00:00.000Z',
  points: 120,
  requestedRung: 'suspend',
  rungRequestedAt: '2026-03-05T10:00:00.000Z',
  signals: [
    {
      signalId: 'buyer-complaint:c1',
      rule: 'buyer-complaint',
      time: '2026-03-01T10:00:00.000Z',
      points: 60,
      explanation: 'Buyer b-1 complained of contact by email outside the platform.',
      evidenceIds: ['c1'],
      tags: ['buyer-complaint'],
    },
  ],
  decisions: [{ rung: 'suspend', decision: 'approve', actor: approver.id, role: 'analyst', reason: 'repeated contact', at: '2026-03-05T10:00:00.000Z' }],
  configVersion: 'test',
  version: 1,
};

async function suspendedSellerWithAppeal() {
  let now = new Date('2026-03-05T11:00:00.000Z');
  const product = memoryProduct({ now: () => now });
  await product.cases.saveCase(approvedSuspension);
  await ladderStep({ action: 'apply-suspension', caseId: 'case_appeal', sellerId: 'seller-1', rung: 'suspend' }, product.ladderStep());
  now = new Date('2026-03-10T09:00:00.000Z');
  const appeal = await fileAppeal({ sellerId: 'seller-1', rootCause: 'a temp wrote to buyers', actionsTaken: 'removed access', prevention: 'training' }, reviewer, product);
  now = new Date('2026-03-12T09:00:00.000Z');
  return { product: { ...product, appealAddress: 'appeals@marketplace.example', readiness: [] }, appeal };
}

describe('an appeal of a suspension', () => {
  it('is refused to the person who approved the suspension, saying why', async () => {
    const { product, appeal } = await suspendedSellerWithAppeal();
    const decided = decideAppeal({ sellerId: 'seller-1', appealId: appeal.appealId, outcome: 'accepted', reason: 'plan is credible' }, approver, product);
    await expect(decided).rejects.toThrow(ForbiddenError);
    await expect(decided).rejects.toThrow(/another person must decide its appeal/);
    expect((await product.accounts.get('seller-1')).status).toBe('suspended');
  });

  it('accepted by another person, reinstates the seller and revises the statement of reasons', async () => {
    const { product, appeal } = await suspendedSellerWithAppeal();
    await decideAppeal({ sellerId: 'seller-1', appealId: appeal.appealId, outcome: 'accepted', reason: 'plan is credible' }, reviewer, product);
    expect((await product.accounts.get('seller-1')).status).toBe('active');
    const [original, revised] = await product.statements.byCase('case_appeal');
    expect(original?.statement).toMatchObject({ puid: 'offside-case_appeal-suspend', application_date: '2026-03-05', source_type: 'SOURCE_ARTICLE_16' });
    expect(revised).toMatchObject({ revises: original?.statement.puid, statement: { end_date_account_restriction: '2026-03-12', application_date: '2026-03-05' } });
    expect(validateStatement(revised?.statement).ok).toBe(true);
    expect(product.notifier.delivered.map((notice) => notice.noticeId)).toEqual(['case_appeal:suspend', 'case_appeal:reinstated']);
  });

  it('rejected, leaves the statement as it was', async () => {
    const { product, appeal } = await suspendedSellerWithAppeal();
    await decideAppeal({ sellerId: 'seller-1', appealId: appeal.appealId, outcome: 'rejected', reason: 'plan does not address the contact' }, reviewer, product);
    expect((await product.statements.byCase('case_appeal')).map((issued) => issued.statement.puid)).toEqual(['offside-case_appeal-suspend']);
  });
});
