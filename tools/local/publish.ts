/**
 * Sends a JSON Lines file of events to the inbound queues, each line to the queue of its `type`,
 * as the marketplace should: with SendMessageBatch, up to 10 events and 256 KiB a request
 * (sqs-batches.ts), so ten events cost one request instead of ten (docs/producers.md). Lines whose
 * type no queue carries (or that are not JSON) go to `fallbackQueue`, where the consumer rejects
 * them to its dead-letter queue with the reason.
 *
 * SendMessageBatch can accept some entries and refuse others. An entry refused for a reason of
 * SQS's own (`SenderFault: false`) is sent again, a few times; one refused for its content is
 * reported with its line number and SQS's reason (never its text), after every other line was
 * sent: a bad line loses nothing else, and re-sending the whole file is harmless, because the
 * consumers are idempotent.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageBatchCommand, SQSServiceException } from '@aws-sdk/client-sqs';
import { peekRouting } from '../../events/v1/parse';
import { queueForEventType } from '../../shared/adapters/sqs/queues';
import type { SqsBatch } from './sqs-batches';
import { SqsBatcher, bodyBytes } from './sqs-batches';

/** Times an entry refused for a transient reason is sent again. */
const RESEND_ATTEMPTS = 3;

export interface Line {
  readonly line: number;
  readonly body: string;
}

export interface Refusal {
  readonly line: number;
  readonly reason: string;
}

export class LinesRefusedError extends Error {
  override readonly name = 'LinesRefusedError';
  constructor(
    readonly refused: readonly Refusal[],
    readonly sent: number,
  ) {
    const shown = refused.slice(0, 5).map((r) => `line ${r.line}: ${r.reason}`).join('; ');
    super(`SQS refused ${refused.length} line(s), ${sent} sent: ${shown}${refused.length > 5 ? '; ...' : ''}`);
  }
}

export interface BatchSendResult {
  readonly sent: number;
  readonly refused: readonly Refusal[];
  /** SendMessageBatch requests made, resends included. */
  readonly requests: number;
}

/** Sends one batch to a queue, resending entries SQS failed for a transient reason. */
export async function sendBatch(client: SQSClient, queueUrl: string, lines: readonly Line[]): Promise<BatchSendResult> {
  let pending = lines;
  let sent = 0;
  let requests = 0;
  const refused: Refusal[] = [];
  for (let attempt = 1; pending.length > 0; attempt++) {
    requests++;
    let result;
    try {
      result = await client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending.map((entry, i) => ({ Id: String(i), MessageBody: entry.body })) }),
      );
    } catch (error) {
      // The whole request refused for its content (a body too long for the queue, say): when it
      // was one line, that line is the refusal; otherwise the error stands.
      if (error instanceof SQSServiceException && error.$fault === 'client' && pending.length === 1 && pending[0]) {
        refused.push({ line: pending[0].line, reason: `${error.name}: ${error.message}` });
        break;
      }
      throw error;
    }
    sent += result.Successful?.length ?? 0;
    const retry: Line[] = [];
    for (const failure of result.Failed ?? []) {
      const entry = pending[Number(failure.Id)];
      if (!entry) continue;
      if (!failure.SenderFault && attempt < RESEND_ATTEMPTS) retry.push(entry);
      else refused.push({ line: entry.line, reason: `${failure.Code ?? 'refused'}: ${failure.Message ?? 'no reason given'}` });
    }
    pending = retry;
  }
  return { sent, refused, requests };
}

export async function publishJsonLines(
  client: SQSClient,
  file: string,
  queueUrls: Readonly<Record<string, string>>,
  fallbackQueue: string,
): Promise<number> {
  let sent = 0;
  const refused: Refusal[] = [];
  const batcher = new SqsBatcher<Line>(
    async (queueName: string, batch: SqsBatch<Line>) => {
      const url = queueUrls[queueName];
      if (!url) throw new Error(`no URL for queue ${queueName}`);
      const result = await sendBatch(client, url, batch.items);
      sent += result.sent;
      refused.push(...result.refused);
    },
    (entry) => bodyBytes(entry.body),
  );
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const body of lines) {
    number++;
    if (body.trim() === '') continue;
    const queueName = queueForEventType(peekRouting(body).type ?? '')?.name ?? fallbackQueue;
    await batcher.add(queueName, { line: number, body });
  }
  await batcher.flush();
  if (refused.length > 0) throw new LinesRefusedError(refused.sort((a, b) => a.line - b.line), sent);
  return sent;
}
