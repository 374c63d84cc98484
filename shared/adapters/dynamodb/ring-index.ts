/**
 * The ring index on DynamoDB (the cases table): `pk = RING#<kind>#<key>`, `sk = SELLER#<sellerId>`,
 * one item per seller behind a contact-handle hash or a look-up app. A link keeps the seller's
 * earliest evidence (conditional write), so the ring's formation time does not depend on order.
 * A namespace (a shadow version's) prefixes the key: `SHADOW#3#RING#<kind>#<key>`.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { RingKind, RingMember } from '../../domain/detection/complaint-and-ring';
import type { RingIndex } from '../../ports/ring-index';
import { queryAll } from './query-all';

const MemberRow = z.object({ sellerId: z.string(), evidenceId: z.string(), time: z.string() });

export class DynamoRingIndex implements RingIndex {
  private readonly prefix: string;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    /** Keeps the records apart from the live ones (a shadow's); @default none: the live records */
    namespace?: string,
  ) {
    this.prefix = namespace === undefined ? '' : `${namespace}#`;
  }

  private ringPk(kind: RingKind, key: string): string {
    return `${this.prefix}RING#${kind}#${encodeURIComponent(key)}`;
  }

  async link(kind: RingKind, key: string, member: RingMember): Promise<RingMember[]> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ pk: this.ringPk(kind, key), sk: `SELLER#${encodeURIComponent(member.sellerId)}`, ...member }),
          ConditionExpression: 'attribute_not_exists(pk) OR #time > :time',
          ExpressionAttributeNames: { '#time': 'time' },
          ExpressionAttributeValues: { ':time': { S: member.time } },
        }),
      );
    } catch (error) {
      // The seller was already linked by earlier evidence: nothing to change.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return this.members(kind, key);
  }

  async unlink(kind: RingKind, key: string, sellerId: string): Promise<RingMember[]> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: { pk: { S: this.ringPk(kind, key) }, sk: { S: `SELLER#${encodeURIComponent(sellerId)}` } } }),
    );
    return this.members(kind, key);
  }

  async members(kind: RingKind, key: string): Promise<RingMember[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: this.ringPk(kind, key) } },
      ConsistentRead: true,
    });
    return items.map((item) => MemberRow.parse(unmarshall(item)));
  }
}
