/**
 * The one shape every ingestion consumer has: an SQS batch handler around Powertools' batch
 * processor (partial batch responses), where each record is
 * - parsed with the v1 contract; an invalid event is sent to the dead-letter queue at once with
 *   its reason and counts as handled, so it is never retried;
 * - checked against the types this consumer accepts (a misrouted event is invalid here);
 * - processed once per event id (Powertools idempotency), so a redelivery changes nothing;
 * - failed alone when anything else goes wrong (throttling, a timeout, a database out of reach),
 *   so SQS retries only that record; on its queue's last receive (`maxReceiveCount`) a record that
 *   fails again is sent to the dead-letter queue by the consumer, with the failure as its reason,
 *   rather than left for SQS to move there with none.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseEventJson, describeIssues } from '../../../events/v1/parse';
import type { EventType as OffsideEventType, OffsideEvent } from '../../../events/v1/schemas';
import { CaseConflictError } from '../../ports/case-store';
import type { RejectedEventSink } from '../../ports/rejected-events';
import { isDependencyUnavailable } from '../unavailable';

export interface IngestionHandlerDeps {
  readonly rejected: RejectedEventSink;
  readonly idempotency: BasePersistenceLayer;
  readonly logger: Logger;
  /**
   * The queue's `maxReceiveCount`: on that receive a record that fails again is dead-lettered with
   * its reason. @default none: SQS moves it after its last receive, without a reason
   */
  readonly maxReceiveCount?: number;
}

/** A failure in one line for a reason: the error's name and the first line of its message (and its cause's), never a stack. */
function describeFailure(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return 'an unknown error';
  const code = 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  const message = (error.message.split('\n')[0] ?? '').slice(0, 300);
  const cause = error.cause instanceof Error && depth < 2 ? `; cause: ${describeFailure(error.cause, depth + 1)}` : '';
  return `${error.name}${code}${message ? `: ${message}` : ''}${cause}`;
}

export interface IngestionRoute<T extends OffsideEvent> {
  /** The consumer's name, for logs. */
  readonly name: string;
  readonly accepts: readonly T['type'][];
  readonly process: (event: T) => Promise<void>;
}

/** How long a processed event id is remembered; later redeliveries still write identical items. */
const IDEMPOTENCY_WINDOW_SECONDS = 7 * 24 * 3600;

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function makeIngestionHandler<T extends OffsideEvent>(
  route: IngestionRoute<T>,
  deps: IngestionHandlerDeps,
): SqsBatchHandler {
  const accepted = new Set<OffsideEventType>(route.accepts);
  const isAccepted = (event: OffsideEvent): event is T => accepted.has(event.type);

  // Keyed on the event id alone: the first argument is `{ id }`, and Powertools hashes it whole.
  // (An `eventKeyJmesPath` would do the same through a JMESPath interpreter built per record.)
  const config = new IdempotencyConfig({ expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS });
  const processOnce = makeIdempotent(
    async (_key: { readonly id: string }, event: T) => {
      await route.process(event);
      return { id: event.id, type: event.type };
    },
    { persistenceStore: deps.idempotency, config },
  );

  const reject = async (record: SQSRecord, reason: string) => {
    deps.logger.warn('event rejected', { consumer: route.name, sqsMessageId: record.messageId, reason });
    await deps.rejected.reject({ body: record.body, reason, sourceMessageId: record.messageId });
  };

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const parsed = parseEventJson(record.body);
    if (!parsed.ok) return reject(record, describeIssues(parsed.issues));
    if (!isAccepted(parsed.event)) {
      return reject(record, `type: ${parsed.event.type} is not accepted by ${route.name} (accepts ${route.accepts.join(', ')})`);
    }
    try {
      await processOnce({ id: parsed.event.id }, parsed.event);
    } catch (error) {
      const receives = Number(record.attributes.ApproximateReceiveCount);
      if (deps.maxReceiveCount === undefined || !(receives >= deps.maxReceiveCount)) throw error;
      deps.logger.error('record failed on its last receive; dead-lettered with the reason', { consumer: route.name, sqsMessageId: record.messageId, receives, error });
      await reject(record, `failed on each of its ${receives} receives (the queue's maxReceiveCount); last: ${describeFailure(error)}`);
    }
  };

  // One processor per handler, as Powertools intends: it resets itself at the start of each batch.
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    config.registerLambdaContext(context);
    const response = await processPartialResponse(event, handleRecord, processor, {
      context,
      // A batch where every record failed is reported like any other partial failure.
      throwOnFullBatchFailure: false,
      // One record at a time: a record's CPU work (the classifier, redaction) runs between its
      // I/O, so the process answers anything else in between; in parallel, ten records' work
      // would wait for the same I/O and then run back to back, holding the process for all ten
      // (the local host serves the console from the same process). Records of one seller no
      // longer race each other on the case either.
      processInParallel: false,
    });
    for (const failure of processor.errors) {
      // A lost race on a case (the ladder wrote it meanwhile) is routine: the retry reads it again.
      if (failure instanceof CaseConflictError) deps.logger.warn('record lost a race on its case; SQS will retry it', { consumer: route.name, reason: failure.message });
      // So is a dependency out of reach: one line each, no stack; readiness says what is down.
      else if (isDependencyUnavailable(failure)) deps.logger.warn('record failed: a dependency is unavailable; SQS will retry it', { consumer: route.name, reason: describeFailure(failure) });
      else deps.logger.error('record failed; SQS will retry it', { consumer: route.name, error: failure });
    }
    return response;
  };
}
