import type { SQSRecord } from 'aws-lambda';

export interface SqsRecordInput {
  readonly messageId: string;
  readonly body: string;
  readonly eventSourceARN: string;
  readonly awsRegion: string;
  /** @default messageId */
  readonly receiptHandle?: string;
  readonly attributes?: Partial<SQSRecord['attributes']>;
  readonly messageAttributes?: SQSRecord['messageAttributes'];
  readonly md5OfBody?: string;
}

/** An SQS record as Lambda's event source mapping delivers it (local poller, replay, tests). */
export function sqsRecord(input: SqsRecordInput): SQSRecord {
  return {
    messageId: input.messageId,
    receiptHandle: input.receiptHandle ?? input.messageId,
    body: input.body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '0',
      ...input.attributes,
    },
    messageAttributes: input.messageAttributes ?? {},
    md5OfBody: input.md5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: input.eventSourceARN,
    awsRegion: input.awsRegion,
  };
}
