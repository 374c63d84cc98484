/**
 * Coaching: the seller is assigned the policy course, with the deadline of the ladder's coaching
 * window, and gets a strike; the workflow then waits for the completion (./await-coaching.ts).
 */
import type { LadderStepUseCase } from './step';
import { applyRungWithNotice } from './step';

export const assignCoaching: LadderStepUseCase = async (step, deps) => {
  await applyRungWithNotice(step, 'coach', deps);
  await step.audit('rung-applied');
  return { done: 'coaching assigned' };
};
