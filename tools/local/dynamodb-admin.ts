/**
 * Creates the tables and queues of the local platform (and the integration tests) from the same
 * definitions the CDK app deploys, so the emulators and AWS never drift apart. Both functions are
 * idempotent: they create what is missing and leave what exists (fixing a queue's attributes).
 */
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { AttributeDefinition, DynamoDBClient, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueNameExists,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import type { S3Client } from '@aws-sdk/client-s3';
import { BucketAlreadyExists, BucketAlreadyOwnedByYou, CreateBucketCommand } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { TableDefinition } from '../../shared/adapters/dynamodb/tables';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';

/** Seconds to wait for a new table to become ACTIVE (DynamoDB Local: immediately). */
const TABLE_ACTIVE_TIMEOUT_SECONDS = 60;

/**
 * Creates each table (on-demand billing, string keys) unless it exists, waits until it is ACTIVE,
 * and enables TTL on `timeToLiveAttribute` when the definition has one. `names` maps a logical
 * table name to the physical one (e.g. to add a per-test prefix); by default they are the same.
 */
export async function ensureTables(
  client: DynamoDBClient,
  tables: readonly TableDefinition[],
  names: (logical: string) => string = (logical) => logical,
): Promise<void> {
  await Promise.all(tables.map((table) => ensureTable(client, table, names(table.name))));
}

async function ensureTable(client: DynamoDBClient, table: TableDefinition, tableName: string): Promise<void> {
  const keySchema: KeySchemaElement[] = [{ AttributeName: table.partitionKey, KeyType: 'HASH' }];
  const attributes: AttributeDefinition[] = [{ AttributeName: table.partitionKey, AttributeType: 'S' }];
  if (table.sortKey !== undefined) {
    keySchema.push({ AttributeName: table.sortKey, KeyType: 'RANGE' });
    attributes.push({ AttributeName: table.sortKey, AttributeType: 'S' });
  }
  const indexes = table.globalSecondaryIndexes ?? [];
  for (const index of indexes) {
    for (const name of [index.partitionKey, index.sortKey]) {
      if (!attributes.some((attribute) => attribute.AttributeName === name)) {
        attributes.push({ AttributeName: name, AttributeType: 'S' });
      }
    }
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keySchema,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexes:
          indexes.length === 0
            ? undefined
            : indexes.map((index) => ({
                IndexName: index.indexName,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              })),
      }),
    );
  } catch (error) {
    // Already there (or being created by a concurrent caller): the waiter below covers both.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // Polls DescribeTable until the table exists with status ACTIVE.
  await waitUntilTableExists(
    { client, minDelay: 1, maxDelay: 2, maxWaitTime: TABLE_ACTIVE_TIMEOUT_SECONDS },
    { TableName: tableName },
  );

  const ttlAttribute = table.timeToLiveAttribute;
  if (ttlAttribute === undefined) return;
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl?.TimeToLiveStatus;
  if ((status === 'ENABLED' || status === 'ENABLING') && ttl?.AttributeName === ttlAttribute) return;
  // DynamoDB refuses to enable TTL when it already is, hence the check above.
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}

export interface EnsuredQueue {
  url: string;
  arn: string;
  deadLetterUrl: string;
  deadLetterArn: string;
}

/**
 * Creates each queue's dead-letter queue, then the queue with a RedrivePolicy to it
 * (`maxReceiveCount` from the definition). Keyed by queue name. If a queue already exists with
 * other attributes (e.g. from a persisted emulator run), its attributes are updated instead.
 */
export async function ensureQueues(
  client: SQSClient,
  queues: readonly Pick<QueueDefinition, 'name' | 'deadLetterQueueName' | 'maxReceiveCount'>[],
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<Record<string, EnsuredQueue>> {
  const ensured = await Promise.all(
    queues.map(async (queue): Promise<[string, EnsuredQueue]> => {
      const deadLetter = await ensureQueue(client, queue.deadLetterQueueName, {});
      const attributes: Record<string, string> = {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: String(queue.maxReceiveCount) }),
      };
      if (options.visibilityTimeoutSeconds !== undefined) {
        attributes.VisibilityTimeout = String(options.visibilityTimeoutSeconds);
      }
      const main = await ensureQueue(client, queue.name, attributes);
      return [queue.name, { url: main.url, arn: main.arn, deadLetterUrl: deadLetter.url, deadLetterArn: deadLetter.arn }];
    }),
  );
  return Object.fromEntries(ensured);
}

async function ensureQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  let url: string | undefined;
  try {
    ({ QueueUrl: url } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })));
  } catch (error) {
    // SQS only refuses CreateQueue for an existing queue whose attributes differ: bring them in line.
    if (!(error instanceof QueueNameExists)) throw error;
    ({ QueueUrl: url } = await client.send(new GetQueueUrlCommand({ QueueName: name })));
    if (url !== undefined) await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  }
  if (url === undefined) throw new Error(`SQS returned no URL for queue ${name}`);
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`SQS returned no ARN for queue ${name}`);
  return { url, arn };
}

/** Creates an S3 bucket unless it exists (the local stand-in of a bucket the CDK app deploys). */
export async function ensureBucket(client: S3Client, name: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou || error instanceof BucketAlreadyExists)) throw error;
  }
}
