/**
 * How a producer packs events into SQS `SendMessageBatch` requests, and how SQS bills them: one
 * request carries up to 10 messages and up to 256 KiB in all (SQS now takes 1 MiB, but 256 KiB is
 * accepted by every queue, whatever its `MaximumMessageSize`), and every 64 KiB of a request's
 * payload is billed as one request. Ten events of about a kilobyte are one billed request, not ten.
 * Used by the local stand-in producer (publish.ts) and by the cost model (tools/bench/cost.ts).
 */

/** Entries in one SendMessageBatch (an SQS limit). */
export const SQS_BATCH_ENTRIES = 10;
/** Bytes of message bodies in one SendMessageBatch that every queue accepts. */
export const SQS_BATCH_BYTES = 256 * 1024;
/** SQS bills each 64 KiB chunk of a request's payload as one request. */
export const SQS_BILLING_CHUNK_BYTES = 64 * 1024;

/** Requests SQS bills for one request carrying `payloadBytes` of message bodies. */
export function billedRequests(payloadBytes: number): number {
  return Math.max(1, Math.ceil(payloadBytes / SQS_BILLING_CHUNK_BYTES));
}

export interface SqsBatch<T> {
  readonly items: readonly T[];
  readonly bytes: number;
}

/**
 * Packs bodies into batches, in order, per key (a queue): a batch is handed to `send` when it holds
 * SQS_BATCH_ENTRIES bodies, or when the next body would take it past SQS_BATCH_BYTES (a body larger
 * than that goes alone, and SQS says whether the queue takes it). `flush` sends what is left.
 */
export class SqsBatcher<T> {
  private readonly open = new Map<string, { items: T[]; bytes: number }>();

  constructor(
    private readonly send: (key: string, batch: SqsBatch<T>) => Promise<void>,
    private readonly sizeOf: (item: T) => number,
  ) {}

  async add(key: string, item: T): Promise<void> {
    const size = this.sizeOf(item);
    const batch = this.open.get(key);
    if (batch && batch.bytes + size > SQS_BATCH_BYTES) await this.flushKey(key);
    const current = this.open.get(key) ?? { items: [], bytes: 0 };
    current.items.push(item);
    current.bytes += size;
    this.open.set(key, current);
    if (current.items.length >= SQS_BATCH_ENTRIES) await this.flushKey(key);
  }

  async flush(): Promise<void> {
    for (const key of [...this.open.keys()]) await this.flushKey(key);
  }

  private async flushKey(key: string): Promise<void> {
    const batch = this.open.get(key);
    this.open.delete(key);
    if (batch && batch.items.length > 0) await this.send(key, batch);
  }
}

/** UTF-8 bytes of a message body, as SQS counts its size. */
export const bodyBytes = (body: string): number => Buffer.byteLength(body, 'utf8');
