/**
 * What the producer's sends of a stream cost in SQS requests: the lines packed per queue, in
 * stream order, into SendMessageBatch requests of up to 10 events and 256 KiB, as the stand-in
 * producer sends them (tools/local/publish.ts), each billed per 64 KiB of payload
 * (tools/local/sqs-batches.ts). Computed from the sizes of the events, not sent anywhere.
 */
import { peekRouting } from '../../events/v1/parse';
import { queueForEventType } from '../../shared/adapters/sqs/queues';
import { SqsBatcher, billedRequests, bodyBytes } from '../local/sqs-batches';

export interface SqsSends {
  readonly events: number;
  /** SendMessageBatch requests, and what SQS bills for them (64 KiB chunks). */
  readonly batches: number;
  readonly billedRequests: number;
  readonly bytesPerEvent: number;
}

export async function producerSends(lines: readonly string[]): Promise<SqsSends> {
  let batches = 0;
  let billed = 0;
  let bytes = 0;
  const batcher = new SqsBatcher<string>(async (_queue, batch) => {
    batches++;
    billed += billedRequests(batch.bytes);
  }, bodyBytes);
  for (const line of lines) {
    bytes += bodyBytes(line);
    await batcher.add(queueForEventType(peekRouting(line).type ?? '')?.name ?? 'fallback', line);
  }
  await batcher.flush();
  return { events: lines.length, batches, billedRequests: billed, bytesPerEvent: bytes / Math.max(1, lines.length) };
}
