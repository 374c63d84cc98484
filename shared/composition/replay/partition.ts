/**
 * How a replay is split by seller and put back together, whatever runs the parts: the worker
 * threads of `offside replay --workers N` (tools/cli/replay-partitioned.ts) or the children of a
 * distributed backtest (./distributed.ts, a Step Functions Distributed Map on AWS).
 *
 * Every seller's lines go to one partition (a hash of its id). Sellers tied by a ring key (one
 * contact handle, or one app used for look-ups, shared by several sellers) or by a notifier (one
 * buyer's complaints about several sellers) are joined into groups (union-find); a group spread
 * over several partitions saw only part of itself, so its sellers are replayed again, together, in
 * a second pass whose outcome replaces the first pass's.
 */
import type { ReceivedComplaint } from './complaints-file';
import type { DrivenEngine, RoutedRecord } from './replay-driver';
import { drive } from './replay-driver';
import type { BatchRecord, Consumer, EngineResult } from './replay-engine';
import type { Op, WorkerStatement } from './replay-protocol';

/** FNV-1a: a stable spread of seller ids over the partitions. */
export function partitionOf(sellerId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sellerId.length; i++) {
    hash ^= sellerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/** The first pass's owner of a seller's lines (lines that name no seller go to partition 0). */
export const firstOwnerOf = (partitions: number) => (sellerId: string | undefined) => (sellerId === undefined ? 0 : partitionOf(sellerId, partitions));

/** What one partition made of its lines: the engine's result, its sellers' ring keys, its statements. */
export interface PassResult {
  readonly result: EngineResult;
  /** Every ring key the partition's sellers are linked to, with those sellers. */
  readonly keys: readonly (readonly [key: string, sellerIds: readonly string[]])[];
  readonly statements: readonly WorkerStatement[];
}

/** Joins sellers tied by a key into groups (union-find), each group a list of sellers. */
export function groupsOf(ties: Iterable<readonly string[]>): string[][] {
  const parent = new Map<string, string>();
  const find = (seller: string): string => {
    let root = seller;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    let node = seller;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const sellers of ties) {
    const [first, ...rest] = sellers;
    if (first === undefined) continue;
    if (!parent.has(first)) parent.set(first, first);
    for (const seller of rest) {
      if (!parent.has(seller)) parent.set(seller, seller);
      const a = find(first);
      const b = find(seller);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, string[]>();
  for (const seller of parent.keys()) {
    const root = find(seller);
    groups.set(root, [...(groups.get(root) ?? []), seller]);
  }
  return [...groups.values()];
}

/** The second pass: which sellers are replayed again, in how many partitions, each seller's partition. */
export interface Regrouping {
  readonly groups: number;
  readonly partitions: number;
  readonly owner: ReadonlyMap<string, number>;
}

/**
 * The groups the first pass split (ring keys from its partitions' `keys`, notifiers from the
 * complaints' buyers), each given to one of at most `partitions` second-pass partitions: largest
 * groups first, each to the least loaded.
 */
export function regroup(
  keys: Iterable<readonly (readonly [key: string, sellerIds: readonly string[]])[]>,
  complaints: readonly ReceivedComplaint[],
  partitions: number,
): Regrouping {
  const firstOwner = firstOwnerOf(partitions);
  const ties = new Map<string, Set<string>>();
  const tie = (key: string, sellers: Iterable<string>) => {
    const set = ties.get(key) ?? new Set<string>();
    for (const seller of sellers) set.add(seller);
    ties.set(key, set);
  };
  // The same ring key seen by several partitions is one key.
  for (const partition of keys) for (const [key, sellers] of partition) tie(`ring:${key}`, sellers);
  for (const complaint of complaints) tie(`buyer:${complaint.input.buyerId}`, [complaint.input.sellerId]);
  const spread = groupsOf([...ties.values()].map((set) => [...set])).filter((group) => new Set(group.map((seller) => firstOwner(seller))).size > 1);
  const load = Array.from({ length: Math.min(partitions, spread.length) }, () => 0);
  const owner = new Map<string, number>();
  for (const group of [...spread].sort((a, b) => b.length - a.length)) {
    const target = load.indexOf(Math.min(...load));
    load[target] = (load[target] ?? 0) + group.length;
    for (const seller of group) owner.set(seller, target);
  }
  return { groups: spread.length, partitions: load.length, owner };
}

/**
 * The replay's result from both passes: events, rejections and complaints as the first pass counted
 * them (every line was in exactly one of its partitions), each regrouped seller's outcome and
 * statements from the second pass.
 */
export function mergePasses(first: readonly PassResult[], second: readonly PassResult[], regrouped: ReadonlySet<string>): { readonly result: EngineResult; readonly statements: readonly WorkerStatement[] } {
  const sellers = [
    ...first.flatMap(({ result }) => result.sellers.filter((seller) => !regrouped.has(seller.sellerId))),
    ...second.flatMap(({ result }) => result.sellers),
  ].sort((a, b) => (a.sellerId < b.sellerId ? -1 : 1));
  const rejections = first.flatMap(({ result }) => result.rejections).sort((a, b) => a[0] - b[0]);
  const complaintRejections = first.flatMap(({ result }) => result.complaintRejections).sort((a, b) => a[0] - b[0]);
  const result: EngineResult = {
    accepted: first.reduce((sum, { result: part }) => sum + part.accepted, 0),
    duplicates: first.reduce((sum, { result: part }) => sum + part.duplicates, 0),
    rejections,
    complaintsFiled: first.reduce((sum, { result: part }) => sum + part.complaintsFiled, 0),
    complaintRejections,
    sellers,
  };
  const statements = [
    ...first.flatMap((part) => part.statements.filter((issued) => !regrouped.has(issued.sellerId))),
    ...second.flatMap((part) => part.statements),
  ].sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.sellerId < b.sellerId ? -1 : a.sellerId > b.sellerId ? 1 : 0));
  return { result, statements };
}

export interface DispatchOptions {
  readonly complaints: readonly ReceivedComplaint[];
  /** Once a virtual day, the sweep of complaints no case took up. */
  readonly closeNotices: boolean;
  readonly horizonDays: number;
  readonly partitions: number;
  /** The partition a seller's records go to (-1: none, in a second pass). */
  readonly ownerOf: (sellerId: string | undefined) => number;
}

/**
 * Runs the replay's control flow (./replay-driver.ts) over every line and hands each partition the
 * calls that concern it, in order: the batches of its own sellers' lines and its sellers'
 * complaints (each with the clock of the replay's last settle before it, so the partition's ladder
 * wakes up at the same times as in one process), and every eviction and daily sweep. Only the
 * partitions with lines in a batch hear of it: the others catch up to its clock later. Resolves to
 * the last clock, at which every partition is to finish.
 */
export async function dispatch(input: AsyncIterable<string>, options: DispatchOptions, emit: (partition: number, op: Op) => Promise<void>): Promise<string> {
  const { ownerOf, partitions } = options;
  const everyone = (op: Op) => Promise.all(Array.from({ length: partitions }, (_, i) => emit(i, op))).then(() => undefined);
  const dispatcher: DrivenEngine = {
    async flush(consumer: Consumer, records: readonly RoutedRecord[], since: string, clock: string) {
      const own: BatchRecord[][] = Array.from({ length: partitions }, () => []);
      for (const { line, body, id, sellerId } of records) {
        const owner = ownerOf(sellerId);
        if (owner >= 0) own[owner]?.push({ line, body, id });
      }
      await Promise.all(own.map(async (mine, i) => (mine.length > 0 ? emit(i, ['f', consumer, mine, since, clock]) : undefined)));
    },
    async complaint(complaint: ReceivedComplaint, since: string, clock: string) {
      const owner = ownerOf(complaint.input.sellerId);
      if (owner >= 0) await emit(owner, ['c', complaint, since, clock]);
    },
    evict: (before: string) => everyone(['e', before]),
    closeNotices: (since: string, clock: string) => everyone(['n', since, clock]),
  };
  return drive(input, { complaints: options.complaints, closeNotices: options.closeNotices }, options.horizonDays, dispatcher);
}
