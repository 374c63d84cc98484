import type { SQSEvent, SQSRecord } from 'aws-lambda';

let counter = 0;

/** An SQS record as Lambda delivers it, carrying `body` (an object is sent as JSON). */
export function sqsRecord(body: unknown): SQSRecord {
  counter++;
  return {
    messageId: `msg-${counter}`,
    receiptHandle: `rh-${counter}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test',
    awsRegion: 'us-east-1',
  };
}

export const sqsEvent = (...bodies: unknown[]): SQSEvent => ({ Records: bodies.map(sqsRecord) });
