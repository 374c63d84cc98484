import type { SellerAccount } from '../domain/ladder/account';

/** A write lost a race: the account changed since it was read. */
export class AccountConflictError extends Error {
  override readonly name = 'AccountConflictError';
}

/** Seller accounts (strikes, suspension, appeals). */
export interface SellerAccounts {
  /** The seller's account; a fresh one (version 0) for a seller never written. */
  get(sellerId: string): Promise<SellerAccount>;
  /** Writes `next` if the stored version is `next.version - 1` (0: none stored); else AccountConflictError. */
  save(next: SellerAccount): Promise<void>;
}

/**
 * Reads the account, applies `change` and writes it, retrying a lost race a few times. `change`
 * may throw (a domain error): nothing is written then.
 */
export async function updateAccount(
  accounts: SellerAccounts,
  sellerId: string,
  change: (account: SellerAccount) => SellerAccount,
  attempts = 5,
): Promise<SellerAccount> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await accounts.get(sellerId);
    const next = change(current);
    if (next === current) return current;
    try {
      const written = { ...next, version: current.version + 1 };
      await accounts.save(written);
      return written;
    } catch (error) {
      if (!(error instanceof AccountConflictError) || attempt >= attempts) throw error;
    }
  }
}
