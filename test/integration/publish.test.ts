/**
 * The local stand-in producer (tools/local/publish.ts) against fauxqs: events go in
 * SendMessageBatch requests of up to 10 entries and 256 KiB, entries SQS fails for a transient
 * reason are sent again, and a line SQS refuses is reported by number, never by its text, after
 * every other line was sent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendMessageBatchCommandInput, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { INBOUND_QUEUES } from '../../shared/adapters/sqs/queues';
import { ensureQueues } from '../../tools/local/dynamodb-admin';
import { LinesRefusedError, publishJsonLines } from '../../tools/local/publish';
import { peekMessages } from '../../tools/local/queue-inspection';
import { SQS_BATCH_BYTES } from '../../tools/local/sqs-batches';
import { emulatorClients } from '../support/aws-clients';
import { messageSent, reviewPosted } from '../support/events';

const clients = emulatorClients();
afterAll(() => {
  clients.sqs.destroy();
  clients.dynamodb.destroy();
  clients.ses.destroy();
});
let counter = 0;

/** Fresh inbound queues, and a record of every SendMessageBatch made on the client. */
async function setUp() {
  const prefix = `pub${Date.now().toString(36)}${++counter}`;
  const physical = (name: string) => `${prefix}-${name}`;
  const definitions = INBOUND_QUEUES.map((queue) => ({ ...queue, name: physical(queue.name), deadLetterQueueName: physical(queue.deadLetterQueueName) }));
  const queues = await ensureQueues(clients.sqs, definitions);
  // The producer routes by the queues' logical names, as the local platform gives them.
  const urls = Object.fromEntries(INBOUND_QUEUES.map((queue) => [queue.name, queues[physical(queue.name)]?.url ?? '']));
  const [reviews, messages] = INBOUND_QUEUES.map((queue) => queue.name) as [string, string];
  const dir = mkdtempSync(join(tmpdir(), 'offside-publish-'));
  const file = (lines: readonly string[]) => {
    const path = join(dir, `${prefix}.jsonl`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  return { urls, reviews, messages, file };
}

function recordBatches(failOnce?: (entries: NonNullable<SendMessageBatchCommandInput['Entries']>) => string | undefined) {
  const batches: number[] = [];
  let failed = false;
  const name = `record-batches-${++counter}`;
  clients.sqs.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'SendMessageBatchCommand') return next(args);
      const input = args.input as SendMessageBatchCommandInput;
      const entries = input.Entries ?? [];
      batches.push(entries.length);
      const dropId = failed ? undefined : failOnce?.(entries);
      if (dropId === undefined) return next(args);
      failed = true;
      // SQS failing one entry for a reason of its own: the rest go through, that one is in Failed.
      const result = await next({ ...args, input: { ...input, Entries: entries.filter((entry) => entry.Id !== dropId) } });
      const output = result.output as SendMessageBatchCommandOutput;
      output.Failed = [...(output.Failed ?? []), { Id: dropId, SenderFault: false, Code: 'InternalError', Message: 'try again' }];
      return result;
    },
    { step: 'initialize', name },
  );
  return { batches, stop: () => clients.sqs.middlewareStack.remove(name) };
}

describe('the stand-in producer on fauxqs', () => {
  it('sends ten events a request, each to the queue of its type', async () => {
    const { urls, reviews, messages, file } = await setUp();
    const events = [
      ...Array.from({ length: 23 }, (_, i) => reviewPosted({ sellerId: 'S-P', reviewId: `R-${i}` })),
      ...Array.from({ length: 4 }, () => messageSent({ sellerId: 'S-P' })),
    ];
    const meter = recordBatches();
    try {
      expect(await publishJsonLines(clients.sqs, file(events.map((event) => JSON.stringify(event))), urls, reviews)).toBe(27);
    } finally {
      meter.stop();
    }
    expect(meter.batches).toEqual([10, 10, 3, 4]);
    expect((await peekMessages(clients.sqs, urls[reviews] ?? '')).length).toBe(23);
    expect((await peekMessages(clients.sqs, urls[messages] ?? '')).length).toBe(4);
  });

  it('keeps a request under 256 KiB, splitting a batch of large events', async () => {
    const { urls, reviews, file } = await setUp();
    const big = Array.from({ length: 6 }, (_, i) => JSON.stringify(reviewPosted({ sellerId: 'S-Q', reviewId: `R-${i}`, body: '€'.repeat(19_000) })));
    const perRequest = Math.floor(SQS_BATCH_BYTES / Buffer.byteLength(big[0] ?? ''));
    const meter = recordBatches();
    try {
      expect(await publishJsonLines(clients.sqs, file(big), urls, reviews)).toBe(6);
    } finally {
      meter.stop();
    }
    // 19,000 euro signs are 57 KB of UTF-8: four events to a request.
    expect(perRequest).toBe(4);
    expect(meter.batches).toEqual([4, 2]);
  });

  it('sends again an entry SQS failed for a reason of its own', async () => {
    const { urls, reviews, file } = await setUp();
    const events = Array.from({ length: 5 }, (_, i) => JSON.stringify(reviewPosted({ sellerId: 'S-R', reviewId: `R-${i}` })));
    const meter = recordBatches((entries) => entries[2]?.Id);
    try {
      expect(await publishJsonLines(clients.sqs, file(events), urls, reviews)).toBe(5);
    } finally {
      meter.stop();
    }
    expect(meter.batches).toEqual([5, 1]);
    const bodies = (await peekMessages(clients.sqs, urls[reviews] ?? '')).map((message) => message.Body);
    expect(bodies.sort()).toEqual([...events].sort());
  });

  it('reports a line SQS refuses by its number and reason, never its text, after sending the others', async () => {
    const { urls, reviews, file } = await setUp();
    const good = Array.from({ length: 3 }, (_, i) => JSON.stringify(reviewPosted({ sellerId: 'S-S', reviewId: `R-${i}` })));
    const refusedLine = 'jane.doe@example.com \u0001';
    const error = await publishJsonLines(clients.sqs, file([good[0] ?? '', refusedLine, good[1] ?? '', good[2] ?? '']), urls, reviews).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinesRefusedError);
    const refused = error as LinesRefusedError;
    expect(refused.sent).toBe(3);
    expect(refused.refused.map((r) => r.line)).toEqual([2]);
    expect(refused.refused[0]?.reason).toMatch(/^InvalidMessageContents: /u);
    expect(refused.message).not.toContain('jane.doe');
    expect((await peekMessages(clients.sqs, urls[reviews] ?? '')).length).toBe(3);
  });
});
