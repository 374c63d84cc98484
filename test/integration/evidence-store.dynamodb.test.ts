import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/evidence-store';
import { EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';
import { messageEvidence, reportDownloadEvidence } from '../../shared/domain/evidence';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { describeEvidenceStore } from '../support/evidence-store-contract';
import { messageSent, reportDownloaded } from '../support/events';

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
