/**
 * Shadow runs on DynamoDB Local: the rules store's shadow pointer (set, cleared, read with the live
 * pointer in one query), and a consumer's requests counted by a middleware on its client: while no
 * shadow is set an event costs exactly the requests it cost without the shadow wired at all, and
 * none names a shadow key; with one set, the shadow's records go under `SHADOW#<n>`, where the live
 * lists and the ladder starter's stream filter (`CASE#...`) never look.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hmacHandleHasher } from '../../shared/adapters/crypto/handle-hasher';
import { caseIdOfItem, DynamoCaseStore } from '../../shared/adapters/dynamodb/case-store';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/evidence-store';
import { DynamoRingIndex } from '../../shared/adapters/dynamodb/ring-index';
import { DynamoRulesStore } from '../../shared/adapters/dynamodb/rules-store';
import { CASES_TABLE, EVIDENCE_TABLE, RULES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { DEVELOPMENT_HASH_KEY } from '../../shared/composition/development';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import { RulesVersionNotFoundError } from '../../shared/ports/rules-store';
import { cachedRules } from '../../shared/use-cases/live-rules';
import { recordMessage } from '../../shared/use-cases/record-message';
import { shadowJudging } from '../../shared/use-cases/shadow-judging';
import { ensureTables } from '../../tools/local/dynamodb-admin';
import { emulatorClients } from '../support/aws-clients';
import { messageSent } from '../support/events';

const suffix = Date.now().toString(36);
const names = (logical: string) => `${logical}-shadow-${suffix}`;
const { dynamodb: admin } = emulatorClients();
const by = { actor: 'u-admin', reason: 'try two buyers on live traffic', at: '2026-03-01T09:00:00.000Z' };

/** A client whose every request is recorded: the command's name and its input. */
function countingClient(): { client: DynamoDBClient; requests: { command: string; input: string }[] } {
  const { dynamodb } = emulatorClients();
  const requests: { command: string; input: string }[] = [];
  dynamodb.middlewareStack.add(
    (next, context) => (args) => {
      requests.push({ command: context.commandName ?? '?', input: JSON.stringify(args.input) });
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { client: dynamodb, requests };
}

beforeAll(async () => {
  await ensureTables(admin, [EVIDENCE_TABLE, CASES_TABLE, RULES_TABLE], names);
});
afterAll(() => admin.destroy());

describe('the shadow pointer on DynamoDB', () => {
  it('is set, read with the live pointer in one query, and cleared, each change in the log', async () => {
    const { client, requests } = countingClient();
    const store = new DynamoRulesStore(client, `${names(RULES_TABLE.name)}-pointer`, DETECTION_CONFIG);
    await ensureTables(admin, [RULES_TABLE], () => `${names(RULES_TABLE.name)}-pointer`);
    const { version: _v, ...draft } = { ...DETECTION_CONFIG, description: 'two buyers' };
    // The change log is newest first: each step a second after the seeding (now).
    const at = (step: number) => ({ ...by, at: new Date(Date.now() + step * 1_000).toISOString() });
    const created = await store.create(draft, at(1), [], 1);
    expect((await store.inForce()).shadow).toBeUndefined();

    requests.length = 0;
    await store.inForce();
    // Both pointers in one query, then the live version: as many requests as the live pointer and its version were.
    expect(requests.map((request) => request.command)).toEqual(['QueryCommand', 'GetItemCommand']);

    const set = at(2);
    await store.setShadow(created.config.version, set, []);
    expect(await store.shadow()).toEqual({ version: 2, since: set.at, actor: 'u-admin', reason: by.reason });
    requests.length = 0;
    const inForce = await store.inForce();
    expect(inForce).toMatchObject({ live: { version: 1 }, shadow: { config: { version: 2 }, since: set.at } });
    expect(requests.map((request) => request.command).sort()).toEqual(['GetItemCommand', 'GetItemCommand', 'QueryCommand']);
    // The pointers' query is not confused by the versions and changes around them.
    expect((await store.versions()).map((version) => version.config.version)).toEqual([1, 2]);

    await store.setShadow(null, { ...at(3), reason: 'seen enough' }, []);
    expect(await store.shadow()).toBeUndefined();
    await expect(store.setShadow(null, by, [])).rejects.toThrow(RulesVersionNotFoundError);
    await expect(store.setShadow(7, by, [])).rejects.toThrow(RulesVersionNotFoundError);
    expect((await store.changes()).map((change) => change.kind)).toEqual(['shadow-cleared', 'shadow-set', 'version-created', 'seeded']);

    await store.markShadowJudged(2, 'S-1', '2026-03-01T10:00:00.000Z');
    await store.markShadowJudged(2, 'S-1', '2026-03-02T10:00:00.000Z');
    await store.markShadowJudged(2, 'S-2', '2026-03-02T11:00:00.000Z');
    expect(await store.shadowSellers(2)).toEqual([
      { sellerId: 'S-1', at: '2026-03-01T10:00:00.000Z' },
      { sellerId: 'S-2', at: '2026-03-02T11:00:00.000Z' },
    ]);
    expect(await store.shadowSellers(3)).toEqual([]);
    client.destroy();
  });
});

describe('a consumer judging under a shadow on DynamoDB', () => {
  const contact = (sellerId: string, buyerId: string, time: string, id: string) => {
    const event = messageSent({ sellerId, buyerId, threadId: `T-${buyerId}`, messageId: id, body: `Write to desk.${sellerId.toLowerCase()}@proton.me for your gift.` }, time);
    return { ...event, id: `evt-${id}` };
  };

  function consumer(options: { cases: string; rules: string; shadow: boolean }) {
    const { client, requests } = countingClient();
    const rulesStore = new DynamoRulesStore(client, options.rules, DETECTION_CONFIG);
    const logger = { error: vi.fn() };
    const deps = {
      store: new DynamoEvidenceStore(client, { tableName: names(EVIDENCE_TABLE.name) }),
      cases: new DynamoCaseStore(client, options.cases),
      rings: new DynamoRingIndex(client, options.cases),
      config: DETECTION_CONFIG,
      rules: cachedRules(rulesStore, { maxAgeMs: 0 }),
      hashHandle: hmacHandleHasher(DEVELOPMENT_HASH_KEY),
      ...(options.shadow
        ? {
            shadow: shadowJudging({
              namespace: (version) => ({ cases: new DynamoCaseStore(client, options.cases, `SHADOW#${version}`), rings: new DynamoRingIndex(client, options.cases, `SHADOW#${version}`) }),
              rulesStore,
              logger,
            }),
          }
        : {}),
    };
    return { client, requests, deps, rulesStore, logger };
  }

  it('costs exactly the requests it cost before while no shadow is set, and names no shadow key', async () => {
    // Two worlds of their own tables, the same events: detection without shadow deps, and with them wired but unset.
    const runs = [];
    for (const [index, shadow] of [false, true].entries()) {
      const tables = { cases: `${names(CASES_TABLE.name)}-same-${index}`, rules: `${names(RULES_TABLE.name)}-same-${index}` };
      await ensureTables(admin, [CASES_TABLE, RULES_TABLE], (logical) => (logical === CASES_TABLE.name ? tables.cases : tables.rules));
      const world = consumer({ ...tables, shadow });
      await world.rulesStore.liveVersion();
      world.requests.length = 0;
      for (const event of [contact('S-N', 'B-1', '2026-03-01T10:00:00Z', `N1-${index}`), contact('S-N', 'B-2', '2026-03-02T10:00:00Z', `N2-${index}`)]) {
        await recordMessage(event, world.deps);
      }
      runs.push(world.requests.map((request) => `${request.command} ${request.input.replaceAll(tables.cases, 'CASES').replaceAll(tables.rules, 'RULES').replace(/N\d-\d/gu, 'N').replace(/"data":\[[\d,]*\]/gu, '"data":"(packed)"')}`));
      world.client.destroy();
    }
    const [before, after] = runs;
    expect(after).toEqual(before);
    expect(after?.length).toBeGreaterThan(0);
    expect(after?.join('\n')).not.toContain('SHADOW#');
  });

  it('writes the shadow case under its own prefix, out of the live lists and the ladder starter\'s filter', async () => {
    const tables = { cases: `${names(CASES_TABLE.name)}-set`, rules: `${names(RULES_TABLE.name)}-set` };
    await ensureTables(admin, [CASES_TABLE, RULES_TABLE], (logical) => (logical === CASES_TABLE.name ? tables.cases : tables.rules));
    const world = consumer({ ...tables, shadow: true });
    const live = await world.rulesStore.live();
    const { version: _v, ...draft } = { ...live, cases: { ...live.cases, corroboration: { ...live.cases.corroboration, contactPracticeBuyers: 2 } } };
    const candidate = await world.rulesStore.create(draft, by, [], 1);
    await world.rulesStore.setShadow(candidate.config.version, by, []);
    await recordMessage(contact('S-Y', 'B-1', '2026-03-01T10:00:00Z', 'Y1'), world.deps);
    await recordMessage(contact('S-Y', 'B-2', '2026-03-02T10:00:00Z', 'Y2'), world.deps);

    // Live, a handle to two buyers is one kind of evidence: a case for review, asking for no rung.
    expect(await world.deps.cases.openCase('S-Y')).toMatchObject({ status: 'open', requestedRung: null, configVersion: '1' });
    expect((await world.deps.cases.listCases({ status: 'open' })).map((item) => [item.sellerId, item.requestedRung])).toEqual([['S-Y', null]]);
    const shadow = new DynamoCaseStore(world.client, tables.cases, 'SHADOW#2');
    const opened = await shadow.openCase('S-Y');
    expect(opened).toMatchObject({ status: 'open', requestedRung: 'warn', configVersion: '2' });
    expect((await shadow.listCases({ status: 'open' })).map((item) => item.sellerId)).toEqual(['S-Y']);
    expect(await world.rulesStore.shadowSellers(2)).toEqual([{ sellerId: 'S-Y', at: expect.any(String) as unknown }]);
    // The shadow case's item, as the cases stream would carry it: the ladder starter takes it for no case.
    const writes = world.requests.filter((request) => request.command === 'TransactWriteItemsCommand' && request.input.includes('SHADOW#2#CASE#'));
    expect(writes).toHaveLength(1);
    const item = (JSON.parse(writes[0]?.input ?? '{}') as { TransactItems: { Put?: { Item: Record<string, AttributeValue> } }[] }).TransactItems.map((entry) => entry.Put?.Item).find(
      (candidateItem) => candidateItem?.sk?.S === 'CASE',
    );
    expect(item?.pk?.S).toMatch(/^SHADOW#2#CASE#/u);
    expect(caseIdOfItem(item)).toBeUndefined();
    expect(world.logger.error).not.toHaveBeenCalled();
    world.client.destroy();
  });
});
