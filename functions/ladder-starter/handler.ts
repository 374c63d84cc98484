/** Lambda entry point: starts the ladder's executions from the cases table's stream. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store';
import { StepFunctionsLadderWorkflow } from '../../shared/adapters/sfn/ladder-workflow';
import { LadderStarterEnv, loadConfig } from '../../shared/config';
import { makeHandler } from './make-handler';

const env = loadConfig(LadderStarterEnv);

const dynamodb = new DynamoDBClient({});

export const handler = makeHandler({
  cases: new DynamoCaseStore(dynamodb, env.CASES_TABLE_NAME),
  audit: new DynamoAuditLog(dynamodb, env.AUDIT_TABLE_NAME),
  workflow: new StepFunctionsLadderWorkflow(new SFNClient({}), env.STATE_MACHINE_ARN),
  now: () => new Date(),
  logger: new Logger({ serviceName: 'offside', persistentKeys: { function: 'ladder-starter' } }),
});
