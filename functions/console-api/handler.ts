/** Lambda entry point: the console API behind API Gateway's HTTP API. */
import { consoleApiFromEnv } from '../../shared/adapters/aws/console-deps';
import { makeHandler } from './make-handler';

export const handler = makeHandler(await consoleApiFromEnv());
