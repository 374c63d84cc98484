/** Lambda entry point: the console API behind API Gateway's HTTP API. */
import { awsProduct } from '../../shared/composition/aws';
import { makeHandler } from './make-handler';

export const handler = makeHandler((await awsProduct()).consoleApi());
