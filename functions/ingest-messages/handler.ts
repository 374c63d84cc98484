/** Lambda entry point: the SQS consumer of the messages queue. */
import { consumerDepsFromEnv } from '../../shared/adapters/aws/consumer-deps';
import { makeHandler } from './make-handler';

export const handler = makeHandler(await consumerDepsFromEnv('ingest-messages'));
