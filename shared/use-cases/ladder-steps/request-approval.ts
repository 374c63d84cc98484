/**
 * A rung that needs a person's approval (suspension, legal hold) waits for it: the task token is
 * parked on the case, where the console's decision finds it to resume the workflow, and the
 * request is audited.
 */
import { awaitPerson } from '../../domain/cases/case';
import type { LadderStepUseCase } from './step';
import { taskTokenOf } from './step';

export const requestApproval: LadderStepUseCase = async (step, deps) => {
  await deps.cases.saveCase(awaitPerson(step.item, { kind: 'approval', rung: step.rung, token: taskTokenOf(step) }, step.at));
  await step.audit('approval-requested');
  return { done: 'waiting for approval' };
};
