/**
 * Replay throughput against its floor, in this one process, on the same file:
 * - floor: read the file line by line (as `offside replay` reads it), JSON.parse and zod-validate
 *   every event with the v1 contract (events/v1/parse.ts); best of three runs;
 * - `offside replay --workers N` (N: this machine's available parallelism): the replay partitioned
 *   by seller over worker threads (tools/cli/replay-partitioned.ts), approvals `none`: the gated
 *   figure (issue 18: within 6x the floor);
 * - `offside replay` in one process: `replay()` from tools/cli/replay.ts (consumer handlers on
 *   in-memory adapters, detection, and the enforcement ladder, approvals `none`);
 * - the same with every approval granted (`--approvals approve-all`: the ladder runs each case to
 *   its end, as `offside evaluate` does);
 * - the consumers alone: the same handlers and batches, no ladder (detection only).
 */
import { memoryProduct } from '../../shared/composition/memory';
import type { SqsBatchHandler } from '../../shared/adapters/lambda/ingestion-handler';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';
import { availableParallelism } from 'node:os';
import type { ReplayReport } from '../cli/replay';
import { replay, replayWithState } from '../cli/replay';
import { replayPartitioned } from '../cli/replay-partitioned';
import type { DrivenEngine } from '../../shared/composition/replay/replay-driver';
import { drive, horizonDaysOf } from '../../shared/composition/replay/replay-driver';
import { CONSUMER_HANDLERS } from '../local/consumers';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
import { sqsRecord } from '../../shared/adapters/sqs/sqs-record';
import { parseEventJson } from '../../events/v1/parse';
import { readLines } from './stream';

export const REPLAY_TARGET_RATIO = 6;

export interface Rate {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface ReplayThroughput {
  readonly floor: Rate & { readonly valid: number };
  /** `offside replay FILE` in one process (ladder on, approvals none). */
  readonly replay: Rate & { readonly outcome: ReplayReport['events'] };
  /** `offside replay FILE --workers N` (ladder on, approvals none): the gated figure. */
  readonly partitioned: Rate & { readonly workers: number; readonly outcome: ReplayReport['events']; readonly regrouped: { readonly groups: number; readonly sellers: number } };
  /** floor events/s divided by the one-process replay's events/s. */
  readonly singleProcessRatio: number;
  readonly replayApproveAll: Rate;
  readonly consumersOnly: Rate;
  /** floor events/s divided by `offside replay --workers N` events/s. */
  readonly ratio: number;
  readonly target: number;
  readonly pass: boolean;
  /**
   * Notices the ladder delivered with every approval granted (to sellers, complainants and the
   * legal team: each one e-mail through SES on AWS), counted on the replay's notifier.
   */
  readonly noticesApproveAll: number;
  /** The same notices by kind (`warn`, `coach`, `suspend`, `legal-hold`, `reinstated`, `acknowledged`...). */
  readonly noticesByKindApproveAll: Readonly<Record<string, number>>;
  /**
   * Ladder executions started and state transitions in that replay, as Step Functions Standard
   * bills them: every state entered and every retry of one (the retries also apart).
   */
  readonly executionsApproveAll: number;
  readonly stateTransitionsApproveAll: number;
  readonly retriesApproveAll: number;
  /** The ladder-step invocations of that replay: one Lambda request each on AWS (one per task attempt). */
  readonly stepInvocationsApproveAll: number;
  /** The states entered in that replay, by state name. */
  readonly statesEnteredApproveAll: Readonly<Record<string, number>>;
}

const WARM_UP_LINES = 2_000;

async function* limit(lines: AsyncIterable<string>, max: number): AsyncGenerator<string> {
  if (max <= 0) return;
  let count = 0;
  for await (const line of lines) {
    yield line;
    if (++count >= max) return;
  }
}

const rate = (events: number, seconds: number): Rate => ({ events, seconds, eventsPerSecond: events / seconds });

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The floor: every line read, decoded and checked against the contract. */
export async function floorPass(path: string): Promise<{ lines: number; valid: number }> {
  let lines = 0;
  let valid = 0;
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    lines++;
    if (parseEventJson(line).ok) valid++;
  }
  return { lines, valid };
}

/** The consumer handlers over the file, batched and evicted by replay's own driver, without the ladder. */
async function consumersPass(path: string, maxLines = Infinity): Promise<number> {
  const deps = memoryProduct({ keepText: false });
  const handlers: Record<QueueDefinition['consumer'], SqsBatchHandler> = {
    'ingest-reviews': CONSUMER_HANDLERS['ingest-reviews'](deps.consumer()),
    'ingest-messages': CONSUMER_HANDLERS['ingest-messages'](deps.consumer()),
    'ingest-report-downloads': CONSUMER_HANDLERS['ingest-report-downloads'](deps.consumer()),
  };
  let count = 0;
  const consumersOnly: DrivenEngine = {
    async flush(consumer, records) {
      count += records.length;
      const batch = records.map(({ line, body }) => sqsRecord({ messageId: `line-${line}`, body, eventSourceARN: 'arn:aws:sqs:local:000000000000:bench', awsRegion: 'local' }));
      await handlers[consumer]({ Records: batch }, lambdaContext(consumer));
    },
    async complaint() {},
    async evict(before) {
      await deps.store.evictBefore(before);
    },
    async closeNotices() {},
  };
  await drive(limit(readLines(path), maxLines), { complaints: [], closeNotices: false }, horizonDaysOf(deps.config), consumersOnly);
  return count;
}

export async function measureReplayThroughput(path: string, say: (line: string) => void): Promise<ReplayThroughput> {
  // Best of three: the first round also warms up the parser the pipeline uses.
  say('replay throughput: floor (read + JSON.parse + zod), best of 3');
  let floor = { lines: 0, valid: 0, seconds: Infinity };
  for (let round = 0; round < 3; round++) {
    const { value, seconds } = await timed(() => floorPass(path));
    if (seconds < floor.seconds) floor = { ...value, seconds };
  }
  // Warm-up: the ladder's definition, the classifier and the consumers' code, off the clock.
  say('replay throughput: warm-up');
  const warmUp = Math.min(WARM_UP_LINES, Math.ceil(floor.lines / 10));
  await replay(limit(readLines(path), warmUp), { approvals: 'approve-all' });
  await consumersPass(path, warmUp);
  say('replay throughput: offside replay (--approvals none)');
  const none = await timed(() => replay(readLines(path), { approvals: 'none' }));
  const workers = availableParallelism();
  say(`replay throughput: offside replay --workers ${workers} (--approvals none)`);
  const partitioned = await timed(() => replayPartitioned(() => readLines(path), { approvals: 'none', workers }));
  const events = floor.lines;
  say('replay throughput: offside replay --approvals approve-all');
  const all = await timed(() => replayWithState(readLines(path), { approvals: 'approve-all' }));
  say('replay throughput: consumers only (no ladder)');
  const consumers = await timed(() => consumersPass(path));
  const floorRate = rate(events, floor.seconds);
  const replayRate = rate(events, none.seconds);
  const partitionedRate = rate(events, partitioned.seconds);
  const ratio = floorRate.eventsPerSecond / partitionedRate.eventsPerSecond;
  return {
    floor: { ...floorRate, valid: floor.valid },
    replay: { ...replayRate, outcome: none.value.events },
    partitioned: { ...partitionedRate, workers, outcome: partitioned.value.report.events, regrouped: partitioned.value.partitions.regrouped },
    singleProcessRatio: floorRate.eventsPerSecond / replayRate.eventsPerSecond,
    replayApproveAll: rate(events, all.seconds),
    consumersOnly: rate(consumers.value, consumers.seconds),
    ratio,
    target: REPLAY_TARGET_RATIO,
    pass: ratio <= REPLAY_TARGET_RATIO,
    noticesApproveAll: all.value.deps.notifier.delivered.length,
    noticesByKindApproveAll: countBy(all.value.deps.notifier.delivered.map(({ noticeId }) => noticeKind(noticeId))),
    executionsApproveAll: all.value.workflow.executions,
    stateTransitionsApproveAll: all.value.workflow.stateTransitions,
    retriesApproveAll: all.value.workflow.retries,
    stepInvocationsApproveAll: all.value.workflow.stepInvocations,
    statesEnteredApproveAll: all.value.workflow.statesEntered,
  };
}

/**
 * A notice's kind from its id, which the use case that sends it makes: `<caseId>:<rung>`,
 * `<caseId>:reinstated`, `<reference>:outcome`, `<buyerId>:<action>:<time>`...: the last part in
 * lower-case letters and hyphens.
 */
const noticeKind = (noticeId: string) => noticeId.split(':').reverse().find((part) => /^[a-z][a-z-]*$/u.test(part)) ?? 'other';

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
