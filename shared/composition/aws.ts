/**
 * The product on AWS, for the Lambda functions: each function asks for its own entry point at
 * cold start, which checks that function's configuration (a missing variable stops the cold
 * start with its name) and builds its adapters. Each AWS client is built once per container; the
 * contact-handle key, for the functions that hash handles, is read once from Secrets Manager.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { hmacHandleHasher } from '../adapters/crypto/handle-hasher';
import { DynamoAuditLog } from '../adapters/dynamodb/audit-log';
import { DynamoCaseStore } from '../adapters/dynamodb/case-store';
import { DynamoEvidenceStore } from '../adapters/dynamodb/evidence-store';
import { DynamoRingIndex } from '../adapters/dynamodb/ring-index';
import { DynamoRulesStore } from '../adapters/dynamodb/rules-store';
import { DynamoStatementStore } from '../adapters/dynamodb/statement-store';
import { DynamoNotifierLedger } from '../adapters/dynamodb/notifier-ledger';
import { DynamoSellerAccounts } from '../adapters/dynamodb/seller-accounts';
import { dynamoTablesCheck } from '../adapters/dynamodb/table-check';
import { ConsoleApi } from '../adapters/http/router';
import { RelaySellerDirectory } from '../adapters/relay-seller-directory';
import { S3EvidenceVault } from '../adapters/s3/evidence-vault';
import { SesNotifier } from '../adapters/ses/notifier';
import { StepFunctionsLadderWorkflow } from '../adapters/sfn/ladder-workflow';
import { sqsQueuesCheck } from '../adapters/sqs/queue-check';
import { inboundQueueOf } from '../adapters/sqs/queues';
import { SqsRejectedEventSink } from '../adapters/sqs/rejected-event-sink';
import { SqsSellerEvents } from '../adapters/sqs/seller-events';
import { QueuedStatementStore } from '../adapters/sqs/statement-outbox';
import { TransparencyDatabaseApi } from '../adapters/transparency-database/api-client';
import { ConfigurationError, ConsoleEnv, ConsumerEnv, LadderStarterEnv, LadderStepEnv, StatementSubmitterEnv, loadConfig } from '../config';
import { DETECTION_CONFIG } from '../domain/detection/config';
import type { DetectionRules } from '../ports/rules-store';
import { cachedRules } from '../use-cases/live-rules';
import { shadowJudging } from '../use-cases/shadow-judging';
import type { Product } from './product';

const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

/** The Lambda entry points call this once, at cold start, and ask for their own entry point. */
export async function awsProduct(env: NodeJS.ProcessEnv = process.env): Promise<Product> {
  // Only the functions that hash contact handles are given a key (directly, or as a secret).
  const secretArn = env['HANDLE_HASH_KEY_SECRET_ARN'];
  const hashKey = env['HANDLE_HASH_KEY'] ?? (secretArn ? await readHashKey(secretArn) : undefined);
  const clients = {
    dynamodb: once(() => new DynamoDBClient({})),
    sqs: once(() => new SQSClient({})),
    ses: once(() => new SESv2Client({})),
    sfn: once(() => new SFNClient({})),
    s3: once(() => new S3Client({})),
  };
  const logger = (keys: Record<string, string>) => new Logger({ serviceName: 'offside', persistentKeys: keys });
  const hasher = () => {
    if (!hashKey) throw new ConfigurationError('invalid configuration: HANDLE_HASH_KEY: one of HANDLE_HASH_KEY or HANDLE_HASH_KEY_SECRET_ARN is required');
    return hmacHandleHasher(hashKey);
  };
  const notifier = (config: Pick<LadderStepEnv, 'NOTICES_TABLE_NAME' | 'NOTICE_FROM_ADDRESS' | 'SES_CONFIGURATION_SET_NAME'>) =>
    new SesNotifier({
      ses: clients.ses(),
      dynamodb: clients.dynamodb(),
      tableName: config.NOTICES_TABLE_NAME,
      from: config.NOTICE_FROM_ADDRESS,
      ...(config.SES_CONFIGURATION_SET_NAME ? { configurationSetName: config.SES_CONFIGURATION_SET_NAME } : {}),
    });

  // One cache of the live rules per function instance: a change is live everywhere within RULES_CACHE_MS.
  let rules: DetectionRules | undefined;
  const liveRules = (dynamodb: DynamoDBClient, tableName: string) => (rules ??= cachedRules(new DynamoRulesStore(dynamodb, tableName, DETECTION_CONFIG)));
  // A shadow version's judgements: the cases table, under its own key prefix (nothing acts on them).
  const shadowNamespace = (dynamodb: DynamoDBClient, casesTable: string) => (version: number) => ({
    cases: new DynamoCaseStore(dynamodb, casesTable, `SHADOW#${version}`),
    rings: new DynamoRingIndex(dynamodb, casesTable, `SHADOW#${version}`),
  });

  return {
    consumer(name) {
      const config = loadConfig(ConsumerEnv, env);
      const dynamodb = clients.dynamodb();
      return {
        store: new DynamoEvidenceStore(dynamodb, { tableName: config.EVIDENCE_TABLE_NAME, retentionDays: config.EVIDENCE_RETENTION_DAYS }),
        rejected: new SqsRejectedEventSink(clients.sqs(), config.DEAD_LETTER_QUEUE_URL),
        hashHandle: hasher(),
        cases: new DynamoCaseStore(dynamodb, config.CASES_TABLE_NAME),
        rings: new DynamoRingIndex(dynamodb, config.CASES_TABLE_NAME),
        config: DETECTION_CONFIG,
        rules: liveRules(dynamodb, config.RULES_TABLE_NAME),
        shadow: shadowJudging({
          namespace: shadowNamespace(dynamodb, config.CASES_TABLE_NAME),
          rulesStore: new DynamoRulesStore(dynamodb, config.RULES_TABLE_NAME, DETECTION_CONFIG),
          logger: logger({ consumer: name }),
        }),
        logger: logger({ consumer: name }),
        maxReceiveCount: inboundQueueOf(name).maxReceiveCount,
      };
    },

    ladderStep() {
      const config = loadConfig(LadderStepEnv, env);
      const dynamodb = clients.dynamodb();
      const evidence = new DynamoEvidenceStore(dynamodb, { tableName: config.EVIDENCE_TABLE_NAME });
      return {
        cases: new DynamoCaseStore(dynamodb, config.CASES_TABLE_NAME),
        accounts: new DynamoSellerAccounts(dynamodb, config.CASES_TABLE_NAME),
        evidence,
        vault: new S3EvidenceVault(clients.s3(), config.EVIDENCE_BUCKET_NAME),
        sellerEvents: new SqsSellerEvents(clients.sqs(), config.SELLER_EVENTS_QUEUE_URL),
        notifier: notifier(config),
        audit: new DynamoAuditLog(dynamodb, config.AUDIT_TABLE_NAME),
        directory: new RelaySellerDirectory(config.SELLER_NOTICE_DOMAIN, evidence),
        statements: new QueuedStatementStore(new DynamoStatementStore(dynamodb, config.CASES_TABLE_NAME), clients.sqs(), config.STATEMENTS_QUEUE_URL),
        notifiers: new DynamoNotifierLedger(dynamodb, config.CASES_TABLE_NAME),
        buyerRelay: { buyerNoticeDomain: config.BUYER_NOTICE_DOMAIN, noticeContestAddress: config.NOTICE_CONTEST_ADDRESS },
        now: () => new Date(),
        courseUrl: config.COURSE_URL,
        appealAddress: config.APPEAL_ADDRESS,
        legalTeamAddress: config.LEGAL_TEAM_ADDRESS,
      };
    },

    ladderStarter() {
      const config = loadConfig(LadderStarterEnv, env);
      return {
        cases: new DynamoCaseStore(clients.dynamodb(), config.CASES_TABLE_NAME),
        audit: new DynamoAuditLog(clients.dynamodb(), config.AUDIT_TABLE_NAME),
        workflow: new StepFunctionsLadderWorkflow(clients.sfn(), config.STATE_MACHINE_ARNS),
        now: () => new Date(),
        logger: logger({ function: 'ladder-starter' }),
      };
    },

    consoleApi() {
      const config = loadConfig(ConsoleEnv, env);
      const dynamodb = clients.dynamodb();
      const store = new DynamoEvidenceStore(dynamodb, { tableName: config.EVIDENCE_TABLE_NAME, retentionDays: config.EVIDENCE_RETENTION_DAYS });
      const log = logger({ function: 'console-api' });
      const rulesStore = new DynamoRulesStore(dynamodb, config.RULES_TABLE_NAME, DETECTION_CONFIG);
      const deps = {
        cases: new DynamoCaseStore(dynamodb, config.CASES_TABLE_NAME),
        store,
        rings: new DynamoRingIndex(dynamodb, config.CASES_TABLE_NAME),
        config: DETECTION_CONFIG,
        rules: liveRules(dynamodb, config.RULES_TABLE_NAME),
        shadow: shadowJudging({ namespace: shadowNamespace(dynamodb, config.CASES_TABLE_NAME), rulesStore, logger: log }),
        shadowNamespace: shadowNamespace(dynamodb, config.CASES_TABLE_NAME),
        rulesStore,
        accounts: new DynamoSellerAccounts(dynamodb, config.CASES_TABLE_NAME),
        audit: new DynamoAuditLog(dynamodb, config.AUDIT_TABLE_NAME),
        workflow: new StepFunctionsLadderWorkflow(clients.sfn(), config.STATE_MACHINE_ARNS),
        sellerEvents: new SqsSellerEvents(clients.sqs(), config.SELLER_EVENTS_QUEUE_URL),
        notifier: notifier(config),
        directory: new RelaySellerDirectory(config.SELLER_NOTICE_DOMAIN, store),
        hashHandle: hasher(),
        statements: new QueuedStatementStore(new DynamoStatementStore(dynamodb, config.CASES_TABLE_NAME), clients.sqs(), config.STATEMENTS_QUEUE_URL),
        notifiers: new DynamoNotifierLedger(dynamodb, config.CASES_TABLE_NAME),
        buyerRelay: { buyerNoticeDomain: config.BUYER_NOTICE_DOMAIN, noticeContestAddress: config.NOTICE_CONTEST_ADDRESS },
        now: () => new Date(),
        appealAddress: config.APPEAL_ADDRESS,
        readiness: [
          dynamoTablesCheck(dynamodb, [config.CASES_TABLE_NAME, config.EVIDENCE_TABLE_NAME, config.AUDIT_TABLE_NAME, config.NOTICES_TABLE_NAME, config.RULES_TABLE_NAME]),
          sqsQueuesCheck(clients.sqs(), [config.SELLER_EVENTS_QUEUE_URL, config.STATEMENTS_QUEUE_URL]),
        ],
      };
      return new ConsoleApi(deps, { error: (message, details) => log.error(message, details) });
    },

    statementSubmitter() {
      const config = loadConfig(StatementSubmitterEnv, env);
      return {
        database: new TransparencyDatabaseApi({
          endpoint: config.TRANSPARENCY_DATABASE_ENDPOINT,
          // Read when first needed and cached by Powertools (5 minutes), so a rotated token is picked up.
          token: async () => {
            const token = await getSecret(config.TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN);
            if (typeof token !== 'string' || token.length === 0) throw new ConfigurationError(`secret ${config.TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN} must hold the API token as a string`);
            return token;
          },
        }),
        logger: logger({ function: 'submit-statements' }),
      };
    },
  };
}

async function readHashKey(secretArn: string): Promise<string> {
  const secret = await getSecret(secretArn);
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new ConfigurationError(`secret ${secretArn} must hold a string of at least 32 characters`);
  }
  return secret;
}
