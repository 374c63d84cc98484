/**
 * Shadow runs of a candidate rules version, on the in-memory stores: set and cleared by an admin
 * with a reason (in the change log), each event judged a second time under the shadow into its own
 * stores after the live judgement, nothing read or written for it while no shadow is set, a shadow
 * failure never failing the event, and the comparison per seller.
 */
import { describe, expect, it, vi } from 'vitest';
import { hmacHandleHasher } from '../../shared/adapters/crypto/handle-hasher';
import { ShadowComparison } from '../../shared/adapters/http/console-views';
import { InMemoryCaseStore } from '../../shared/adapters/memory/case-store';
import { InMemoryEvidenceStore } from '../../shared/adapters/memory/evidence-store';
import { InMemoryRingIndex } from '../../shared/adapters/memory/ring-index';
import { InMemoryRulesStore } from '../../shared/adapters/memory/rules-store';
import { DEVELOPMENT_HASH_KEY } from '../../shared/composition/development';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import type { CaseStore } from '../../shared/ports/case-store';
import type { Actor } from '../../shared/use-cases/actor';
import { createRulesVersion, setShadowRules } from '../../shared/use-cases/change-rules';
import { ForbiddenError, NotFoundError, StateConflictError } from '../../shared/use-cases/errors';
import { cachedRules } from '../../shared/use-cases/live-rules';
import { recordMessage } from '../../shared/use-cases/record-message';
import { shadowComparison } from '../../shared/use-cases/shadow-comparison';
import type { ShadowNamespace } from '../../shared/use-cases/shadow-judging';
import { shadowJudging } from '../../shared/use-cases/shadow-judging';
import { messageSent } from '../support/events';

const admin: Actor = { id: 'u-admin', role: 'admin', name: 'root' };
const analyst: Actor = { id: 'u-ana', role: 'analyst' };
const now = () => new Date('2026-03-01T09:00:00Z');

/** Two buyers given the seller's handle: no practice under version 1 (3 buyers), one under `twoBuyers`. */
const twoBuyers = (config: DetectionConfig): DetectionConfig => ({
  ...config,
  cases: { ...config.cases, corroboration: { ...config.cases.corroboration, contactPracticeBuyers: 2 } },
});
const contact = (sellerId: string, buyerId: string, time: string) =>
  messageSent({ sellerId, buyerId, threadId: `T-${buyerId}`, body: `Write to desk.${sellerId.toLowerCase()}@proton.me for your gift.` }, time);

/** Every call on a case store, in order, with its arguments. */
function recorded(store: CaseStore): { store: CaseStore; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${String(name)} ${JSON.stringify(args)}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

function world(options: { shadowNamespace?: (version: number) => ShadowNamespace } = {}) {
  const rulesStore = new InMemoryRulesStore(DETECTION_CONFIG);
  const namespaces = new Map<number, ShadowNamespace>();
  const namespace =
    options.shadowNamespace ??
    ((version: number) => {
      let found = namespaces.get(version);
      if (!found) namespaces.set(version, (found = { cases: new InMemoryCaseStore(), rings: new InMemoryRingIndex() }));
      return found;
    });
  const logger = { error: vi.fn() };
  const live = recorded(new InMemoryCaseStore());
  const shadow = shadowJudging({ namespace, rulesStore, logger, now });
  const deps = {
    store: new InMemoryEvidenceStore(),
    cases: live.store,
    rings: new InMemoryRingIndex(),
    config: DETECTION_CONFIG,
    // No cache period: each event reads the store, as the e2e platform does.
    rules: cachedRules(rulesStore, { maxAgeMs: 0 }),
    shadow,
    hashHandle: hmacHandleHasher(DEVELOPMENT_HASH_KEY),
  };
  const console = { cases: live.store, rulesStore, shadowNamespace: namespace, now };
  return { rulesStore, namespace, logger, live, shadow, deps, console };
}

async function candidate(w: ReturnType<typeof world>, edit: (config: DetectionConfig) => DetectionConfig = twoBuyers): Promise<number> {
  const { version } = await createRulesVersion({ config: edit(await w.rulesStore.live()), reason: 'two buyers are a practice' }, admin, w.console);
  return version;
}

describe('the shadow pointer', () => {
  it('is set by an admin with a reason, recorded in the change log with the diff from the live version, and read with the live rules', async () => {
    const w = world();
    const version = await candidate(w);
    const change = await setShadowRules({ version, reason: 'try two buyers on live traffic' }, admin, w.console);
    expect(change).toMatchObject({
      kind: 'shadow-set',
      version,
      actor: 'u-admin',
      actorName: 'root',
      reason: 'try two buyers on live traffic',
      at: '2026-03-01T09:00:00.000Z',
      diff: [{ path: 'cases.corroboration.contactPracticeBuyers', from: 3, to: 2 }],
    });
    expect(await w.rulesStore.shadow()).toMatchObject({ version, since: '2026-03-01T09:00:00.000Z', actor: 'u-admin', reason: 'try two buyers on live traffic' });
    const inForce = await w.rulesStore.inForce();
    expect(inForce.live.version).toBe(1);
    expect(inForce.shadow).toMatchObject({ config: { version }, since: '2026-03-01T09:00:00.000Z' });

    const cleared = await setShadowRules({ version: null, reason: 'seen enough' }, admin, w.console);
    expect(cleared).toMatchObject({ kind: 'shadow-cleared', version, previousVersion: version, diff: [] });
    expect(await w.rulesStore.shadow()).toBeUndefined();
    expect((await w.rulesStore.inForce()).shadow).toBeUndefined();
    expect((await w.rulesStore.changes()).map((entry) => entry.kind)).toEqual(['shadow-cleared', 'shadow-set', 'version-created', 'seeded']);
  });

  it('refuses a non-admin, an unknown version, the live version, the shadow again, and clearing none', async () => {
    const w = world();
    const version = await candidate(w);
    await expect(setShadowRules({ version, reason: 'analysts may not' }, analyst, w.console)).rejects.toThrow(ForbiddenError);
    await expect(setShadowRules({ version: 99, reason: 'no such version' }, admin, w.console)).rejects.toThrow(NotFoundError);
    await expect(setShadowRules({ version: 1, reason: 'the live one' }, admin, w.console)).rejects.toThrow(/is live/u);
    await expect(setShadowRules({ version: null, reason: 'nothing set' }, admin, w.console)).rejects.toThrow(StateConflictError);
    await setShadowRules({ version, reason: 'first' }, admin, w.console);
    await expect(setShadowRules({ version, reason: 'twice' }, admin, w.console)).rejects.toThrow(/already the shadow/u);
    expect((await w.rulesStore.changes()).filter((entry) => entry.kind.startsWith('shadow'))).toHaveLength(1);
  });
});

describe('judging under a shadow version', () => {
  it('opens in the shadow the case the live rules do not, each signal under its own version, and acts on nothing', async () => {
    const w = world();
    const version = await candidate(w);
    await setShadowRules({ version, reason: 'try two buyers' }, admin, w.console);
    await recordMessage(contact('S-1', 'B-1', '2026-03-01T10:00:00Z'), w.deps);
    await recordMessage(contact('S-1', 'B-2', '2026-03-02T10:00:00Z'), w.deps);

    // Live: two handles to two buyers are not yet a practice, a case for review only (no rung asked for).
    expect(await w.deps.cases.openCase('S-1')).toMatchObject({ status: 'open', requestedRung: null });
    expect((await w.deps.cases.sellerSignals('S-1')).map((signal) => signal.configVersion)).toEqual(['1', '1']);
    const shadow = w.namespace(version);
    expect(await shadow.cases.openCase('S-1')).toMatchObject({ status: 'open', requestedRung: 'warn', configVersion: String(version) });
    expect((await shadow.cases.sellerSignals('S-1')).map((signal) => signal.configVersion)).toEqual([String(version), String(version)]);
    // The live lists do not see it (the queue, the kill switch's review list, the ladder starter read these).
    expect((await w.deps.cases.listCases()).map((item) => item.requestedRung)).toEqual([null]);
    expect(await w.rulesStore.shadowSellers(version)).toEqual([{ sellerId: 'S-1', at: '2026-03-01T09:00:00.000Z' }]);
    expect(w.shadow.failures).toBe(0);
  });

  it('reads and writes nothing more than before while no shadow is set', async () => {
    // The same events through detection as it was (no shadow deps at all) and with the shadow wired but unset.
    const before = world();
    const { shadow: _none, ...withoutShadow } = before.deps;
    const namespace = vi.fn((_version: number): ShadowNamespace => ({ cases: new InMemoryCaseStore(), rings: new InMemoryRingIndex() }));
    const after = world({ shadowNamespace: namespace });
    const marks = vi.spyOn(after.rulesStore, 'markShadowJudged');
    await candidate(after);
    const events = [contact('S-2', 'B-1', '2026-03-01T10:00:00Z'), contact('S-2', 'B-2', '2026-03-02T10:00:00Z')];
    for (const deps of [withoutShadow, after.deps]) for (const event of events) await recordMessage(event, deps);
    expect(after.live.calls).toEqual(before.live.calls);
    expect(after.live.calls.length).toBeGreaterThan(0);
    expect(namespace).not.toHaveBeenCalled();
    expect(marks).not.toHaveBeenCalled();
  });

  it('a shadow failure is logged and counted, and the live judgement stands', async () => {
    const broken = new InMemoryCaseStore();
    broken.putSignal = () => Promise.reject(new Error('the shadow table is throttled'));
    const w = world({ shadowNamespace: () => ({ cases: broken, rings: new InMemoryRingIndex() }) });
    const version = await candidate(w, (config) => config);
    await setShadowRules({ version, reason: 'the same rules, to see it fail' }, admin, w.console);
    const solicitation = messageSent({ sellerId: 'S-3', buyerId: 'B-3', body: 'I will refund you in full if you delete your 1-star review.' }, '2026-03-01T10:00:00Z');
    await expect(recordMessage(solicitation, w.deps)).resolves.toBeUndefined();
    expect(await w.deps.cases.openCase('S-3')).toMatchObject({ status: 'open', requestedRung: 'warn', configVersion: '1' });
    expect(w.shadow.failures).toBe(1);
    expect(w.logger.error).toHaveBeenCalledWith(expect.stringMatching(/shadow judgement failed/u), expect.objectContaining({ shadowVersion: version, sellerId: 'S-3', shadowFailures: 1 }));
    // Ids and the error, never the message's text.
    expect(JSON.stringify(w.logger.error.mock.calls)).not.toContain('refund');
    expect(await w.rulesStore.shadowSellers(version)).toEqual([]);
  });

  it('stops at the next event once the shadow is cleared', async () => {
    const w = world();
    const version = await candidate(w);
    await setShadowRules({ version, reason: 'try two buyers' }, admin, w.console);
    await recordMessage(contact('S-4', 'B-1', '2026-03-01T10:00:00Z'), w.deps);
    await setShadowRules({ version: null, reason: 'seen enough' }, admin, w.console);
    await recordMessage(contact('S-4', 'B-2', '2026-03-02T10:00:00Z'), w.deps);
    expect(await w.namespace(version).cases.sellerSignals('S-4')).toHaveLength(1);
    // The shadow judged the first message only: a case for review there, never the warning two buyers would make.
    expect(await w.namespace(version).cases.openCase('S-4')).toMatchObject({ requestedRung: null });
    expect(await w.deps.cases.sellerSignals('S-4')).toHaveLength(2);
  });
});

describe('the comparison', () => {
  it('lists per judged seller the live outcome beside the shadow one, changed sellers first, a page at a time', async () => {
    const w = world();
    const version = await candidate(w);
    await setShadowRules({ version, reason: 'try two buyers' }, admin, w.console);
    // S-A and S-B: two buyers (shadow only); S-C: an explicit request (both); S-D: a clean message (neither).
    for (const seller of ['S-B', 'S-A']) {
      await recordMessage(contact(seller, `B-${seller}-1`, '2026-03-01T10:00:00Z'), w.deps);
      await recordMessage(contact(seller, `B-${seller}-2`, '2026-03-02T10:00:00Z'), w.deps);
    }
    await recordMessage(messageSent({ sellerId: 'S-C', buyerId: 'B-C', body: 'I will refund you in full if you delete your 1-star review.' }, '2026-03-01T10:00:00Z'), w.deps);
    await recordMessage(messageSent({ sellerId: 'S-D', buyerId: 'B-D', body: 'Your parcel has shipped.' }, '2026-03-01T10:00:00Z'), w.deps);

    const first = await shadowComparison({ limit: 2 }, w.console);
    expect(ShadowComparison.parse(first)).toEqual(first);
    expect(first).toMatchObject({ version, liveVersion: 1, judgedSellers: 4, changed: 2, unchanged: 1, pointer: { version } });
    expect(first.sellers.map((row) => [row.sellerId, row.changed, row.live?.requestedRung ?? null, row.shadow?.requestedRung ?? null])).toEqual([
      ['S-A', true, null, 'warn'],
      ['S-B', true, null, 'warn'],
    ]);
    expect(first.nextCursor).toBeDefined();
    const second = await shadowComparison({ limit: 2, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) }, w.console);
    expect(second.sellers.map((row) => [row.sellerId, row.changed, row.live?.requestedRung, row.shadow?.requestedRung])).toEqual([['S-C', false, 'warn', 'warn']]);
    expect(second.sellers[0]?.shadow?.appliedRung).toBeNull();
    expect(second.nextCursor).toBeUndefined();
    await expect(shadowComparison({ cursor: 'not-a-cursor' }, w.console)).rejects.toThrow(/not a cursor/u);
  });

  it('answers the pointer and no sellers while none is set, and an earlier shadow by its version once cleared', async () => {
    const w = world();
    expect(await shadowComparison({}, w.console)).toMatchObject({ pointer: null, version: null, sellers: [], changed: 0, unchanged: 0 });
    const version = await candidate(w);
    await setShadowRules({ version, reason: 'try two buyers' }, admin, w.console);
    await recordMessage(contact('S-E', 'B-1', '2026-03-01T10:00:00Z'), w.deps);
    await recordMessage(contact('S-E', 'B-2', '2026-03-02T10:00:00Z'), w.deps);
    await setShadowRules({ version: null, reason: 'seen enough' }, admin, w.console);
    expect(await shadowComparison({}, w.console)).toMatchObject({ pointer: null, version: null, sellers: [] });
    expect(await shadowComparison({ version }, w.console)).toMatchObject({ pointer: null, version, changed: 1, sellers: [{ sellerId: 'S-E', changed: true }] });
  });
});
