import type { SQSClient } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { DependencyCheck } from '../../ports/readiness';

/** SQS is up when every queue answers GetQueueAttributes. */
export function sqsQueuesCheck(client: SQSClient, queueUrls: readonly string[]): DependencyCheck {
  return {
    name: 'sqs',
    async check(signal) {
      await Promise.all(
        queueUrls.map((QueueUrl) => client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }), { abortSignal: signal })),
      );
    },
  };
}
