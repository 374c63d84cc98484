import { afterAll, beforeAll } from 'vitest';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/evidence-store';
import { EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';
import { ensureTables } from '../../shared/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { describeEvidenceStore } from '../support/evidence-store-contract';

const { dynamodb } = emulatorClients();
const tableName = `evidence-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  await ensureTables(dynamodb, [EVIDENCE_TABLE], () => tableName);
});
afterAll(() => dynamodb.destroy());

describeEvidenceStore('DynamoDB', () => new DynamoEvidenceStore(dynamodb, { tableName }));
