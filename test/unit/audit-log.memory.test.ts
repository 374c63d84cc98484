import { describe, expect, it } from 'vitest';
import { InMemoryAuditLog } from '../../shared/adapters/memory/audit-log';
import { auditEntryIdFor } from '../../shared/ports/audit-log';
import { describeAuditLog } from '../support/audit-log-contract';

describeAuditLog('in-memory', () => new InMemoryAuditLog());

describe('auditEntryIdFor', () => {
  const parts = { caseId: 'case-1', action: 'rung-applied', rung: 'coach', at: '2026-03-01T09:00:00.000Z' } as const;

  it('gives a retried step the same entry id', () => {
    expect(auditEntryIdFor(parts)).toBe(auditEntryIdFor({ ...parts }));
  });

  it('gives different steps different entry ids', () => {
    const ids = new Set([
      auditEntryIdFor(parts),
      auditEntryIdFor({ ...parts, rung: 'suspend' }),
      auditEntryIdFor({ ...parts, rung: undefined }),
      auditEntryIdFor({ ...parts, action: 'rung-requested' }),
      auditEntryIdFor({ ...parts, at: '2026-03-01T09:00:00.001Z' }),
      auditEntryIdFor({ ...parts, caseId: 'case-2' }),
    ]);
    expect(ids.size).toBe(6);
  });
});
