/**
 * The coaching window passed without a completion: the execution goes on to the rung the ladder's
 * transitions name for a timeout (a suspension, behind its approval). Audited here: nobody else saw it.
 */
import { afterCoachingTimeout } from '../../domain/ladder/transitions';
import type { LadderStepUseCase } from './step';
import { endWaitOn } from './step';

export const coachingTimedOut: LadderStepUseCase = async (step, deps) => {
  await endWaitOn(step, afterCoachingTimeout(step.rung), deps);
  await step.audit('coaching-timed-out');
  return { done: 'coaching-timed-out' };
};
