import type { SellerAccount } from '../../domain/ladder/account';
import { newAccount } from '../../domain/ladder/account';
import type { SellerAccounts } from '../../ports/seller-accounts';
import { AccountConflictError } from '../../ports/seller-accounts';

/** Seller accounts in memory: replay and unit tests. */
export class InMemorySellerAccounts implements SellerAccounts {
  private readonly accounts = new Map<string, SellerAccount>();

  async get(sellerId: string): Promise<SellerAccount> {
    return this.accounts.get(sellerId) ?? newAccount(sellerId);
  }

  async save(next: SellerAccount): Promise<void> {
    const stored = this.accounts.get(next.sellerId)?.version ?? 0;
    if (stored !== next.version - 1) throw new AccountConflictError(`account of seller ${next.sellerId} changed since it was read`);
    this.accounts.set(next.sellerId, next);
  }
}
