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
import type { CaseStore } from '../ports/case-store';
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

export interface QueueEntry {
  readonly case: Case;
  readonly marketplace: string | null;
}

const Position = z.object({ decision: z.string(), points: z.number(), openedAt: z.string(), caseId: z.string() });
type Position = z.infer<typeof Position>;

/** The sort key: a case waiting for an approval sorts by how long it has waited ('~' sorts after any time). */
const positionOf = (item: Case): Position => ({
  decision: item.waiting?.kind === 'approval' ? item.waiting.since : '~',
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
  deps: { readonly cases: CaseStore; readonly directory: SellerDirectory },
): Promise<{ readonly entries: QueueEntry[]; readonly total: number; readonly nextCursor?: string }> {
  const { limit = DEFAULT_QUEUE_PAGE_SIZE, cursor, marketplace, status = 'open', ...filters } = query;
  const after = cursor === undefined ? undefined : cursors.decode(cursor);
  const cases = await deps.cases.listCases({ ...filters, status });
  const marketplaceOf = async (item: Case) => (await deps.directory.contact(item.sellerId)).marketplace ?? null;
  // The marketplace is the directory's to say; it is looked up for every case only when filtered on.
  const entries: QueueEntry[] =
    marketplace === undefined
      ? cases.map((item) => ({ case: item, marketplace: null }))
      : (await Promise.all(cases.map(async (item) => ({ case: item, marketplace: await marketplaceOf(item) })))).filter(
          (entry) => entry.marketplace?.toUpperCase() === marketplace.toUpperCase(),
        );
  entries.sort((a, b) => compare(positionOf(a.case), positionOf(b.case)));
  const remaining = after ? entries.filter((entry) => compare(positionOf(entry.case), after) > 0) : entries;
  const page = remaining.slice(0, limit);
  const withMarketplace = marketplace === undefined ? await Promise.all(page.map(async (entry) => ({ ...entry, marketplace: await marketplaceOf(entry.case) }))) : page;
  const last = page.at(-1);
  return {
    entries: withMarketplace,
    total: entries.length,
    ...(remaining.length > limit && last ? { nextCursor: cursors.encode(positionOf(last.case)) } : {}),
  };
}
