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
 * no pointer existing: two consumers racing for one seller cannot open two cases. Closing one
 * writes the case and deletes the pointer in one transaction. Every other update is one PutItem of
 * the case, conditional on the version it was read at (a transaction bills twice the units).
 *
 * The case item keeps its signals and rung requests, the bulk of a case (hundreds of signals with
 * their explanations and evidence ids), as one Brotli-compressed JSON attribute, `packed` (a
 * tenth of their size: a case is written at every change of its seller's signals, into the table
 * and the byStatus index alike); every other field stays an attribute of its own. Items written
 * before, with `signals` as a list, are read as they are.
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
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
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

/** The case's fields stored together in `packed`, compressed. */
const PACKED_FIELDS = ['signals', 'rungRequests'] as const;
const Packed = z.object({ signals: z.array(z.unknown()), rungRequests: z.array(z.unknown()).optional() });

/** The case item: the index keys, the packed fields compressed, every other field as it is. */
function caseItem(next: Case, pk: string, statusKey: string): Record<string, AttributeValue> {
  const { signals, rungRequests, ...rest } = storableNumbers(next);
  const packed = brotliCompressSync(JSON.stringify({ signals, rungRequests }), {
    params: { [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT, [zlibConstants.BROTLI_PARAM_QUALITY]: 9 },
  });
  return marshall(
    { pk, sk: 'CASE', statusKey, openedKey: `${next.openedAt}#${next.caseId}`, ...rest, packed },
    { removeUndefinedValues: true },
  );
}

function parseCase(item: Record<string, AttributeValue>): Case {
  const { packed, ...row } = unmarshall(item);
  if (packed === undefined) return CaseSchema.parse(row);
  if (!(packed instanceof Uint8Array)) throw new TypeError(`case item ${String(row.caseId)}: packed is not binary`);
  const unpacked = Packed.parse(JSON.parse(brotliDecompressSync(packed).toString('utf8')));
  for (const field of PACKED_FIELDS) if (field in row) throw new TypeError(`case item ${String(row.caseId)}: ${field} both packed and in clear`);
  return CaseSchema.parse({ ...row, ...unpacked });
}

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
    const item = caseItem(next, this.casePk(next.caseId), this.statusKey(next.status));
    const pointerKey = { pk: { S: this.sellerPk(next.sellerId) }, sk: { S: 'OPEN_CASE' } };
    const previous = { ':previous': { N: String(next.version - 1) } };
    if (next.version !== 1 && next.status === 'open') {
      // The common write, at every change of the seller's signals: the case alone, on its version.
      try {
        await this.client.send(
          new PutItemCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'version = :previous', ExpressionAttributeValues: previous }),
        );
        return;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new CaseConflictError(`case ${next.caseId} of seller ${next.sellerId} changed concurrently (ConditionalCheckFailed)`, { cause: error });
        }
        throw error;
      }
    }
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
        { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      );
    } else {
      // Closed or dismissed: the case, and the seller's pointer to it gone, together.
      items.push(
        { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'version = :previous', ExpressionAttributeValues: previous } },
        {
          Delete: {
            TableName: this.tableName,
            Key: pointerKey,
            ConditionExpression: 'caseId = :caseId',
            ExpressionAttributeValues: { ':caseId': { S: next.caseId } },
          },
        },
      );
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
