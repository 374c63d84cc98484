import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueWithDeadLetter } from './queue-pair';
import type { OutboundQueueDefinition } from '../../shared/adapters/sqs/queues';

export interface OutboundQueueProps {
  /** The queue as described in shared/adapters/sqs/queues.ts (its DLQ and maxReceiveCount). */
  readonly definition: OutboundQueueDefinition;
  /**
   * Physical names of the queue and its DLQ (`offside redrive --queue` finds them by name).
   * @default - names CloudFormation generates
   */
  readonly physicalNames?: { readonly queueName: string; readonly deadLetterQueueName: string };
  /**
   * How long a message the marketplace received stays invisible before another receive may take it.
   * @default Duration.minutes(5)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long an event waits for the marketplace: SQS's maximum, so an outage of the marketplace's
   * consumer loses nothing.
   * @default Duration.days(14)
   */
  readonly retentionPeriod?: Duration;
  /**
   * How long a dead letter stays on the DLQ (SQS's maximum), to leave time for redrive.
   * @default Duration.days(14)
   */
  readonly deadLetterRetentionPeriod?: Duration;
  /**
   * The marketplace's AWS account: its principals (still subject to their own IAM policies) may
   * receive and delete messages and read the queue's attributes.
   * @default - none; the queue is consumed from this account or granted out of band
   */
  readonly consumerAccountId?: string;
  /**
   * What happens to both queues when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An outbound queue Offside writes and the marketplace drains, with its dead-letter queue: both
 * SQS-managed encrypted (SSE-SQS) and refusing non-TLS requests. SQS moves a message the
 * marketplace failed to take `maxReceiveCount` times to the DLQ.
 */
export class OutboundQueue extends Construct {
  readonly definition: OutboundQueueDefinition;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OutboundQueueProps) {
    super(scope, id);
    this.definition = props.definition;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = queueWithDeadLetter(this, {
      physicalNames: props.physicalNames,
      visibilityTimeout: props.visibilityTimeout ?? Duration.minutes(5),
      retentionPeriod: props.retentionPeriod ?? Duration.days(14),
      deadLetterRetentionPeriod: props.deadLetterRetentionPeriod,
      maxReceiveCount: props.definition.maxReceiveCount,
      removalPolicy,
    }));

    if (props.consumerAccountId !== undefined) {
      // ReceiveMessage, ChangeMessageVisibility, GetQueueUrl, DeleteMessage, GetQueueAttributes.
      this.queue.grantConsumeMessages(new AccountPrincipal(props.consumerAccountId));
    }
  }
}
