/**
 * A seller as an analyst reads it: standing, strikes with their expiry (active ones apart),
 * suspension and appeals, its cases, and the other sellers it is linked to by a shared contact
 * handle (as its hash) or look-up app.
 */
import { accountView } from '../domain/ladder/account';
import type { RingKind } from '../domain/detection/complaint-and-ring';
import type { CaseStore } from '../ports/case-store';
import type { RingIndex } from '../ports/ring-index';
import type { SellerAccounts } from '../ports/seller-accounts';
import type { CaseSummary } from './list-cases';
import { summariseCase } from './list-cases';

export interface RingLink {
  readonly kind: RingKind;
  /** The contact handle's keyed hash, or the app id. */
  readonly key: string;
  readonly sellers: readonly string[];
}

export async function sellerProfile(
  sellerId: string,
  deps: { readonly cases: CaseStore; readonly accounts: SellerAccounts; readonly rings: RingIndex; readonly now: () => Date },
): Promise<ReturnType<typeof accountView> & { readonly cases: CaseSummary[]; readonly ringLinks: RingLink[] }> {
  const [account, cases, signals] = await Promise.all([
    deps.accounts.get(sellerId),
    deps.cases.listCases({ sellerId }),
    deps.cases.sellerSignals(sellerId),
  ]);
  const ringKeys = new Map<string, { kind: RingKind; key: string }>();
  for (const signal of signals) {
    if (signal.rule !== 'ring' || signal.withdrawn === true) continue;
    // Ring signal ids are `ring:<kind>:<key>:<sellerId>` (complaint-and-ring.ts).
    const [, kind, ...rest] = signal.signalId.split(':');
    const key = rest.slice(0, -1).join(':');
    if ((kind === 'handle' || kind === 'app') && key) ringKeys.set(`${kind}:${key}`, { kind, key });
  }
  const ringLinks = await Promise.all(
    [...ringKeys.values()].map(async ({ kind, key }) => ({
      kind,
      key,
      sellers: [...new Set((await deps.rings.members(kind, key)).map((member) => member.sellerId))].filter((id) => id !== sellerId).sort(),
    })),
  );
  return { ...accountView(account, deps.now().toISOString()), cases: cases.map(summariseCase), ringLinks };
}
