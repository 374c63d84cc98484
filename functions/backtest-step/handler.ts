/** Lambda entry point: the steps of the backtest state machine, on the run in BACKTEST_BUCKET_NAME. */
import { S3Client } from '@aws-sdk/client-s3';
import { S3RunStore } from '../../shared/adapters/s3/replay-run-store';
import { makeHandler as makeMessagesHandler } from '../ingest-messages/make-handler';
import { makeHandler as makeReportsHandler } from '../ingest-report-downloads/make-handler';
import { makeHandler as makeReviewsHandler } from '../ingest-reviews/make-handler';
import { makeHandler } from './make-handler';

const bucket = process.env['BACKTEST_BUCKET_NAME'];
if (bucket === undefined || bucket === '') throw new Error('BACKTEST_BUCKET_NAME is not set');

export const handler = makeHandler(new S3RunStore(new S3Client({}), bucket), {
  // The consumers' own handlers, on the product in memory each partition replays on.
  handlers: { 'ingest-reviews': makeReviewsHandler, 'ingest-messages': makeMessagesHandler, 'ingest-report-downloads': makeReportsHandler },
});
