import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { caseIdOfItem } from '../../shared/adapters/dynamodb/case-store';
import type { LadderStarterDeps } from '../../shared/composition/product';
import { advanceLadder } from '../../shared/use-cases/advance-ladder';

/**
 * The cases table's stream: each changed case is read again (the image may be older than the
 * case) and the ladder advanced for it. A failed record is retried by the event source mapping,
 * alone (partial batch response).
 */
export const makeHandler = (deps: LadderStarterDeps) => {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const record = async (change: DynamoDBRecord) => {
    // The stream's images are DynamoDB JSON, which is what AttributeValue describes.
    const caseId = caseIdOfItem(change.dynamodb?.NewImage as Record<string, AttributeValue> | undefined);
    if (caseId === undefined) return;
    const item = await deps.cases.getCase(caseId);
    if (!item) return;
    const started = await advanceLadder(item, deps);
    if (started) deps.logger.info('ladder execution started', { caseId, sellerId: item.sellerId, execution: started });
  };
  // In stream order: two changes of one case in a batch must not race each other.
  return (event: DynamoDBStreamEvent) => processPartialResponse(event, record, processor, { processInParallel: false });
};
