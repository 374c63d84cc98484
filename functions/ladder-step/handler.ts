/** Lambda entry point: every step of the enforcement ladder's state machine. */
import { ladderStepDepsFromEnv } from '../../shared/adapters/aws/ladder-deps';
import { ladderStep } from '../../shared/use-cases/ladder-step';

const deps = ladderStepDepsFromEnv();

export const handler = (event: unknown) => ladderStep(event, deps);
