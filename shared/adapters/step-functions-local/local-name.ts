/**
 * The tag that names a Lambda function for local binding: `Tags.of(fn).add(LOCAL_NAME_TAG, 'warn')`.
 * The local Step Functions runner (./runner.ts) reads it from the synthesized
 * template to bind each task to an in-process handler; on AWS it is an ordinary tag.
 */
export const LOCAL_NAME_TAG = 'offside:local-name';

/** The local name the ladder's step function is bound to by the local runner (infra/constructs/enforcement-ladder.ts tags it). */
export const LADDER_STEP_LOCAL_NAME = 'ladder-step';

/**
 * The local name of the ladder's state machine for executions that start at `rung` (one machine
 * per starting rung; infra/constructs/enforcement-ladder.ts tags each with it): what the local
 * runner runs each execution on.
 */
export const ladderMachineLocalName = (rung: string): string => `ladder-${rung}`;
