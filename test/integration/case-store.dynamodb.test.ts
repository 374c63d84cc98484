import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store';
import { DynamoRingIndex } from '../../shared/adapters/dynamodb/ring-index';
import { CASES_TABLE } from '../../shared/adapters/dynamodb/tables';
import type { Case, CaseSignal } from '../../shared/domain/cases/case';
import { caseIdFor } from '../../shared/domain/cases/case';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { CapacityMeter } from '../../tools/bench/capacity-meter';
import { emulatorClients } from '../support/aws-clients';
import { describeCaseStore, describeRingIndex } from '../support/case-store-contract';

const { dynamodb } = emulatorClients();
const tableName = `cases-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(dynamodb, [CASES_TABLE], () => tableName);
});
afterAll(() => dynamodb.destroy());

describeCaseStore('DynamoDB', () => new DynamoCaseStore(dynamodb, tableName));
describeRingIndex('DynamoDB', () => new DynamoRingIndex(dynamodb, tableName));

describe('the DynamoDB case item', () => {
  let counter = 0;
  const seller = () => `S-case-item-${Date.now().toString(36)}-${++counter}`;
  const signals = (n: number): CaseSignal[] =>
    Array.from({ length: n }, (_, i) => ({
      signalId: `unexplained-flips:R-${String(i).padStart(6, '0')}`,
      rule: 'unexplained-flips',
      time: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      points: 12,
      explanation: `${i + 3} of the seller's 140 negative reviews in the 180 days before were raised or removed without a seller message to the buyer; at the platform's base rate (3.0%) about 4.2 would be expected (binomial tail p = 1.2e-${i % 9 + 3}).`,
      evidenceIds: Array.from({ length: 6 }, (_, j) => `evt-${i}-${j}-0aa9c497-5546-4eb7-9703`),
      tags: ['flip', `review:R-${i}`],
      p: 10 ** -(i % 9 + 3),
    }));
  const newCase = (sellerId: string, overrides: Partial<Case> = {}): Case => ({
    caseId: caseIdFor(sellerId, 1),
    sellerId,
    status: 'open',
    openedAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    points: 60,
    requestedRung: 'warn',
    rungRequestedAt: '2026-03-01T00:00:00.000Z',
    openedRung: 'warn',
    rungRequests: [{ rung: 'warn', at: '2026-03-01T00:00:00.000Z', signalId: 'unexplained-flips:R-000000', because: 'corroborated by a look-up.' }],
    signals: signals(3),
    configVersion: 'test-config-1',
    version: 1,
    ...overrides,
  });

  it('keeps a case of 300 signals in an item of a few KB, its signals packed, the fields the stream and the index read in clear', async () => {
    const store = new DynamoCaseStore(dynamodb, tableName);
    const opened = newCase(seller(), { signals: signals(300) });
    await store.saveCase(opened);
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: `CASE#${opened.caseId}` }, sk: { S: 'CASE' } } }));
    expect(Item?.signals).toBeUndefined();
    expect(Item?.rungRequests).toBeUndefined();
    expect(Item?.packed?.B).toBeInstanceOf(Uint8Array);
    expect(Item?.caseId?.S).toBe(opened.caseId);
    expect(Item?.statusKey?.S).toBe('CASES#open');
    expect(Item?.version?.N).toBe('1');
    const clearBytes = Buffer.byteLength(JSON.stringify(opened.signals));
    expect(Item?.packed?.B?.byteLength ?? Infinity).toBeLessThan(clearBytes / 5);
    expect(await store.getCase(opened.caseId)).toEqual(opened);
  });

  it('writes an update of an open case as one conditional PutItem, and a closure with the pointer in a transaction', async () => {
    const { dynamodb: metered } = emulatorClients();
    const meter = new CapacityMeter();
    meter.attach(metered);
    const store = new DynamoCaseStore(metered, tableName);
    const opened = newCase(seller(), { signals: signals(100) });
    await store.saveCase(opened);
    meter.reset();
    const updated = { ...opened, signals: signals(101), points: 72, version: 2 };
    await store.saveCase(updated);
    expect(meter.breakdown().map((line) => [line.operation, line.calls])).toEqual([['PutItem', 1]]);
    // The table item and its byStatus copy, at a standard write's 1 unit per KB: a few units, not the ~40 of before.
    expect(meter.totals().writeUnits).toBeLessThanOrEqual(6);
    meter.reset();
    await store.saveCase({ ...updated, status: 'closed', version: 3 });
    expect(meter.breakdown().map((line) => [line.operation, line.calls])).toEqual([['TransactWriteItems', 1]]);
    expect(await store.openCase(opened.sellerId)).toBeUndefined();
    metered.destroy();
  });

  it('reads a case item written before signals were packed', async () => {
    const store = new DynamoCaseStore(dynamodb, tableName);
    const old = newCase(seller());
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall({ pk: `CASE#${old.caseId}`, sk: 'CASE', statusKey: 'CASES#open', openedKey: `${old.openedAt}#${old.caseId}`, ...old }, { removeUndefinedValues: true }),
      }),
    );
    expect(await store.getCase(old.caseId)).toEqual(old);
    // Its next version is written packed, on the version it was read at.
    const next = { ...old, points: 80, version: 2 };
    await store.saveCase(next);
    expect(await store.getCase(old.caseId)).toEqual(next);
    await expect(store.saveCase(next)).rejects.toThrow(/changed concurrently/u);
  });
});
