/**
 * `offside replay --workers N`: the same replay, partitioned by seller and run on worker threads.
 *
 * Events of different sellers never meet in detection, with two exceptions: a ring (one contact
 * handle, or one app used for look-ups, shared by several sellers) and a notifier (one buyer's
 * complaints about several sellers, whose standing under Art. 23 follows them). So:
 *
 * 1. every seller's lines go to one worker (a hash of its id); the dispatcher runs the replay's
 *    control flow (shared/composition/replay/replay-driver.ts, through shared/composition/replay/partition.ts's dispatch) and sends each worker the batches of its own sellers' lines,
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
import type { ApprovalMode } from '../../shared/composition/replay/approval-modes';
import type { ReceivedComplaint } from '../../shared/composition/replay/complaints-file';
import { horizonDaysOf } from '../../shared/composition/replay/replay-driver';
import type { ReplayReport } from '../../shared/composition/replay/replay-engine';
import { reportOf } from '../../shared/composition/replay/replay-engine';
import type { PassResult } from '../../shared/composition/replay/partition';
import { dispatch, firstOwnerOf, mergePasses, regroup } from '../../shared/composition/replay/partition';
import type { FromWorker, Op, ToWorker, WorkerStatement } from '../../shared/composition/replay/replay-protocol';

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

  /** Ends the pass at `clock`: resolves to the worker's result; the worker stays up for another pass. */
  async finish(clock: string): Promise<PassResult> {
    await this.send();
    const result = new Promise<PassResult>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
      if (this.failure) reject(this.failure);
    });
    this.worker.postMessage({ t: 'finish', clock } satisfies ToWorker);
    return await result;
  }

  /** The next pass on a fresh engine in the same worker: its code is loaded and compiled already. */
  reset(): void {
    this.worker.postMessage({ t: 'reset' } satisfies ToWorker);
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** One pass on `links`: the control flow over every line, each seller's records to the worker `ownerOf` names (-1: nobody). */
async function pass(
  open: () => AsyncIterable<string>,
  complaints: readonly ReceivedComplaint[],
  links: readonly WorkerLink[],
  closeNotices: boolean,
  ownerOf: (sellerId: string | undefined) => number,
): Promise<PassResult[]> {
  const clock = await dispatch(open(), { complaints, closeNotices, horizonDays: horizonDaysOf(DETECTION_CONFIG), partitions: links.length, ownerOf }, async (partition, op) => {
    await links[partition]?.push(op);
  });
  return await Promise.all(links.map((link) => link.finish(clock)));
}

/** Replays the file `open` reads (opened once per pass) on `options.workers` worker threads. */
export async function replayPartitioned(open: () => AsyncIterable<string>, options: PartitionedOptions): Promise<PartitionedReplay> {
  const workers = Math.max(1, Math.floor(options.workers));
  const complaints = options.complaints ?? [];
  // The second pass runs on the first pass's workers (fresh engines): no second start-up.
  const links = Array.from({ length: workers }, () => new WorkerLink(options.approvals));
  try {
    return await passes(open, options, workers, complaints, links);
  } finally {
    await Promise.all(links.map((link) => link.terminate()));
  }
}

async function passes(open: () => AsyncIterable<string>, options: PartitionedOptions, workers: number, complaints: readonly ReceivedComplaint[], links: readonly WorkerLink[]): Promise<PartitionedReplay> {
  const first = await pass(open, complaints, links, options.closeNotices === true, firstOwnerOf(workers));

  // Who is tied to whom: ring keys and buyers; the groups spread over several workers run again.
  const regrouping = regroup(
    first.map(({ keys }) => keys),
    complaints,
    workers,
  );
  const regrouped = new Set(regrouping.owner.keys());
  // Fresh engines only for a second pass that runs: a reset builds a whole engine.
  const again = () => {
    const secondLinks = links.slice(0, regrouping.partitions);
    for (const link of secondLinks) link.reset();
    return pass(open, complaints, secondLinks, options.closeNotices === true, (sellerId) => (sellerId === undefined ? -1 : (regrouping.owner.get(sellerId) ?? -1)));
  };
  const second = regrouping.groups > 0 ? await again() : [];

  const merged = mergePasses(first, second, regrouped);
  for (const [line, reason] of merged.result.rejections) options.onRejected?.(line, reason);
  for (const [line, reason] of merged.result.complaintRejections) options.onComplaintRejected?.(line, reason);
  return {
    report: reportOf(merged.result, options.complaints !== undefined),
    statements: merged.statements,
    partitions: { workers, regrouped: { groups: regrouping.groups, sellers: regrouped.size } },
  };
}
