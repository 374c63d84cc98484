/**
 * Starts the ladder's next execution for a case, if it asks for one: the case starts at the rung
 * it opened at and climbs one rung above the last one applied, up to the rung its evidence (or an
 * analyst) asks for. An execution still running at a lower rung is superseded: stopped, and its
 * parked task token dropped from the case. The execution is recorded on the case before it is
 * started, and its name derives from the case, the rung and when the case asked for it, so a
 * repeated call (a redelivered stream record, the next poll) starts nothing twice.
 *
 * On AWS the cases table's stream calls this (functions/ladder-starter); locally, a poll does.
 */
import type { Case } from '../domain/cases/case';
import { auditedEvidenceIds, startExecution } from '../domain/cases/case';
import { rungIndex } from '../domain/ladder/rungs';
import { executionName, nextRungToRun } from '../domain/ladder/policy';
import type { AuditLog } from '../ports/audit-log';
import { auditEntryIdFor, recordOnce } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { LadderWorkflow } from '../ports/ladder-workflow';

export interface AdvanceLadderDeps {
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  readonly workflow: LadderWorkflow;
  readonly now: () => Date;
}

/** Resolves to the name of the execution started (or found started), or undefined for none. */
export async function advanceLadder(item: Case, deps: AdvanceLadderDeps): Promise<string | undefined> {
  const next = nextRungToRun(item);
  // A case for review asks for no rung: no execution, no notice.
  if (next === null || item.rungRequestedAt === null) return undefined;
  const name = executionName(item.caseId, next, item.rungRequestedAt);
  const running = item.execution;
  if (running?.name !== name) {
    // A case's first execution is its opening; a later one, a rung its evidence (or an analyst) asked for.
    await recordOnce(deps.audit, {
      entryId: auditEntryIdFor({ caseId: item.caseId, action: running ? 'rung-requested' : 'case-opened', rung: next, at: name }),
      at: deps.now().toISOString(),
      actor: 'system',
      role: 'system',
      action: running ? 'rung-requested' : 'case-opened',
      caseId: item.caseId,
      sellerId: item.sellerId,
      rung: next,
      reason: running
        ? `the ladder moves from ${running.rung} to ${next} (the case asks for ${item.requestedRung})`
        : `${item.points} points in the window (${[...new Set(item.signals.map((signal) => signal.rule))].join(', ')}); the ladder starts at ${next}`,
      evidenceIds: auditedEvidenceIds(item),
    });
    // Only climb: an execution at this rung or above stands (a denial sends one back down itself).
    if (running && rungIndex(running.rung) >= rungIndex(next)) return undefined;
    if (running) await deps.workflow.stop(running.name, `case ${item.caseId} asks for ${next}`);
    await deps.cases.saveCase(startExecution(item, { name, rung: next }, deps.now().toISOString()));
  }
  await deps.workflow.start(name, { caseId: item.caseId, sellerId: item.sellerId, rung: next });
  return name;
}
