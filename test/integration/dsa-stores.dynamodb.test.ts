import { afterAll, beforeAll } from 'vitest';
import { DynamoNotifierLedger } from '../../shared/adapters/dynamodb/notifier-ledger';
import { DynamoStatementStore } from '../../shared/adapters/dynamodb/statement-store';
import { CASES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { describeNotifierLedger, describeStatementStore } from '../support/dsa-stores-contract';

const { dynamodb } = emulatorClients();
const tableName = `dsa-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(dynamodb, [CASES_TABLE], () => tableName);
});
afterAll(() => dynamodb.destroy());

describeStatementStore('DynamoDB', () => new DynamoStatementStore(dynamodb, tableName));
describeNotifierLedger('DynamoDB', () => new DynamoNotifierLedger(dynamodb, tableName));
