import { afterAll, beforeAll } from 'vitest';
import { DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store';
import { DynamoRingIndex } from '../../shared/adapters/dynamodb/ring-index';
import { CASES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { ensureTables } from '../../tools/local/dynamodb-admin';
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
