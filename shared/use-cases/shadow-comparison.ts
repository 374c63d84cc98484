/**
 * What a shadow version would have done, beside what the live rules did: per seller the shadow
 * judged an event of (since it was set) and that has a live or a shadow case, the live case (the
 * open one, else the newest) and the shadow's, with the rung each asks for; `changed` when the
 * rungs differ (a case on one side only is a change: `null` against a rung). Changed sellers
 * first, then by seller id, a page at a time. Sellers the shadow never judged are not compared:
 * it knows nothing of them.
 */
import { z } from 'zod';
import type { Case, CaseStatus } from '../domain/cases/case';
import type { Rung } from '../domain/ladder/rungs';
import type { ShadowPointer } from '../ports/rules-store';
import type { ConsoleDeps } from './console-deps';
import { pageCursor } from './page-cursor';

export const DEFAULT_SHADOW_PAGE_SIZE = 25;
export const MAX_SHADOW_PAGE_SIZE = 100;

/** One side's outcome for a seller: its case and the rung it asks for (`appliedRung`: what the ladder applied; never, in shadow). */
export interface ShadowOutcome {
  readonly caseId: string;
  readonly status: CaseStatus;
  /** Null: a case for review, which asks for no rung (and counts as no case in `changed`: neither acts). */
  readonly requestedRung: Rung | null;
  readonly appliedRung: Rung | null;
  readonly openedAt: string;
  readonly points: number;
}

export interface ShadowRow {
  readonly sellerId: string;
  readonly changed: boolean;
  readonly live: ShadowOutcome | null;
  readonly shadow: ShadowOutcome | null;
}

export interface ShadowComparison {
  /** The shadow pointer now (null: none set). */
  readonly pointer: ShadowPointer | null;
  readonly liveVersion: number;
  /** The shadow version compared (the pointer's unless asked for another); null: none. */
  readonly version: number | null;
  /** Sellers the shadow judged an event of. */
  readonly judgedSellers: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly sellers: ShadowRow[];
  readonly nextCursor?: string;
}

const Position = z.object({ changed: z.boolean(), sellerId: z.string() });
const cursors = pageCursor(Position, 'this comparison');

/** Changed first, then by seller id: the order the page positions follow. */
const before = (a: Pick<ShadowRow, 'changed' | 'sellerId'>, b: Pick<ShadowRow, 'changed' | 'sellerId'>) =>
  a.changed !== b.changed ? a.changed : a.sellerId < b.sellerId;

const outcome = (item: Case | undefined): ShadowOutcome | null =>
  item
    ? {
        caseId: item.caseId,
        status: item.status,
        requestedRung: item.requestedRung,
        appliedRung: item.applied?.rung ?? null,
        openedAt: item.openedAt,
        points: item.points,
      }
    : null;

/** The seller's case that says what the rules did: the open one, else the newest opened. */
function caseOf(cases: readonly Case[]): Case | undefined {
  return cases.find((item) => item.status === 'open') ?? [...cases].sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))[0];
}

function bySeller(cases: readonly Case[]): Map<string, Case[]> {
  const grouped = new Map<string, Case[]>();
  for (const item of cases) grouped.set(item.sellerId, [...(grouped.get(item.sellerId) ?? []), item]);
  return grouped;
}

export async function shadowComparison(
  query: { readonly version?: number; readonly limit?: number; readonly cursor?: string },
  deps: Pick<ConsoleDeps, 'cases' | 'rulesStore' | 'shadowNamespace'>,
): Promise<ShadowComparison> {
  const { limit = DEFAULT_SHADOW_PAGE_SIZE } = query;
  const position = query.cursor ? cursors.decode(query.cursor) : undefined;
  const [pointer, liveVersion] = await Promise.all([deps.rulesStore.shadow(), deps.rulesStore.liveVersion()]);
  const version = query.version ?? pointer?.version ?? null;
  const empty = { pointer: pointer ?? null, liveVersion, version, judgedSellers: 0, changed: 0, unchanged: 0, sellers: [] };
  if (version === null) return empty;
  const namespace = deps.shadowNamespace?.(version);
  const [judged, live, shadow] = await Promise.all([deps.rulesStore.shadowSellers(version), deps.cases.listCases(), namespace ? namespace.cases.listCases() : []]);
  const liveCases = bySeller(live);
  const shadowCases = bySeller(shadow);
  const rows: ShadowRow[] = [];
  for (const { sellerId } of judged) {
    const liveCase = outcome(caseOf(liveCases.get(sellerId) ?? []));
    const shadowCase = outcome(caseOf(shadowCases.get(sellerId) ?? []));
    if (!liveCase && !shadowCase) continue;
    rows.push({ sellerId, changed: (liveCase?.requestedRung ?? null) !== (shadowCase?.requestedRung ?? null), live: liveCase, shadow: shadowCase });
  }
  rows.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const remaining = position ? rows.filter((row) => before(position, row)) : rows;
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  const changed = rows.filter((row) => row.changed).length;
  return {
    ...empty,
    judgedSellers: judged.length,
    changed,
    unchanged: rows.length - changed,
    sellers: page,
    ...(remaining.length > limit && last ? { nextCursor: cursors.encode({ changed: last.changed, sellerId: last.sellerId }) } : {}),
  };
}
