/**
 * The audit log on DynamoDB (the audit table): one item per entry, never updated or deleted.
 *
 * | record | pk                  | sk      | byCase: caseKey, timeKey         | bySeller: sellerKey, timeKey | byActor: actorKey, timeKey |
 * | ------ | ------------------- | ------- | -------------------------------- | ---------------------------- | -------------------------- |
 * | entry  | `ENTRY#<entryId>`   | `ENTRY` | `CASE#<caseId>`, `<at>#<entryId>` | `SELLER#<sellerId>`, same    | `ACTOR#<actor>`, same      |
 *
 * Access patterns: record an entry (a put conditional on its key not existing, so an entry can
 * never be overwritten; a second record of the same id reads the first back to tell a retry from a
 * conflict); a case's, a seller's or an actor's entries, newest first, a page at a time (one index
 * each, read backwards from the cursor's `timeKey`). Keying the item by entry id rather than by
 * case is what makes the once-only check a single conditional put.
 *
 * The indexes are eventually consistent: on AWS an entry may take a moment to appear in a listing
 * after `record` resolves (DynamoDB Local shows it at once).
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditEntry, AuditLog, AuditPage, AuditPageRequest } from '../../ports/audit-log';
import {
  AuditConflictError,
  AuditEntrySchema,
  auditOrderKey,
  auditPageSize,
  decodeAuditCursor,
  encodeAuditCursor,
  parseAuditEntry,
  sameAuditEntry,
} from '../../ports/audit-log';

const key = (id: string) => encodeURIComponent(id);
const entryKey = (entryId: string) => ({ pk: { S: `ENTRY#${key(entryId)}` }, sk: { S: 'ENTRY' } });

const INDEXES = {
  byCase: { indexName: 'byCase', partitionKey: 'caseKey', value: (caseId: string) => `CASE#${key(caseId)}` },
  bySeller: { indexName: 'bySeller', partitionKey: 'sellerKey', value: (sellerId: string) => `SELLER#${key(sellerId)}` },
  byActor: { indexName: 'byActor', partitionKey: 'actorKey', value: (actor: string) => `ACTOR#${key(actor)}` },
} as const;

type Index = (typeof INDEXES)[keyof typeof INDEXES];

const parseRow = (item: Record<string, AttributeValue>): AuditEntry => AuditEntrySchema.parse(unmarshall(item));

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const parsed = parseAuditEntry(entry);
    const item = {
      ...entryKey(parsed.entryId),
      ...marshall(
        {
          ...parsed,
          [INDEXES.byCase.partitionKey]: INDEXES.byCase.value(parsed.caseId),
          [INDEXES.bySeller.partitionKey]: INDEXES.bySeller.value(parsed.sellerId),
          [INDEXES.byActor.partitionKey]: INDEXES.byActor.value(parsed.actor),
          timeKey: auditOrderKey(parsed),
        },
        { removeUndefinedValues: true },
      ),
    };
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: entryKey(parsed.entryId), ConsistentRead: true }),
      );
      if (Item && sameAuditEntry(parseRow(Item), parsed)) return;
      throw new AuditConflictError(`audit entry ${parsed.entryId} was recorded before with different content`, { cause: error });
    }
  }

  byCase(caseId: string, page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.page(INDEXES.byCase, caseId, page);
  }

  bySeller(sellerId: string, page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.page(INDEXES.bySeller, sellerId, page);
  }

  byActor(actor: string, page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.page(INDEXES.byActor, actor, page);
  }

  /**
   * One page, newest first. Reads one entry more than asked to know whether another page exists,
   * and follows DynamoDB's own pages (cut at 1 MB) until it has them.
   */
  private async page(index: Index, id: string, request: AuditPageRequest): Promise<AuditPage> {
    const limit = auditPageSize(request);
    const values: Record<string, AttributeValue> = { ':id': { S: index.value(id) } };
    let condition = `${index.partitionKey} = :id`;
    if (request.cursor !== undefined) {
      values[':below'] = { S: auditOrderKey(decodeAuditCursor(request.cursor)) };
      condition += ' AND timeKey < :below';
    }
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: limit + 1 - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(response.Items ?? []));
      startKey = response.LastEvaluatedKey;
    } while (startKey && items.length <= limit);

    const entries = items.slice(0, limit).map(parseRow);
    const last = entries.at(-1);
    return items.length > limit && last ? { entries, nextCursor: encodeAuditCursor(last) } : { entries };
  }
}
