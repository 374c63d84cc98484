/** The ladder's first rung: the seller is warned (a notice in its language) and gets a strike. */
import type { LadderStepUseCase } from './step';
import { applyRungWithNotice } from './step';

export const applyWarning: LadderStepUseCase = async (step, deps) => {
  await applyRungWithNotice(step, 'warn', deps);
  await step.audit('rung-applied');
  return { done: 'warned' };
};
