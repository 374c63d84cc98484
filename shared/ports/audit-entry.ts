/**
 * What an audit entry says: its actions, roles and schema. Kept apart from the log's port
 * (./audit-log.ts, which re-exports them) because it needs nothing but zod, so the web console
 * parses the entries it is sent with this very schema.
 */
import { z } from 'zod';
import { RUNGS } from '../domain/ladder/rungs';
import { DismissalFields } from '../domain/cases/dismissal';

export const AUDIT_ROLES = ['system', 'analyst', 'legal', 'admin', 'seller', 'service'] as const;
export type AuditRole = (typeof AUDIT_ROLES)[number];

export const AUDIT_ACTIONS = [
  'case-opened',
  'rung-requested',
  'rung-applied',
  'notice-sent',
  'approval-requested',
  'approved',
  'denied',
  'coaching-completed',
  'coaching-timed-out',
  'dismissed',
  'appealed',
  'appeal-accepted',
  'appeal-rejected',
  'legal-hold-applied',
  'statement-issued',
  'notifier-warned',
  'notifier-restricted',
  'notifier-contested',
  'notifier-contest-upheld',
  'notifier-contest-rejected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One entry, in the one shape the stores keep and the console answers with (its OpenAPI document
 * is generated from this schema, and the web console parses with it). `at` is an ISO-8601 UTC instant with milliseconds (`Date.prototype.toISOString`), so
 * that entries order by time as strings do in every adapter.
 */
export const AuditEntrySchema = z.object({
  /** Deterministic, so that a retried step records the same entry: see auditEntryIdFor. */
  entryId: z.string().min(1),
  at: z.iso.datetime({ precision: 3 }),
  /** A user id (the token's immutable subject), or 'system'. */
  actor: z.string().min(1),
  /** The actor's name for display (a username), when known; never used to find entries. */
  actorName: z.string().min(1).optional(),
  role: z.enum(AUDIT_ROLES),
  action: z.enum(AUDIT_ACTIONS),
  caseId: z.string().min(1),
  sellerId: z.string().min(1),
  rung: z.enum(RUNGS).optional(),
  reason: z.string().optional(),
  /** On a dismissal: its category and, for a false positive, the signals that were wrong. */
  dismissal: DismissalFields.optional(),
  evidenceIds: z.array(z.string()),
});

export type AuditEntry = z.infer<typeof AuditEntrySchema>;
