/**
 * Wires the console API to AWS: clients built once per container, configuration checked and the
 * hash key read once at cold start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { ConsoleEnv, loadConfig } from '../../config';
import { ConsoleApi } from '../http/router';
import { DETECTION_CONFIG } from '../../domain/detection/config';
import type { ConsoleDeps } from '../../use-cases/console-deps';
import { hmacHandleHasher } from '../crypto/handle-hasher';
import { DynamoAuditLog } from '../dynamodb/audit-log';
import { DynamoCaseStore } from '../dynamodb/case-store';
import { DynamoEvidenceStore } from '../dynamodb/evidence-store';
import { DynamoRingIndex } from '../dynamodb/ring-index';
import { DynamoSellerAccounts } from '../dynamodb/seller-accounts';
import { RelaySellerDirectory } from '../relay-seller-directory';
import { StepFunctionsLadderWorkflow } from '../sfn/ladder-workflow';
import { SqsSellerEvents } from '../sqs/seller-events';
import { readHashKey } from './consumer-deps';
import { sesNotifier } from './ladder-deps';

export interface ConsoleClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly ses: SESv2Client;
  readonly sfn: SFNClient;
}

export function consoleDeps(env: ConsoleEnv & { readonly HANDLE_HASH_KEY: string }, clients: ConsoleClients): ConsoleDeps {
  const store = new DynamoEvidenceStore(clients.dynamodb, { tableName: env.EVIDENCE_TABLE_NAME, retentionDays: env.EVIDENCE_RETENTION_DAYS });
  return {
    cases: new DynamoCaseStore(clients.dynamodb, env.CASES_TABLE_NAME),
    store,
    rings: new DynamoRingIndex(clients.dynamodb, env.CASES_TABLE_NAME),
    config: DETECTION_CONFIG,
    accounts: new DynamoSellerAccounts(clients.dynamodb, env.CASES_TABLE_NAME),
    audit: new DynamoAuditLog(clients.dynamodb, env.AUDIT_TABLE_NAME),
    workflow: new StepFunctionsLadderWorkflow(clients.sfn, env.STATE_MACHINE_ARN),
    sellerEvents: new SqsSellerEvents(clients.sqs, env.SELLER_EVENTS_QUEUE_URL),
    notifier: sesNotifier(env, clients),
    directory: new RelaySellerDirectory(env.SELLER_NOTICE_DOMAIN, store),
    hashHandle: hmacHandleHasher(env.HANDLE_HASH_KEY),
    now: () => new Date(),
    appealAddress: env.APPEAL_ADDRESS,
  };
}

/** The Lambda entry point calls this once, at cold start. */
export async function consoleApiFromEnv(): Promise<ConsoleApi> {
  const env = loadConfig(ConsoleEnv);
  const key = await readHashKey(env.HANDLE_HASH_KEY_SECRET_ARN);
  const clients = { dynamodb: new DynamoDBClient({}), sqs: new SQSClient({}), ses: new SESv2Client({}), sfn: new SFNClient({}) };
  const logger = new Logger({ serviceName: 'offside', persistentKeys: { function: 'console-api' } });
  return new ConsoleApi(consoleDeps({ ...env, HANDLE_HASH_KEY: key }, clients), { error: (message, details) => logger.error(message, details) });
}
