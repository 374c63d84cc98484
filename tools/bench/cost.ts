/**
 * What one million events would cost on AWS at on-demand prices (tools/bench/prices.json), from
 * the figures measured in this run:
 * - Lambda duration: the consumers' handler time against DynamoDB Local (billed per invocation,
 *   rounded up to the millisecond) at the functions' memory size (infra/constructs/offside-function.ts);
 * - Lambda requests: the invocations of that run, CONSUMER_BATCH_SIZE records each at most;
 * - SQS sends: the producer's SendMessageBatch requests for the same events, up to 10 events and
 *   256 KiB a request, billed per 64 KiB (sqs-traffic.ts; docs/producers.md): about one request
 *   per ten events, where one SendMessage per event was one per event;
 * - SQS receives and deletes: a ReceiveMessage per invocation (per 64 KiB of what it delivers) and
 *   a DeleteMessageBatch per invocation;
 * - DynamoDB: the write and read request units measured per event;
 * - Step Functions: the ladder's state transitions per event in the same replay (states entered
 *   on the synthesized definition; the ladder-step invocations they make are not counted);
 * - SES: the notices delivered per event in a replay with every approval granted (counted on its
 *   notifier; the simulation's share of violators, about a third of its sellers, is far above a
 *   marketplace's, so this line is high for a real stream).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONSUMER_BATCH_SIZE } from '../../shared/adapters/sqs/queues';
import { DEFAULT_FUNCTION_MEMORY_MB } from '../../infra/constructs/offside-function';
import type { DynamoCapacity } from './dynamodb-capacity';
import type { SqsSends } from './sqs-traffic';

export const COST_TARGET_DOLLARS = 1;
const MILLION = 1_000_000;

const Prices = z.object({
  region: z.string(),
  date: z.string(),
  sources: z.array(z.string()),
  lambda: z.object({ arm64PerGbSecond: z.number().positive(), perMillionRequests: z.number().positive() }),
  dynamodb: z.object({ perMillionWriteRequestUnits: z.number().positive(), perMillionReadRequestUnits: z.number().positive() }),
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
}

/** What the ladder did per event in a replay with every approval granted. */
export interface LadderPerEvent {
  readonly notices: number;
  readonly stateTransitions: number;
}

export function costPerMillion(capacity: DynamoCapacity, sends: SqsSends, ladder: LadderPerEvent, prices: Prices = loadPrices()): CostPerMillion {
  const scale = MILLION / capacity.events;
  const gbSeconds = capacity.billedSeconds * scale * (DEFAULT_FUNCTION_MEMORY_MB / 1024);
  const invocations = capacity.invocations * scale;
  const sqs = {
    sendRequestsPerEvent: sends.billedRequests / sends.events,
    receiveRequestsPerEvent: capacity.receiveRequests / capacity.events,
    deleteRequestsPerEvent: capacity.invocations / capacity.events,
    bytesPerEvent: sends.bytesPerEvent,
  };
  const sendRequests = sqs.sendRequestsPerEvent * MILLION;
  const consumerRequests = (sqs.receiveRequestsPerEvent + sqs.deleteRequestsPerEvent) * MILLION;
  const writeUnits = capacity.writeUnitsPerEvent * MILLION;
  const readUnits = capacity.readUnitsPerEvent * MILLION;
  const emails = ladder.notices * MILLION;
  const transitions = ladder.stateTransitions * MILLION;
  const lines: CostLine[] = [
    { item: `Lambda duration (${DEFAULT_FUNCTION_MEMORY_MB} MB, arm64)`, quantity: gbSeconds, unit: 'GB-s', dollars: gbSeconds * prices.lambda.arm64PerGbSecond },
    { item: `Lambda requests (batches of up to ${CONSUMER_BATCH_SIZE})`, quantity: invocations, unit: 'requests', dollars: (invocations / MILLION) * prices.lambda.perMillionRequests },
    { item: 'SQS sends (SendMessageBatch, up to 10 events a request)', quantity: sendRequests, unit: 'requests', dollars: (sendRequests / MILLION) * prices.sqs.perMillionRequests },
    { item: 'SQS receives + deletes (one each per invocation)', quantity: consumerRequests, unit: 'requests', dollars: (consumerRequests / MILLION) * prices.sqs.perMillionRequests },
    { item: 'DynamoDB writes (on-demand)', quantity: writeUnits, unit: 'WRU', dollars: (writeUnits / MILLION) * prices.dynamodb.perMillionWriteRequestUnits },
    { item: 'DynamoDB reads (on-demand)', quantity: readUnits, unit: 'RRU', dollars: (readUnits / MILLION) * prices.dynamodb.perMillionReadRequestUnits },
    { item: 'SES notices', quantity: emails, unit: 'e-mails', dollars: (emails / 1000) * prices.ses.perThousandEmails },
    { item: 'Step Functions (the ladder, standard workflow)', quantity: transitions, unit: 'state transitions', dollars: (transitions / 1000) * prices.stepFunctions.perThousandStateTransitions },
  ];
  const totalDollars = lines.reduce((sum, line) => sum + line.dollars, 0);
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
  };
}
