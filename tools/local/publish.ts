/**
 * Sends a JSON Lines file of events to the inbound queues, each line to the queue of its `type`,
 * exactly as the marketplace would. Lines whose type no queue carries (or that are not JSON) go to
 * `fallbackQueue`, where the consumer rejects them to its dead-letter queue with the reason.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { peekRouting } from '../../events/v1/parse';
import { queueForEventType } from '../../shared/adapters/sqs/queues';


export async function publishJsonLines(
  client: SQSClient,
  file: string,
  queueUrls: Readonly<Record<string, string>>,
  fallbackQueue: string,
): Promise<number> {
  const pending = new Map<string, string[]>();
  let sent = 0;
  const flush = async (queueName: string) => {
    const bodies = pending.get(queueName) ?? [];
    pending.set(queueName, []);
    if (bodies.length === 0) return;
    const url = queueUrls[queueName];
    if (!url) throw new Error(`no URL for queue ${queueName}`);
    const result = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: bodies.map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    if (result.Failed && result.Failed.length > 0) {
      throw new Error(`SQS refused ${result.Failed.length} messages: ${result.Failed[0]?.Message ?? 'no reason'}`);
    }
    sent += bodies.length;
  };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const queueName = queueForEventType(peekRouting(line).type ?? '')?.name ?? fallbackQueue;
    const batch = pending.get(queueName) ?? [];
    batch.push(line);
    pending.set(queueName, batch);
    if (batch.length === 10) await flush(queueName);
  }
  for (const queueName of [...pending.keys()]) await flush(queueName);
  return sent;
}
