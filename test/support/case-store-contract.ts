/**
 * One specification for every CaseStore and RingIndex adapter: the in-memory adapters run it as a
 * unit test, the DynamoDB adapters against DynamoDB Local. The DynamoDB table is shared by every
 * test of a file, so each test works on its own sellers and ring keys, and list queries are judged
 * on the cases of the test's own sellers.
 */
import { describe, expect, it } from 'vitest';
import type { Case, CaseSignal } from '../../shared/domain/cases/case';
import { caseIdFor } from '../../shared/domain/cases/case';
import type { RingMember } from '../../shared/domain/detection/complaint-and-ring';
import type { RuleName, Signal } from '../../shared/domain/detection/signals';
import type { CaseStore } from '../../shared/ports/case-store';
import { CaseConflictError } from '../../shared/ports/case-store';
import type { RingIndex } from '../../shared/ports/ring-index';

const base = Date.now().toString(36);
let counter = 0;
const newSeller = () => `S-case-contract-${base}-${++counter}`;
const newRingKey = () => `ring-key-${base}-${++counter}`;

const OPENED_AT = '2026-03-01T00:00:00.000Z';

function signal(sellerId: string, signalId: string, time: string, rule: RuleName = 'seller-message'): Signal {
  return {
    signalId,
    sellerId,
    rule,
    time,
    points: 3,
    explanation: `${rule} at ${time}`,
    evidenceIds: [`evt-${signalId}`],
    tags: [rule],
    configVersion: 'test-config-1',
  };
}

function caseSignal(rule: RuleName, time: string, signalId = `${rule}:${time}`): CaseSignal {
  const { sellerId: _sellerId, configVersion: _configVersion, ...rest } = signal('unused', signalId, time, rule);
  return rest;
}

/** A new case (version 1, open) for the seller; `overrides` may change any field. A later opening is a later episode. */
function newCase(sellerId: string, overrides: Partial<Case> = {}): Case {
  const openedAt = overrides.openedAt ?? OPENED_AT;
  return {
    caseId: caseIdFor(sellerId, openedAt === OPENED_AT ? 1 : Date.parse(openedAt)),
    sellerId,
    status: 'open',
    openedAt,
    updatedAt: openedAt,
    points: 10,
    requestedRung: 'warn',
    rungRequestedAt: openedAt,
    signals: [caseSignal('seller-message', openedAt)],
    configVersion: 'test-config-1',
    version: 1,
    ...overrides,
  };
}

/** The next write of a case: one version up, with the given changes. */
const nextVersion = (current: Case, changes: Partial<Case> = {}): Case => ({
  ...current,
  updatedAt: '2026-03-02T00:00:00.000Z',
  ...changes,
  version: current.version + 1,
});

const bySeller = (members: readonly RingMember[]) =>
  [...members].sort((a, b) => (a.sellerId < b.sellerId ? -1 : a.sellerId > b.sellerId ? 1 : 0));

export function describeCaseStore(name: string, makeStore: () => CaseStore) {
  describe(`${name} case store`, () => {
    /** The ids of the listed cases that belong to the given sellers, in the order listed. */
    const listedIds = (cases: readonly Case[], sellers: readonly string[]) =>
      cases.filter((item) => sellers.includes(item.sellerId)).map((item) => item.caseId);

    describe('signals', () => {
      it('stores one signal per id: a judgement on more evidence replaces it, one on less never does', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const id = `targeted-lookup:${sellerId}:1`;
        const first = { ...signal(sellerId, id, '2026-01-01T00:00:00.000Z'), basis: 10 };
        const fresher = { ...first, explanation: 'judged again on more evidence', basis: 12 };
        const stale = { ...first, explanation: 'judged on less evidence, written last', basis: 11 };
        expect(await store.putSignal(first)).toBe(true);
        expect(await store.putSignal(fresher)).toBe(true);
        expect(await store.putSignal(stale)).toBe(false);
        expect(await store.sellerSignals(sellerId)).toEqual([fresher]);
      });

      it('returns a seller’s signals in time order whatever order they were stored in', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const times = ['2026-01-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'];
        for (const [i, time] of times.entries()) await store.putSignal(signal(sellerId, `sig-${i}`, time));
        expect((await store.sellerSignals(sellerId)).map((item) => item.time)).toEqual([
          '2026-01-01T00:00:00.000Z',
          '2026-01-02T00:00:00.000Z',
          '2026-01-03T00:00:00.000Z',
        ]);
      });

      it('selects a seller’s signals by an inclusive time window', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'];
        for (const [i, time] of times.entries()) await store.putSignal(signal(sellerId, `sig-${i}`, time));
        const window = { from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
        expect((await store.sellerSignals(sellerId, window)).map((item) => item.time)).toEqual([
          '2026-01-02T00:00:00.000Z',
          '2026-01-03T00:00:00.000Z',
        ]);
        expect((await store.sellerSignals(sellerId, { to: '2026-01-01T00:00:00.000Z' })).map((item) => item.time)).toEqual([
          '2026-01-01T00:00:00.000Z',
        ]);
        expect((await store.sellerSignals(sellerId, { from: '2026-01-03T00:00:00.001Z' })).map((item) => item.time)).toEqual([]);
      });

      it('stores a signal whose chance is below the smallest number DynamoDB keeps, as no larger than that', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const improbable = { ...signal(sellerId, `buyer-complaint:${sellerId}:1`, '2026-01-01T00:00:00.000Z'), p: 1e-200 };
        expect(await store.putSignal(improbable)).toBe(true);
        const [stored] = await store.sellerSignals(sellerId);
        expect(stored?.p).toBeGreaterThan(0);
        expect(stored?.p).toBeLessThanOrEqual(1e-130);
      });

      it('keeps sellers’ signals apart, even when an id contains the key separator', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const other = `${sellerId}#x`;
        const own = signal(sellerId, 'seller-message:E#1', '2026-01-01T00:00:00.000Z');
        const sameIdOtherSeller = signal(other, 'seller-message:E#1', '2026-01-02T00:00:00.000Z');
        expect(await store.putSignal(own)).toBe(true);
        expect(await store.putSignal(sameIdOtherSeller)).toBe(true);
        expect(await store.sellerSignals(sellerId)).toEqual([own]);
        expect(await store.sellerSignals(other)).toEqual([sameIdOtherSeller]);
      });
    });

    describe('cases', () => {
      it('keeps what the ladder writes on a case: its execution, waiting task, decisions, legal hold and closure', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        const worked = nextVersion(opened, {
          status: 'dismissed',
          applied: { rung: 'legal-hold', at: '2026-03-09T00:00:00.000Z' },
          execution: { name: `${opened.caseId}-legal-hold-20260308000000000`, rung: 'legal-hold' },
          waiting: { kind: 'approval', rung: 'legal-hold', token: 'token-1', since: '2026-03-08T00:00:00.000Z' },
          decisions: [{ rung: 'suspend', decision: 'approve', actor: 'ana', role: 'analyst', reason: 'look-ups', at: '2026-03-05T00:00:00.000Z' }],
          legalHold: { location: 's3://bundles/legal-holds/x/manifest.json', sha256: 'ab'.repeat(32), records: 12, at: '2026-03-09T00:00:00.000Z' },
          closure: { by: 'ana', role: 'analyst', reason: 'false positive', at: '2026-03-10T00:00:00.000Z' },
        });
        await store.saveCase(worked);
        expect(await store.getCase(opened.caseId)).toEqual(worked);
      });

      it('has no open case for a seller without one and no case under an unknown id', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        expect(await store.openCase(sellerId)).toBeUndefined();
        expect(await store.getCase(caseIdFor(sellerId, 1))).toBeUndefined();
      });

      it('opens a new case (version 1) and returns it as the seller’s open case', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        expect(await store.openCase(opened.sellerId)).toEqual(opened);
      });

      it('finds a case by its id', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        expect(await store.getCase(opened.caseId)).toEqual(opened);
      });

      it('keeps sellers’ open cases apart, even when a seller id contains the key separator', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const opened = newCase(sellerId);
        await store.saveCase(opened);
        expect(await store.openCase(`${sellerId}#x`)).toBeUndefined();
        const other = newCase(`${sellerId}#x`);
        await store.saveCase(other);
        expect(await store.openCase(sellerId)).toEqual(opened);
        expect(await store.openCase(`${sellerId}#x`)).toEqual(other);
      });

      it('refuses a second new case for a seller that has an open case, with CaseConflictError', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const first = newCase(sellerId);
        await store.saveCase(first);
        const second = newCase(sellerId, { openedAt: '2026-03-05T00:00:00.000Z' });
        await expect(store.saveCase(second)).rejects.toBeInstanceOf(CaseConflictError);
        expect(await store.openCase(sellerId)).toEqual(first);
        expect(await store.getCase(second.caseId)).toBeUndefined();
      });

      it('refuses a new case under the id of a case it already holds, with CaseConflictError', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        const closed = nextVersion(opened, { status: 'closed' });
        await store.saveCase(closed);
        await expect(store.saveCase(opened)).rejects.toBeInstanceOf(CaseConflictError);
        expect(await store.getCase(opened.caseId)).toEqual(closed);
        expect(await store.openCase(opened.sellerId)).toBeUndefined();
      });

      it('applies an update written at the next version', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        const updated = nextVersion(opened, {
          points: 25,
          requestedRung: 'coach',
          rungRequestedAt: '2026-03-02T00:00:00.000Z',
          signals: [...opened.signals, caseSignal('targeted-lookup', '2026-03-02T00:00:00.000Z')],
        });
        await store.saveCase(updated);
        expect(await store.getCase(opened.caseId)).toEqual(updated);
        expect(await store.openCase(opened.sellerId)).toEqual(updated);
      });

      it('refuses an update written from a stale version, with CaseConflictError', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        const winner = nextVersion(opened, { points: 20 });
        const loser = nextVersion(opened, { points: 30 });
        await store.saveCase(winner);
        await expect(store.saveCase(loser)).rejects.toBeInstanceOf(CaseConflictError);
        expect(await store.getCase(opened.caseId)).toEqual(winner);
      });

      it('refuses an update that skips a version, with CaseConflictError', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        await expect(store.saveCase(nextVersion(nextVersion(opened)))).rejects.toBeInstanceOf(CaseConflictError);
        expect(await store.getCase(opened.caseId)).toEqual(opened);
      });

      it('refuses an update of a case it does not hold, with CaseConflictError', async () => {
        const store = makeStore();
        const never = nextVersion(newCase(newSeller()));
        await expect(store.saveCase(never)).rejects.toBeInstanceOf(CaseConflictError);
        expect(await store.getCase(never.caseId)).toBeUndefined();
        expect(await store.openCase(never.sellerId)).toBeUndefined();
      });

      it('clears the seller’s open case when the case is closed', async () => {
        const store = makeStore();
        const opened = newCase(newSeller());
        await store.saveCase(opened);
        const closed = nextVersion(opened, { status: 'closed' });
        await store.saveCase(closed);
        expect(await store.openCase(opened.sellerId)).toBeUndefined();
        expect(await store.getCase(opened.caseId)).toEqual(closed);
      });

      it('lets a seller open a new case once its case is dismissed', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const first = newCase(sellerId);
        await store.saveCase(first);
        await store.saveCase(nextVersion(first, { status: 'dismissed' }));
        const second = newCase(sellerId, { openedAt: '2026-04-01T00:00:00.000Z' });
        await store.saveCase(second);
        expect(await store.openCase(sellerId)).toEqual(second);
        expect((await store.getCase(first.caseId))?.status).toBe('dismissed');
      });
    });

    describe('listing cases', () => {
      /** Three sellers with one case each: open (warn), closed (coach), dismissed (suspend). */
      async function threeCases(store: CaseStore) {
        const open = newCase(newSeller(), { openedAt: '2026-05-03T00:00:00.000Z' });
        const closed = newCase(newSeller(), {
          openedAt: '2026-05-02T00:00:00.000Z',
          requestedRung: 'coach',
          signals: [caseSignal('targeted-lookup', '2026-05-02T00:00:00.000Z')],
        });
        const dismissed = newCase(newSeller(), {
          openedAt: '2026-05-01T00:00:00.000Z',
          requestedRung: 'suspend',
          signals: [
            caseSignal('seller-message', '2026-04-30T00:00:00.000Z'),
            caseSignal('ring', '2026-05-01T00:00:00.000Z'),
          ],
        });
        for (const item of [dismissed, open, closed]) await store.saveCase(item);
        await store.saveCase(nextVersion(closed, { status: 'closed' }));
        await store.saveCase(nextVersion(dismissed, { status: 'dismissed' }));
        const sellers = [open.sellerId, closed.sellerId, dismissed.sellerId];
        return { open, closed, dismissed, sellers };
      }

      it('lists every case, newest opened first', async () => {
        const store = makeStore();
        const { open, closed, dismissed, sellers } = await threeCases(store);
        expect(listedIds(await store.listCases(), sellers)).toEqual([open.caseId, closed.caseId, dismissed.caseId]);
      });

      it('lists cases by status', async () => {
        const store = makeStore();
        const { open, closed, dismissed, sellers } = await threeCases(store);
        expect(listedIds(await store.listCases({ status: 'open' }), sellers)).toEqual([open.caseId]);
        expect(listedIds(await store.listCases({ status: 'closed' }), sellers)).toEqual([closed.caseId]);
        expect(listedIds(await store.listCases({ status: 'dismissed' }), sellers)).toEqual([dismissed.caseId]);
      });

      it('lists the latest version of each case', async () => {
        const store = makeStore();
        const { closed, sellers } = await threeCases(store);
        const listed = (await store.listCases({ status: 'closed' })).filter((item) => sellers.includes(item.sellerId));
        expect(listed).toEqual([nextVersion(closed, { status: 'closed' })]);
      });

      it('lists cases by the rung they ask for', async () => {
        const store = makeStore();
        const { open, closed, dismissed, sellers } = await threeCases(store);
        expect(listedIds(await store.listCases({ rung: 'warn' }), sellers)).toEqual([open.caseId]);
        expect(listedIds(await store.listCases({ rung: 'coach' }), sellers)).toEqual([closed.caseId]);
        expect(listedIds(await store.listCases({ rung: 'suspend' }), sellers)).toEqual([dismissed.caseId]);
        expect(listedIds(await store.listCases({ rung: 'legal-hold' }), sellers)).toEqual([]);
      });

      it('lists cases by a rule among their signals', async () => {
        const store = makeStore();
        const { open, closed, dismissed, sellers } = await threeCases(store);
        expect(listedIds(await store.listCases({ rule: 'seller-message' }), sellers)).toEqual([open.caseId, dismissed.caseId]);
        expect(listedIds(await store.listCases({ rule: 'targeted-lookup' }), sellers)).toEqual([closed.caseId]);
        expect(listedIds(await store.listCases({ rule: 'ring' }), sellers)).toEqual([dismissed.caseId]);
        expect(listedIds(await store.listCases({ rule: 'buyer-complaint' }), sellers)).toEqual([]);
      });

      it('lists cases opened within an inclusive time range', async () => {
        const store = makeStore();
        const { open, closed, dismissed, sellers } = await threeCases(store);
        const range = { openedFrom: '2026-05-02T00:00:00.000Z', openedTo: '2026-05-03T00:00:00.000Z' };
        expect(listedIds(await store.listCases(range), sellers)).toEqual([open.caseId, closed.caseId]);
        expect(listedIds(await store.listCases({ openedTo: '2026-05-02T00:00:00.000Z' }), sellers)).toEqual([
          closed.caseId,
          dismissed.caseId,
        ]);
        expect(listedIds(await store.listCases({ openedFrom: '2026-05-01T00:00:00.001Z' }), sellers)).toEqual([
          open.caseId,
          closed.caseId,
        ]);
      });

      it('combines filters', async () => {
        const store = makeStore();
        const { dismissed, sellers } = await threeCases(store);
        const query = { status: 'dismissed', rung: 'suspend', rule: 'ring', openedTo: '2026-05-01T00:00:00.000Z' } as const;
        expect(listedIds(await store.listCases(query), sellers)).toEqual([dismissed.caseId]);
        expect(listedIds(await store.listCases({ ...query, status: 'open' }), sellers)).toEqual([]);
      });

      it('lists a seller’s cases, newest opened first, apart from a seller whose id extends it', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const first = newCase(sellerId, { openedAt: '2026-06-01T00:00:00.000Z' });
        await store.saveCase(first);
        await store.saveCase(nextVersion(first, { status: 'closed' }));
        const second = newCase(sellerId, { openedAt: '2026-06-10T00:00:00.000Z' });
        await store.saveCase(second);
        await store.saveCase(newCase(`${sellerId}#x`, { openedAt: '2026-06-05T00:00:00.000Z' }));
        expect((await store.listCases({ sellerId })).map((item) => item.caseId)).toEqual([second.caseId, first.caseId]);
      });

      it('combines a seller with the other filters', async () => {
        const store = makeStore();
        const sellerId = newSeller();
        const first = newCase(sellerId, { openedAt: '2026-07-01T00:00:00.000Z' });
        await store.saveCase(first);
        await store.saveCase(nextVersion(first, { status: 'closed' }));
        const second = newCase(sellerId, {
          openedAt: '2026-07-10T00:00:00.000Z',
          requestedRung: 'suspend',
          signals: [caseSignal('ring', '2026-07-10T00:00:00.000Z')],
        });
        await store.saveCase(second);
        const ids = async (query: Parameters<CaseStore['listCases']>[0]) =>
          (await store.listCases(query)).map((item) => item.caseId);
        expect(await ids({ sellerId, status: 'closed' })).toEqual([first.caseId]);
        expect(await ids({ sellerId, rung: 'suspend' })).toEqual([second.caseId]);
        expect(await ids({ sellerId, rule: 'seller-message' })).toEqual([first.caseId]);
        expect(await ids({ sellerId, openedFrom: '2026-07-02T00:00:00.000Z' })).toEqual([second.caseId]);
        expect(await ids({ sellerId, openedTo: '2026-07-01T00:00:00.000Z' })).toEqual([first.caseId]);
      });
    });
  });
}

export function describeRingIndex(name: string, makeIndex: () => RingIndex) {
  describe(`${name} ring index`, () => {
    const member = (sellerId: string, time: string, evidenceId = `evt-${sellerId}-${time}`): RingMember => ({
      sellerId,
      evidenceId,
      time,
    });

    it('has no members for a key nobody was linked to', async () => {
      const index = makeIndex();
      expect(await index.members('handle', newRingKey())).toEqual([]);
    });

    it('resolves a link to every member of the key, the new one included', async () => {
      const index = makeIndex();
      const key = newRingKey();
      const a = member(newSeller(), '2026-01-01T00:00:00.000Z');
      const b = member(newSeller(), '2026-01-02T00:00:00.000Z');
      expect(await index.link('handle', key, a)).toEqual([a]);
      expect(bySeller(await index.link('handle', key, b))).toEqual(bySeller([a, b]));
      expect(bySeller(await index.members('handle', key))).toEqual(bySeller([a, b]));
    });

    it('keeps a seller’s earliest link when a later one follows', async () => {
      const index = makeIndex();
      const key = newRingKey();
      const sellerId = newSeller();
      const earliest = member(sellerId, '2026-01-01T00:00:00.000Z');
      await index.link('app', key, earliest);
      expect(await index.link('app', key, member(sellerId, '2026-01-05T00:00:00.000Z'))).toEqual([earliest]);
      expect(await index.members('app', key)).toEqual([earliest]);
    });

    it('keeps a seller’s earliest link when it arrives after a later one', async () => {
      const index = makeIndex();
      const key = newRingKey();
      const sellerId = newSeller();
      await index.link('app', key, member(sellerId, '2026-01-05T00:00:00.000Z'));
      const earliest = member(sellerId, '2026-01-01T00:00:00.000Z');
      expect(await index.link('app', key, earliest)).toEqual([earliest]);
      expect(await index.members('app', key)).toEqual([earliest]);
    });

    it('keeps one member per seller when the same link arrives twice', async () => {
      const index = makeIndex();
      const key = newRingKey();
      const linked = member(newSeller(), '2026-01-01T00:00:00.000Z');
      await index.link('handle', key, linked);
      expect(await index.link('handle', key, linked)).toEqual([linked]);
    });

    it('keeps the members of other keys and kinds apart, even when a key contains the separator', async () => {
      const index = makeIndex();
      const key = newRingKey();
      const a = member(newSeller(), '2026-01-01T00:00:00.000Z');
      const b = member(newSeller(), '2026-01-02T00:00:00.000Z');
      const c = member(newSeller(), '2026-01-03T00:00:00.000Z');
      const d = member(newSeller(), '2026-01-04T00:00:00.000Z');
      await index.link('handle', key, a);
      await index.link('app', key, b);
      await index.link('handle', `${key}#2`, c);
      await index.link('handle', `${key}2`, d);
      expect(await index.members('handle', key)).toEqual([a]);
      expect(await index.members('app', key)).toEqual([b]);
      expect(await index.members('handle', `${key}#2`)).toEqual([c]);
      expect(await index.members('handle', `${key}2`)).toEqual([d]);
    });
  });
}
