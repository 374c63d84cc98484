/**
 * The coaching window passed without a completion: the wait ends, and the execution goes on only
 * where the ladder's transitions name a rung for a timeout (none: a suspension is asked for by new
 * evidence, never by the clock alone). Audited here: nobody else saw it.
 */
import { afterCoachingTimeout } from '../../domain/ladder/transitions';
import type { LadderStepUseCase } from './step';
import { endWaitOn } from './step';

export const coachingTimedOut: LadderStepUseCase = async (step, deps) => {
  await endWaitOn(step, afterCoachingTimeout(step.rung), deps);
  await step.audit('coaching-timed-out');
  return { done: 'coaching-timed-out' };
};
