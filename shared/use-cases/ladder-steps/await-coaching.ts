/**
 * The workflow waits for the seller to complete its course: the task token is parked on the case,
 * where the console's coaching completion finds it to resume the workflow.
 */
import { awaitPerson } from '../../domain/cases/case';
import type { LadderStepUseCase } from './step';
import { taskTokenOf } from './step';

export const awaitCoaching: LadderStepUseCase = async (step, deps) => {
  await deps.cases.saveCase(awaitPerson(step.item, { kind: 'coaching', rung: step.rung, token: taskTokenOf(step) }, step.at));
  return { done: 'waiting for coaching' };
};
