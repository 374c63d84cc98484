/**
 * Talking to a local platform the way the marketplace and an operator would: events sent to the
 * inbound queue of their type (one SendMessage each, so a body of any size goes through; retried
 * while the queue service is out of reach, as a producer would), and every item of a table read
 * back with Scan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { queueForEventType } from '../../shared/adapters/sqs/queues';
import type { LocalPlatform } from '../../tools/local/platform';

export interface SendOptions {
  /** Keep trying while SendMessage fails (the queue service is down), up to this long. @default 0: fail at once */
  readonly retryForMillis?: number;
}

/**
 * fauxqs refuses every character above U+FFFF (its check of SQS's allowed characters reads the
 * two halves of a surrogate pair as two invalid characters); SQS itself takes them. JSON can say
 * the same text in escapes, so events are sent that way.
 */
const escapeAstral = (json: string) =>
  json.replace(/[\u{10000}-\u{10FFFF}]/gu, (character) =>
    [...character].length === 1 ? [character.charCodeAt(0), character.charCodeAt(1)].map((unit) => `\\u${unit.toString(16)}`).join('') : character,
  );

/** Sends each body (an event object, or raw text routed to `queue`) to its inbound queue. */
export async function sendToQueues(platform: LocalPlatform, bodies: readonly (object | { readonly raw: string; readonly queue: string })[], options: SendOptions = {}): Promise<void> {
  for (const body of bodies) {
    const [text, queueName] =
      'raw' in body && 'queue' in body && typeof body.raw === 'string' && typeof body.queue === 'string'
        ? [body.raw, body.queue]
        : [escapeAstral(JSON.stringify(body)), queueForEventType(String((body as { type?: unknown }).type))?.name ?? 'offside-reviews'];
    const url = platform.queues[queueName]?.url;
    if (url === undefined) throw new Error(`no queue ${queueName}`);
    const deadline = Date.now() + (options.retryForMillis ?? 0);
    for (;;) {
      try {
        await platform.clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: text }));
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}

/** Every item of a table, unmarshalled. */
export async function scanTable(dynamodb: DynamoDBClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

/** Publishes events as `offside publish` does (a JSON Lines file through the platform), and waits until the consumers have drained them. */
export async function publishAndDrain(platform: LocalPlatform, events: readonly unknown[]): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'offside-e2e-')), 'events.jsonl');
  writeFileSync(file, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
  await platform.publish(file);
  await platform.drained();
}
