import { afterAll, beforeAll } from 'vitest';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log';
import { AUDIT_TABLE } from '../../shared/adapters/dynamodb/tables';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { describeAuditLog } from '../support/audit-log-contract';

const { dynamodb } = emulatorClients();
const tableName = `audit-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(dynamodb, [AUDIT_TABLE], () => tableName);
});
afterAll(() => dynamodb.destroy());

describeAuditLog('DynamoDB', () => new DynamoAuditLog(dynamodb, tableName));
