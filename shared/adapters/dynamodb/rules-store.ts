/**
 * The rules store on DynamoDB (the rules table), one small partition:
 *
 * | record  | pk      | sk                                  | attributes                                   |
 * | ------- | ------- | ----------------------------------- | -------------------------------------------- |
 * | version | `RULES` | `VERSION#<n, 8 digits>`             | document (JSON), createdAt, createdBy, reason |
 * | live    | `RULES` | `LIVE`                              | version, changedAt                           |
 * | change  | `RULES` | `CHANGE#<at>#<version>#<kind>`      | change (JSON: who, why, diff)                |
 *
 * Access patterns: the live pointer, then its version (two consistent reads; the consumers cache
 * the answer); every version or every change (one query each, begins_with). A version is written
 * once (conditional on its key not existing: two admins creating at once get 1 + 2, never one
 * overwriting the other), together with its change record, in one transaction; making a version
 * live moves the pointer conditionally on where it was, with its change record, in one transaction.
 * The document is kept as JSON text, so it reads back exactly as validated (no number rounding).
 * An empty store seeds itself with the shipped configuration as version 1 on its first read.
 */
import type { AttributeValue, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { GetItemCommand, QueryCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { DetectionConfig } from '../../domain/detection/config';
import { DetectionConfigSchema } from '../../domain/detection/config';
import type { RulesChange, RulesChangeBy, RulesStore, RulesVersion } from '../../ports/rules-store';
import { RulesChangeSchema, RulesConflictError, RulesVersionNotFoundError } from '../../ports/rules-store';
import { queryAll } from './query-all';

const PK = 'RULES';
const versionSk = (version: number) => `VERSION#${String(version).padStart(8, '0')}`;
const LIVE_SK = 'LIVE';
const changeSk = (change: RulesChange) => `CHANGE#${change.at}#${String(change.version).padStart(8, '0')}#${change.kind}`;
const ATTEMPTS = 5;

const VersionRow = z.object({ document: z.string(), createdAt: z.string(), createdBy: z.string(), reason: z.string() });
const LiveRow = z.object({ version: z.coerce.number().int().min(1) });

const parseVersion = (item: Record<string, AttributeValue>): RulesVersion => {
  const row = VersionRow.parse({ document: item.document?.S, createdAt: item.createdAt?.S, createdBy: item.createdBy?.S, reason: item.reason?.S });
  return { config: DetectionConfigSchema.parse(JSON.parse(row.document)), createdAt: row.createdAt, createdBy: row.createdBy, reason: row.reason };
};

const conditionFailed = (error: unknown): boolean =>
  error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');

export class DynamoRulesStore implements RulesStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    /** What an empty store starts with, as version 1. */
    private readonly seed: DetectionConfig,
  ) {}

  async live(): Promise<DetectionConfig> {
    const number = await this.liveVersion();
    const found = await this.version(number);
    if (!found) throw new RulesVersionNotFoundError(`the live pointer names version ${number}, which is not stored`);
    return found.config;
  }

  async liveVersion(): Promise<number> {
    const pointer = await this.pointer();
    if (pointer !== undefined) return pointer;
    await this.seedOnce();
    const seeded = await this.pointer();
    if (seeded === undefined) throw new RulesConflictError('the rules store could not be seeded');
    return seeded;
  }

  async version(version: number): Promise<RulesVersion | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: PK }, sk: { S: versionSk(version) } }, ConsistentRead: true }),
    );
    return Item ? parseVersion(Item) : undefined;
  }

  async versions(): Promise<RulesVersion[]> {
    await this.liveVersion();
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: PK }, ':prefix': { S: 'VERSION#' } },
      ConsistentRead: true,
    });
    return items.map(parseVersion);
  }

  async create(config: Omit<DetectionConfig, 'version'>, by: RulesChangeBy, diff: RulesChange['diff'], comparedWith: number): Promise<RulesVersion> {
    await this.liveVersion();
    for (let attempt = 1; ; attempt++) {
      const last = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: PK }, ':prefix': { S: 'VERSION#' } },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const lastVersion = last.Items?.[0] ? parseVersion(last.Items[0]).config.version : 0;
      const stored: RulesVersion = {
        config: DetectionConfigSchema.parse({ ...config, version: lastVersion + 1 }),
        createdAt: by.at,
        createdBy: by.actor,
        reason: by.reason,
      };
      const change = RulesChangeSchema.parse({ kind: 'version-created', version: stored.config.version, previousVersion: comparedWith, ...by, diff });
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems: [this.putVersion(stored), this.putChange(change)] }));
        return stored;
      } catch (error) {
        if (!conditionFailed(error) || attempt >= ATTEMPTS) {
          throw conditionFailed(error) ? new RulesConflictError('another version was created at the same time; try again', { cause: error }) : error;
        }
      }
    }
  }

  async makeLive(version: number, by: RulesChangeBy, diff: RulesChange['diff']): Promise<RulesChange> {
    const previous = await this.liveVersion();
    if (!(await this.version(version))) throw new RulesVersionNotFoundError(`no version ${version}`);
    const change = RulesChangeSchema.parse({ kind: 'made-live', version, previousVersion: previous, ...by, diff });
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: { S: PK }, sk: { S: LIVE_SK }, version: { N: String(version) }, changedAt: { S: by.at } },
                ConditionExpression: 'version = :previous',
                ExpressionAttributeValues: { ':previous': { N: String(previous) } },
              },
            },
            this.putChange(change),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new RulesConflictError('the live version changed meanwhile; reload and try again', { cause: error });
      throw error;
    }
    return change;
  }

  async changes(): Promise<RulesChange[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: PK }, ':prefix': { S: 'CHANGE#' } },
      ScanIndexForward: false,
      ConsistentRead: true,
    });
    return items.map((item) => RulesChangeSchema.parse(JSON.parse(item.change?.S ?? 'null')));
  }

  private async pointer(): Promise<number | undefined> {
    const { Item } = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: PK }, sk: { S: LIVE_SK } }, ConsistentRead: true }));
    return Item ? LiveRow.parse({ version: Item.version?.N }).version : undefined;
  }

  /** Version 1 and the pointer to it, unless another reader seeded first (then its seed stands). */
  private async seedOnce(): Promise<void> {
    const at = new Date().toISOString();
    const seeded: RulesVersion = { config: DetectionConfigSchema.parse({ ...this.seed, version: 1 }), createdAt: at, createdBy: 'system', reason: 'the configuration the product shipped with' };
    const change = RulesChangeSchema.parse({ kind: 'seeded', version: 1, actor: 'system', reason: seeded.reason, at, diff: [] });
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            this.putVersion(seeded),
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: { S: PK }, sk: { S: LIVE_SK }, version: { N: '1' }, changedAt: { S: at } },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            this.putChange(change),
          ],
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  private putVersion(version: RulesVersion): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: { S: PK },
          sk: { S: versionSk(version.config.version) },
          document: { S: JSON.stringify(version.config) },
          createdAt: { S: version.createdAt },
          createdBy: { S: version.createdBy },
          reason: { S: version.reason },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private putChange(change: RulesChange): TransactWriteItem {
    return { Put: { TableName: this.tableName, Item: { pk: { S: PK }, sk: { S: changeSk(change) }, change: { S: JSON.stringify(change) } }, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
}
