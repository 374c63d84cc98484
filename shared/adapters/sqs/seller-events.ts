import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SellerStatusChanged } from '../../../events/v1/outbound';
import type { SellerEvents } from '../../ports/seller-events';

/**
 * Outbound seller events on the seller-events queue, one message per event. A retried step may
 * send an event twice; its id is stable, so the marketplace drops the duplicate.
 */
export class SqsSellerEvents implements SellerEvents {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(event: SellerStatusChanged): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(event),
        MessageAttributes: { 'ce-type': { DataType: 'String', StringValue: event.type }, 'ce-id': { DataType: 'String', StringValue: event.id } },
      }),
    );
  }
}
