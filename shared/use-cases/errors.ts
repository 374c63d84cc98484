import type { Case } from '../domain/cases/case';
import { CaseStateError } from '../domain/cases/case';
import type { CaseStore } from '../ports/case-store';
import { CaseConflictError } from '../ports/case-store';
import type { LadderWorkflow } from '../ports/ladder-workflow';
import { TaskNotWaitingError } from '../ports/ladder-workflow';

/**
 * What a use case answers when it cannot do what was asked. The console maps these to HTTP in one
 * place (shared/adapters/http/router.ts); a workflow step maps its own to retry decisions.
 */

/** The case, seller or appeal does not exist: 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The thing is not in a state that allows this (a decision nobody waits for, a stale one): 409. */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
}

/** The caller's role may not do this: 403. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** The request itself is malformed beyond what its schema says (a cursor nobody handed out): 400. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/** Makes a change the case may refuse in the state it is in; a refusal is a conflict (409). */
export function caseChangeOrConflict<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof CaseStateError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
}

/** Writes a person's change to a case; a race lost to another writer is a conflict to reload (409). */
export async function saveOrConflict(cases: CaseStore, next: Case, doing: string): Promise<void> {
  try {
    await cases.saveCase(next);
  } catch (error) {
    if (error instanceof CaseConflictError) throw new StateConflictError(`case ${next.caseId} changed while ${doing}; reload it`, { cause: error });
    throw error;
  }
}

/** Hands a person's answer to the waiting workflow; a task nobody waits on any more is a conflict (409). */
export async function resumeOrConflict(workflow: LadderWorkflow, caseId: string, token: string, output: Readonly<Record<string, string>>): Promise<void> {
  await answerOrConflict(caseId, () => workflow.resume(token, output));
}

/**
 * Hands a person's refusal to the waiting workflow as the task's error (`error`, routed on by the
 * state machine, with `output` as the cause); a task nobody waits on any more is a conflict (409).
 */
export async function refuseOrConflict(workflow: LadderWorkflow, caseId: string, token: string, error: string, output: Readonly<Record<string, string>>): Promise<void> {
  await answerOrConflict(caseId, () => workflow.refuse(token, error, JSON.stringify(output)));
}

async function answerOrConflict(caseId: string, answer: () => Promise<void>): Promise<void> {
  try {
    await answer();
  } catch (error) {
    if (error instanceof TaskNotWaitingError) throw new StateConflictError(`case ${caseId}: ${error.message}`, { cause: error });
    throw error;
  }
}
