/** Looking into local queues without disturbing them: depth, and the messages waiting in one. */
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';

/** Messages waiting plus messages in flight. */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/** Resolves once all the queues are empty with nothing in flight. */
export async function waitUntilEmpty(sqs: SQSClient, queueUrls: readonly string[], timeoutMillis: number): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const depths = await Promise.all(queueUrls.map((url) => queueDepth(sqs, url)));
    if (depths.every((depth) => depth === 0)) return;
    if (Date.now() > deadline) throw new Error(`queues still hold ${depths.join(', ')} messages after ${timeoutMillis} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Reads up to `limit` messages and leaves them in place (a zero visibility timeout). */
export async function peekMessages(sqs: SQSClient, queueUrl: string, limit = 200): Promise<Message[]> {
  const seen = new Map<string, Message>();
  while (seen.size < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const fresh = Messages.filter((message) => message.MessageId !== undefined && !seen.has(message.MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.MessageId ?? '', message);
  }
  return [...seen.values()];
}

export const rejectionReason = (message: Message): string | undefined =>
  message.MessageAttributes?.['offside-rejection-reason']?.StringValue;
