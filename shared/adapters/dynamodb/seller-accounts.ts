/**
 * Seller accounts on DynamoDB, in the cases table beside the seller's signals and case pointers:
 *
 * | record  | pk           | sk        |
 * | ------- | ------------ | --------- |
 * | account | `SELLER#<s>` | `ACCOUNT` |
 *
 * One item per seller (strikes and appeals are few); every write is conditional on the version
 * it was read at.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { SellerAccount } from '../../domain/ladder/account';
import { newAccount } from '../../domain/ladder/account';
import { RUNGS } from '../../domain/ladder/rungs';
import type { SellerAccounts } from '../../ports/seller-accounts';
import { AccountConflictError } from '../../ports/seller-accounts';

const StrikeRow = z.object({
  caseId: z.string(),
  rung: z.enum(RUNGS),
  appliedAt: z.string(),
  expiresAt: z.string(),
  withdrawnAt: z.string().optional(),
});

const AppealRow = z.object({
  appealId: z.string(),
  caseId: z.string(),
  filedAt: z.string(),
  filedBy: z.string(),
  rootCause: z.string(),
  actionsTaken: z.string(),
  prevention: z.string(),
  decision: z.object({ outcome: z.enum(['accepted', 'rejected']), by: z.string(), reason: z.string(), at: z.string() }).optional(),
});

const AccountRow = z.object({
  sellerId: z.string(),
  status: z.enum(['active', 'suspended']),
  suspension: z.object({ caseId: z.string(), at: z.string() }).optional(),
  strikes: z.array(StrikeRow),
  appeals: z.array(AppealRow),
  version: z.number(),
});

const accountKey = (sellerId: string) => ({ pk: { S: `SELLER#${encodeURIComponent(sellerId)}` }, sk: { S: 'ACCOUNT' } });

export class DynamoSellerAccounts implements SellerAccounts {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(sellerId: string): Promise<SellerAccount> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: accountKey(sellerId), ConsistentRead: true }));
    if (!Item) return newAccount(sellerId);
    const { pk: _pk, sk: _sk, ...row } = unmarshall(Item);
    return AccountRow.parse(row);
  }

  async save(next: SellerAccount): Promise<void> {
    const first = next.version === 1;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...marshall(next, { removeUndefinedValues: true }), ...accountKey(next.sellerId) },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :previous',
          ExpressionAttributeValues: first ? undefined : { ':previous': { N: String(next.version - 1) } },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new AccountConflictError(`account of seller ${next.sellerId} changed concurrently`, { cause: error });
      }
      throw error;
    }
  }
}
