/**
 * The shape every composition root builds, one per environment: aws.ts (Lambda), emulators.ts
 * (the local stand-ins: `npm start`, integration tests) and memory.ts (replay, unit tests). Each
 * answers the same four questions, the dependencies of each of the product's entry points, from
 * the adapters of its environment; the entry points (functions/*, the local hosts) only ask.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConsoleApi } from '../adapters/http/router';
import type { IngestionHandlerDeps } from '../adapters/lambda/ingestion-handler';
import type { QueueDefinition } from '../adapters/sqs/queues';
import type { AdvanceLadderDeps } from '../use-cases/advance-ladder';
import type { LadderStepDeps } from '../use-cases/ladder-steps/step';
import type { RecordMessageDeps } from '../use-cases/record-message';
import type { RecordReportDownloadDeps } from '../use-cases/record-report-download';
import type { RecordReviewDeps } from '../use-cases/record-review';
import type { SubmitQueuedStatementsDeps } from '../use-cases/submit-queued-statements';

export type ConsumerName = QueueDefinition['consumer'];

/** What an ingestion consumer works with: the batch handler's, and its record's use case's. */
export type ConsumerDeps = IngestionHandlerDeps & RecordReviewDeps & RecordMessageDeps & RecordReportDownloadDeps;

/** What the ladder starter on the cases stream works with. */
export type LadderStarterDeps = AdvanceLadderDeps & { readonly logger: Logger };

export interface Product {
  /** An ingestion consumer (functions/ingest-*). */
  consumer(name: ConsumerName): ConsumerDeps;
  /** The enforcement ladder's step (functions/ladder-step). */
  ladderStep(): LadderStepDeps;
  /** The ladder starter on the cases table's stream (functions/ladder-starter). */
  ladderStarter(): LadderStarterDeps;
  /** The console API over its use cases (functions/console-api). */
  consoleApi(): ConsoleApi;
  /** The submitter of statements of reasons to the DSA Transparency Database (functions/submit-statements). */
  statementSubmitter(): SubmitQueuedStatementsDeps;
}
