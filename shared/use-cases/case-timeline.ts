/**
 * One case as an analyst reads it: the case, and its timeline in time order: every piece of
 * evidence behind its signals, every rule that fired with its points, every rung requested and
 * applied, every decision and notice (from the audit log). Evidence carries buyer ids and contact
 * handles only as their keyed hashes, as it is stored; report order lists are counted, not listed.
 */
import type { Case } from '../domain/cases/case';
import { addDays } from '../domain/time';
import type { Evidence } from '../domain/evidence';
import type { AuditEntry, AuditLog } from '../ports/audit-log';
import { allCaseEntries } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { EvidenceStore } from '../ports/evidence-store';
import { NotFoundError } from './errors';

export type TimelineEntry =
  | { readonly at: string; readonly type: 'evidence'; readonly evidenceId: string; readonly kind: Evidence['kind']; readonly record: Record<string, unknown> }
  | { readonly at: string; readonly type: 'signal'; readonly signalId: string; readonly rule: string; readonly points: number; readonly explanation: string; readonly evidenceIds: readonly string[] }
  | { readonly at: string; readonly type: 'audit'; readonly action: AuditEntry['action']; readonly actor: string; readonly role: string; readonly rung?: string; readonly reason?: string };

/** A report's order list can hold 10,000 ids: the timeline says how many, not which. */
function summarise(record: Evidence): Record<string, unknown> {
  if (record.kind !== 'report-download') return { ...record };
  const { orderIds, ...rest } = record;
  return { ...rest, orderCount: orderIds.length };
}

const LOOK_BACK_DAYS = 400;

export interface CaseMaterial {
  readonly item: Case;
  /** The evidence the case's signals rest on, in time order. */
  readonly evidence: Evidence[];
  /** Every audit entry about the case, newest first. */
  readonly audit: AuditEntry[];
}

/** A case with the evidence behind its signals and its audit entries: what every view of a case reads. */
export async function caseMaterial(
  caseId: string,
  deps: { readonly cases: CaseStore; readonly store: EvidenceStore; readonly audit: AuditLog },
): Promise<CaseMaterial> {
  const item = await deps.cases.getCase(caseId);
  if (!item) throw new NotFoundError(`no case ${caseId}`);
  const wanted = new Set(item.signals.flatMap((signal) => signal.evidenceIds));
  const earliest = item.signals.reduce((min, signal) => (signal.time < min ? signal.time : min), item.openedAt);
  const from = addDays(earliest, -LOOK_BACK_DAYS);
  const [evidence, audit] = await Promise.all([deps.store.sellerEvidence(item.sellerId, { from }), allCaseEntries(deps.audit, caseId)]);
  return { item, evidence: evidence.filter((record) => wanted.has(record.eventId)), audit };
}

export async function caseTimeline(
  caseId: string,
  deps: { readonly cases: CaseStore; readonly store: EvidenceStore; readonly audit: AuditLog },
): Promise<{ readonly case: Case; readonly timeline: TimelineEntry[] }> {
  const { item, evidence, audit } = await caseMaterial(caseId, deps);
  const timeline: TimelineEntry[] = [
    ...evidence.map((record) => ({ at: record.time, type: 'evidence' as const, evidenceId: record.eventId, kind: record.kind, record: summarise(record) })),
    ...item.signals.map((signal) => ({
      at: signal.time,
      type: 'signal' as const,
      signalId: signal.signalId,
      rule: signal.rule,
      points: signal.points,
      explanation: signal.explanation,
      evidenceIds: signal.evidenceIds,
    })),
    ...audit.map((entry) => ({
      at: entry.at,
      type: 'audit' as const,
      action: entry.action,
      actor: entry.actor,
      role: entry.role,
      ...(entry.rung ? { rung: entry.rung } : {}),
      ...(entry.reason ? { reason: entry.reason } : {}),
    })),
  ];
  const order = { evidence: 0, signal: 1, audit: 2 } as const;
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order[a.type] - order[b.type]));
  const { waiting, ...rest } = item;
  // The task token is the workflow's business, not the analyst's.
  const shown: Case = waiting ? { ...rest, waiting: { ...waiting, token: '(held)' } } : rest;
  return { case: shown, timeline };
}
