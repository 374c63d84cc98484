/**
 * Everything the console shows of one case, gathered once: the case, the evidence behind its
 * signals, its audit entries, the seller's account as the ladder sees it, the seller's home
 * marketplace, and, for every contact handle the evidence holds (as its keyed hash), the other
 * sellers whose own messages carry it. The HTTP adapter turns this into the case view and the
 * paged chronology (shared/adapters/http/case-presenter.ts).
 */
import { accountView } from '../domain/ladder/account';
import type { Evidence } from '../domain/evidence';
import { handleKeys } from '../domain/readable-text';
import type { RingIndex } from '../ports/ring-index';
import type { SellerAccounts } from '../ports/seller-accounts';
import type { SellerDirectory } from '../ports/seller-directory';
import type { CaseMaterial } from './case-timeline';
import { caseMaterial } from './case-timeline';
import type { ConsoleDeps } from './console-deps';

export interface CaseRecord extends CaseMaterial {
  readonly account: ReturnType<typeof accountView>;
  readonly marketplace: string | null;
  /** Each handle key (`kind:hash`) found in the evidence, with the other sellers linked to it. */
  readonly handleLinks: ReadonlyMap<string, readonly string[]>;
}

/** The texts of a record that may carry hashed contact handles. */
export function evidenceTexts(record: Evidence): string[] {
  switch (record.kind) {
    case 'message':
      return [record.body];
    case 'review':
      return [record.title ?? '', record.body ?? ''];
    case 'complaint':
      return [record.summary];
    case 'report-download':
      return [];
  }
}

export async function readCase(
  caseId: string,
  deps: Pick<ConsoleDeps, 'cases' | 'store' | 'audit' | 'now'> & { readonly rings: RingIndex; readonly accounts: SellerAccounts; readonly directory: SellerDirectory },
): Promise<CaseRecord> {
  const material = await caseMaterial(caseId, deps);
  const { sellerId } = material.item;
  const keys = new Set([...material.evidence.flatMap(evidenceTexts), ...material.item.signals.map((signal) => signal.explanation)].flatMap(handleKeys));
  const [account, contact, links] = await Promise.all([
    deps.accounts.get(sellerId),
    deps.directory.contact(sellerId),
    Promise.all(
      [...keys].map(async (key) => {
        const members = await deps.rings.members('handle', key);
        return [key, [...new Set(members.map((member) => member.sellerId))].filter((id) => id !== sellerId).sort()] as const;
      }),
    ),
  ]);
  return { ...material, account: accountView(account, deps.now().toISOString()), marketplace: contact.marketplace ?? null, handleLinks: new Map(links) };
}
