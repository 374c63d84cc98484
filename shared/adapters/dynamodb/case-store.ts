/**
 * Signals and cases on DynamoDB (the cases table).
 *
 * | record            | pk               | sk                            | byStatus index                        |
 * | ----------------- | ---------------- | ----------------------------- | ------------------------------------- |
 * | signal            | `SELLER#<s>`     | `SIGNAL#<signalId>`           |                                       |
 * | open-case pointer | `SELLER#<s>`     | `OPEN_CASE`                   |                                       |
 * | case reference    | `SELLER#<s>`     | `CASEREF#<openedAt>#<caseId>` |                                       |
 * | case              | `CASE#<caseId>`  | `CASE`                        | `CASES#<status>`, `<openedAt>#<caseId>` |
 *
 * Access patterns: a seller's signals (one partition; a seller has few); its open case (pointer,
 * then the case); its cases (references); one case by id; cases by status, newest first (index).
 * Opening a case writes the pointer, the reference and the case in one transaction, conditional on
 * no pointer existing: two consumers racing for one seller cannot open two cases. Every case
 * update is conditional on the version it was read at.
 *
 * A namespace (a shadow version's, `SHADOW#<n>`) prefixes every key above (`SHADOW#3#SELLER#<s>`,
 * `SHADOW#3#CASE#<c>`, `SHADOW#3#CASES#<status>`): its records share the table but no key, index
 * partition or stream filter (`CASE#...`, the ladder starter's) with the live ones.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { QueryCommandInput, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { Case } from '../../domain/cases/case';
import { CaseSchema } from '../../domain/cases/case';
import type { Signal } from '../../domain/detection/signals';
import { SignalSchema } from '../../domain/detection/signals';
import type { CaseQuery, CaseStore } from '../../ports/case-store';
import { CaseConflictError } from '../../ports/case-store';
import type { TimeWindow } from '../../domain/time';
import { isInWindow } from '../../domain/time';
import { queryAll } from './query-all';
import { storableNumbers } from './storable-numbers';

const key = (id: string) => encodeURIComponent(id);

const OpenPointer = z.object({ caseId: z.string() });

const parseCase = (item: Record<string, AttributeValue>): Case => CaseSchema.parse(unmarshall(item));

/** The case id of a cases-table item (a stream record's image), or undefined for any other item. */
export function caseIdOfItem(item: Record<string, AttributeValue> | undefined): string | undefined {
  if (item?.sk?.S !== 'CASE' || !item.pk?.S?.startsWith('CASE#')) return undefined;
  return item.caseId?.S;
}

/** The index key condition for a status and an optional opening range (DynamoDB refuses empty key values). */
function openedRange(statusKey: string, query: CaseQuery) {
  const values: Record<string, AttributeValue> = { ':status': { S: statusKey } };
  let condition = 'statusKey = :status';
  // openedKey is `<openedAt>#<caseId>`: the upper bound takes every case opened at `openedTo`.
  if (query.openedFrom !== undefined) values[':from'] = { S: query.openedFrom };
  if (query.openedTo !== undefined) values[':to'] = { S: `${query.openedTo}#\uffff` };
  if (query.openedFrom !== undefined && query.openedTo !== undefined) condition += ' AND openedKey BETWEEN :from AND :to';
  else if (query.openedFrom !== undefined) condition += ' AND openedKey >= :from';
  else if (query.openedTo !== undefined) condition += ' AND openedKey <= :to';
  return { KeyConditionExpression: condition, ExpressionAttributeValues: values };
}

export class DynamoCaseStore implements CaseStore {
  private readonly prefix: string;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    /** Keeps the records apart from the live ones (a shadow's); @default none: the live records */
    namespace?: string,
  ) {
    this.prefix = namespace === undefined ? '' : `${namespace}#`;
  }

  private sellerPk(sellerId: string): string {
    return `${this.prefix}SELLER#${key(sellerId)}`;
  }

  private casePk(caseId: string): string {
    return `${this.prefix}CASE#${key(caseId)}`;
  }

  private statusKey(status: string): string {
    return `${this.prefix}CASES#${status}`;
  }

  async putSignal(signal: Signal): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ pk: this.sellerPk(signal.sellerId), sk: `SIGNAL#${key(signal.signalId)}`, ...storableNumbers(signal) }, { removeUndefinedValues: true }),
          // A judgement on a smaller basis (less evidence) never replaces one on a larger.
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(#basis) OR #basis <= :basis',
          ExpressionAttributeNames: { '#basis': 'basis' },
          ExpressionAttributeValues: { ':basis': { N: String(signal.basis ?? 0) } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async sellerSignals(sellerId: string, window: TimeWindow = {}): Promise<Signal[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: this.sellerPk(sellerId) }, ':prefix': { S: 'SIGNAL#' } },
    });
    return items
      .map((item) => SignalSchema.parse(unmarshall(item)))
      .filter((signal) => isInWindow(signal.time, window))
      .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  }

  async openCase(sellerId: string): Promise<Case | undefined> {
    const pointer = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: this.sellerPk(sellerId) }, sk: { S: 'OPEN_CASE' } },
        ConsistentRead: true,
      }),
    );
    if (!pointer.Item) return undefined;
    return this.getCase(OpenPointer.parse(unmarshall(pointer.Item)).caseId);
  }

  async saveCase(next: Case): Promise<void> {
    const caseItem = marshall(
      { pk: this.casePk(next.caseId), sk: 'CASE', statusKey: this.statusKey(next.status), openedKey: `${next.openedAt}#${next.caseId}`, ...storableNumbers(next) },
      { removeUndefinedValues: true },
    );
    const pointerKey = { pk: { S: this.sellerPk(next.sellerId) }, sk: { S: 'OPEN_CASE' } };
    const items: TransactWriteItem[] = [];
    if (next.version === 1) {
      items.push(
        {
          Put: {
            TableName: this.tableName,
            Item: { ...pointerKey, caseId: { S: next.caseId } },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: marshall({ pk: this.sellerPk(next.sellerId), sk: `CASEREF#${next.openedAt}#${key(next.caseId)}`, caseId: next.caseId }),
          },
        },
        { Put: { TableName: this.tableName, Item: caseItem, ConditionExpression: 'attribute_not_exists(pk)' } },
      );
    } else {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: caseItem,
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': { N: String(next.version - 1) } },
        },
      });
      if (next.status !== 'open') {
        items.push({
          Delete: {
            TableName: this.tableName,
            Key: pointerKey,
            ConditionExpression: 'caseId = :caseId',
            ExpressionAttributeValues: { ':caseId': { S: next.caseId } },
          },
        });
      }
    }
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        if (reasons.includes('ConditionalCheckFailed')) {
          throw new CaseConflictError(`case ${next.caseId} of seller ${next.sellerId} changed concurrently (${reasons.join(', ')})`, {
            cause: error,
          });
        }
      }
      throw error;
    }
  }

  async getCase(caseId: string): Promise<Case | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: this.casePk(caseId) }, sk: { S: 'CASE' } }, ConsistentRead: true }),
    );
    return Item ? parseCase(Item) : undefined;
  }

  async listCases(query: CaseQuery = {}): Promise<Case[]> {
    let cases: Case[];
    if (query.sellerId !== undefined) {
      const refs = await this.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: this.sellerPk(query.sellerId) }, ':prefix': { S: 'CASEREF#' } },
      });
      const found = await Promise.all(refs.map((ref) => this.getCase(OpenPointer.parse(unmarshall(ref)).caseId)));
      cases = found.filter((item): item is Case => item !== undefined);
    } else {
      const statuses = query.status ? [query.status] : (['open', 'closed', 'dismissed'] as const);
      const pages = await Promise.all(
        statuses.map((status) =>
          this.queryAll({
            IndexName: 'byStatus',
            ...openedRange(this.statusKey(status), query),
            ScanIndexForward: false,
          }),
        ),
      );
      cases = pages.flat().map(parseCase);
    }
    return cases
      .filter(
        (item) =>
          (query.status === undefined || item.status === query.status) &&
          (query.rung === undefined || item.requestedRung === query.rung) &&
          (query.openedFrom === undefined || item.openedAt >= query.openedFrom) &&
          (query.openedTo === undefined || item.openedAt <= query.openedTo) &&
          (query.rule === undefined || item.signals.some((signal) => signal.rule === query.rule)),
      )
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : a.caseId < b.caseId ? 1 : -1));
  }

  private queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
    return queryAll(this.client, { ...input, TableName: this.tableName });
  }
}
