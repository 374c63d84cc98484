/**
 * A distributed backtest's run (shared/composition/replay/distributed.ts) set up and carried out:
 * the command line writes the run (input, complaints, configurations, the ladder's definition and
 * one job per side) to a run store, then either runs the steps here, each partition on a worker
 * thread as a Distributed Map child would run (`offside backtest --partitions N`), or starts the
 * backtest state machine on AWS for each job (`--on-aws`, ./backtest-aws.ts), and reads back the
 * replay report each job merged.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { ReplayRunStore } from '../../shared/ports/replay-run-store';
import type { JobSpec, PartitionItem } from '../../shared/composition/replay/distributed';
import { jobKey, manifestKey, mergeStep, partitionStep, regroupStep } from '../../shared/composition/replay/distributed';
import type { ReceivedComplaint } from '../../shared/composition/replay/complaints-file';
import type { ApprovalMode } from '../../shared/composition/replay/approval-modes';
import type { ReplayReport } from '../../shared/composition/replay/replay-engine';
import { ladderDefinitions } from '../local/ladder-definition';
import type { FromBacktestWorker, ToBacktestWorker } from './backtest-worker';

/** What is shared by a run's jobs. */
export interface RunInput {
  /** The events' lines (read once, while they are written to the store). */
  readonly lines: AsyncIterable<string>;
  readonly complaints?: readonly ReceivedComplaint[];
  readonly approvals: ApprovalMode;
  readonly partitions: number;
}

/** A run's prefix: `runs/<time>-<random>`, so runs never overwrite one another. */
export const newRunPrefix = (now = new Date()) => `runs/${now.toISOString().replace(/[:.]/gu, '-')}-${randomUUID().slice(0, 8)}`;

/**
 * Writes the run's shared objects and one job per side (`configs`: the side's name and its
 * configuration file's text, undefined for the project's version 1); resolves to the jobs' prefixes.
 */
export async function writeRun(store: ReplayRunStore, run: string, input: RunInput, configs: readonly { readonly side: string; readonly config: string | undefined }[]): Promise<Record<string, string>> {
  const chunks: string[] = [];
  for await (const line of input.lines) chunks.push(`${line}\n`);
  await store.write(jobKey(run, 'input.jsonl'), chunks.join(''));
  await store.write(jobKey(run, 'ladder.asl.json'), JSON.stringify(await ladderDefinitions()));
  if (input.complaints !== undefined) await store.write(jobKey(run, 'complaints.json'), JSON.stringify(input.complaints));
  const jobs: Record<string, string> = {};
  for (const { side, config } of configs) {
    const job = jobKey(run, side);
    if (config !== undefined) await store.write(jobKey(job, 'config.json'), config);
    const spec: JobSpec = {
      input: jobKey(run, 'input.jsonl'),
      ...(input.complaints !== undefined ? { complaints: jobKey(run, 'complaints.json') } : {}),
      ...(config !== undefined ? { config: jobKey(job, 'config.json') } : {}),
      ladder: jobKey(run, 'ladder.asl.json'),
      approvals: input.approvals,
      partitions: input.partitions,
      closeNotices: false,
    };
    await store.write(jobKey(job, 'job.json'), JSON.stringify(spec));
    jobs[side] = job;
  }
  return jobs;
}

const Rejected = z.union([z.strictObject({ line: z.number(), reason: z.string() }), z.strictObject({ complaintsLine: z.number(), reason: z.string() })]);

/** A merged job's report and its rejected lines. */
export async function readMerged(store: ReplayRunStore, job: string): Promise<{ readonly report: ReplayReport; readonly rejected: readonly z.infer<typeof Rejected>[] }> {
  const text = await store.read(jobKey(job, 'replay.json'));
  if (text === undefined) throw new Error(`${job}: the backtest wrote no replay.json`);
  const rejected = ((await store.read(jobKey(job, 'rejected.jsonl'))) ?? '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Rejected.parse(JSON.parse(line)));
  return { report: JSON.parse(text) as ReplayReport, rejected };
}

/** Runs `items` on up to `threads` worker threads, each taking the next item when done with one. */
export async function runOnThreads(root: string, items: readonly PartitionItem[], threads: number): Promise<void> {
  const queue = [...items];
  const one = async () => {
    const worker = new Worker(new URL('./backtest-worker.mjs', import.meta.url));
    try {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const next = item;
        await new Promise<void>((resolve, reject) => {
          const onExit = (code: number) => reject(new Error(`backtest worker exited with code ${code}`));
          worker.once('error', reject);
          worker.once('exit', onExit);
          worker.once('message', (message: FromBacktestWorker) => {
            worker.off('error', reject);
            worker.off('exit', onExit);
            if (message.t === 'done') resolve();
            else reject(new Error(`backtest worker, pass ${next.pass} partition ${next.partition}: ${message.message}`));
          });
          worker.postMessage({ root, item: next } satisfies ToBacktestWorker);
        });
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(threads, items.length)) }, one));
}

const Manifest = z.array(z.custom<PartitionItem>((value) => typeof value === 'object' && value !== null));

/** What the state machine does, here: partition, each partition on a thread, regroup, the second pass, merge. */
export async function runJobLocally(store: ReplayRunStore, root: string, job: string, threads: number): Promise<{ readonly groups: number; readonly regroupedSellers: number }> {
  await partitionStep(store, job);
  const manifest = async (pass: 1 | 2) => Manifest.parse(JSON.parse((await store.read(manifestKey(job, pass))) ?? '[]'));
  await runOnThreads(root, await manifest(1), threads);
  const regrouped = await regroupStep(store, job);
  if (regrouped.partitions > 0) await runOnThreads(root, await manifest(2), threads);
  await mergeStep(store, job);
  return { groups: regrouped.groups, regroupedSellers: regrouped.sellers };
}
