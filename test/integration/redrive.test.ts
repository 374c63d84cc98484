/**
 * `offside redrive` against fauxqs: dead letters go back to their queue with body and attributes
 * intact, a dry run moves nothing, --max bounds a run, and an unknown queue is refused.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Message, MessageAttributeValue, SQSClient } from '@aws-sdk/client-sqs';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runRedrive } from '../../tools/cli/commands/redrive';
import { redrive, redriveCommandLine } from '../../tools/cli/redrive';
import { emulatorClients } from '../support/aws-clients';

const { sqs } = emulatorClients();
afterAll(() => sqs.destroy());

/** A fresh queue and its DLQ, named as the shared definitions name them (`<name>`, `<name>-dlq`). */
async function queuePair(): Promise<{ name: string; queueUrl: string; deadLetterQueueUrl: string }> {
  const name = `offside-redrive-${randomUUID().slice(0, 8)}`;
  const { QueueUrl: deadLetterQueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (queueUrl === undefined || deadLetterQueueUrl === undefined) throw new Error('queue not created');
  return { name, queueUrl, deadLetterQueueUrl };
}

const rejected = (index: number): { body: string; attributes: Record<string, MessageAttributeValue> } => ({
  body: JSON.stringify({ specversion: '1.0', id: `evt-${index}`, type: 'review.posted' }),
  attributes: {
    'offside-rejection-reason': { DataType: 'String', StringValue: `data.rating: expected number (${index})` },
    'offside-source-message-id': { DataType: 'String', StringValue: `source-${index}` },
  },
});

async function deadLetters(deadLetterQueueUrl: string, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const { body, attributes } = rejected(index);
    await sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: body, MessageAttributes: attributes }));
  }
}

/** Everything on a queue, received and hidden for the rest of the test. */
async function drain(client: SQSClient, url: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 300, MessageAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) return all;
    all.push(...Messages);
  }
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('offside redrive', () => {
  it('moves every dead letter back to its queue with its body and message attributes, and empties the DLQ', async () => {
    const { name, queueUrl, deadLetterQueueUrl } = await queuePair();
    await deadLetters(deadLetterQueueUrl, 13);
    const stdout = capture();
    const stderr = capture();

    const code = await runRedrive(['--queue', name, '--endpoint', inject('emulators').sqsEndpoint, '--region', inject('emulators').region], {
      stdout: stdout.stream,
      stderr: stderr.stream,
    });

    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    expect(stdout.text()).toBe(`moved 13 message(s) from ${name}-dlq to ${name}\n`);
    const back = await drain(sqs, queueUrl);
    expect(back.map((message) => message.Body).sort()).toEqual(Array.from({ length: 13 }, (_, index) => rejected(index).body).sort());
    for (const message of back) {
      const index = Number(/evt-(\d+)/.exec(message.Body ?? '')?.[1]);
      expect(message.MessageAttributes).toEqual(rejected(index).attributes);
    }
    expect(await drain(sqs, deadLetterQueueUrl)).toEqual([]);
  });

  it('lists the dead letters and their reasons on a dry run, and moves nothing', async () => {
    const { name, queueUrl, deadLetterQueueUrl } = await queuePair();
    await deadLetters(deadLetterQueueUrl, 3);
    const stdout = capture();

    const code = await runRedrive(['--queue', name, '--dry-run'], { stdout: stdout.stream, stderr: capture().stream }, sqs);

    expect(code).toBe(0);
    const lines = stdout.text().trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((line) => line.split('\t')[1]).sort()).toEqual([0, 1, 2].map((index) => `data.rating: expected number (${index})`));
    expect(lines[3]).toBe(`dry run: would move 3 message(s) from ${name}-dlq to ${name}`);
    expect(await drain(sqs, queueUrl)).toEqual([]);
    expect(await drain(sqs, deadLetterQueueUrl)).toHaveLength(3);
  });

  it('counts what the DLQ holds even after a peek left it in flight (as npm start looks at its DLQs), and moves it all', async () => {
    const { name, queueUrl, deadLetterQueueUrl } = await queuePair();
    await deadLetters(deadLetterQueueUrl, 5);
    const peek = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    expect(peek.Messages).toHaveLength(5);

    const stdout = capture();
    expect(await runRedrive(['--queue', name, '--dry-run'], { stdout: stdout.stream, stderr: capture().stream }, sqs)).toBe(0);
    expect(stdout.text()).toContain(`dry run: would move 5 message(s) from ${name}-dlq to ${name}`);
    expect(await redrive(sqs, { queueName: name })).toMatchObject({ moved: 5, failed: 0, notDeleted: 0 });
    expect(await drain(sqs, queueUrl)).toHaveLength(5);
  });

  it('names the local platform when a local queue is asked for without flags and no npm start is running (exit 2)', async () => {
    const stderr = capture();
    const code = await redriveCommandLine({ queue: 'offside-reviews', dryRun: true }, { stdout: capture().stream, stderr: stderr.stream }, undefined, {
      OFFSIDE_LOCAL_PLATFORM_FILE: `/nonexistent/${randomUUID()}.json`,
    });
    expect(code).toBe(2);
    expect(stderr.text()).toBe(
      'offside redrive: offside-reviews is the local platform\'s queue, and no local platform is running (start it with npm start, or give --endpoint); on AWS the queues carry their stage, e.g. offside-prod-reviews\n',
    );
  });

  it('moves at most --max messages and leaves the rest on the DLQ', async () => {
    const { name, queueUrl, deadLetterQueueUrl } = await queuePair();
    await deadLetters(deadLetterQueueUrl, 5);

    const result = await redrive(sqs, { queueName: name, max: 2 });

    expect(result).toMatchObject({ moved: 2, failed: 0, notDeleted: 0 });
    expect(await drain(sqs, queueUrl)).toHaveLength(2);
    expect(await drain(sqs, deadLetterQueueUrl)).toHaveLength(3);
  });

  it('moves nothing from an empty DLQ', async () => {
    const { name, queueUrl } = await queuePair();
    expect(await redrive(sqs, { queueName: name })).toMatchObject({ moved: 0, failed: 0 });
    expect(await drain(sqs, queueUrl)).toEqual([]);
  });

  it('refuses a queue that does not exist (exit 2), and a DLQ named instead of its queue', async () => {
    const stderr = capture();
    expect(await runRedrive(['--queue', 'offside-no-such-queue'], { stdout: capture().stream, stderr: stderr.stream }, sqs)).toBe(2);
    expect(stderr.text()).toContain('no queue named offside-no-such-queue-dlq');

    const dlqStderr = capture();
    expect(await runRedrive(['--queue', 'offside-reviews-dlq'], { stdout: capture().stream, stderr: dlqStderr.stream }, sqs)).toBe(2);
    expect(dlqStderr.text()).toContain('try --queue offside-reviews');
  });

  it('refuses bad arguments with the usage (exit 2)', async () => {
    for (const argv of [[], ['--queue', 'q', '--max', '0'], ['--queue', 'q', '--endpoint', 'localhost:1'], ['--nope']]) {
      const stderr = capture();
      expect(await runRedrive(argv, { stdout: capture().stream, stderr: stderr.stream }, sqs), argv.join(' ')).toBe(2);
      expect(stderr.text()).toContain('usage: offside redrive');
    }
  });
});
