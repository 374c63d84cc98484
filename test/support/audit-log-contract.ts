/**
 * One specification for every AuditLog adapter: the in-memory one runs it as a unit test, the
 * DynamoDB one against DynamoDB Local. The table is shared by every test of a file, so each test
 * works on its own cases, sellers and actors.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog, AuditPage } from '../../shared/ports/audit-log';
import { AuditConflictError, auditEntryIdFor, InvalidAuditEntryError, InvalidAuditPageError } from '../../shared/ports/audit-log';

const base = Date.now().toString(36);
let counter = 0;
const unique = (prefix: string) => `${prefix}-audit-${base}-${++counter}`;

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
/** The instant `minutes` after the first entry of a test. */
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** An entry on its own case, seller and actor unless `overrides` says otherwise. */
function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  const caseId = overrides.caseId ?? unique('case');
  const action = overrides.action ?? 'case-opened';
  const time = overrides.at ?? at(0);
  return {
    entryId: auditEntryIdFor({ caseId, action, rung: overrides.rung, at: time }),
    at: time,
    actor: 'system',
    role: 'system',
    action,
    caseId,
    sellerId: unique('seller'),
    evidenceIds: ['evt-1', 'evt-2'],
    ...overrides,
  };
}

/** Every entry of a listing, page after page. */
async function allPages(list: (cursor?: string) => Promise<AuditPage>): Promise<AuditEntry[][]> {
  const pages: AuditEntry[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    pages.push(page.entries);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 20);
  return pages;
}

export function describeAuditLog(name: string, make: () => AuditLog): void {
  describe(`AuditLog (${name})`, () => {
    it('finds a recorded entry by its case, its seller and its actor', async () => {
      const log = make();
      const recorded = entry({ actor: unique('analyst'), role: 'analyst', action: 'approved', rung: 'suspend', reason: 'strong evidence' });

      await log.record(recorded);

      expect(await log.byCase(recorded.caseId)).toEqual({ entries: [recorded] });
      expect(await log.bySeller(recorded.sellerId)).toEqual({ entries: [recorded] });
      expect(await log.byActor(recorded.actor)).toEqual({ entries: [recorded] });
    });

    it('keeps absent optional fields absent', async () => {
      const log = make();
      const recorded = entry();

      await log.record(recorded);

      const [found] = (await log.byCase(recorded.caseId)).entries;
      expect(found).toEqual(recorded);
      expect(found).not.toHaveProperty('rung');
      expect(found).not.toHaveProperty('reason');
    });

    it('lists newest first, entries at the same instant in a stable order', async () => {
      const log = make();
      const caseId = unique('case');
      const sellerId = unique('seller');
      const opened = entry({ caseId, sellerId, action: 'case-opened', at: at(0) });
      const requested = entry({ caseId, sellerId, action: 'rung-requested', rung: 'warn', at: at(5) });
      const applied = entry({ caseId, sellerId, action: 'rung-applied', rung: 'warn', at: at(5) });
      const sent = entry({ caseId, sellerId, action: 'notice-sent', rung: 'warn', at: at(6) });

      for (const item of [requested, sent, opened, applied]) await log.record(item);

      const { entries } = await log.byCase(caseId);
      expect(entries.map((item) => item.action)).toEqual([
        'notice-sent',
        ...[requested, applied].sort((a, b) => (a.entryId < b.entryId ? 1 : -1)).map((item) => item.action),
        'case-opened',
      ]);
      expect(await log.bySeller(sellerId)).toEqual({ entries });
    });

    it('pages through a listing with cursors, each entry once, and no cursor after the last page', async () => {
      const log = make();
      const sellerId = unique('seller');
      const recorded = Array.from({ length: 7 }, (_, minute) => entry({ sellerId, at: at(minute) }));
      for (const item of recorded) await log.record(item);

      const pages = await allPages((cursor) => log.bySeller(sellerId, { limit: 3, cursor }));

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual([...recorded].reverse());
    });

    it('ends exactly when the last page is full', async () => {
      const log = make();
      const actor = unique('legal');
      for (const minute of [0, 1, 2, 3]) await log.record(entry({ actor, role: 'legal', action: 'legal-hold-applied', at: at(minute) }));

      const pages = await allPages((cursor) => log.byActor(actor, { limit: 2, cursor }));

      expect(pages.map((page) => page.length)).toEqual([2, 2]);
    });

    it('answers an empty page for a case it has never seen', async () => {
      expect(await make().byCase(unique('case'))).toEqual({ entries: [] });
    });

    it('keeps cases, sellers and actors apart', async () => {
      const log = make();
      const sellerId = unique('seller');
      const analyst = unique('analyst');
      const first = entry({ sellerId, actor: analyst, role: 'analyst', action: 'approval-requested' });
      const second = entry({ sellerId, action: 'case-opened' });
      await log.record(first);
      await log.record(second);

      expect((await log.byCase(first.caseId)).entries).toEqual([first]);
      expect((await log.byActor(analyst)).entries).toEqual([first]);
      expect((await log.bySeller(sellerId)).entries).toHaveLength(2);
    });

    it('records an entry once when a retried step records it again', async () => {
      const log = make();
      const recorded = entry({ action: 'notice-sent', rung: 'warn' });

      await log.record(recorded);
      await log.record({ ...recorded, evidenceIds: [...recorded.evidenceIds] });

      expect((await log.byCase(recorded.caseId)).entries).toEqual([recorded]);
    });

    it('refuses to rewrite an entry, and the first version stands', async () => {
      const log = make();
      const recorded = entry({ action: 'denied', actor: unique('admin'), role: 'admin', reason: 'insufficient evidence' });
      await log.record(recorded);

      await expect(log.record({ ...recorded, reason: 'changed my mind' })).rejects.toBeInstanceOf(AuditConflictError);
      await expect(log.record({ ...recorded, evidenceIds: ['evt-2', 'evt-1'] })).rejects.toBeInstanceOf(AuditConflictError);

      expect((await log.byCase(recorded.caseId)).entries).toEqual([recorded]);
    });

    it('refuses a malformed entry', async () => {
      const log = make();

      await expect(log.record(entry({ at: '2026-03-01T09:00:00Z' }))).rejects.toBeInstanceOf(InvalidAuditEntryError);
      await expect(log.record(entry({ at: 'yesterday' }))).rejects.toBeInstanceOf(InvalidAuditEntryError);
      await expect(log.record(entry({ sellerId: '' }))).rejects.toBeInstanceOf(InvalidAuditEntryError);
    });

    it('refuses a cursor it did not hand out and a page size out of range', async () => {
      const log = make();
      const caseId = unique('case');

      await expect(log.byCase(caseId, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidAuditPageError);
      await expect(log.byCase(caseId, { limit: 0 })).rejects.toBeInstanceOf(InvalidAuditPageError);
      await expect(log.byCase(caseId, { limit: 2.5 })).rejects.toBeInstanceOf(InvalidAuditPageError);
    });

    it('offers no way to edit or delete an entry', () => {
      const log = make();
      const methods = new Set<string>();
      for (let proto: object | null = Object.getPrototypeOf(log) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
        for (const property of Object.getOwnPropertyNames(proto)) methods.add(property);
      }
      methods.delete('constructor');

      expect([...methods].filter((method) => /update|delete|remove|edit|put|clear|overwrite|replace/i.test(method))).toEqual([]);
      expect(methods).toContain('record');
    });
  });
}
