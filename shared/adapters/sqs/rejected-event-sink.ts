import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { RejectedEvent, RejectedEventSink } from '../../ports/rejected-events';

/** SQS caps a message attribute value with the rest of the message at 256 KB; reasons stay short. */
const MAX_REASON = 4_000;

/**
 * Sends rejected events to the consumer's dead-letter queue, body unchanged, the reason in message
 * attributes: `offside-rejection-reason`, `offside-source-message-id`, `offside-rejected-at`.
 */
export class SqsRejectedEventSink implements RejectedEventSink {
  constructor(
    private readonly client: SQSClient,
    private readonly deadLetterQueueUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reject(event: RejectedEvent): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.deadLetterQueueUrl,
        // SQS refuses an empty body; keep the message readable as what arrived.
        MessageBody: event.body.length > 0 ? event.body : '(empty body)',
        MessageAttributes: {
          'offside-rejection-reason': { DataType: 'String', StringValue: event.reason.slice(0, MAX_REASON) },
          'offside-source-message-id': { DataType: 'String', StringValue: event.sourceMessageId },
          'offside-rejected-at': { DataType: 'String', StringValue: this.now().toISOString() },
        },
      }),
    );
  }
}
