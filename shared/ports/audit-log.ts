/**
 * The audit log: who did what to which case, when and why. Append-only by design: entries are
 * recorded once and never edited or deleted, and this port offers no way to do either.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Rung } from '../domain/ladder/rungs';

import { AuditEntrySchema } from './audit-entry';
import type { AuditAction, AuditEntry } from './audit-entry';

// The entry's vocabulary and schema live apart, free of node:crypto, so the web console can share them.
export { AUDIT_ACTIONS, AUDIT_ROLES, AuditEntrySchema } from './audit-entry';
export type { AuditAction, AuditEntry, AuditRole } from './audit-entry';

export interface AuditPageRequest {
  /** @default 50, at most 500 */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** Entries newest first; `nextCursor` is there when older entries remain. */
export interface AuditPage {
  readonly entries: AuditEntry[];
  readonly nextCursor?: string;
}

export interface AuditLog {
  /**
   * Appends an entry. Recording an entry id again with the same content does nothing; with
   * different content it throws AuditConflictError and the first entry stands.
   */
  record(entry: AuditEntry): Promise<void>;
  byCase(caseId: string, page?: AuditPageRequest): Promise<AuditPage>;
  bySeller(sellerId: string, page?: AuditPageRequest): Promise<AuditPage>;
  byActor(actor: string, page?: AuditPageRequest): Promise<AuditPage>;
}

/** An entry id was recorded before with different content: audit entries are never rewritten. */
export class AuditConflictError extends Error {
  override readonly name = 'AuditConflictError';
}

/** The entry is malformed (e.g. `at` not in toISOString form, an unknown action). */
export class InvalidAuditEntryError extends Error {
  override readonly name = 'InvalidAuditEntryError';
}

/** The page request is malformed (a cursor that no page handed out, a limit out of range). */
export class InvalidAuditPageError extends Error {
  override readonly name = 'InvalidAuditPageError';
}

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 500;

/** The entry id of an action on a case: the same step, retried, yields the same id. */
export function auditEntryIdFor(parts: { caseId: string; action: AuditAction; rung?: Rung; at: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([parts.caseId, parts.action, parts.rung ?? '', parts.at]))
    .digest('hex');
}

/** The entry, validated and with absent optional fields left out (adapters store this). */
export function parseAuditEntry(entry: AuditEntry): AuditEntry {
  const parsed = AuditEntrySchema.safeParse(entry);
  if (!parsed.success) {
    throw new InvalidAuditEntryError(`audit entry ${entry.entryId}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}

const AUDIT_FIELDS = AuditEntrySchema.keyof().options;

/** Whether two entries say the same thing, field by field of the schema (order of evidence ids included). */
export function sameAuditEntry(a: AuditEntry, b: AuditEntry): boolean {
  const canonical = (entry: AuditEntry) => JSON.stringify(AUDIT_FIELDS.map((field) => entry[field] ?? null));
  return canonical(a) === canonical(b);
}

/**
 * Where a page ended: the last entry returned. Entries order newest first by `<at>#<entryId>`, so
 * the next page holds the entries strictly below that key.
 */
export interface AuditPosition {
  readonly at: string;
  readonly entryId: string;
}

const Position = z.object({ at: z.string(), entryId: z.string() });

export const auditOrderKey = (entry: AuditPosition): string => `${entry.at}#${entry.entryId}`;

export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify({ at: position.at, entryId: position.entryId })).toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditPosition {
  try {
    return Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidAuditPageError(`not a cursor of the audit log: ${cursor}`, { cause: error });
  }
}

/** The page size asked for, checked. */
export function auditPageSize(request: AuditPageRequest): number {
  const limit = request.limit ?? DEFAULT_AUDIT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE_SIZE) {
    throw new InvalidAuditPageError(`page limit must be an integer from 1 to ${MAX_AUDIT_PAGE_SIZE}, not ${limit}`);
  }
  return limit;
}

/** Every entry about a case, newest first, read page by page (a case has dozens, not thousands). */
export async function allCaseEntries(log: AuditLog, caseId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.byCase(caseId, { limit: MAX_AUDIT_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

/** Records an entry that a retried step may record again: the first one stands. */
export async function recordOnce(log: AuditLog, entry: AuditEntry): Promise<void> {
  try {
    await log.record(entry);
  } catch (error) {
    if (!(error instanceof AuditConflictError)) throw error;
  }
}

/** The entry saying a notice went out: once per notice id, whoever sent it. */
export function noticeSentEntry(notice: { noticeId: string; caseId: string; sellerId: string; rung?: Rung; recipient: string; subject: string }, at: string): AuditEntry {
  return {
    entryId: auditEntryIdFor({ caseId: notice.caseId, action: 'notice-sent', at: notice.noticeId }),
    at,
    actor: 'system',
    role: 'system',
    action: 'notice-sent',
    caseId: notice.caseId,
    sellerId: notice.sellerId,
    ...(notice.rung ? { rung: notice.rung } : {}),
    reason: `notice ${notice.noticeId} to ${notice.recipient}: ${notice.subject}`,
    evidenceIds: [],
  };
}
