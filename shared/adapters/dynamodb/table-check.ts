import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DependencyCheck } from '../../ports/readiness';

/** DynamoDB is up when every table answers DescribeTable and is ACTIVE (or being updated). */
export function dynamoTablesCheck(client: DynamoDBClient, tableNames: readonly string[]): DependencyCheck {
  return {
    name: 'dynamodb',
    async check(signal) {
      await Promise.all(
        tableNames.map(async (TableName) => {
          const { Table } = await client.send(new DescribeTableCommand({ TableName }), { abortSignal: signal });
          if (Table?.TableStatus !== 'ACTIVE' && Table?.TableStatus !== 'UPDATING') throw new Error(`table ${TableName} is ${Table?.TableStatus ?? 'missing'}`);
        }),
      );
    },
  };
}
