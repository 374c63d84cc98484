import { Logger } from '@aws-lambda-powertools/logger';
import type { ConsumerDeps } from '../aws/consumer-deps';
import { hmacHandleHasher } from '../crypto/handle-hasher';
import { DETECTION_CONFIG } from '../../domain/detection/config';
import { InMemoryCaseStore } from './case-store';
import { InMemoryEvidenceStore } from './evidence-store';
import type { InMemoryEvidenceStoreOptions } from './evidence-store';
import { InMemoryIdempotencyStore } from './idempotency-store';
import { InMemoryRejectedEventSink } from './rejected-event-sink';
import { InMemoryRingIndex } from './ring-index';

/** A development-only key: in-memory runs never hold real data. */
export const DEVELOPMENT_HASH_KEY = 'offside-development-key-not-for-production-use';

export interface InMemoryConsumerDeps extends ConsumerDeps {
  readonly store: InMemoryEvidenceStore;
  readonly rejected: InMemoryRejectedEventSink;
  readonly idempotency: InMemoryIdempotencyStore;
  readonly cases: InMemoryCaseStore;
  readonly rings: InMemoryRingIndex;
}

/** The consumers' dependencies, all in this process: replay and unit tests. */
export function inMemoryConsumerDeps(
  logger = new Logger({ serviceName: 'offside', logLevel: 'SILENT' }),
  options: InMemoryEvidenceStoreOptions = {},
): InMemoryConsumerDeps {
  return {
    store: new InMemoryEvidenceStore(options),
    rejected: new InMemoryRejectedEventSink(),
    idempotency: new InMemoryIdempotencyStore(),
    hashHandle: hmacHandleHasher(DEVELOPMENT_HASH_KEY),
    cases: new InMemoryCaseStore(),
    rings: new InMemoryRingIndex(),
    config: DETECTION_CONFIG,
    logger,
  };
}
