/**
 * What every statement store and notifier ledger must do, whatever keeps them: the in-memory
 * adapters and the DynamoDB ones pass the same tests.
 */
import { describe, expect, it } from 'vitest';
import { suspensionStatement } from '../../shared/domain/dsa/statement';
import type { NotifierLedger } from '../../shared/ports/notifier-ledger';
import { StandingConflictError } from '../../shared/ports/notifier-ledger';
import type { StatementStore } from '../../shared/ports/statement-store';

const statement = (caseId: string, ended?: string) =>
  suspensionStatement({
    item: { caseId, signals: [{ signalId: 's', rule: 'targeted-lookup', time: '2026-03-01T10:00:00.000Z', points: 50, explanation: 'Report r covers 2 of its 3 orders', evidenceIds: ['e'], tags: ['targeted-lookup'] }] },
    appliedAt: '2026-03-04T10:00:00.000Z',
    approvedByPerson: true,
    ...(ended ? { ended: { at: ended, reason: 'appeal-accepted' as const } } : {}),
  });

export function describeStatementStore(name: string, make: () => StatementStore) {
  describe(`${name} statement store`, () => {
    it('keeps a case’s statements, oldest first, each puid once', async () => {
      const store = make();
      const caseId = `case_${Math.random().toString(36).slice(2)}`;
      expect(await store.put({ caseId, sellerId: 's1', issuedAt: '2026-03-04T10:00:00.000Z', statement: statement(caseId) })).toEqual({ stored: true });
      expect(await store.put({ caseId, sellerId: 's1', issuedAt: '2026-03-04T10:00:00.000Z', statement: statement(caseId) })).toEqual({ stored: false });
      const revised = statement(caseId, '2026-03-20T10:00:00.000Z');
      await store.put({ caseId, sellerId: 's1', issuedAt: '2026-03-20T10:00:00.000Z', revises: statement(caseId).puid, statement: revised });
      const kept = await store.byCase(caseId);
      expect(kept.map((issued) => issued.statement.puid)).toEqual([statement(caseId).puid, revised.puid]);
      expect(kept[1]?.statement).toEqual(revised);
    });
  });
}

export function describeNotifierLedger(name: string, make: () => NotifierLedger) {
  describe(`${name} notifier ledger`, () => {
    it('records a notice once and its outcome once', async () => {
      const ledger = make();
      const sellerId = `seller-${Math.random().toString(36).slice(2)}`;
      const notice = { reference: `complaint_${sellerId}`, buyerId: 'b1', sellerId, language: 'fr', receivedAt: '2026-03-01T10:00:00.000Z', counted: true };
      await ledger.recordNotice(notice);
      await ledger.recordNotice({ ...notice, counted: false });
      expect(await ledger.sellerNotices(sellerId)).toEqual([notice]);
      const outcome = { decision: 'actioned' as const, at: '2026-03-05T10:00:00.000Z', caseId: 'case_1' };
      expect(await ledger.recordOutcome(notice, outcome)).toBe(true);
      expect(await ledger.recordOutcome(notice, { ...outcome, decision: 'dismissed' })).toBe(false);
      expect((await ledger.sellerNotices(sellerId))[0]?.outcome).toEqual(outcome);
      expect((await ledger.noticesReceived('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).map((found) => found.reference)).toContain(notice.reference);
    });

    it('writes a standing on its version, and lists the sanctioned', async () => {
      const ledger = make();
      const buyerId = `buyer-${Math.random().toString(36).slice(2)}`;
      const fresh = await ledger.standing(buyerId);
      expect(fresh).toEqual({ buyerId, unfounded: [], version: 0 });
      await ledger.saveStanding({ ...fresh, unfounded: [{ reference: 'c1', at: '2026-03-01T10:00:00.000Z' }], warnedAt: '2026-03-01T10:00:00.000Z', version: 1 });
      await expect(ledger.saveStanding({ ...fresh, version: 1 })).rejects.toThrow(StandingConflictError);
      expect((await ledger.sanctioned()).map((standing) => standing.buyerId)).toContain(buyerId);
    });
  });
}
