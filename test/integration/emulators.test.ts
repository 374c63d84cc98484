import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../shared/adapters/dynamodb/tables';
import { TABLES } from '../../shared/adapters/dynamodb/tables';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';
import { ensureQueues, ensureTables } from '../../tools/local/dynamodb-admin';
import { startEmulators } from '../../tools/local/emulators';
import { emulatorClients, sentMail } from '../support/aws-clients';

const clients = emulatorClients();
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

afterAll(() => {
  clients.dynamodb.destroy();
  clients.sqs.destroy();
  clients.ses.destroy();
});

describe('DynamoDB Local', () => {
  it('answers, and ensureTables creates the tables with TTL, idempotently', async () => {
    await expect(clients.dynamodb.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');

    const prefix = unique('t');
    const names = (logical: string) => `${prefix}-${logical}`;
    await ensureTables(clients.dynamodb, TABLES, names);
    await ensureTables(clients.dynamodb, TABLES, names);

    for (const table of TABLES) {
      const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: names(table.name) }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' }] : []),
      ]);
      const { TimeToLiveDescription } = await clients.dynamodb.send(
        new DescribeTimeToLiveCommand({ TableName: names(table.name) }),
      );
      expect(TimeToLiveDescription).toEqual(
        table.timeToLiveAttribute === undefined
          ? { TimeToLiveStatus: 'DISABLED' }
          : { TimeToLiveStatus: 'ENABLED', AttributeName: table.timeToLiveAttribute },
      );
      expect((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName)).toEqual(
        (table.globalSecondaryIndexes ?? []).map((index) => index.indexName),
      );
    }
  });
});

describe('fauxqs (SQS)', () => {
  it('ensureQueues creates a queue and its DLQ with redrive, and moves a message that keeps failing', async () => {
    const name = unique('q');
    const definition: QueueDefinition = {
      name,
      deadLetterQueueName: `${name}-dlq`,
      consumer: 'ingest-reviews',
      maxReceiveCount: 2,
    };
    const queues = await ensureQueues(clients.sqs, [definition], { visibilityTimeoutSeconds: 1 });
    const again = await ensureQueues(clients.sqs, [definition], { visibilityTimeoutSeconds: 1 });
    expect(again).toEqual(queues);
    const queue = queues[name];
    if (!queue) throw new Error('ensureQueues returned no entry for the queue');
    expect(queue.arn).toMatch(new RegExp(`:${name}$`));
    expect(queue.deadLetterArn).toMatch(new RegExp(`:${name}-dlq$`));

    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'] }),
    );
    expect(Attributes?.VisibilityTimeout).toBe('1');
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: queue.deadLetterArn,
      maxReceiveCount: '2',
    });

    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));
    // Receive without deleting, as a failing consumer would, until SQS gives up on the message.
    let receives = 0;
    for (let round = 0; round < 6; round++) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) break;
      receives += Messages.length;
    }
    expect(receives).toBe(definition.maxReceiveCount);

    const { Messages: dead = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, WaitTimeSeconds: 2 }),
    );
    expect(dead.map((m) => m.Body)).toEqual(['poison']);
  });
});

describe('aws-ses-v2-local (SES v2)', () => {
  it('records a sent mail in its store', async () => {
    const to = `${unique('reviewer')}@example.com`;
    const { MessageId } = await clients.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'trust-and-safety@offside.example',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: 'Warning' }, Body: { Text: { Data: 'Please keep it on-platform.' } } } },
      }),
    );
    const mail = (await sentMail()).filter((m) => m.destination.to.includes(to));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      messageId: MessageId,
      from: 'trust-and-safety@offside.example',
      subject: 'Warning',
      body: { text: 'Please keep it on-platform.' },
    });
  });
});

describe('startEmulators', () => {
  const TABLE: TableDefinition = { name: unique('persisted'), partitionKey: 'id', timeToLiveAttribute: 'expiresAt' };
  const QUEUE: QueueDefinition = {
    name: unique('persisted-q'),
    deadLetterQueueName: unique('persisted-q-dlq'),
    consumer: 'ingest-messages',
    maxReceiveCount: 3,
  };

  function isRunning(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return false;
      throw error;
    }
  }

  /** Starts a second, private set of emulators on `dataDir`, runs `use`, and checks stop() kills the JVM. */
  async function withEmulators(dataDir: string, use: (aws: { dynamodb: DynamoDBClient; sqs: SQSClient }) => Promise<void>) {
    const emulators = await startEmulators({ dataDir });
    const pid = emulators.dynamodb.pid;
    if (pid === undefined) throw new Error('DynamoDB Local has no pid');
    expect(isRunning(pid)).toBe(true);
    const common = { region: emulators.region, credentials: emulators.credentials };
    const dynamodb = new DynamoDBClient({ ...common, endpoint: emulators.dynamodb.endpoint });
    const sqs = new SQSClient({ ...common, endpoint: emulators.sqs.endpoint });
    try {
      await use({ dynamodb, sqs });
    } finally {
      dynamodb.destroy();
      sqs.destroy();
      await emulators.stop();
    }
    await emulators.stop(); // idempotent
    expect(emulators.dynamodb.pid).toBeUndefined();
    expect(isRunning(pid)).toBe(false);
  }

  it('stops without leaving DynamoDB Local behind, and keeps state in dataDir across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'offside-emulators-'));
    try {
      await withEmulators(dataDir, async ({ dynamodb, sqs }) => {
        await ensureTables(dynamodb, [TABLE]);
        await ensureQueues(sqs, [QUEUE]);
        await dynamodb.send(new PutItemCommand({ TableName: TABLE.name, Item: { id: { S: 'kept' } } }));
      });

      await withEmulators(dataDir, async ({ dynamodb, sqs }) => {
        const { Item } = await dynamodb.send(new GetItemCommand({ TableName: TABLE.name, Key: { id: { S: 'kept' } } }));
        expect(Item).toEqual({ id: { S: 'kept' } });
        const { TimeToLiveDescription } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: TABLE.name }));
        expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
        await expect(sqs.send(new GetQueueUrlCommand({ QueueName: QUEUE.name }))).resolves.toHaveProperty('QueueUrl');
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
