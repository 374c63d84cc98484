/**
 * The LadderWorkflow port on the local runner: what Step Functions' StartExecution,
 * StopExecution, SendTaskSuccess and SendTaskFailure do on AWS, for `npm start`, replay and the tests.
 * The runner holds the ladder's machines by their local names (`ladderMachines`), and each
 * execution starts on the machine of its rung, as on AWS.
 */
import type { LadderExecutionInput, LadderWorkflow } from '../../ports/ladder-workflow';
import { TaskNotWaitingError } from '../../ports/ladder-workflow';
import type { Rung } from '../../domain/ladder/rungs';
import { RUNGS } from '../../domain/ladder/rungs';
import { z } from 'zod';
import type { AslDefinition } from './asl';
import { aslDefinitionSchema } from './asl';
import { ladderMachineLocalName } from './local-name';
import type { LocalStateMachineRunner } from './runner';
import { StepFunctionsApiError } from './runner';

/** The ladder's definitions, one per starting rung, as the CDK synthesizes them. */
export type LadderDefinitions = Readonly<Record<Rung, AslDefinition>>;

/** The ladder's definitions by starting rung, as a cache file or a backtest's run holds them. */
export const ladderDefinitionsSchema = z.strictObject(Object.fromEntries(RUNGS.map((rung) => [rung, aslDefinitionSchema])) as Record<Rung, typeof aslDefinitionSchema>) satisfies z.ZodType<LadderDefinitions>;

/** The ladder's definitions as a runner's `machines`: by each machine's local name. */
export const ladderMachines = (definitions: LadderDefinitions): Record<string, AslDefinition> =>
  Object.fromEntries(Object.entries(definitions).map(([rung, definition]) => [ladderMachineLocalName(rung), definition]));

const isApiError = (error: unknown, ...names: string[]): boolean => error instanceof StepFunctionsApiError && names.includes(error.name);

export class LocalLadderWorkflow implements LadderWorkflow {
  constructor(private readonly runner: LocalStateMachineRunner) {}

  async start(name: string, input: LadderExecutionInput): Promise<void> {
    try {
      this.runner.start(name, { ...input }, ladderMachineLocalName(input.rung));
    } catch (error) {
      if (!isApiError(error, 'ExecutionAlreadyExists')) throw error;
    }
  }

  async stop(name: string, cause: string): Promise<void> {
    try {
      if (this.runner.describe(name).status === 'RUNNING') await this.runner.stop(name, { error: 'Stopped', cause });
    } catch (error) {
      if (!isApiError(error, 'ExecutionDoesNotExist')) throw error;
    }
  }

  async resume(token: string, output: Readonly<Record<string, string>>): Promise<void> {
    this.answer(() => this.runner.sendTaskSuccess(token, { ...output }));
  }

  async refuse(token: string, error: string, cause: string): Promise<void> {
    this.answer(() => this.runner.sendTaskFailure(token, error, cause));
  }

  private answer(send: () => void): void {
    try {
      send();
    } catch (error) {
      if (isApiError(error, 'InvalidToken', 'TaskDoesNotExist', 'TaskTimedOut')) {
        throw new TaskNotWaitingError('the workflow is no longer waiting for this decision', { cause: error });
      }
      throw error;
    }
  }
}
