/**
 * Wires the ladder's step function to AWS: clients built once per container, configuration
 * checked at cold start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LadderStepEnv, loadConfig } from '../../config';
import type { LadderStepDeps } from '../../use-cases/ladder-steps/step';
import { DynamoAuditLog } from '../dynamodb/audit-log';
import { DynamoCaseStore } from '../dynamodb/case-store';
import { DynamoEvidenceStore } from '../dynamodb/evidence-store';
import { DynamoSellerAccounts } from '../dynamodb/seller-accounts';
import { RelaySellerDirectory } from '../relay-seller-directory';
import { S3EvidenceVault } from '../s3/evidence-vault';
import { SesNotifier } from '../ses/notifier';
import { SqsSellerEvents } from '../sqs/seller-events';

export interface LadderClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly ses: SESv2Client;
  readonly s3: S3Client;
}

/** Notices through SES with their once-only ledger, as the ladder and the console both send them. */
export function sesNotifier(
  env: Pick<LadderStepEnv, 'NOTICES_TABLE_NAME' | 'NOTICE_FROM_ADDRESS' | 'SES_CONFIGURATION_SET_NAME'>,
  clients: Pick<LadderClients, 'ses' | 'dynamodb'>,
): SesNotifier {
  return new SesNotifier({
    ses: clients.ses,
    dynamodb: clients.dynamodb,
    tableName: env.NOTICES_TABLE_NAME,
    from: env.NOTICE_FROM_ADDRESS,
    ...(env.SES_CONFIGURATION_SET_NAME ? { configurationSetName: env.SES_CONFIGURATION_SET_NAME } : {}),
  });
}

export function ladderStepDeps(env: LadderStepEnv, clients: LadderClients): LadderStepDeps {
  const evidence = new DynamoEvidenceStore(clients.dynamodb, { tableName: env.EVIDENCE_TABLE_NAME });
  return {
    cases: new DynamoCaseStore(clients.dynamodb, env.CASES_TABLE_NAME),
    accounts: new DynamoSellerAccounts(clients.dynamodb, env.CASES_TABLE_NAME),
    evidence,
    vault: new S3EvidenceVault(clients.s3, env.EVIDENCE_BUCKET_NAME),
    sellerEvents: new SqsSellerEvents(clients.sqs, env.SELLER_EVENTS_QUEUE_URL),
    notifier: sesNotifier(env, clients),
    audit: new DynamoAuditLog(clients.dynamodb, env.AUDIT_TABLE_NAME),
    directory: new RelaySellerDirectory(env.SELLER_NOTICE_DOMAIN, evidence),
    now: () => new Date(),
    courseUrl: env.COURSE_URL,
    appealAddress: env.APPEAL_ADDRESS,
    legalTeamAddress: env.LEGAL_TEAM_ADDRESS,
  };
}

/** The Lambda entry point calls this once, at cold start. */
export function ladderStepDepsFromEnv(): LadderStepDeps {
  const env = loadConfig(LadderStepEnv);
  return ladderStepDeps(env, { dynamodb: new DynamoDBClient({}), sqs: new SQSClient({}), ses: new SESv2Client({}), s3: new S3Client({}) });
}
