/** The three consumers by name, as each inbound queue's definition names its consumer. */
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { makeHandler as makeReportsHandler } from '../../functions/ingest-report-downloads/make-handler';
import { makeHandler as makeReviewsHandler } from '../../functions/ingest-reviews/make-handler';
import type { ConsumerDeps } from '../../shared/composition/product';
import type { SqsBatchHandler } from '../../shared/adapters/lambda/ingestion-handler';
import type { QueueDefinition } from '../../shared/adapters/sqs/queues';

export const CONSUMER_HANDLERS: Readonly<Record<QueueDefinition['consumer'], (deps: ConsumerDeps) => SqsBatchHandler>> = {
  'ingest-reviews': makeReviewsHandler,
  'ingest-messages': makeMessagesHandler,
  'ingest-report-downloads': makeReportsHandler,
};
