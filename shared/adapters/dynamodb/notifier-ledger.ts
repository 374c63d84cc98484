/**
 * Notices from buyers and notifier standings on DynamoDB, in the cases table:
 *
 * | record             | pk                     | sk                  |
 * | ------------------ | ---------------------- | ------------------- |
 * | notice             | `SELLER#<s>`           | `NOTICE#<reference>`|
 * | standing           | `NOTIFIER#<buyerId>`   | `STANDING`          |
 * | sanctioned marker  | `NOTIFIERS#SANCTIONED` | `<buyerId>`         |
 *
 * Access patterns: a seller's notices (begins_with NOTICE#, beside its signals); one standing;
 * the sanctioned notifiers (one small partition). A notice is written once per reference, its
 * outcome once (conditional on none), a standing conditionally on its version.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { NoticeRecord, NotifierStanding } from '../../domain/dsa/notifier-standing';
import { newStanding, NotifierContestSchema } from '../../domain/dsa/notifier-standing';
import type { NotifierLedger } from '../../ports/notifier-ledger';
import { StandingConflictError } from '../../ports/notifier-ledger';
import { queryAll } from './query-all';

const key = (id: string) => encodeURIComponent(id);
const Outcome = z.object({ decision: z.enum(['actioned', 'dismissed']), at: z.string(), caseId: z.string() });
const Notice = z.object({
  reference: z.string(),
  buyerId: z.string(),
  sellerId: z.string(),
  language: z.string().optional(),
  receivedAt: z.string(),
  counted: z.boolean(),
  outcome: Outcome.optional(),
});
const Standing = z.object({
  buyerId: z.string(),
  unfounded: z.array(z.object({ reference: z.string(), at: z.string() })),
  warnedAt: z.string().optional(),
  restriction: z.object({ from: z.string(), until: z.string() }).optional(),
  sanctionCase: z.object({ caseId: z.string(), sellerId: z.string() }).optional(),
  contest: NotifierContestSchema.optional(),
  version: z.number(),
});

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

export class DynamoNotifierLedger implements NotifierLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async recordNotice(notice: NoticeRecord): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ pk: `SELLER#${key(notice.sellerId)}`, sk: `NOTICE#${notice.reference}`, ...notice }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async sellerNotices(sellerId: string): Promise<NoticeRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: marshall({ ':pk': `SELLER#${key(sellerId)}`, ':prefix': 'NOTICE#' }),
    });
    return items.map((item) => Notice.parse(unmarshall(item))).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }

  async recordOutcome(notice: Pick<NoticeRecord, 'sellerId' | 'reference'>, outcome: NonNullable<NoticeRecord['outcome']>): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ pk: `SELLER#${key(notice.sellerId)}`, sk: `NOTICE#${notice.reference}` }),
          UpdateExpression: 'SET outcome = :outcome',
          ConditionExpression: 'attribute_exists(sk) AND attribute_not_exists(outcome)',
          ExpressionAttributeValues: marshall({ ':outcome': outcome }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async noticesReceived(from: string, to: string): Promise<NoticeRecord[]> {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'begins_with(sk, :prefix) AND receivedAt >= :from AND receivedAt < :to',
          ExpressionAttributeValues: marshall({ ':prefix': 'NOTICE#', ':from': from, ':to': to }),
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map((item) => Notice.parse(unmarshall(item))).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }

  async standing(buyerId: string): Promise<NotifierStanding> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: marshall({ pk: `NOTIFIER#${key(buyerId)}`, sk: 'STANDING' }), ConsistentRead: true }));
    return Item ? Standing.parse(unmarshall(Item)) : newStanding(buyerId);
  }

  async saveStanding(next: NotifierStanding): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ pk: `NOTIFIER#${key(next.buyerId)}`, sk: 'STANDING', ...next }, { removeUndefinedValues: true }),
          ConditionExpression: next.version === 1 ? 'attribute_not_exists(sk)' : 'version = :previous',
          ...(next.version === 1 ? {} : { ExpressionAttributeValues: marshall({ ':previous': next.version - 1 }) }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new StandingConflictError(`standing of ${next.buyerId} changed since it was read`, { cause: error });
      throw error;
    }
    if (next.warnedAt !== undefined || next.restriction !== undefined) {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: marshall({ pk: 'NOTIFIERS#SANCTIONED', sk: next.buyerId }) }));
    }
  }

  async sanctioned(): Promise<NotifierStanding[]> {
    const markers = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': 'NOTIFIERS#SANCTIONED' }),
    });
    return Promise.all(markers.map((item) => this.standing(z.object({ sk: z.string() }).parse(unmarshall(item)).sk)));
  }
}
