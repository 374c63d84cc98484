/**
 * The rules store on DynamoDB (the rules table), one small partition:
 *
 * | record  | pk      | sk                                  | attributes                                   |
 * | ------- | ------- | ----------------------------------- | -------------------------------------------- |
 * | version | `RULES` | `VERSION#<n, 8 digits>`             | document (JSON), createdAt, createdBy, reason |
 * | live    | `RULES` | `LIVE`                              | version, changedAt                           |
 * | shadow  | `RULES` | `SHADOW`                            | version, since, actor, actorName?, reason    |
 * | change  | `RULES` | `CHANGE#<at>#<version>#<kind>`      | change (JSON: who, why, diff)                |
 * | judged  | `SHADOW#<n>` | `SELLER#<sellerId>`            | sellerId, at (the shadow's first judgement)  |
 *
 * Access patterns: both pointers in one consistent query (`LIVE` and `SHADOW` are the only keys
 * between the two; two small items are one read unit, as the live pointer alone was), then the
 * live version and the shadow's if set (the consumers cache the answer); every version or every
 * change (one query each, begins_with); the sellers a shadow judged (one partition per shadow
 * version, outside `RULES`, so the partition every consumer reads stays small). A version is written
 * once (conditional on its key not existing: two admins creating at once get 1 + 2, never one
 * overwriting the other), together with its change record, in one transaction; making a version
 * live moves the pointer conditionally on where it was, with its change record, in one transaction.
 * The document is kept as JSON text, so it reads back exactly as validated (no number rounding).
 * An empty store seeds itself with the shipped configuration as version 1 on its first read.
 */
import type { AttributeValue, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, QueryCommand, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { DetectionConfig } from '../../domain/detection/config';
import { DetectionConfigSchema } from '../../domain/detection/config';
import type { RulesChange, RulesChangeBy, RulesInForce, RulesStore, RulesVersion, ShadowPointer, ShadowSeller } from '../../ports/rules-store';
import { RulesChangeSchema, RulesConflictError, RulesVersionNotFoundError, ShadowPointerSchema, shadowChange } from '../../ports/rules-store';
import { queryAll } from './query-all';

const PK = 'RULES';
const versionSk = (version: number) => `VERSION#${String(version).padStart(8, '0')}`;
const LIVE_SK = 'LIVE';
const SHADOW_SK = 'SHADOW';
const judgedPk = (version: number) => `SHADOW#${String(version).padStart(8, '0')}`;
const changeSk = (change: RulesChange) => `CHANGE#${change.at}#${String(change.version).padStart(8, '0')}#${change.kind}`;
const ATTEMPTS = 5;

const VersionRow = z.object({ document: z.string(), createdAt: z.string(), createdBy: z.string(), reason: z.string() });
const LiveRow = z.object({ version: z.coerce.number().int().min(1) });
const JudgedRow = z.object({ sellerId: z.string(), at: z.string() });

const shadowOf = (item: Record<string, AttributeValue>): ShadowPointer =>
  ShadowPointerSchema.parse({
    version: Number(item.version?.N),
    since: item.since?.S,
    actor: item.actor?.S,
    ...(item.actorName?.S !== undefined ? { actorName: item.actorName.S } : {}),
    reason: item.reason?.S,
  });

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
    return (await this.inForce()).live;
  }

  async inForce(): Promise<RulesInForce> {
    const pointers = await this.seededPointers();
    const [live, shadow] = await Promise.all([this.version(pointers.live), pointers.shadow ? this.version(pointers.shadow.version) : undefined]);
    if (!live) throw new RulesVersionNotFoundError(`the live pointer names version ${pointers.live}, which is not stored`);
    if (pointers.shadow && !shadow) throw new RulesVersionNotFoundError(`the shadow pointer names version ${pointers.shadow.version}, which is not stored`);
    return { live: live.config, ...(shadow && pointers.shadow ? { shadow: { config: shadow.config, since: pointers.shadow.since } } : {}) };
  }

  async liveVersion(): Promise<number> {
    return (await this.seededPointers()).live;
  }

  async shadow(): Promise<ShadowPointer | undefined> {
    return (await this.seededPointers()).shadow;
  }

  async setShadow(version: number | null, by: RulesChangeBy, diff: RulesChange['diff']): Promise<RulesChange> {
    const { shadow: previous } = await this.seededPointers();
    if (version !== null && !(await this.version(version))) throw new RulesVersionNotFoundError(`no version ${version}`);
    const { change } = shadowChange(version, previous, by, diff);
    const key = { pk: { S: PK }, sk: { S: SHADOW_SK } };
    // Conditional on the pointer being where it was read: two admins cannot both think they set it.
    const condition = previous
      ? { ConditionExpression: 'version = :previous AND since = :since', ExpressionAttributeValues: { ':previous': { N: String(previous.version) }, ':since': { S: previous.since } } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    const pointer: TransactWriteItem =
      version === null
        ? { Delete: { TableName: this.tableName, Key: key, ...condition } }
        : {
            Put: {
              TableName: this.tableName,
              Item: {
                ...key,
                version: { N: String(version) },
                since: { S: by.at },
                actor: { S: by.actor },
                ...(by.actorName !== undefined ? { actorName: { S: by.actorName } } : {}),
                reason: { S: by.reason },
              },
              ...condition,
            },
          };
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: [pointer, this.putChange(change)] }));
    } catch (error) {
      if (conditionFailed(error)) throw new RulesConflictError('the shadow version changed meanwhile; reload and try again', { cause: error });
      throw error;
    }
    return change;
  }

  async markShadowJudged(version: number, sellerId: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { pk: { S: judgedPk(version) }, sk: { S: `SELLER#${encodeURIComponent(sellerId)}` }, sellerId: { S: sellerId }, at: { S: at } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Judged before: the first time stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async shadowSellers(version: number): Promise<ShadowSeller[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: judgedPk(version) } },
      ConsistentRead: true,
    });
    return items.map((item) => JudgedRow.parse({ sellerId: item.sellerId?.S, at: item.at?.S }));
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

  /** Both pointers, seeding an empty store first. */
  private async seededPointers(): Promise<{ live: number; shadow?: ShadowPointer }> {
    const pointers = await this.pointers();
    if (pointers.live !== undefined) return { live: pointers.live, ...(pointers.shadow ? { shadow: pointers.shadow } : {}) };
    await this.seedOnce();
    const seeded = await this.pointers();
    if (seeded.live === undefined) throw new RulesConflictError('the rules store could not be seeded');
    return { live: seeded.live, ...(seeded.shadow ? { shadow: seeded.shadow } : {}) };
  }

  /** `LIVE` and `SHADOW` in one consistent query: nothing else sorts between them. */
  private async pointers(): Promise<{ live?: number; shadow?: ShadowPointer }> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :live AND :shadow',
        ExpressionAttributeValues: { ':pk': { S: PK }, ':live': { S: LIVE_SK }, ':shadow': { S: SHADOW_SK } },
        ConsistentRead: true,
      }),
    );
    const live = Items.find((item) => item.sk?.S === LIVE_SK);
    const shadow = Items.find((item) => item.sk?.S === SHADOW_SK);
    return { ...(live ? { live: LiveRow.parse({ version: live.version?.N }).version } : {}), ...(shadow ? { shadow: shadowOf(shadow) } : {}) };
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
