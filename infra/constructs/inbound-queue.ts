import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueWithDeadLetter } from './queue-pair';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';
import { INBOUND_QUEUE_VISIBILITY_TIMEOUT } from './consumer-timing';

export interface InboundQueueProps {
  /** The queue as described in shared/adapters/sqs/queues.ts (its DLQ and maxReceiveCount). */
  readonly definition: QueueDefinition;
  /**
   * Visibility timeout of the inbound queue. IngestionConsumer refuses a queue whose visibility
   * timeout is shorter than 6x its function timeout plus the batching window.
   * @default INBOUND_QUEUE_VISIBILITY_TIMEOUT (6 x the consumer timeout + the batching window)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long an unconsumed event stays on the inbound queue.
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
  /**
   * How long a dead letter stays on the DLQ (SQS's maximum), to leave time for redrive.
   * @default Duration.days(14)
   */
  readonly deadLetterRetentionPeriod?: Duration;
  /**
   * Physical names of the queue and its DLQ (`offside redrive --queue` finds them by name).
   * @default - names CloudFormation generates
   */
  readonly physicalNames?: { readonly queueName: string; readonly deadLetterQueueName: string };
  /**
   * What happens to both queues when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An inbound event queue and its dead-letter queue, both SQS-managed encrypted (SSE-SQS) and
 * refusing non-TLS requests. SQS moves a message to the DLQ after `maxReceiveCount` receives; the
 * consumer also sends invalid events there directly.
 */
export class InboundQueue extends Construct {
  readonly definition: QueueDefinition;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** The inbound queue's visibility timeout, checked by IngestionConsumer against its function timeout. */
  readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: InboundQueueProps) {
    super(scope, id);
    this.definition = props.definition;
    this.visibilityTimeout = props.visibilityTimeout ?? INBOUND_QUEUE_VISIBILITY_TIMEOUT;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    ({ queue: this.queue, deadLetterQueue: this.deadLetterQueue } = queueWithDeadLetter(this, {
      physicalNames: props.physicalNames,
      visibilityTimeout: this.visibilityTimeout,
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterRetentionPeriod: props.deadLetterRetentionPeriod,
      maxReceiveCount: props.definition.maxReceiveCount,
      removalPolicy,
    }));
  }
}
