/**
 * What one million events would cost on AWS at on-demand prices (tools/bench/prices.json), from
 * the figures measured in this run:
 * - Lambda duration: the consumers' handler time against DynamoDB Local (billed per invocation,
 *   rounded up to the millisecond) at the functions' memory size (infra/constructs/offside-function.ts);
 * - Lambda requests: the invocations of that run, CONSUMER_BATCH_SIZE records each at most;
 * - SQS sends: the producer's SendMessageBatch requests for the same events, up to 10 events and
 *   256 KiB a request, billed per 64 KiB (sqs-traffic.ts; docs/producers.md): about one request
 *   per ten events, where one SendMessage per event was one per event;
 * - SQS receives and deletes: a ReceiveMessage per 10 records an invocation is handed (per 64 KiB
 *   of what it delivers) and a DeleteMessageBatch per 10 records handled: Lambda's pollers take
 *   at most 10 messages a request whatever the batch size, so a larger batch cuts only Lambda's
 *   requests;
 * - DynamoDB: the write and read units measured per event, table by table, each table billed as
 *   the production stage bills it (infra/table-capacity.ts). A provisioned table is priced by the
 *   capacity its auto scaling would hold (./provisioned-capacity.ts) through the stream's own days
 *   and daily profile (stream-shape.ts) scaled to the capacity plan's billion events a day, per
 *   capacity-unit-hour; an on-demand table per request unit. The same units all on demand are
 *   kept beside it (`onDemand`);
 * - Step Functions: the ladder's state transitions per event in the same replay, as Standard
 *   workflows bill them: every state entered on the synthesized machines (one per starting rung)
 *   and every retry of a state;
 * - Lambda requests of the ladder: its steps' invocations in that replay (one per task attempt);
 *   their duration, the ladder-starter's invocations and both functions' DynamoDB units are not
 *   measured (the replay runs them in memory) and not counted;
 * - SES: the notices delivered per event in a replay with every approval granted (counted on its
 *   notifier; the simulation's share of violators, about a third of its sellers, is far above a
 *   marketplace's, so this line is high for a real stream).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONSUMER_BATCH_SIZE } from '../../shared/adapters/sqs/queues';
import { DEFAULT_FUNCTION_MEMORY_MB } from '../../infra/constructs/offside-function';
import { PROD_TABLE_CAPACITY, capacityOf } from '../../infra/table-capacity';
import type { CapacityRange, TableCapacity } from '../../infra/table-capacity';
import type { DynamoCapacity } from './dynamodb-capacity';
import type { ProvisionedHours } from './provisioned-capacity';
import { autoScaledHours } from './provisioned-capacity';
import type { SqsSends } from './sqs-traffic';
import type { StreamShape } from './stream-shape';

export const COST_TARGET_DOLLARS = 1;
/** The volume the capacity plan is made for (docs/capacity-plan.md), at which provisioned capacity is priced. */
export const PLAN_EVENTS_PER_DAY = 1_000_000_000;
const MILLION = 1_000_000;

const Prices = z.object({
  region: z.string(),
  date: z.string(),
  sources: z.array(z.string()),
  lambda: z.object({ arm64PerGbSecond: z.number().positive(), perMillionRequests: z.number().positive() }),
  dynamodb: z.object({
    perMillionWriteRequestUnits: z.number().positive(),
    perMillionReadRequestUnits: z.number().positive(),
    perWriteCapacityUnitHour: z.number().positive(),
    perReadCapacityUnitHour: z.number().positive(),
  }),
  sqs: z.object({ perMillionRequests: z.number().positive() }),
  ses: z.object({ perThousandEmails: z.number().positive() }),
  stepFunctions: z.object({ perThousandStateTransitions: z.number().positive() }),
});
export type Prices = z.infer<typeof Prices>;

export function loadPrices(): Prices {
  return Prices.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'prices.json'), 'utf8')));
}

export interface CostLine {
  readonly item: string;
  /** Units per million events, in the unit named by `unit`. */
  readonly quantity: number;
  readonly unit: string;
  readonly dollars: number;
}

export interface CostPerMillion {
  readonly lines: readonly CostLine[];
  readonly totalDollars: number;
  readonly target: number;
  readonly pass: boolean;
  readonly memoryMb: number;
  readonly batchSize: number;
  /** SQS requests per event: the producer's sends, the consumers' receives and deletes. */
  readonly sqs: { readonly sendRequestsPerEvent: number; readonly receiveRequestsPerEvent: number; readonly deleteRequestsPerEvent: number; readonly bytesPerEvent: number };
  readonly pricesDate: string;
  readonly region: string;
  /** Each provisioned table's writes and reads: the units it consumed and the capacity it held. */
  readonly provisioned: readonly ProvisionedTable[];
  /** The DynamoDB lines and the total with every table on demand, for comparison. */
  readonly onDemand: { readonly writeDollars: number; readonly readDollars: number; readonly totalDollars: number };
}

export interface ProvisionedTable extends ProvisionedHours {
  readonly table: string;
  readonly units: 'write' | 'read';
  readonly unitsPerEvent: number;
  readonly targetUtilization: number;
  readonly range: CapacityRange;
  /** Capacity-unit-hours held per million events, and what they cost. */
  readonly unitHoursPerMillion: number;
  readonly dollars: number;
}

/** What the ladder did per event in a replay with every approval granted. */
export interface LadderPerEvent {
  readonly notices: number;
  /** Billed: states entered and retries. */
  readonly stateTransitions: number;
  /** ladder-step invocations. */
  readonly stepInvocations: number;
}

export function costPerMillion(capacity: DynamoCapacity, sends: SqsSends, ladder: LadderPerEvent, shape: StreamShape, prices: Prices = loadPrices()): CostPerMillion {
  const scale = MILLION / capacity.events;
  const gbSeconds = capacity.billedSeconds * scale * (DEFAULT_FUNCTION_MEMORY_MB / 1024);
  const invocations = capacity.invocations * scale;
  const sqs = {
    sendRequestsPerEvent: sends.billedRequests / sends.events,
    receiveRequestsPerEvent: capacity.receiveRequests / capacity.events,
    deleteRequestsPerEvent: capacity.deleteRequests / capacity.events,
    bytesPerEvent: sends.bytesPerEvent,
  };
  const sendRequests = sqs.sendRequestsPerEvent * MILLION;
  const consumerRequests = (sqs.receiveRequestsPerEvent + sqs.deleteRequestsPerEvent) * MILLION;
  const dynamo = dynamoDbCost(capacity, shape, prices);
  const emails = ladder.notices * MILLION;
  const transitions = ladder.stateTransitions * MILLION;
  const steps = ladder.stepInvocations * MILLION;
  const lines: CostLine[] = [
    { item: `Lambda duration (${DEFAULT_FUNCTION_MEMORY_MB} MB, arm64)`, quantity: gbSeconds, unit: 'GB-s', dollars: gbSeconds * prices.lambda.arm64PerGbSecond },
    { item: `Lambda requests (batches of up to ${CONSUMER_BATCH_SIZE})`, quantity: invocations, unit: 'requests', dollars: (invocations / MILLION) * prices.lambda.perMillionRequests },
    { item: 'SQS sends (SendMessageBatch, up to 10 events a request)', quantity: sendRequests, unit: 'requests', dollars: (sendRequests / MILLION) * prices.sqs.perMillionRequests },
    { item: 'SQS receives + deletes (up to 10 messages a request)', quantity: consumerRequests, unit: 'requests', dollars: (consumerRequests / MILLION) * prices.sqs.perMillionRequests },
    ...dynamo.lines,
    { item: 'SES notices', quantity: emails, unit: 'e-mails', dollars: (emails / 1000) * prices.ses.perThousandEmails },
    { item: 'Step Functions (the ladder, standard workflows: states entered and retries)', quantity: transitions, unit: 'state transitions', dollars: (transitions / 1000) * prices.stepFunctions.perThousandStateTransitions },
    { item: 'Lambda requests (ladder-step, one per task attempt)', quantity: steps, unit: 'requests', dollars: (steps / MILLION) * prices.lambda.perMillionRequests },
  ];
  const totalDollars = sum(lines.map((line) => line.dollars));
  const dynamoDollars = sum(dynamo.lines.map((line) => line.dollars));
  return {
    lines,
    totalDollars,
    target: COST_TARGET_DOLLARS,
    pass: totalDollars <= COST_TARGET_DOLLARS,
    memoryMb: DEFAULT_FUNCTION_MEMORY_MB,
    batchSize: CONSUMER_BATCH_SIZE,
    sqs,
    pricesDate: prices.date,
    region: prices.region,
    provisioned: dynamo.provisioned,
    onDemand: { ...dynamo.onDemand, totalDollars: totalDollars - dynamoDollars + dynamo.onDemand.writeDollars + dynamo.onDemand.readDollars },
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The DynamoDB lines: per table, the measured units per event, billed as the production plan
 * bills that table. Provisioned capacity is priced at the plan's volume, hour by hour through the
 * stream's whole days, each hour's load the day's ratio times the hour of the day's.
 */
function dynamoDbCost(capacity: DynamoCapacity, shape: StreamShape, prices: Prices) {
  const byTable = new Map<string, { write: number; read: number }>();
  for (const line of capacity.breakdown) {
    const units = byTable.get(line.table) ?? { write: 0, read: 0 };
    byTable.set(line.table, { write: units.write + line.writeUnitsPerEvent, read: units.read + line.readUnitsPerEvent });
  }
  const eventsPerSecond = PLAN_EVENTS_PER_DAY / 86_400;
  const profile = shape.dayRatios.flatMap((day) => shape.hourOfDayRatios.map((hour) => day * hour));
  const millionsOfEvents = (sum(profile) * eventsPerSecond * 3600) / MILLION;
  const provisioned: ProvisionedTable[] = [];
  const onDemandUnits = { write: 0, read: 0 };
  let allOnDemand = { writeDollars: 0, readDollars: 0 };
  for (const [table, units] of [...byTable.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    allOnDemand = {
      writeDollars: allOnDemand.writeDollars + units.write * prices.dynamodb.perMillionWriteRequestUnits,
      readDollars: allOnDemand.readDollars + units.read * prices.dynamodb.perMillionReadRequestUnits,
    };
    const plan = capacityOf(PROD_TABLE_CAPACITY, table);
    if (plan.mode === 'on-demand') {
      onDemandUnits.write += units.write;
      onDemandUnits.read += units.read;
      continue;
    }
    for (const kind of ['write', 'read'] as const) {
      const range = tableAndIndexes(plan, kind);
      const targetUtilization = plan.targetUtilizationPercent / 100;
      const hours = autoScaledHours(profile.map((ratio) => ratio * eventsPerSecond * units[kind]), { targetUtilization, ...range });
      const unitHoursPerMillion = hours.provisionedUnitHours / millionsOfEvents;
      const price = kind === 'write' ? prices.dynamodb.perWriteCapacityUnitHour : prices.dynamodb.perReadCapacityUnitHour;
      provisioned.push({ table, units: kind, unitsPerEvent: units[kind], targetUtilization, range, ...hours, unitHoursPerMillion, dollars: unitHoursPerMillion * price });
    }
  }
  const held = (kind: 'write' | 'read') => provisioned.filter((line) => line.units === kind);
  const names = (kind: 'write' | 'read') => held(kind).map((line) => line.table.replace(/^offside-/u, '')).join(', ');
  const target = (kind: 'write' | 'read') => [...new Set(held(kind).map((line) => `${Math.round(line.targetUtilization * 100)}%`))].join('/');
  const lines: CostLine[] = [];
  for (const kind of ['write', 'read'] as const) {
    const label = kind === 'write' ? 'writes' : 'reads';
    if (held(kind).length > 0) {
      lines.push({
        item: `DynamoDB ${label}, provisioned (${names(kind)}: auto scaled to ${target(kind)} at ${PLAN_EVENTS_PER_DAY / 1e9} billion events a day)`,
        quantity: sum(held(kind).map((line) => line.unitHoursPerMillion)),
        unit: kind === 'write' ? 'WCU-hours' : 'RCU-hours',
        dollars: sum(held(kind).map((line) => line.dollars)),
      });
    }
    const units = onDemandUnits[kind] * MILLION;
    const perMillion = kind === 'write' ? prices.dynamodb.perMillionWriteRequestUnits : prices.dynamodb.perMillionReadRequestUnits;
    lines.push({ item: `DynamoDB ${label}, on-demand (the other tables)`, quantity: units, unit: kind === 'write' ? 'WRU' : 'RRU', dollars: (units / MILLION) * perMillion });
  }
  return { lines, provisioned, onDemand: allOnDemand };
}

/** A provisioned table's range with its indexes' added: the table's measured units include its indexes' writes and reads. */
function tableAndIndexes(plan: Extract<TableCapacity, { mode: 'provisioned' }>, kind: 'write' | 'read'): CapacityRange {
  const indexes = Object.values(plan.indexes ?? {}).map((index) => index[kind]);
  return { min: plan[kind].min + sum(indexes.map((range) => range.min)), max: plan[kind].max + sum(indexes.map((range) => range.max)) };
}
