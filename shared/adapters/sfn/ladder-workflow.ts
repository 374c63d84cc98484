/**
 * The LadderWorkflow port on AWS Step Functions: one state machine per rung an execution starts at
 * (infra/constructs/enforcement-ladder.ts). An execution is started on its rung's machine and
 * stopped on the machine it started on, which its name tells (`startingRungOf`). Execution ARNs
 * are the state machine's ARN with `stateMachine` replaced by `execution`, plus the name.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { startingRungOf } from '../../domain/ladder/policy';
import type { Rung } from '../../domain/ladder/rungs';
import type { LadderExecutionInput, LadderWorkflow } from '../../ports/ladder-workflow';
import { TaskNotWaitingError } from '../../ports/ladder-workflow';

export class StepFunctionsLadderWorkflow implements LadderWorkflow {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArns: Readonly<Record<Rung, string>>,
  ) {}

  async start(name: string, input: LadderExecutionInput): Promise<void> {
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArns[input.rung], name, input: JSON.stringify(input) }));
    } catch (error) {
      // The same name is the same request: started before, by this or another delivery.
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }

  async stop(name: string, cause: string): Promise<void> {
    const executionArn = `${this.stateMachineArns[startingRungOf(name)].replace(':stateMachine:', ':execution:')}:${name}`;
    try {
      await this.sfn.send(new StopExecutionCommand({ executionArn, error: 'Stopped', cause: cause.slice(0, 32_000) }));
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }

  async resume(token: string, output: Readonly<Record<string, string>>): Promise<void> {
    await this.answer(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
  }

  async refuse(token: string, error: string, cause: string): Promise<void> {
    // SendTaskFailure takes an error of up to 256 characters and a cause of up to 32,768.
    await this.answer(new SendTaskFailureCommand({ taskToken: token, error: error.slice(0, 256), cause: cause.slice(0, 32_000) }));
  }

  private async answer(command: SendTaskSuccessCommand | SendTaskFailureCommand): Promise<void> {
    try {
      // The union narrowed per branch: the client's send is overloaded per command type.
      if (command instanceof SendTaskSuccessCommand) await this.sfn.send(command);
      else await this.sfn.send(command);
    } catch (error) {
      if (error instanceof InvalidToken || error instanceof TaskDoesNotExist || error instanceof TaskTimedOut) {
        throw new TaskNotWaitingError('the workflow is no longer waiting for this decision', { cause: error });
      }
      throw error;
    }
  }
}
