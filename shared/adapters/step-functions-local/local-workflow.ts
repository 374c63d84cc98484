/**
 * The LadderWorkflow port on the local runner: what Step Functions' StartExecution,
 * StopExecution, SendTaskSuccess and SendTaskFailure do on AWS, for `npm start`, replay and the tests.
 */
import type { LadderExecutionInput, LadderWorkflow } from '../../ports/ladder-workflow';
import { TaskNotWaitingError } from '../../ports/ladder-workflow';
import type { LocalStateMachineRunner } from './runner';
import { StepFunctionsApiError } from './runner';

const isApiError = (error: unknown, ...names: string[]): boolean => error instanceof StepFunctionsApiError && names.includes(error.name);

export class LocalLadderWorkflow implements LadderWorkflow {
  constructor(private readonly runner: LocalStateMachineRunner) {}

  async start(name: string, input: LadderExecutionInput): Promise<void> {
    try {
      this.runner.start(name, { ...input });
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
