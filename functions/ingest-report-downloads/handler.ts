/** Lambda entry point: the SQS consumer of the report-downloads queue. */
import { awsProduct } from '../../shared/composition/aws';
import { makeHandler } from './make-handler';

export const handler = makeHandler((await awsProduct()).consumer('ingest-report-downloads'));
