/**
 * The analysts' work queue: cases that wait for a person's decision first (the oldest wait
 * first), then the riskiest (most points), then the oldest. Filtered by status (open unless
 * asked), the rung asked for, a rule that fired, the seller, and the seller's home marketplace;
 * a page at a time, the cursor being the position of the last case handed out.
 */
import { z } from 'zod';
import type { Case, CaseStatus } from '../domain/cases/case';
import type { Rung } from '../domain/ladder/rungs';
import type { RuleName } from '../domain/detection/signals';
import { appealDecideBy } from '../domain/ladder/account';
import type { CaseStore } from '../ports/case-store';
import type { SellerAccounts } from '../ports/seller-accounts';
import type { SellerDirectory } from '../ports/seller-directory';
import { pageCursor } from './page-cursor';

export const DEFAULT_QUEUE_PAGE_SIZE = 25;
export const MAX_QUEUE_PAGE_SIZE = 100;

export interface QueueQuery {
  readonly status?: CaseStatus;
  readonly rung?: Rung;
  readonly rule?: RuleName;
  readonly sellerId?: string;
  readonly marketplace?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** A seller's appeal of the case's suspension, waiting for a person by `decideBy` (Art. 20 DSA). */
export interface PendingAppeal {
  readonly appealId: string;
  readonly filedAt: string;
  readonly decideBy: string;
}

export interface QueueEntry {
  readonly case: Case;
  readonly marketplace: string | null;
  readonly appeal: PendingAppeal | null;
}

const Position = z.object({ decision: z.string(), points: z.number(), openedAt: z.string(), caseId: z.string() });
type Position = z.infer<typeof Position>;

/**
 * The sort key: a case waiting for a person (an approval, or its seller's appeal) sorts by how long
 * it has waited ('~' sorts after any time).
 */
const positionOf = (item: Case, appeal: PendingAppeal | null = null): Position => ({
  decision: item.waiting?.kind === 'approval' ? item.waiting.since : (appeal?.filedAt ?? '~'),
  points: item.points,
  openedAt: item.openedAt,
  caseId: item.caseId,
});

function compare(a: Position, b: Position): number {
  if (a.decision !== b.decision) return a.decision < b.decision ? -1 : 1;
  if (a.points !== b.points) return b.points - a.points;
  if (a.openedAt !== b.openedAt) return a.openedAt < b.openedAt ? -1 : 1;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

const cursors = pageCursor(Position, 'the queue');

export async function caseQueue(
  query: QueueQuery,
  deps: { readonly cases: CaseStore; readonly directory: SellerDirectory; readonly accounts: Pick<SellerAccounts, 'get'> },
): Promise<{ readonly entries: QueueEntry[]; readonly total: number; readonly nextCursor?: string }> {
  const { limit = DEFAULT_QUEUE_PAGE_SIZE, cursor, marketplace, status = 'open', ...filters } = query;
  const after = cursor === undefined ? undefined : cursors.decode(cursor);
  const cases = await deps.cases.listCases({ ...filters, status });
  const marketplaceOf = async (item: Case) => (await deps.directory.contact(item.sellerId)).marketplace ?? null;
  // Only a case whose suspension was applied can have an appeal: only those sellers' accounts are read.
  const appealOf = async (item: Case): Promise<PendingAppeal | null> => {
    if (item.applied?.rung !== 'suspend' && item.applied?.rung !== 'legal-hold') return null;
    const pending = (await deps.accounts.get(item.sellerId)).appeals.find((appeal) => appeal.caseId === item.caseId && !appeal.decision);
    return pending ? { appealId: pending.appealId, filedAt: pending.filedAt, decideBy: appealDecideBy(pending) } : null;
  };
  const withAppeals = await Promise.all(cases.map(async (item) => ({ case: item, marketplace: null, appeal: await appealOf(item) })));
  // The marketplace is the directory's to say; it is looked up for every case only when filtered on.
  const entries: QueueEntry[] =
    marketplace === undefined
      ? withAppeals
      : (await Promise.all(withAppeals.map(async (entry) => ({ ...entry, marketplace: await marketplaceOf(entry.case) })))).filter(
          (entry) => entry.marketplace?.toUpperCase() === marketplace.toUpperCase(),
        );
  const position = (entry: QueueEntry) => positionOf(entry.case, entry.appeal);
  entries.sort((a, b) => compare(position(a), position(b)));
  const remaining = after ? entries.filter((entry) => compare(position(entry), after) > 0) : entries;
  const page = remaining.slice(0, limit);
  const withMarketplace = marketplace === undefined ? await Promise.all(page.map(async (entry) => ({ ...entry, marketplace: await marketplaceOf(entry.case) }))) : page;
  const last = page.at(-1);
  return {
    entries: withMarketplace,
    total: entries.length,
    ...(remaining.length > limit && last ? { nextCursor: cursors.encode(position(last)) } : {}),
  };
}
