/**
 * The seller completed its course: the wait ends and the execution with it. The completion itself
 * is audited where it is recorded, with who recorded it (the console).
 */
import type { LadderStepUseCase } from './step';
import { endWaitOn } from './step';

export const coachingCompleted: LadderStepUseCase = async (step, deps) => {
  await endWaitOn(step, null, deps);
  return { done: 'coaching-completed' };
};
