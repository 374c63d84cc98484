/**
 * The three real consumers wired to DynamoDB Local and fauxqs (started by global-setup), on tables
 * and queues of their own, drained by the same poller the local platform uses.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Message } from '@aws-sdk/client-sqs';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { CASES_TABLE, EVIDENCE_TABLE, RULES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { emulatorProduct } from '../../shared/composition/emulators';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';
import { queueForEventType } from '../../shared/adapters/sqs/queues';
import { ensureQueues, ensureTables } from '../../tools/local/dynamodb-admin';
import type { EnsuredQueue } from '../../tools/local/dynamodb-admin';
import { peekMessages, waitUntilEmpty } from '../../tools/local/queue-inspection';
import { CONSUMER_HANDLERS } from '../../tools/local/consumers';
import { QueuePoller } from '../../tools/local/sqs-poller';
import type { EmulatorClients } from './aws-clients';
import { emulatorClients } from './aws-clients';

let harnessCounter = 0;

export interface ConsumerHarness {
  readonly clients: EmulatorClients;
  readonly evidenceTable: string;
  readonly casesTable: string;
  /** Sends bodies (objects as JSON) to the queue of their type, or to `queue` when given. */
  send(bodies: readonly unknown[], consumer?: QueueDefinition['consumer']): Promise<void>;
  /** Waits until every queue is empty with nothing in flight. */
  drained(timeoutMillis?: number): Promise<void>;
  /** Every evidence item, keys included, sorted by key. */
  evidenceItems(): Promise<Record<string, unknown>[]>;
  /** Every item of the cases table (signals, cases, ring links), keys included, sorted by key. */
  casesItems(): Promise<Record<string, unknown>[]>;
  /** The messages in a consumer's dead-letter queue, left in place. */
  deadLetters(consumer: QueueDefinition['consumer']): Promise<Message[]>;
  stop(): Promise<void>;
}

export async function startConsumerHarness(
  options: {
    maxReceiveCount?: number;
    visibilityTimeoutSeconds?: number;
    clients?: EmulatorClients;
    /** Consumers polling each queue at once, as Lambda runs several concurrent batches. @default 1 */
    consumersPerQueue?: number;
  } = {},
): Promise<ConsumerHarness> {
  const clients = options.clients ?? emulatorClients();
  const prefix = `t${Date.now().toString(36)}${++harnessCounter}`;
  const evidenceTable = `${prefix}-evidence`;
  const casesTable = `${prefix}-cases`;
  // The consumers judge under the live rules, read from the rules table (seeded with version 1 on first read).
  const rulesTable = `${prefix}-rules`;
  const physical: Record<string, string> = {
    [EVIDENCE_TABLE.name]: evidenceTable,
    [CASES_TABLE.name]: casesTable,
    [RULES_TABLE.name]: rulesTable,
  };
  await ensureTables(clients.dynamodb, [EVIDENCE_TABLE, CASES_TABLE, RULES_TABLE], (logical) => physical[logical] ?? logical);
  const definitions: QueueDefinition[] = (['ingest-reviews', 'ingest-messages', 'ingest-report-downloads'] as const).map(
    (consumer) => ({
      name: `${prefix}-${consumer}`,
      deadLetterQueueName: `${prefix}-${consumer}-dlq`,
      consumer,
      maxReceiveCount: options.maxReceiveCount ?? 3,
    }),
  );
  const queues = await ensureQueues(clients.sqs, definitions, {
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 1,
  });
  const queueOf = (consumer: QueueDefinition['consumer']): EnsuredQueue => {
    const queue = queues[`${prefix}-${consumer}`];
    if (!queue) throw new Error(`no queue for ${consumer}`);
    return queue;
  };
  const product = emulatorProduct({
    clients,
    tables: { evidence: evidenceTable, cases: casesTable, rules: rulesTable },
    deadLetterQueues: Object.fromEntries(definitions.map((definition) => [definition.consumer, queueOf(definition.consumer).deadLetterUrl])),
    retentionDays: 400,
    logger: new Logger({ serviceName: 'offside-test', logLevel: 'SILENT' }),
  });
  const pollers = definitions.flatMap((definition) => {
    const queue = queueOf(definition.consumer);
    return Array.from({ length: options.consumersPerQueue ?? 1 }, () =>
      new QueuePoller(clients.sqs, CONSUMER_HANDLERS[definition.consumer](product.consumer(definition.consumer)), {
        queueUrl: queue.url,
        queueArn: queue.arn,
        functionName: `${prefix}-${definition.consumer}`,
        waitTimeSeconds: 1,
      }),
    );
  });
  for (const poller of pollers) poller.start();

  const scanSorted = async (tableName: string) => {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await clients.dynamodb.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items
      .map((item) => unmarshall(item))
      .sort((a, b) => `${String(a.pk)} ${String(a.sk)}`.localeCompare(`${String(b.pk)} ${String(b.sk)}`));
  };

  return {
    clients,
    evidenceTable,
    casesTable,
    async send(bodies, consumer) {
      const byQueue = new Map<string, string[]>();
      for (const body of bodies) {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        const type = typeof body === 'object' && body !== null && 'type' in body ? String(body.type) : '';
        const target = consumer ?? queueForEventType(type)?.consumer ?? 'ingest-reviews';
        const url = queueOf(target).url;
        byQueue.set(url, [...(byQueue.get(url) ?? []), text]);
      }
      for (const [url, texts] of byQueue) {
        for (let i = 0; i < texts.length; i += 10) {
          await clients.sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: texts.slice(i, i + 10).map((text, j) => ({ Id: String(j), MessageBody: text })),
            }),
          );
        }
      }
    },
    drained: (timeoutMillis = 30_000) =>
      waitUntilEmpty(clients.sqs, Object.values(queues).map((queue) => queue.url), timeoutMillis),
    evidenceItems: () => scanSorted(evidenceTable),
    casesItems: () => scanSorted(casesTable),
    deadLetters: (consumer) => peekMessages(clients.sqs, queueOf(consumer).deadLetterUrl),
    async stop() {
      await Promise.all(pollers.map((poller) => poller.stop()));
    },
  };
}
