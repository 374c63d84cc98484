import type { AuditEntry, AuditLog, AuditPage, AuditPageRequest } from '../../ports/audit-log';
import {
  AuditConflictError,
  auditOrderKey,
  auditPageSize,
  decodeAuditCursor,
  encodeAuditCursor,
  parseAuditEntry,
  sameAuditEntry,
} from '../../ports/audit-log';

/** The audit log in memory: replay and unit tests. Append-only, like the real one. */
export class InMemoryAuditLog implements AuditLog {
  private readonly entries = new Map<string, AuditEntry>();

  async record(entry: AuditEntry): Promise<void> {
    const parsed = parseAuditEntry(entry);
    const existing = this.entries.get(parsed.entryId);
    if (existing === undefined) {
      this.entries.set(parsed.entryId, structuredClone(parsed));
      return;
    }
    if (!sameAuditEntry(existing, parsed)) {
      throw new AuditConflictError(`audit entry ${parsed.entryId} was recorded before with different content`);
    }
  }

  async byCase(caseId: string, page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.page((entry) => entry.caseId === caseId, page);
  }

  async bySeller(sellerId: string, page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.page((entry) => entry.sellerId === sellerId, page);
  }

  async byActor(actor: string, page: AuditPageRequest = {}): Promise<AuditPage> {
    return this.page((entry) => entry.actor === actor, page);
  }

  private page(matches: (entry: AuditEntry) => boolean, request: AuditPageRequest): AuditPage {
    const limit = auditPageSize(request);
    const below = request.cursor === undefined ? undefined : auditOrderKey(decodeAuditCursor(request.cursor));
    const matching = [...this.entries.values()]
      .filter((entry) => matches(entry) && (below === undefined || auditOrderKey(entry) < below))
      .sort((a, b) => (auditOrderKey(a) < auditOrderKey(b) ? 1 : -1));
    const entries = matching.slice(0, limit).map((entry) => structuredClone(entry));
    const last = entries.at(-1);
    return matching.length > limit && last ? { entries, nextCursor: encodeAuditCursor(last) } : { entries };
  }
}
