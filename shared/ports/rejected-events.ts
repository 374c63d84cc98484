/**
 * Where events that can never be processed go: on AWS the consumer's dead-letter queue, with the
 * reason attached, so an operator can read, fix and redrive them.
 */
export interface RejectedEvent {
  /** The message body exactly as received. */
  readonly body: string;
  /** Why it was rejected, e.g. `data.rating: must be an integer from 1 to 5`. */
  readonly reason: string;
  /** The SQS message id it arrived as, for tracing. */
  readonly sourceMessageId: string;
}

export interface RejectedEventSink {
  reject(event: RejectedEvent): Promise<void>;
}
