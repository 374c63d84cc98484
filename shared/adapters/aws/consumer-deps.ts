/**
 * Wires the ingestion consumers to AWS: clients built once per container, configuration checked at
 * cold start, the hash key read once from Secrets Manager.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { HandleHasher } from '../../domain/evidence';
import type { EvidenceStore } from '../../ports/evidence-store';
import { DETECTION_CONFIG } from '../../domain/detection/config';
import type { DetectionDeps } from '../../use-cases/detect';
import { DynamoCaseStore } from '../dynamodb/case-store';
import { DynamoRingIndex } from '../dynamodb/ring-index';
import { ConfigurationError, ConsumerEnv, loadConfig } from '../../config';
import { hmacHandleHasher } from '../crypto/handle-hasher';
import { DynamoEvidenceStore } from '../dynamodb/evidence-store';
import type { IngestionHandlerDeps } from '../lambda/ingestion-handler';
import { SqsRejectedEventSink } from '../sqs/rejected-event-sink';

export interface ConsumerDeps extends IngestionHandlerDeps, DetectionDeps {
  readonly store: EvidenceStore;
  readonly hashHandle: HandleHasher;
}

export interface ConsumerClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
}

/** Builds the consumer's dependencies from checked configuration and the given clients. */
export function consumerDeps(
  env: ConsumerEnv & { HANDLE_HASH_KEY: string },
  clients: ConsumerClients,
  logger: Logger,
): ConsumerDeps {
  return {
    store: new DynamoEvidenceStore(clients.dynamodb, {
      tableName: env.EVIDENCE_TABLE_NAME,
      retentionDays: env.EVIDENCE_RETENTION_DAYS,
    }),
    rejected: new SqsRejectedEventSink(clients.sqs, env.DEAD_LETTER_QUEUE_URL),
    idempotency: new DynamoDBPersistenceLayer({
      tableName: env.IDEMPOTENCY_TABLE_NAME,
      awsSdkV3Client: clients.dynamodb,
    }),
    hashHandle: hmacHandleHasher(env.HANDLE_HASH_KEY),
    cases: new DynamoCaseStore(clients.dynamodb, env.CASES_TABLE_NAME),
    rings: new DynamoRingIndex(clients.dynamodb, env.CASES_TABLE_NAME),
    config: DETECTION_CONFIG,
    logger,
  };
}

/** The Lambda entry points call this once, at cold start. */
export async function consumerDepsFromEnv(consumer: string): Promise<ConsumerDeps> {
  const env = loadConfig(ConsumerEnv);
  const key = env.HANDLE_HASH_KEY ?? (await readHashKey(env.HANDLE_HASH_KEY_SECRET_ARN));
  const logger = new Logger({ serviceName: 'offside', persistentKeys: { consumer } });
  return consumerDeps({ ...env, HANDLE_HASH_KEY: key }, { dynamodb: new DynamoDBClient({}), sqs: new SQSClient({}) }, logger);
}

export async function readHashKey(secretArn: string | undefined): Promise<string> {
  if (!secretArn) throw new ConfigurationError('HANDLE_HASH_KEY_SECRET_ARN is required');
  const secret = await getSecret(secretArn);
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new ConfigurationError(`secret ${secretArn} must hold a string of at least 32 characters`);
  }
  return secret;
}
