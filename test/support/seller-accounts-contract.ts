import { describe, expect, it } from 'vitest';
import { addStrike, decideAppeal, fileAppeal, suspend, withdrawCase } from '../../shared/domain/ladder/account';
import type { SellerAccounts } from '../../shared/ports/seller-accounts';
import { AccountConflictError, updateAccount } from '../../shared/ports/seller-accounts';

let counter = 0;
const sellerId = () => `S-ACCOUNT-${Date.now().toString(36)}-${counter++}`;

/** What every seller-accounts adapter must do, run against each one. */
export function describeSellerAccounts(name: string, makeAccounts: () => SellerAccounts) {
  describe(`${name} seller accounts`, () => {
    it('answers a fresh active account for a seller never written', async () => {
      const id = sellerId();
      expect(await makeAccounts().get(id)).toEqual({ sellerId: id, status: 'active', strikes: [], appeals: [], version: 0 });
    });

    it('keeps strikes, suspension and appeals as written', async () => {
      const accounts = makeAccounts();
      const id = sellerId();
      await updateAccount(accounts, id, (account) => addStrike(account, 'case_1', 'warn', '2026-03-01T10:00:00.000Z'));
      await updateAccount(accounts, id, (account) => suspend(addStrike(account, 'case_1', 'suspend', '2026-03-20T10:00:00.000Z'), 'case_1', '2026-03-20T10:00:00.000Z'));
      const appealed = await updateAccount(accounts, id, (account) =>
        fileAppeal(account, { appealId: 'appeal_1', filedAt: '2026-03-25T10:00:00.000Z', filedBy: 'ana', rootCause: 'a temp', actionsTaken: 'let go', prevention: 'training' }),
      );
      expect(await accounts.get(id)).toEqual(appealed);
      expect(appealed).toMatchObject({ status: 'suspended', suspension: { caseId: 'case_1' }, version: 3 });
      const decided = await updateAccount(accounts, id, (account) =>
        decideAppeal(account, 'appeal_1', { outcome: 'accepted', by: 'ana', reason: 'credible plan', at: '2026-03-26T10:00:00.000Z' }),
      );
      expect(decided.status).toBe('active');
      const withdrawn = await updateAccount(accounts, id, (account) => withdrawCase(account, 'case_1', '2026-03-27T10:00:00.000Z'));
      expect((await accounts.get(id)).strikes).toEqual(withdrawn.strikes);
      expect(withdrawn.strikes.every((strike) => strike.withdrawnAt === '2026-03-27T10:00:00.000Z')).toBe(true);
    });

    it('refuses a write from a stale read', async () => {
      const accounts = makeAccounts();
      const id = sellerId();
      const stale = await accounts.get(id);
      await accounts.save({ ...addStrike(stale, 'case_1', 'warn', '2026-03-01T10:00:00.000Z'), version: 1 });
      await expect(accounts.save({ ...addStrike(stale, 'case_2', 'warn', '2026-03-02T10:00:00.000Z'), version: 1 })).rejects.toBeInstanceOf(AccountConflictError);
      expect((await accounts.get(id)).strikes.map((strike) => strike.caseId)).toEqual(['case_1']);
    });
  });
}
