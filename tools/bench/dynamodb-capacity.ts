/**
 * DynamoDB capacity per event through the real consumers against DynamoDB Local. The emulators are
 * started on free ports, the tables created from their definitions, and each consumer built as the
 * local platform builds it (`emulatorProduct`: evidence store, cases, rings, all on one DynamoDB
 * client, which the capacity meter instruments). Events are handed to the
 * consumer handlers directly as SQS batches, each queue's batch filled to CONSUMER_BATCH_SIZE in
 * stream order, as three queues would fill them; no SQS in between.
 *
 * The events are whole sellers' histories sampled from the benchmark stream (see `sellerSample`),
 * so detection reads partitions as deep as in production rather than the first days of a period.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { emulatorProduct } from '../../shared/composition/emulators';
import type { SqsBatchHandler } from '../../shared/adapters/lambda/ingestion-handler';
import { TABLES } from '../../shared/adapters/dynamodb/tables';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';
import { CONSUMER_BATCH_SIZE, INBOUND_QUEUES, queueForEventType } from '../../shared/adapters/sqs/queues';
import { CONSUMER_HANDLERS } from '../local/consumers';
import { ensureQueues, ensureTables } from '../local/dynamodb-admin';
import { startEmulators } from '../local/emulators';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
import { sqsRecord } from '../../shared/adapters/sqs/sqs-record';
import { SQS_BATCH_ENTRIES, billedRequests, bodyBytes } from '../local/sqs-batches';
import { peekRouting } from '../../events/v1/parse';
import type { CapacityLine } from './capacity-meter';
import { CapacityMeter } from './capacity-meter';

export const WCU_TARGET = 1.2;
export const RCU_TARGET = 1;
const MAX_RECEIVE_COUNT = Math.max(...INBOUND_QUEUES.map((queue) => queue.maxReceiveCount));

type Consumer = QueueDefinition['consumer'];

export interface DynamoCapacity {
  readonly events: number;
  readonly sellers: number;
  readonly invocations: number;
  /**
   * The ReceiveMessage requests SQS would bill for those invocations: Lambda's pollers receive at
   * most 10 messages a request whatever the batch size, so one per 10 records an invocation is
   * handed, each billed per 64 KiB of the bodies it delivers (tools/local/sqs-batches.ts).
   */
  readonly receiveRequests: number;
  /** The DeleteMessageBatch requests for the records handled: at most 10 a request. */
  readonly deleteRequests: number;
  /** Wall time inside the handlers (Lambda's billed duration), summed. */
  readonly handlerSeconds: number;
  /** The same, each invocation rounded up to the millisecond, as Lambda bills it. */
  readonly billedSeconds: number;
  /** Records that failed an attempt and were delivered again. */
  readonly retriedRecords: number;
  /** Records still failing after MAX_RECEIVE_COUNT attempts (would go to the dead-letter queue). */
  readonly failedRecords: number;
  readonly writeUnitsPerEvent: number;
  readonly readUnitsPerEvent: number;
  /** Part of the write units computed from item sizes (failed conditional writes, billed, unreported). */
  readonly estimatedWriteUnitsPerEvent: number;
  readonly callsPerEvent: number;
  readonly writeTarget: number;
  readonly readTarget: number;
  readonly writePass: boolean;
  readonly readPass: boolean;
  readonly breakdown: readonly (CapacityLine & { readonly writeUnitsPerEvent: number; readonly readUnitsPerEvent: number })[];
}

export async function measureDynamoCapacity(lines: readonly string[], say: (line: string) => void): Promise<DynamoCapacity> {
  say(`dynamodb capacity: starting the emulators`);
  const emulators = await startEmulators();
  const common = { region: emulators.region, credentials: emulators.credentials };
  const dynamodb = new DynamoDBClient({ ...common, endpoint: emulators.dynamodb.endpoint });
  const sqs = new SQSClient({ ...common, endpoint: emulators.sqs.endpoint });
  try {
    await ensureTables(dynamodb, TABLES);
    const queues = await ensureQueues(sqs, INBOUND_QUEUES);
    const meter = new CapacityMeter();
    meter.attach(dynamodb);
    const logger = new Logger({ serviceName: 'offside-bench', logLevel: 'SILENT' });
    // One set of dependencies per consumer, as the local platform (and each Lambda) has.
    const product = emulatorProduct({
      clients: { dynamodb, sqs },
      deadLetterQueues: Object.fromEntries(INBOUND_QUEUES.map((queue) => [queue.consumer, queues[queue.name]?.deadLetterUrl])),
      logger,
    });
    const handlerOf = (consumer: Consumer): SqsBatchHandler => CONSUMER_HANDLERS[consumer](product.consumer(consumer));
    const handlers: Record<Consumer, SqsBatchHandler> = {
      'ingest-reviews': handlerOf('ingest-reviews'),
      'ingest-messages': handlerOf('ingest-messages'),
      'ingest-report-downloads': handlerOf('ingest-report-downloads'),
    };
    meter.reset();

    let invocations = 0;
    let receiveRequests = 0;
    let deleteRequests = 0;
    let handlerNanos = 0n;
    let billedMillis = 0;
    let failedRecords = 0;
    let retriedRecords = 0;
    const pending = new Map<Consumer, SQSRecord[]>();
    // A record that fails (a lost race for a seller's case) comes back, as SQS would redeliver it,
    // in an invocation of its own, up to the queue's maxReceiveCount.
    const invoke = async (consumer: Consumer, records: SQSRecord[]) => {
      let pending = records;
      for (let attempt = 1; pending.length > 0; attempt++) {
        invocations++;
        for (let first = 0; first < pending.length; first += SQS_BATCH_ENTRIES) {
          receiveRequests += billedRequests(pending.slice(first, first + SQS_BATCH_ENTRIES).reduce((sum, record) => sum + bodyBytes(record.body), 0));
        }
        const started = process.hrtime.bigint();
        const response = await handlers[consumer]({ Records: pending }, lambdaContext(consumer));
        const elapsed = process.hrtime.bigint() - started;
        handlerNanos += elapsed;
        billedMillis += Math.ceil(Number(elapsed) / 1e6);
        const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
        retriedRecords += failed.size;
        deleteRequests += Math.ceil((pending.length - failed.size) / SQS_BATCH_ENTRIES);
        if (attempt >= MAX_RECEIVE_COUNT) {
          failedRecords += failed.size;
          break;
        }
        pending = pending.filter((record) => failed.has(record.messageId));
      }
    };
    say(`dynamodb capacity: ${lines.length} events through the consumers on DynamoDB Local`);
    const sellers = new Set<string>();
    let n = 0;
    for (const line of lines) {
      n++;
      const consumer = queueForEventType(peekRouting(line).type ?? '')?.consumer ?? 'ingest-reviews';
      const seller = /"sellerId":"([^"]*)"/u.exec(line)?.[1];
      if (seller !== undefined) sellers.add(seller);
      const batch = pending.get(consumer) ?? [];
      batch.push(sqsRecord({ messageId: `line-${n}`, body: line, eventSourceARN: `arn:aws:sqs:${emulators.region}:000000000000:bench`, awsRegion: emulators.region }));
      pending.set(consumer, batch);
      if (batch.length >= CONSUMER_BATCH_SIZE) {
        pending.delete(consumer);
        await invoke(consumer, batch);
      }
    }
    for (const [consumer, batch] of pending) await invoke(consumer, batch);

    const totals = meter.totals();
    const events = lines.length;
    const writeUnits = totals.writeUnits + totals.estimatedWriteUnits;
    return {
      events,
      sellers: sellers.size,
      invocations,
      receiveRequests,
      deleteRequests,
      handlerSeconds: Number(handlerNanos) / 1e9,
      billedSeconds: billedMillis / 1000,
      retriedRecords,
      failedRecords,
      writeUnitsPerEvent: writeUnits / events,
      readUnitsPerEvent: totals.readUnits / events,
      estimatedWriteUnitsPerEvent: totals.estimatedWriteUnits / events,
      callsPerEvent: totals.calls / events,
      writeTarget: WCU_TARGET,
      readTarget: RCU_TARGET,
      writePass: writeUnits / events <= WCU_TARGET,
      readPass: totals.readUnits / events <= RCU_TARGET,
      breakdown: meter.breakdown().map((line) => ({
        ...line,
        writeUnitsPerEvent: (line.writeUnits + line.estimatedWriteUnits) / events,
        readUnitsPerEvent: line.readUnits / events,
      })),
    };
  } finally {
    dynamodb.destroy();
    sqs.destroy();
    await emulators.stop();
  }
}
