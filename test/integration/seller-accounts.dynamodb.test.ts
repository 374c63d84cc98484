import { afterAll, beforeAll } from 'vitest';
import { DynamoSellerAccounts } from '../../shared/adapters/dynamodb/seller-accounts';
import { CASES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { describeSellerAccounts } from '../support/seller-accounts-contract';

const { dynamodb } = emulatorClients();
const tableName = `accounts-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(dynamodb, [CASES_TABLE], () => tableName);
});
afterAll(() => dynamodb.destroy());

describeSellerAccounts('DynamoDB', () => new DynamoSellerAccounts(dynamodb, tableName));
