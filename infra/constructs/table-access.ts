import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { TableDefinition } from '../../shared/adapters/dynamodb/tables';

/** What CDK's grantReadData gives, minus the stream actions (streams are granted by their event source). */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;

export type TableAccess = 'read' | 'read-write';

/**
 * Grants data access to a table and to each of its indexes by name (from the shared definition),
 * instead of grantReadData/grantReadWriteData's `<table>/index/*`: the policy names exactly what
 * the function may touch. `extraActions` adds single actions (e.g. UpdateItem to a reader).
 */
export function grantTableData(
  grantee: IGrantable,
  table: ITable,
  definition: TableDefinition,
  access: TableAccess,
  extraActions: readonly string[] = [],
): void {
  const actions = [...TABLE_READ_ACTIONS, ...(access === 'read-write' ? TABLE_WRITE_ACTIONS : []), ...extraActions];
  const indexArns = (definition.globalSecondaryIndexes ?? []).map((index) => `${table.tableArn}/index/${index.indexName}`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: [...new Set(actions)], resources: [table.tableArn, ...indexArns] }),
  );
}
