import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { sqsRecord as buildRecord } from '../../shared/adapters/sqs/sqs-record';

let counter = 0;

/** An SQS record as Lambda delivers it, carrying `body` (an object is sent as JSON). */
export function sqsRecord(body: unknown): SQSRecord {
  counter++;
  return buildRecord({
    messageId: `msg-${counter}`,
    receiptHandle: `rh-${counter}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { SenderId: 'test' },
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test',
    awsRegion: 'us-east-1',
  });
}

export const sqsEvent = (...bodies: unknown[]): SQSEvent => ({ Records: bodies.map(sqsRecord) });
