/**
 * `offside replay --workers N`: the same replay, partitioned by seller and run on worker threads.
 *
 * Events of different sellers never meet in detection, with two exceptions: a ring (one contact
 * handle, or one app used for look-ups, shared by several sellers) and a notifier (one buyer's
 * complaints about several sellers, whose standing under Art. 23 follows them). So:
 *
 * 1. every seller's lines go to one worker (a hash of its id); the dispatcher runs the replay's
 *    control flow (./replay-driver.ts) and sends each worker the batches of its own sellers' lines,
 *    each with the clock of the replay's last settle before it (the worker's ladder catches up to
 *    it first, so it wakes up at the same times, in the same order with the evidence, as in one
 *    process: the replay ladder takes each decision at the time of the wake-up that asks for it),
 *    and every eviction;
 * 2. the workers report the ring keys their sellers are linked to; with the complaints' buyers they
 *    join sellers into groups (union-find). A group whose sellers were spread over several workers
 *    saw only part of itself: its sellers are replayed again, together, in a second pass, and their
 *    outcome replaces the first pass's. A seller's link to a key depends only on its own evidence,
 *    so the first pass finds every key; groups are small (rings of a few sellers), so the second
 *    pass is a small share of the work.
 *
 * The report is the one a replay in one process prints (CONTRACTS.md section 3), which
 * test/cli/replay-partitioned.test.ts checks on simulated marketplaces. One difference by design:
 * an event id reused by two different sellers counts as two events here, as duplicates are counted
 * per seller.
 */
import { Worker } from 'node:worker_threads';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import type { ApprovalMode } from '../local/approval-modes';
import type { ReceivedComplaint } from './complaints-file';
import type { DrivenEngine, RoutedRecord } from './replay-driver';
import { drive, horizonDaysOf } from './replay-driver';
import type { BatchRecord, Consumer, EngineResult, ReplayReport } from './replay-engine';
import { reportOf } from './replay-engine';
import type { FromWorker, Op, ToWorker, WorkerStatement } from './replay-protocol';

export interface PartitionedOptions {
  readonly approvals: ApprovalMode;
  readonly workers: number;
  readonly complaints?: readonly ReceivedComplaint[];
  /** Once a virtual day, the sweep of complaints no case took up (ReplayOptions.closeNotices). */
  readonly closeNotices?: boolean;
  /** Called once per rejected line, in line order, once the replay is over. */
  readonly onRejected?: (line: number, reason: string) => void;
  readonly onComplaintRejected?: (line: number, reason: string) => void;
}

export interface PartitionedReplay {
  readonly report: ReplayReport;
  /** Every statement of reasons issued, in issue order (time, then seller). */
  readonly statements: readonly WorkerStatement[];
  /** How the work was split: sellers per worker in the first pass, and the second pass's groups. */
  readonly partitions: { readonly workers: number; readonly regrouped: { readonly groups: number; readonly sellers: number } };
}

/** Ops sent to a worker in one message, and how many messages may wait unanswered. */
const CHUNK_OPS = 2_000;
const MAX_IN_FLIGHT = 3;

/** FNV-1a: a stable spread of seller ids over the workers. */
export function partitionOf(sellerId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sellerId.length; i++) {
    hash ^= sellerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

interface PassResult {
  readonly result: EngineResult;
  readonly keys: readonly (readonly [string, readonly string[]])[];
  readonly statements: readonly WorkerStatement[];
}

/** A worker thread and the dispatcher's side of its queue. */
class WorkerLink {
  private readonly worker: Worker;
  private pending: Op[] = [];
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private failure: Error | undefined;
  private resolveResult: ((result: PassResult) => void) | undefined;
  private rejectResult: ((error: Error) => void) | undefined;

  constructor(approvals: ApprovalMode) {
    this.worker = new Worker(new URL('./replay-worker.mjs', import.meta.url), { workerData: { approvals } });
    this.worker.on('message', (message: FromWorker) => {
      if (message.t === 'ack') {
        this.inFlight--;
        this.waiting.shift()?.();
      } else if (message.t === 'result') {
        this.resolveResult?.({ result: message.result, keys: message.keys, statements: message.statements });
      } else if (message.t === 'error') {
        this.fail(new Error(`replay worker: ${message.message}`));
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`replay worker exited with code ${code}`));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.waiting.splice(0)) wake();
    this.rejectResult?.(this.failure);
  }

  async push(op: Op): Promise<void> {
    this.pending.push(op);
    if (this.pending.length >= CHUNK_OPS) await this.send();
  }

  private async send(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const message: ToWorker = { t: 'ops', ops: this.pending };
    this.pending = [];
    this.inFlight++;
    this.worker.postMessage(message);
    while (this.inFlight > MAX_IN_FLIGHT && !this.failure) await new Promise<void>((wake) => this.waiting.push(wake));
    const failure = this.failed();
    if (failure) throw failure;
  }

  /** The worker's failure, if it failed (read afresh: it is set by the worker's events). */
  private failed(): Error | undefined {
    return this.failure;
  }

  async finish(clock: string): Promise<PassResult> {
    await this.send();
    const result = new Promise<PassResult>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
      if (this.failure) reject(this.failure);
    });
    this.worker.postMessage({ t: 'finish', clock } satisfies ToWorker);
    try {
      return await result;
    } finally {
      await this.worker.terminate();
    }
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** One pass: the control flow over every line, each seller's records to the worker `ownerOf` names (-1: nobody). */
async function pass(
  open: () => AsyncIterable<string>,
  complaints: readonly ReceivedComplaint[],
  workers: number,
  approvals: ApprovalMode,
  closeNotices: boolean,
  ownerOf: (sellerId: string | undefined) => number,
): Promise<PassResult[]> {
  const links = Array.from({ length: workers }, () => new WorkerLink(approvals));
  const dispatcher: DrivenEngine = {
    async flush(consumer: Consumer, records: readonly RoutedRecord[], since: string, clock: string) {
      const own: BatchRecord[][] = links.map(() => []);
      for (const { line, body, id, sellerId } of records) {
        const owner = ownerOf(sellerId);
        if (owner >= 0) own[owner]?.push({ line, body, id });
      }
      // Only the workers with lines in the batch hear of it: the others catch up to its clock later.
      await Promise.all(
        links.map(async (link, i) => {
          const mine = own[i] ?? [];
          if (mine.length > 0) await link.push(['f', consumer, mine, since, clock]);
        }),
      );
    },
    async complaint(complaint: ReceivedComplaint, since: string, clock: string) {
      const owner = ownerOf(complaint.input.sellerId);
      if (owner >= 0) await links[owner]?.push(['c', complaint, since, clock]);
    },
    async evict(before: string) {
      await Promise.all(links.map((link) => link.push(['e', before])));
    },
    async closeNotices(since: string, clock: string) {
      await Promise.all(links.map((link) => link.push(['n', since, clock])));
    },
  };
  try {
    const clock = await drive(open(), { complaints, closeNotices }, horizonDaysOf(DETECTION_CONFIG), dispatcher);
    return await Promise.all(links.map((link) => link.finish(clock)));
  } catch (error) {
    await Promise.all(links.map((link) => link.terminate()));
    throw error;
  }
}

/** Joins sellers tied by a key into groups (union-find), each group a list of sellers. */
function groupsOf(ties: Iterable<readonly string[]>): string[][] {
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

/** Replays the file `open` reads (opened once per pass) on `options.workers` worker threads. */
export async function replayPartitioned(open: () => AsyncIterable<string>, options: PartitionedOptions): Promise<PartitionedReplay> {
  const workers = Math.max(1, Math.floor(options.workers));
  const complaints = options.complaints ?? [];
  const firstOwner = (sellerId: string | undefined) => (sellerId === undefined ? 0 : partitionOf(sellerId, workers));
  const first = await pass(open, complaints, workers, options.approvals, options.closeNotices === true, firstOwner);

  // Who is tied to whom: ring keys (the same key seen by several workers is one key) and buyers.
  const ties = new Map<string, Set<string>>();
  const tie = (key: string, sellers: Iterable<string>) => {
    const set = ties.get(key) ?? new Set<string>();
    for (const seller of sellers) set.add(seller);
    ties.set(key, set);
  };
  for (const { keys } of first) for (const [key, sellers] of keys) tie(`ring:${key}`, sellers);
  for (const complaint of complaints) tie(`buyer:${complaint.input.buyerId}`, [complaint.input.sellerId]);
  const spread = groupsOf([...ties.values()].map((set) => [...set])).filter((group) => new Set(group.map((seller) => firstOwner(seller))).size > 1);

  let second: PassResult[] = [];
  const regrouped = new Set<string>();
  if (spread.length > 0) {
    // Largest groups first, each to the least loaded worker.
    const load = Array.from({ length: Math.min(workers, spread.length) }, () => 0);
    const owner = new Map<string, number>();
    for (const group of [...spread].sort((a, b) => b.length - a.length)) {
      const target = load.indexOf(Math.min(...load));
      load[target] = (load[target] ?? 0) + group.length;
      for (const seller of group) {
        owner.set(seller, target);
        regrouped.add(seller);
      }
    }
    second = await pass(open, complaints, load.length, options.approvals, options.closeNotices === true, (sellerId) => (sellerId === undefined ? -1 : (owner.get(sellerId) ?? -1)));
  }

  const sellers = [
    ...first.flatMap(({ result }) => result.sellers.filter((seller) => !regrouped.has(seller.sellerId))),
    ...second.flatMap(({ result }) => result.sellers),
  ].sort((a, b) => (a.sellerId < b.sellerId ? -1 : 1));
  const rejections = first.flatMap(({ result }) => result.rejections).sort((a, b) => a[0] - b[0]);
  const complaintRejections = first.flatMap(({ result }) => result.complaintRejections).sort((a, b) => a[0] - b[0]);
  for (const [line, reason] of rejections) options.onRejected?.(line, reason);
  for (const [line, reason] of complaintRejections) options.onComplaintRejected?.(line, reason);
  const merged: EngineResult = {
    accepted: first.reduce((sum, { result }) => sum + result.accepted, 0),
    duplicates: first.reduce((sum, { result }) => sum + result.duplicates, 0),
    rejections,
    complaintsFiled: first.reduce((sum, { result }) => sum + result.complaintsFiled, 0),
    complaintRejections,
    sellers,
  };
  const statements = [
    ...first.flatMap((part) => part.statements.filter((issued) => !regrouped.has(issued.sellerId))),
    ...second.flatMap((part) => part.statements),
  ].sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.sellerId < b.sellerId ? -1 : a.sellerId > b.sellerId ? 1 : 0));
  return {
    report: reportOf(merged, options.complaints !== undefined),
    statements,
    partitions: { workers, regrouped: { groups: spread.length, sellers: regrouped.size } },
  };
}
