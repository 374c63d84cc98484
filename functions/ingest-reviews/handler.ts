/** Lambda entry point: the SQS consumer of the reviews queue. */
import { awsProduct } from '../../shared/composition/aws';
import { makeHandler } from './make-handler';

export const handler = makeHandler((await awsProduct()).consumer('ingest-reviews'));
