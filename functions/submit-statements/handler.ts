/** Lambda entry point: the submitter of statements of reasons to the DSA Transparency Database. */
import { awsProduct } from '../../shared/composition/aws';
import { makeHandler } from './make-handler';

export const handler = makeHandler((await awsProduct()).statementSubmitter());
