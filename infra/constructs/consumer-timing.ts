/**
 * How long an ingestion consumer may run and how long its queue hides a batch: the inbound queue
 * (./inbound-queue.ts) and the consumer (./ingestion-consumer.ts) both read these, so they live
 * apart from either.
 */
import { Duration } from 'aws-cdk-lib';

/** Timeout of every ingestion consumer. */
export const CONSUMER_TIMEOUT = Duration.seconds(30);
/** How long Lambda gathers records before invoking a consumer with fewer than a full batch. */
export const CONSUMER_MAX_BATCHING_WINDOW = Duration.seconds(5);

/**
 * The shortest safe visibility timeout for a queue drained by a function: AWS recommends at least
 * six times the function timeout plus the batching window, so that retries of throttled
 * invocations do not make a batch visible again while it is still being processed.
 */
export function minimumVisibilityTimeout(functionTimeout: Duration, maxBatchingWindow: Duration): Duration {
  return Duration.seconds(6 * functionTimeout.toSeconds() + maxBatchingWindow.toSeconds());
}

/** The inbound queues' visibility timeout (185 s): the one place it is decided. */
export const INBOUND_QUEUE_VISIBILITY_TIMEOUT = minimumVisibilityTimeout(CONSUMER_TIMEOUT, CONSUMER_MAX_BATCHING_WINDOW);
