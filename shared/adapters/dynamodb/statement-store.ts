/**
 * Statements of reasons on DynamoDB, in the cases table beside the case they explain:
 *
 * | record    | pk              | sk                   |
 * | --------- | --------------- | -------------------- |
 * | statement | `CASE#<caseId>` | `STATEMENT#<puid>`   |
 *
 * Access pattern: a case's statements (one partition, begins_with). A put is conditional on no
 * statement with that puid, so a retried step stores it once. The ladder starter on the table's
 * stream takes only `sk = CASE` items (caseIdOfItem), so these never start an execution.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { StatementOfReasonsSchema } from '../../domain/dsa/transparency-database';
import type { IssuedStatement, StatementStore } from '../../ports/statement-store';
import { queryAll } from './query-all';

const key = (id: string) => encodeURIComponent(id);

const StoredStatement = z.object({
  caseId: z.string(),
  sellerId: z.string(),
  issuedAt: z.string(),
  revises: z.string().optional(),
  statement: StatementOfReasonsSchema,
});

export class DynamoStatementStore implements StatementStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async put(issued: IssuedStatement): Promise<{ stored: boolean }> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ pk: `CASE#${key(issued.caseId)}`, sk: `STATEMENT#${issued.statement.puid}`, ...issued }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
      return { stored: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { stored: false };
      throw error;
    }
  }

  async byCase(caseId: string): Promise<IssuedStatement[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: marshall({ ':pk': `CASE#${key(caseId)}`, ':prefix': 'STATEMENT#' }),
    });
    return items
      .map((item) => StoredStatement.parse(unmarshall(item)))
      .sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0));
  }
}
