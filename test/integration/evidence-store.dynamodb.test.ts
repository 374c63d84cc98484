import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/evidence-store';
import { NEGATIVE_INDEX_MAX_RATING } from '../../shared/domain/evidence';
import { EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';
import { messageEvidence, reportDownloadEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { describeEvidenceStore } from '../support/evidence-store-contract';
import { messageSent, reportDownloaded, reviewPosted } from '../support/events';

const { dynamodb } = emulatorClients();
const tableName = `evidence-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(dynamodb, [EVIDENCE_TABLE], () => tableName);
});
afterAll(() => dynamodb.destroy());

describeEvidenceStore('DynamoDB', () => new DynamoEvidenceStore(dynamodb, { tableName }));

describe('a legal hold on DynamoDB', () => {
  it('removes the expiry of every item of the seller, and of no other seller', async () => {
    const store = new DynamoEvidenceStore(dynamodb, { tableName, retentionDays: 30 });
    const sellerId = `S-HOLD-${Date.now().toString(36)}`;
    const other = `${sellerId}-OTHER`;
    const hash = (canonical: string) => `h(${canonical.length})`;
    await store.put(messageEvidence(messageSent({ sellerId }), hash));
    await store.put(reportDownloadEvidence(reportDownloaded({ sellerId, orderIds: Array.from({ length: 4_500 }, (_, i) => `O-${i}`) })));
    await store.put(messageEvidence(messageSent({ sellerId: other }), hash));
    const expiries = async (id: string) => {
      const { Items = [] } = await dynamodb.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `SELLER#${id}` } } }),
      );
      return Items.map((item) => item.expiresAt?.N ?? null);
    };
    expect((await expiries(sellerId)).every((expiry) => expiry !== null)).toBe(true);
    const held = await store.holdSeller(sellerId);
    expect(held).toHaveLength(2);
    expect(await expiries(sellerId)).toEqual([null, null, null, null]);
    expect((await expiries(other)).every((expiry) => expiry !== null)).toBe(true);
  });
});

describe('the negative postings index on DynamoDB', () => {
  const hash = (canonical: string) => `h(${canonical.length})`;
  const items = async (sellerId: string) => {
    const { Items = [] } = await dynamodb.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `SELLER#${sellerId}` } } }),
    );
    return Items;
  };

  it('is one small item per posting rated at most NEGATIVE_INDEX_MAX_RATING, with the review’s expiry', async () => {
    const store = new DynamoEvidenceStore(dynamodb, { tableName, retentionDays: 30 });
    const sellerId = `S-NEG-${Date.now().toString(36)}`;
    for (const rating of [1, 2, 3, 4, 5]) await store.put(reviewEvidence(reviewPosted({ sellerId, rating }), hash));
    const index = (await items(sellerId)).filter((item) => item.sk?.S?.startsWith('NEGATIVE#'));
    expect(index.map((item) => Number(item.rating?.N))).toEqual([1, 2].filter((rating) => rating <= NEGATIVE_INDEX_MAX_RATING));
    expect(index.every((item) => item.expiresAt?.N !== undefined && item.body === undefined)).toBe(true);
  });

  it('answers nothing for a rating it does not index, so that detection reads the reviews', async () => {
    const store = new DynamoEvidenceStore(dynamodb, { tableName });
    const sellerId = `S-NEG3-${Date.now().toString(36)}`;
    await store.put(reviewEvidence(reviewPosted({ sellerId, rating: 3 }), hash));
    expect(await store.negativePostings(sellerId, {}, NEGATIVE_INDEX_MAX_RATING + 1)).toBeUndefined();
    expect(await store.negativePostings(sellerId, {}, NEGATIVE_INDEX_MAX_RATING)).toEqual([]);
  });

  it('holds the index items with their reviews, and a posting stored before the index without one', async () => {
    const store = new DynamoEvidenceStore(dynamodb, { tableName, retentionDays: 30 });
    const sellerId = `S-NEGHOLD-${Date.now().toString(36)}`;
    await store.put(reviewEvidence(reviewPosted({ sellerId, rating: 1 }), hash));
    // A negative posting written before the index: its review item only.
    const old = reviewEvidence(reviewPosted({ sellerId, rating: 1 }, '2026-02-01T00:00:00Z'), hash);
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall({ pk: `SELLER#${sellerId}`, sk: `REVIEW#${old.reviewId}#${old.time}#${old.eventId}`, expiresAt: 1, ...old }, { removeUndefinedValues: true }),
      }),
    );
    expect(await items(sellerId)).toHaveLength(3);
    expect(await store.holdSeller(sellerId)).toHaveLength(2);
    expect((await items(sellerId)).map((item) => item.expiresAt?.N ?? null)).toEqual([null, null, null]);
  });
});
