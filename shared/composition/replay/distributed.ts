/**
 * A replay (one side of a backtest) as separate steps over a run store, so that each partition can
 * run apart from the others: on AWS as the children of a Step Functions Distributed Map
 * (infra/constructs/backtest.ts, functions/backtest-step), locally on worker threads
 * (tools/cli/backtest-distributed.ts). The steps and their objects, under a job's prefix:
 *
 *   job.json                  what to replay (JobSpec), written by `offside backtest --on-aws`
 *   partition ->              pass-1/part-N.jsonl (the calls of the replay's control flow that
 *                             concern partition N, one JSON op a line) and pass-1/manifest.json
 *                             (the Distributed Map's items, one per partition)
 *   runPartition (each) ->    pass-N/result-M.json (the engine's result, its sellers' ring keys,
 *                             its statements)
 *   regroup ->                pass-2/part-N.jsonl, pass-2/manifest.json, pass-2/regrouped.json:
 *                             the ring and notifier groups the first pass split, replayed together
 *   merge ->                  replay.json (exactly `offside replay --json`), rejected.jsonl,
 *                             statements.jsonl (CONTRACTS.md section 6)
 *
 * The partitioning, the second pass and the merge are those of `offside replay --workers N`
 * (./partition.ts), so the report is the one a replay in one process prints.
 */
import { z } from 'zod';
import { BuyerComplaintInput } from '../../../events/v1/complaint';
import type { ReplayRunStore } from '../../ports/replay-run-store';
import { ladderDefinitionsSchema } from '../../adapters/step-functions-local/local-workflow';
import type { DetectionConfig } from '../../domain/detection/config';
import { DETECTION_CONFIG, parseDetectionConfigJson } from '../../domain/detection/config';
import { APPROVAL_MODES } from './approval-modes';
import { MAX_PARTITIONS } from './limits';
import type { ReceivedComplaint } from './complaints-file';
import type { PassResult } from './partition';
import { dispatch, firstOwnerOf, mergePasses, regroup } from './partition';
import { horizonDaysOf } from './replay-driver';
import type { BatchRecord, Consumer, ConsumerHandlers, ReplayReport } from './replay-engine';
import { LocalReplayEngine, reportOf } from './replay-engine';

export { MAX_PARTITIONS };

/** What one job replays; every key is a key of the run store. */
export const JobSpec = z.strictObject({
  /** The events, JSON Lines (the `offside replay` input). */
  input: z.string().min(1),
  /** The valid buyer complaints, a JSON array of received complaints (as `--complaints` parsed them); absent: none given. */
  complaints: z.string().min(1).optional(),
  /** The detection configuration (rules schema JSON); absent: the project's version 1. */
  config: z.string().min(1).optional(),
  /** The enforcement ladder's ASL, one definition per starting rung, as the CDK synthesizes them. */
  ladder: z.string().min(1),
  approvals: z.enum(APPROVAL_MODES),
  partitions: z.number().int().min(1).max(MAX_PARTITIONS),
  closeNotices: z.boolean().default(false),
});
export type JobSpec = z.infer<typeof JobSpec>;

/** A job is named by its prefix in the run store (no leading or trailing slash, no `..`). */
export const JobPrefix = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9!_.*'()-]+(?:\/[A-Za-z0-9!_.*'()-]+)*$/u, 'a key prefix of letters, digits and !_.*\'()- separated by /')
  .refine((prefix) => !prefix.split('/').some((part) => part === '..' || part === '.'), 'no . or .. segments');

/** One item of a pass's manifest: the partition a Distributed Map child replays. */
export const PartitionItem = z.strictObject({
  job: JobPrefix,
  pass: z.union([z.literal(1), z.literal(2)]),
  partition: z.number().int().min(0).max(MAX_PARTITIONS),
  /** The replay's last clock, at which every partition finishes. */
  clock: z.string(),
});
export type PartitionItem = z.infer<typeof PartitionItem>;

export const jobKey = (job: string, name: string) => `${job}/${name}`;
const partKey = (item: Pick<PartitionItem, 'job' | 'pass' | 'partition'>) => jobKey(item.job, `pass-${item.pass}/part-${item.partition}.jsonl`);
const resultKey = (item: Pick<PartitionItem, 'job' | 'pass' | 'partition'>) => jobKey(item.job, `pass-${item.pass}/result-${item.partition}.json`);
export const manifestKey = (job: string, pass: 1 | 2) => jobKey(job, `pass-${pass}/manifest.json`);

async function readRequired(store: ReplayRunStore, key: string): Promise<string> {
  const text = await store.read(key);
  if (text === undefined) throw new Error(`${key}: no such object in the run store`);
  return text;
}

async function readJson<T>(store: ReplayRunStore, key: string, schema: z.ZodType<T>): Promise<T> {
  const text = await readRequired(store, key);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${key}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${key}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** A job's specification and what it names, read and checked. */
interface Job {
  readonly prefix: string;
  readonly spec: JobSpec;
  readonly complaints: readonly ReceivedComplaint[];
  readonly config: DetectionConfig;
}

const ReceivedComplaintSchema = z.strictObject({ at: z.string(), line: z.number().int(), input: BuyerComplaintInput });
const ReceivedComplaints = z.array(ReceivedComplaintSchema);
// JSON drops an `id` that is undefined: it comes back as a key that is there, undefined.
const BatchRecordSchema = z.strictObject({ line: z.number().int(), body: z.string(), id: z.string().optional() }).transform(({ line, body, id }): BatchRecord => ({ line, body, id }));
const ConsumerSchema = z.enum(['ingest-reviews', 'ingest-messages', 'ingest-report-downloads']) satisfies z.ZodType<Consumer>;
/** One line of a partition's object: a call of the control flow (./replay-protocol.ts's Op). */
const OpSchema = z.union([
  z.tuple([z.literal('f'), ConsumerSchema, z.array(BatchRecordSchema), z.string(), z.string()]),
  z.tuple([z.literal('c'), ReceivedComplaintSchema, z.string(), z.string()]),
  z.tuple([z.literal('e'), z.string()]),
  z.tuple([z.literal('n'), z.string(), z.string()]),
]);

async function readJob(store: ReplayRunStore, prefix: string): Promise<Job> {
  JobPrefix.parse(prefix);
  const spec = await readJson(store, jobKey(prefix, 'job.json'), JobSpec);
  const complaints: readonly ReceivedComplaint[] = spec.complaints === undefined ? [] : await readJson(store, spec.complaints, ReceivedComplaints);
  let config = DETECTION_CONFIG;
  if (spec.config !== undefined) {
    const parsed = parseDetectionConfigJson(await readRequired(store, spec.config));
    if (!parsed.ok) throw new Error(`${spec.config}: ${parsed.issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ')}`);
    config = parsed.config;
  }
  return { prefix, spec, complaints, config };
}

/** Runs the control flow over the input, each seller's ops to its partition's object; writes the pass's manifest. */
async function writePass(store: ReplayRunStore, job: Job, pass: 1 | 2, partitions: number, ownerOf: (sellerId: string | undefined) => number): Promise<PartitionItem[]> {
  const parts: string[][] = Array.from({ length: partitions }, () => []);
  const clock = await dispatch(
    store.lines(job.spec.input),
    { complaints: job.complaints, closeNotices: job.spec.closeNotices, horizonDays: horizonDaysOf(job.config), partitions, ownerOf },
    async (partition, op) => {
      parts[partition]?.push(`${JSON.stringify(op)}\n`);
    },
  );
  const items = parts.map((_, partition): PartitionItem => ({ job: job.prefix, pass, partition, clock }));
  for (const item of items) await store.write(partKey(item), (parts[item.partition] ?? []).join(''));
  await store.write(manifestKey(job.prefix, pass), JSON.stringify(items));
  return items;
}

/** Step 1: the first pass's partitions, one per `partitions` of the job, and their manifest. */
export async function partitionStep(store: ReplayRunStore, prefix: string): Promise<{ readonly job: string; readonly partitions: number }> {
  const job = await readJob(store, prefix);
  const items = await writePass(store, job, 1, job.spec.partitions, firstOwnerOf(job.spec.partitions));
  return { job: prefix, partitions: items.length };
}

/** What a partition child needs besides the store: the consumers' handlers (functions/ on AWS, tools/local locally). */
export interface PartitionDeps {
  readonly handlers: ConsumerHandlers;
}

/** Step 2 (one Distributed Map child): replays one partition's ops on its own engine and writes its result. */
export async function runPartitionStep(store: ReplayRunStore, item: PartitionItem, deps: PartitionDeps): Promise<{ readonly sellers: number }> {
  PartitionItem.parse(item);
  const job = await readJob(store, item.job);
  const definitions = ladderDefinitionsSchema.parse(JSON.parse(await readRequired(store, job.spec.ladder)));
  const engine = LocalReplayEngine.create({ approvals: job.spec.approvals, keepText: false, config: job.config, definitions, handlers: deps.handlers });
  let lineNumber = 0;
  for await (const line of store.lines(partKey(item))) {
    lineNumber++;
    if (line === '') continue;
    const parsed = OpSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${partKey(item)} line ${lineNumber}: not a replay call: ${parsed.error.issues[0]?.message ?? ''}`);
    const op = parsed.data;
    if (op[0] === 'f') await engine.flush(op[1], op[2], op[3], op[4]);
    else if (op[0] === 'c') await engine.complaint(op[1], op[2], op[3]);
    else if (op[0] === 'e') await engine.evict(op[1]);
    else await engine.closeNotices(op[1], op[2]);
  }
  const result = await engine.finish(item.clock);
  const passResult: PassResult = {
    result,
    keys: engine.deps.rings.sellersByKey(),
    statements: engine.deps.statements.issued.map(({ sellerId, issuedAt, statement }) => ({ sellerId, issuedAt, statement })),
  };
  await store.write(resultKey(item), JSON.stringify(passResult));
  return { sellers: result.sellers.length };
}

const Manifest = z.array(PartitionItem);

async function readResults(store: ReplayRunStore, job: string, pass: 1 | 2): Promise<PassResult[]> {
  const items = await readJson(store, manifestKey(job, pass), Manifest);
  return Promise.all(items.map(async (item) => JSON.parse(await readRequired(store, resultKey(item))) as PassResult));
}

/** Step 3: the groups the first pass split, as the second pass's partitions (none when nothing was split). */
export async function regroupStep(store: ReplayRunStore, prefix: string): Promise<{ readonly job: string; readonly groups: number; readonly sellers: number; readonly partitions: number }> {
  const job = await readJob(store, prefix);
  const first = await readResults(store, prefix, 1);
  const regrouping = regroup(
    first.map(({ keys }) => keys),
    job.complaints,
    job.spec.partitions,
  );
  const sellers = [...regrouping.owner.keys()].sort();
  await store.write(jobKey(prefix, 'pass-2/regrouped.json'), JSON.stringify(sellers));
  if (regrouping.groups === 0) {
    await store.write(manifestKey(prefix, 2), '[]');
    return { job: prefix, groups: 0, sellers: 0, partitions: 0 };
  }
  const items = await writePass(store, job, 2, regrouping.partitions, (sellerId) => (sellerId === undefined ? -1 : (regrouping.owner.get(sellerId) ?? -1)));
  return { job: prefix, groups: regrouping.groups, sellers: sellers.length, partitions: items.length };
}

/** What the merge wrote (the report is also in `replay.json`). */
export interface MergedReplay {
  readonly report: ReplayReport;
  readonly rejected: number;
  readonly statements: number;
}

/** Step 4: both passes merged into the report `offside replay --json` prints, with the rejected lines and the statements. */
export async function mergeStep(store: ReplayRunStore, prefix: string): Promise<MergedReplay> {
  const job = await readJob(store, prefix);
  const first = await readResults(store, prefix, 1);
  const second = await readResults(store, prefix, 2);
  const regrouped = new Set(await readJson(store, jobKey(prefix, 'pass-2/regrouped.json'), z.array(z.string())));
  const merged = mergePasses(first, second, regrouped);
  const report = reportOf(merged.result, job.spec.complaints !== undefined);
  const rejected = [
    ...merged.result.rejections.map(([line, reason]) => ({ line, reason })),
    ...merged.result.complaintRejections.map(([line, reason]) => ({ complaintsLine: line, reason })),
  ];
  await store.write(jobKey(prefix, 'rejected.jsonl'), rejected.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  await store.write(jobKey(prefix, 'statements.jsonl'), merged.statements.map(({ sellerId, statement }) => `${JSON.stringify({ sellerId, statement })}\n`).join(''));
  await store.write(jobKey(prefix, 'replay.json'), `${JSON.stringify(report)}\n`);
  return { report, rejected: rejected.length, statements: merged.statements.length };
}
