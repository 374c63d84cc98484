/** A distributed backtest's run in an S3 bucket (the backtest bucket, infra/constructs/backtest.ts). */
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ReplayRunStore } from '../../ports/replay-run-store';

export class S3RunStore implements ReplayRunStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async read(key: string): Promise<string | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await object.Body?.transformToString('utf8')) ?? '';
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  lines(key: string): AsyncIterable<string> {
    const { s3, bucket } = this;
    return {
      async *[Symbol.asyncIterator]() {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const body = object.Body as Readable | undefined;
        if (!body) return;
        body.setEncoding('utf8');
        yield* createInterface({ input: body, crlfDelay: Infinity });
      },
    };
  }

  async write(key: string, body: string): Promise<void> {
    const contentType = key.endsWith('.json') ? 'application/json' : key.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/octet-stream';
    // A Buffer with its length: the SDK cannot tell the length of an empty string body (and warns).
    const bytes = Buffer.from(body, 'utf8');
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: contentType }));
  }
}
