/**
 * Step Functions' answers the workflow adapter must translate, which no local emulator gives:
 * a name that exists (a duplicate start), a stopped execution, a token nobody waits on. The
 * client's own stack is kept; a middleware answers in place of the service.
 */
import { ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { StepFunctionsLadderWorkflow } from '../../shared/adapters/sfn/ladder-workflow';
import { TaskNotWaitingError } from '../../shared/ports/ladder-workflow';

function clientAnswering(answer: (command: string, input: Record<string, unknown>) => Error | undefined) {
  const client = new SFNClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const seen: { command: string; input: Record<string, unknown> }[] = [];
  client.middlewareStack.add(
    () => async (args) => {
      const { commandName, input } = { commandName: (args as { commandName?: string }).commandName ?? '', input: args.input as Record<string, unknown> };
      seen.push({ command: commandName, input });
      const error = answer(commandName, input);
      if (error) throw error;
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'initialize', name: 'answer-for-step-functions' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => next({ ...args, commandName: context.commandName } as typeof args),
    { step: 'initialize', name: 'name-the-command', priority: 'high' },
  );
  return { client, seen };
}

const ARNS = {
  warn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ladder-Warn',
  coach: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ladder-Coach',
  suspend: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ladder-Suspend',
  'legal-hold': 'arn:aws:states:eu-west-1:123456789012:stateMachine:ladder-LegalHold',
};
const meta = { $metadata: {} };

describe('the Step Functions ladder workflow', () => {
  it('treats a name that exists as the same request: a no-op', async () => {
    const { client, seen } = clientAnswering(() => new ExecutionAlreadyExists({ message: 'exists', ...meta }));
    await expect(new StepFunctionsLadderWorkflow(client, ARNS).start('case_1-warn-1', { caseId: 'case_1', sellerId: 'S-1', rung: 'warn' })).resolves.toBeUndefined();
    expect(seen[0]?.input).toMatchObject({ stateMachineArn: ARNS.warn, name: 'case_1-warn-1' });
  });

  it('starts each execution on the machine of the rung it starts at', async () => {
    const { client, seen } = clientAnswering(() => undefined);
    const workflow = new StepFunctionsLadderWorkflow(client, ARNS);
    await workflow.start('case_1-suspend-1', { caseId: 'case_1', sellerId: 'S-1', rung: 'suspend' });
    await workflow.start('case_1-legal-hold-2', { caseId: 'case_1', sellerId: 'S-1', rung: 'legal-hold' });
    expect(seen.map(({ input }) => input['stateMachineArn'])).toEqual([ARNS.suspend, ARNS['legal-hold']]);
  });

  it('stops an execution by its ARN, and ignores one that does not exist', async () => {
    const { client, seen } = clientAnswering(() => new ExecutionDoesNotExist({ message: 'gone', ...meta }));
    await new StepFunctionsLadderWorkflow(client, ARNS).stop('case_1-coach-1', 'dismissed');
    expect(seen[0]?.input.executionArn).toBe('arn:aws:states:eu-west-1:123456789012:execution:ladder-Coach:case_1-coach-1');
    // On the machine it started on, whatever rung it has moved to since (a denied suspension coaches).
    await new StepFunctionsLadderWorkflow(client, ARNS).stop('case_1-suspend-1', 'dismissed');
    expect(seen[1]?.input.executionArn).toBe('arn:aws:states:eu-west-1:123456789012:execution:ladder-Suspend:case_1-suspend-1');
  });

  it('reports a token nobody waits on as TaskNotWaitingError, and passes other errors on', async () => {
    const timedOut = clientAnswering(() => new TaskTimedOut({ message: 'timed out', ...meta }));
    await expect(new StepFunctionsLadderWorkflow(timedOut.client, ARNS).resume('t', { decision: 'approve' })).rejects.toBeInstanceOf(TaskNotWaitingError);
    const broken = clientAnswering(() => new Error('network down'));
    await expect(new StepFunctionsLadderWorkflow(broken.client, ARNS).resume('t', { decision: 'approve' })).rejects.toThrow('network down');
  });

  it('hands a refusal to the task as SendTaskFailure with its error and cause, and a token nobody waits on as TaskNotWaitingError', async () => {
    const { client, seen } = clientAnswering(() => undefined);
    await new StepFunctionsLadderWorkflow(client, ARNS).refuse('t', 'RungDenied', '{"decision":"deny"}');
    expect(seen[0]).toEqual({ command: 'SendTaskFailureCommand', input: { taskToken: 't', error: 'RungDenied', cause: '{"decision":"deny"}' } });
    const timedOut = clientAnswering(() => new TaskTimedOut({ message: 'timed out', ...meta }));
    await expect(new StepFunctionsLadderWorkflow(timedOut.client, ARNS).refuse('t', 'RungDenied', '{}')).rejects.toBeInstanceOf(TaskNotWaitingError);
  });
});
