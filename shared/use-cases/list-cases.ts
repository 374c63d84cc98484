/**
 * Cases for the console's list: filtered, newest opened first, a page at a time. The cursor is
 * the position of the last case of the previous page (its opening time and id), so pages stay
 * stable while new cases open.
 */
import { z } from 'zod';
import type { Case } from '../domain/cases/case';
import type { CaseSummary } from '../domain/cases/case-schema';
import type { CaseQuery, CaseStore } from '../ports/case-store';
import { pageCursor } from './page-cursor';

export const DEFAULT_CASE_PAGE_SIZE = 25;
export const MAX_CASE_PAGE_SIZE = 100;


const Position = z.object({ openedAt: z.string(), caseId: z.string() });
const cursors = pageCursor(Position, 'this list');

/** Newest first, ties by id (descending): the order the page positions follow. */
const after = (item: Case, position: z.infer<typeof Position>) =>
  item.openedAt < position.openedAt || (item.openedAt === position.openedAt && item.caseId < position.caseId);

export { CaseSummarySchema } from '../domain/cases/case-schema';
export type { CaseSummary } from '../domain/cases/case-schema';

export const summariseCase = (item: Case): CaseSummary => ({
  caseId: item.caseId,
  sellerId: item.sellerId,
  status: item.status,
  openedAt: item.openedAt,
  updatedAt: item.updatedAt,
  points: item.points,
  requestedRung: item.requestedRung,
  appliedRung: item.applied?.rung ?? null,
  waitingFor: item.waiting ? `${item.waiting.kind}:${item.waiting.rung}` : null,
  rules: [...new Set(item.signals.map((signal) => signal.rule))],
});

export async function listCases(
  query: CaseQuery & { readonly limit?: number; readonly cursor?: string },
  deps: { readonly cases: CaseStore },
): Promise<{ readonly cases: CaseSummary[]; readonly nextCursor?: string }> {
  const { limit = DEFAULT_CASE_PAGE_SIZE, cursor, ...filters } = query;
  const position = cursor ? cursors.decode(cursor) : undefined;
  const all = await deps.cases.listCases(filters);
  const sorted = [...all].sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.caseId < b.caseId ? 1 : -1));
  const remaining = position ? sorted.filter((item) => after(item, position)) : sorted;
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  return { cases: page.map(summariseCase), ...(remaining.length > limit && last ? { nextCursor: cursors.encode({ openedAt: last.openedAt, caseId: last.caseId }) } : {}) };
}
