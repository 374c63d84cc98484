/**
 * A person denied the rung the workflow waited for: the execution goes where the ladder's
 * transitions send a denial of it (a suspension back to coaching; a legal hold nowhere, the
 * suspension stands). The denial is audited where it was made, with who made it (the console).
 */
import { afterDecision } from '../../domain/ladder/transitions';
import type { LadderStepUseCase } from './step';
import { endWaitOn } from './step';

export const recordDenial: LadderStepUseCase = async (step, deps) => {
  await endWaitOn(step, afterDecision(step.rung, 'deny').next, deps);
  return { done: 'record-denial' };
};
