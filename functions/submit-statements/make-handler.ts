import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { SubmitQueuedStatementsDeps } from '../../shared/use-cases/submit-queued-statements';
import { submitQueuedStatements } from '../../shared/use-cases/submit-queued-statements';

/**
 * The statements queue's consumer: one call to the Transparency Database per batch, a partial
 * batch response naming what failed. An unreachable database throws: the whole batch comes back.
 */
export const makeHandler =
  (deps: SubmitQueuedStatementsDeps) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failed = await submitQueuedStatements(
      event.Records.map((record) => ({ messageId: record.messageId, body: record.body })),
      deps,
    );
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
