/** Lambda entry point: starts the ladder's executions from the cases table's stream. */
import { awsProduct } from '../../shared/composition/aws';
import { makeHandler } from './make-handler';

export const handler = makeHandler((await awsProduct()).ladderStarter());
