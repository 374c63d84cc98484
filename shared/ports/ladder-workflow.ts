import type { Rung } from '../domain/ladder/rungs';

/** The task a token named is no longer waiting (answered, timed out, or its execution stopped). */
export class TaskNotWaitingError extends Error {
  override readonly name = 'TaskNotWaitingError';
}

export interface LadderExecutionInput {
  readonly caseId: string;
  readonly sellerId: string;
  readonly rung: Rung;
}

/**
 * The enforcement ladder's workflow engine: Step Functions on AWS, the local runner on this
 * machine. Starting a name that exists is a no-op; stopping one that is not running is a no-op.
 */
export interface LadderWorkflow {
  start(name: string, input: LadderExecutionInput): Promise<void>;
  stop(name: string, cause: string): Promise<void>;
  /** Resumes a parked task with a person's answer; TaskNotWaitingError when it is not waiting. */
  resume(token: string, output: Readonly<Record<string, string>>): Promise<void>;
  /**
   * Ends a parked task with an error the workflow routes on (a denial: RUNG_DENIED_ERROR), with
   * `cause` as its cause; TaskNotWaitingError when it is not waiting.
   */
  refuse(token: string, error: string, cause: string): Promise<void>;
}
