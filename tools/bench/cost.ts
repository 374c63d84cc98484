/**
 * What one million events would cost on AWS at on-demand prices (tools/bench/prices.json), from
 * the figures measured in this run:
 * - Lambda duration: the consumers' handler time against DynamoDB Local (billed per invocation,
 *   rounded up to the millisecond) at the functions' memory size (infra/constructs/offside-function.ts);
 * - Lambda requests: the invocations of that run, CONSUMER_BATCH_SIZE records each at most;
 * - SQS: one SendMessage per event (the marketplace publishes each event as it happens), one
 *   ReceiveMessage and one DeleteMessageBatch per batch;
 * - DynamoDB: the write and read request units measured per event;
 * - SES: notices per event in a replay with every approval granted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONSUMER_BATCH_SIZE } from '../../shared/adapters/sqs/queues';
import { DEFAULT_FUNCTION_MEMORY_MB } from '../../infra/constructs/offside-function';
import type { DynamoCapacity } from './dynamodb-capacity';

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
  readonly pricesDate: string;
  readonly region: string;
}

export function costPerMillion(capacity: DynamoCapacity, noticesPerEvent: number, prices: Prices = loadPrices()): CostPerMillion {
  const scale = MILLION / capacity.events;
  const gbSeconds = capacity.billedSeconds * scale * (DEFAULT_FUNCTION_MEMORY_MB / 1024);
  const invocations = capacity.invocations * scale;
  // SQS requests: a send per event; a receive and a batch delete per invocation.
  const sqsRequests = MILLION + 2 * invocations;
  const writeUnits = capacity.writeUnitsPerEvent * MILLION;
  const readUnits = capacity.readUnitsPerEvent * MILLION;
  const emails = noticesPerEvent * MILLION;
  const lines: CostLine[] = [
    { item: `Lambda duration (${DEFAULT_FUNCTION_MEMORY_MB} MB, arm64)`, quantity: gbSeconds, unit: 'GB-s', dollars: gbSeconds * prices.lambda.arm64PerGbSecond },
    { item: `Lambda requests (batches of up to ${CONSUMER_BATCH_SIZE})`, quantity: invocations, unit: 'requests', dollars: (invocations / MILLION) * prices.lambda.perMillionRequests },
    { item: 'SQS requests (send each event; receive + delete per batch)', quantity: sqsRequests, unit: 'requests', dollars: (sqsRequests / MILLION) * prices.sqs.perMillionRequests },
    { item: 'DynamoDB writes (on-demand)', quantity: writeUnits, unit: 'WRU', dollars: (writeUnits / MILLION) * prices.dynamodb.perMillionWriteRequestUnits },
    { item: 'DynamoDB reads (on-demand)', quantity: readUnits, unit: 'RRU', dollars: (readUnits / MILLION) * prices.dynamodb.perMillionReadRequestUnits },
    { item: 'SES notices', quantity: emails, unit: 'e-mails', dollars: (emails / 1000) * prices.ses.perThousandEmails },
  ];
  const totalDollars = lines.reduce((sum, line) => sum + line.dollars, 0);
  return {
    lines,
    totalDollars,
    target: COST_TARGET_DOLLARS,
    pass: totalDollars <= COST_TARGET_DOLLARS,
    memoryMb: DEFAULT_FUNCTION_MEMORY_MB,
    batchSize: CONSUMER_BATCH_SIZE,
    pricesDate: prices.date,
    region: prices.region,
  };
}
