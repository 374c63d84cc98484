/** Lambda entry point: every step of the enforcement ladder's state machine. */
import { awsProduct } from '../../shared/composition/aws';
import { ladderStep } from '../../shared/use-cases/ladder-step';

const deps = (await awsProduct()).ladderStep();

export const handler = (event: unknown) => ladderStep(event, deps);
