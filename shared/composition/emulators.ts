/**
 * The product on the local stand-ins (DynamoDB Local, fauxqs for SQS and S3, the SES emulator):
 * the same adapters as on AWS, pointed at the emulators' endpoints, for `npm start` and the
 * integration tests. The tables, queues and bucket are created by whoever starts the emulators
 * (tools/local); this root is told their names. The ladder's workflow is the host's (the local
 * Step Functions runner), given in.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
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
import { AUDIT_TABLE, CASES_TABLE, EVIDENCE_TABLE, NOTICES_TABLE, RULES_TABLE } from '../adapters/dynamodb/tables';
import { ConsoleApi } from '../adapters/http/router';
import { DevelopmentSellerDirectory } from '../adapters/memory/seller-directory';
import { EVIDENCE_BUNDLE_BUCKET } from '../adapters/s3/buckets';
import { S3EvidenceVault } from '../adapters/s3/evidence-vault';
import { sesAccountCheck } from '../adapters/ses/account-check';
import { SesNotifier } from '../adapters/ses/notifier';
import { sqsQueuesCheck } from '../adapters/sqs/queue-check';
import { inboundQueueOf } from '../adapters/sqs/queues';
import { SqsRejectedEventSink } from '../adapters/sqs/rejected-event-sink';
import { SqsSellerEvents } from '../adapters/sqs/seller-events';
import { QueuedStatementStore } from '../adapters/sqs/statement-outbox';
import { TransparencyDatabaseApi } from '../adapters/transparency-database/api-client';
import { ConfigurationError } from '../config';
import { DETECTION_CONFIG } from '../domain/detection/config';
import { cachedRules, RULES_CACHE_MS } from '../use-cases/live-rules';
import { shadowJudging } from '../use-cases/shadow-judging';
import { DEFAULT_RETENTION_DAYS } from '../domain/evidence';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import type { DependencyCheck } from '../ports/readiness';
import type { SellerDirectory } from '../ports/seller-directory';
import type { LadderStepDeps } from '../use-cases/ladder-steps/step';
import { DEVELOPMENT_BUYER_RELAY, DEVELOPMENT_HASH_KEY, DEVELOPMENT_LADDER_LINKS, DEVELOPMENT_SENDER, NO_LADDER_WORKFLOW } from './development';
import type { ConsumerName, Product } from './product';

export interface EmulatorEndpoints {
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly dynamodb: string;
  /** fauxqs: SQS, and S3 on the same endpoint. */
  readonly sqs: string;
  readonly ses: string;
}

export interface EmulatorClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly ses: SESv2Client;
  readonly s3: S3Client;
}

/** One client per service, pointed at the emulators. */
export function emulatorClients(endpoints: EmulatorEndpoints): EmulatorClients {
  const common = { region: endpoints.region, credentials: { ...endpoints.credentials } };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs }),
    ses: new SESv2Client({ ...common, endpoint: endpoints.ses }),
    s3: new S3Client({ ...common, endpoint: endpoints.sqs, forcePathStyle: true }),
  };
}

export interface EmulatorProductOptions {
  /** The clients the adapters use (emulatorClients, or the caller's own, e.g. metered ones). */
  readonly clients: Pick<EmulatorClients, 'dynamodb' | 'sqs'> & Partial<EmulatorClients>;
  /** Physical table names. @default the logical names (shared/adapters/dynamodb/tables.ts) */
  readonly tables?: Partial<Record<'evidence' | 'cases' | 'audit' | 'notices' | 'rules', string>>;
  /** How long the consumers use the rules they read before reading them again. @default RULES_CACHE_MS */
  readonly rulesCacheMs?: number;
  /** Each consumer's dead-letter queue, as created; a consumer without one cannot be built. */
  readonly deadLetterQueues?: Readonly<Partial<Record<ConsumerName, string>>>;
  /** The outbound seller-events queue, as created. */
  readonly sellerEventsQueueUrl?: string;
  /** The statements queue, as created: every statement issued is queued for the submitter. @default none: stored only */
  readonly statementsQueueUrl?: string;
  /** Where the submitter sends statements (the stand-in locally). @default the submitter cannot be built */
  readonly transparencyDatabase?: { readonly endpoint: string; readonly token: string };
  /** The inbound queues, as created: readiness checks them with the rest. @default none */
  readonly inboundQueueUrls?: readonly string[];
  /** @default EVIDENCE_BUNDLE_BUCKET's name */
  readonly evidenceBucket?: string;
  /** @default the ladder's workflow is not available */
  readonly workflow?: LadderWorkflow;
  /** @default every seller at its development address, in English */
  readonly directory?: SellerDirectory;
  /** @default DEFAULT_RETENTION_DAYS */
  readonly retentionDays?: number;
  /** @default a WARN-level logger */
  readonly logger?: Logger;
}

export function emulatorProduct(options: EmulatorProductOptions) {
  const { clients } = options;
  const table = {
    evidence: options.tables?.evidence ?? EVIDENCE_TABLE.name,
    cases: options.tables?.cases ?? CASES_TABLE.name,
    audit: options.tables?.audit ?? AUDIT_TABLE.name,
    notices: options.tables?.notices ?? NOTICES_TABLE.name,
    rules: options.tables?.rules ?? RULES_TABLE.name,
  };
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new ConfigurationError(`the emulators' product needs ${what}`);
    return value;
  };
  const logger = options.logger ?? new Logger({ serviceName: 'offside', logLevel: 'WARN' });
  const store = new DynamoEvidenceStore(clients.dynamodb, { tableName: table.evidence, retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS });
  const cases = new DynamoCaseStore(clients.dynamodb, table.cases);
  const rings = new DynamoRingIndex(clients.dynamodb, table.cases);
  const audit = new DynamoAuditLog(clients.dynamodb, table.audit);
  const accounts = new DynamoSellerAccounts(clients.dynamodb, table.cases);
  const stored = new DynamoStatementStore(clients.dynamodb, table.cases);
  const statements = options.statementsQueueUrl ? new QueuedStatementStore(stored, clients.sqs, options.statementsQueueUrl) : stored;
  const notifiers = new DynamoNotifierLedger(clients.dynamodb, table.cases);
  const rulesStore = new DynamoRulesStore(clients.dynamodb, table.rules, DETECTION_CONFIG);
  // The same cache as on AWS: every consumer and the console's complaint intake judge under the live rules.
  const rules = cachedRules(rulesStore, { maxAgeMs: options.rulesCacheMs ?? RULES_CACHE_MS });
  // A shadow version's judgements: the same table, under its own key prefix (nothing acts on them).
  const shadowNamespace = (version: number) => ({
    cases: new DynamoCaseStore(clients.dynamodb, table.cases, `SHADOW#${version}`),
    rings: new DynamoRingIndex(clients.dynamodb, table.cases, `SHADOW#${version}`),
  });
  const shadowOf = (log: Logger) => shadowJudging({ namespace: shadowNamespace, rulesStore, logger: log });
  const hashHandle = hmacHandleHasher(DEVELOPMENT_HASH_KEY);
  const directory = options.directory ?? new DevelopmentSellerDirectory();
  const workflow = options.workflow ?? NO_LADDER_WORKFLOW;
  const now = () => new Date();
  // What needs a service or a queue only some hosts have (SES, S3, the seller-events queue) is
  // built when first asked for, once.
  let notifier: SesNotifier | undefined;
  let sellerEvents: SqsSellerEvents | undefined;
  const ladder = {
    notifier: () => (notifier ??= new SesNotifier({ ses: required(clients.ses, 'an SES client'), dynamodb: clients.dynamodb, tableName: table.notices, from: DEVELOPMENT_SENDER })),
    sellerEvents: () => (sellerEvents ??= new SqsSellerEvents(clients.sqs, required(options.sellerEventsQueueUrl, 'the seller-events queue'))),
  };
  let stepDeps: LadderStepDeps | undefined;
  let consoleApi: ConsoleApi | undefined;
  const queueUrls = [
    ...(options.inboundQueueUrls ?? []),
    ...Object.values(options.deadLetterQueues ?? {}).filter((url): url is string => url !== undefined),
    ...(options.sellerEventsQueueUrl ? [options.sellerEventsQueueUrl] : []),
    ...(options.statementsQueueUrl ? [options.statementsQueueUrl] : []),
  ];
  const readiness: DependencyCheck[] = [
    dynamoTablesCheck(clients.dynamodb, Object.values(table)),
    ...(queueUrls.length > 0 ? [sqsQueuesCheck(clients.sqs, queueUrls)] : []),
    ...(clients.ses ? [sesAccountCheck(clients.ses)] : []),
  ];

  return {
    clients,
    store,
    cases,
    rulesStore,
    shadowNamespace,
    consumer: (name: ConsumerName) => ({
      store,
      rejected: new SqsRejectedEventSink(clients.sqs, required(options.deadLetterQueues?.[name], `the dead-letter queue of ${name}`)),
      hashHandle,
      cases,
      rings,
      config: DETECTION_CONFIG,
      rules,
      shadow: shadowOf(logger.createChild({ persistentKeys: { consumer: name } })),
      logger: logger.createChild({ persistentKeys: { consumer: name } }),
      maxReceiveCount: inboundQueueOf(name).maxReceiveCount,
    }),
    ladderStep: () =>
      (stepDeps ??= {
        cases,
        accounts,
        evidence: store,
        vault: new S3EvidenceVault(required(clients.s3, 'an S3 client'), options.evidenceBucket ?? EVIDENCE_BUNDLE_BUCKET.name),
        sellerEvents: ladder.sellerEvents(),
        notifier: ladder.notifier(),
        audit,
        directory,
        statements,
        notifiers,
        buyerRelay: DEVELOPMENT_BUYER_RELAY,
        now,
        ...DEVELOPMENT_LADDER_LINKS,
      }),
    ladderStarter: () => ({ cases, audit, workflow, now, logger }),
    statementSubmitter: () => {
      const database = required(options.transparencyDatabase, 'the Transparency Database (endpoint and token)');
      return {
        database: new TransparencyDatabaseApi({ endpoint: database.endpoint, token: () => Promise.resolve(database.token), backoffMs: 100 }),
        logger: logger.createChild({ persistentKeys: { function: 'submit-statements' } }),
      };
    },
    /** What GET /ready checks: the local platform watches the same, to pause and resume its consumers. */
    readiness,
    consoleApi: () =>
      (consoleApi ??= new ConsoleApi(
        {
          cases,
          store,
          rings,
          config: DETECTION_CONFIG,
          rules,
          shadow: shadowOf(logger.createChild({ persistentKeys: { function: 'console-api' } })),
          shadowNamespace,
          rulesStore,
          accounts,
          audit,
          workflow,
          sellerEvents: ladder.sellerEvents(),
          notifier: ladder.notifier(),
          directory,
          hashHandle,
          statements,
          notifiers,
          buyerRelay: DEVELOPMENT_BUYER_RELAY,
          now,
          appealAddress: DEVELOPMENT_LADDER_LINKS.appealAddress,
          readiness,
        },
        { error: (message, details) => logger.error(message, details) },
      )),
  } satisfies Product & Record<string, unknown>;
}
