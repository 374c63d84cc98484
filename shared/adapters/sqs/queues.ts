/**
 * The inbound queues, described once for the CDK app and the local platform. Each has a dead-letter
 * queue: events that fail validation are sent there at once by the consumer (with the reason), and
 * events that keep failing for other reasons are moved there by SQS after `maxReceiveCount` receives.
 */
export interface QueueDefinition {
  readonly name: string;
  readonly deadLetterQueueName: string;
  /** Which consumer drains it: a folder under functions/. */
  readonly consumer: 'ingest-reviews' | 'ingest-messages' | 'ingest-report-downloads';
  readonly maxReceiveCount: number;
}

export const INBOUND_QUEUES: readonly QueueDefinition[] = [
  { name: 'offside-reviews', deadLetterQueueName: 'offside-reviews-dlq', consumer: 'ingest-reviews', maxReceiveCount: 5 },
  { name: 'offside-messages', deadLetterQueueName: 'offside-messages-dlq', consumer: 'ingest-messages', maxReceiveCount: 5 },
  {
    name: 'offside-report-downloads',
    deadLetterQueueName: 'offside-report-downloads-dlq',
    consumer: 'ingest-report-downloads',
    maxReceiveCount: 5,
  },
];

/** Records per Lambda invocation, on AWS and in the local poller alike. */
export const CONSUMER_BATCH_SIZE = 10;

/** The inbound queue a consumer drains. */
export function inboundQueueOf(consumer: QueueDefinition['consumer']): QueueDefinition {
  const queue = INBOUND_QUEUES.find((definition) => definition.consumer === consumer);
  if (queue === undefined) throw new Error(`no inbound queue for ${consumer}`);
  return queue;
}

/** The queue that carries an event type, or undefined for a type no consumer takes. */
export function queueForEventType(type: string): QueueDefinition | undefined {
  const consumer = type.startsWith('review.')
    ? 'ingest-reviews'
    : type === 'message.sent'
      ? 'ingest-messages'
      : type === 'report.downloaded'
        ? 'ingest-report-downloads'
        : undefined;
  return INBOUND_QUEUES.find((queue) => queue.consumer === consumer);
}

/**
 * Outbound: what Offside tells the marketplace (a seller suspended or reinstated), as CloudEvents
 * (events/v1/outbound.ts) on one queue the marketplace drains. Its dead-letter queue holds what
 * the marketplace's consumer failed to take.
 */
export interface OutboundQueueDefinition {
  readonly name: string;
  readonly deadLetterQueueName: string;
  readonly maxReceiveCount: number;
}

export const SELLER_EVENTS_QUEUE: OutboundQueueDefinition = {
  name: 'offside-seller-events',
  deadLetterQueueName: 'offside-seller-events-dlq',
  maxReceiveCount: 5,
};

/**
 * Statements of reasons on their way to the DSA Transparency Database (Art. 24(5) DSA): every
 * statement issued is put here (shared/adapters/sqs/statement-outbox.ts) and the submitter
 * (functions/submit-statements) sends them in batches. A statement the database's rules refuse,
 * or that keeps failing, ends in the dead-letter queue, whose alarm calls a person.
 */
export const STATEMENTS_QUEUE: OutboundQueueDefinition = {
  name: 'offside-statements',
  deadLetterQueueName: 'offside-statements-dlq',
  maxReceiveCount: 5,
};

/** Statements per submitter invocation: the API takes up to 100 a call; SQS gives at most 10 a batch. */
export const STATEMENTS_BATCH_SIZE = 10;
