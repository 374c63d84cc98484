/**
 * The enforcement ladder as the CDK synthesizes it, run locally through every path. The step
 * function is a recording double here: what is under test is the workflow's routing (which
 * step runs when, what waits for whom, what is retried), not the steps themselves.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnforcementLadder, LADDER_STEP_LOCAL_NAME } from '../../infra/constructs/enforcement-ladder';
import type { JsonValue } from '../../shared/adapters/step-functions-local/asl';
import { extractStateMachines } from '../../shared/adapters/step-functions-local/asl';
import { ladderMachineLocalName } from '../../shared/adapters/step-functions-local/local-name';
import type { LocalLambdaHandler } from '../../shared/adapters/step-functions-local/runner';
import { LocalStateMachineRunner, VirtualClock } from '../../shared/adapters/step-functions-local/runner';
import { RUNG_DENIED_ERROR } from '../../shared/domain/ladder/transitions';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T09:00:00Z');
const StepEvent = z.looseObject({ action: z.string(), caseId: z.string(), taskToken: z.string().optional() });

const ladder = (() => {
  const app = new App();
  const stack = new Stack(app, 'LadderTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const step = new LambdaFunction(stack, 'Step', {
    code: Code.fromInline('exports.handler=async()=>({})'),
    handler: 'index.handler',
    runtime: Runtime.NODEJS_22_X,
  });
  new EnforcementLadder(stack, 'Ladder', { step });
  return extractStateMachines(Template.fromStack(stack).toJSON());
})();
/** The runner's machines: each of the ladder's, by its local name (one per starting rung). */
const machines = Object.fromEntries(ladder.map((machine) => [machine.localName, machine.definition]));

function ladderRun(fail: (action: string, attempt: number) => Error | undefined = () => undefined) {
  if (ladder.length === 0) throw new Error('no state machine in the template');
  const clock = new VirtualClock(T0);
  const actions: string[] = [];
  const attempts = new Map<string, number>();
  const step: LocalLambdaHandler = async (event: JsonValue) => {
    const { action } = StepEvent.parse(event);
    const attempt = (attempts.get(action) ?? 0) + 1;
    attempts.set(action, attempt);
    const error = fail(action, attempt);
    if (error) throw error;
    actions.push(action);
    return { ok: true };
  };
  const runner = new LocalStateMachineRunner({ machines, handlers: { [LADDER_STEP_LOCAL_NAME]: step }, clock });
  const parked = (name: string) => {
    const [task] = runner.pendingTasks(name);
    if (!task) throw new Error(`${name} is not waiting`);
    return task;
  };
  return { clock, runner, actions, parked };
}

const input = (rung: string) => ({ caseId: 'case_1', sellerId: 'S-1', rung });

describe('the enforcement ladder, synthesized and run locally', () => {
  it('binds every step to the one ladder function', () => {
    for (const machine of ladder) expect(machine.functions.map((f) => f.localName)).toEqual([LADDER_STEP_LOCAL_NAME]);
  });

  it('warns and ends', async () => {
    const { runner, actions } = ladderRun();
    runner.start('case_1-warn', input('warn'), ladderMachineLocalName('warn'));
    expect((await runner.result('case_1-warn')).status).toBe('SUCCEEDED');
    expect(actions).toEqual(['apply-warning']);
  });

  it('assigns coaching, waits for the seller, and ends on completion', async () => {
    const { runner, actions, parked } = ladderRun();
    runner.start('case_1-coach', input('coach'), ladderMachineLocalName('coach'));
    await runner.idle();
    expect(actions).toEqual(['assign-coaching', 'await-coaching']);
    runner.sendTaskSuccess(parked('case_1-coach').token, { completed: true });
    expect((await runner.result('case_1-coach')).status).toBe('SUCCEEDED');
    expect(actions).toEqual(['assign-coaching', 'await-coaching', 'coaching-completed']);
  });

  it('ends the execution when the coaching window passes: the timeout alone asks for no suspension', async () => {
    const { runner, actions, clock } = ladderRun();
    runner.start('case_1-coach', input('coach'), ladderMachineLocalName('coach'));
    await runner.idle();
    await clock.advanceBy(14 * DAY);
    await runner.idle();
    expect(actions).toEqual(['assign-coaching', 'await-coaching', 'coaching-timed-out']);
    expect((await runner.result('case_1-coach')).status).toBe('SUCCEEDED');
  });

  it('sends a denied suspension back to coaching', async () => {
    const { runner, actions, parked } = ladderRun();
    runner.start('case_1-suspend', input('suspend'), ladderMachineLocalName('suspend'));
    await runner.idle();
    // A denial fails the approval's task with RUNG_DENIED_ERROR (decide-rung.ts); its catch routes it.
    runner.sendTaskFailure(parked('case_1-suspend').token, RUNG_DENIED_ERROR, JSON.stringify({ decision: 'deny', actor: 'analyst-7', reason: 'not enough' }));
    await runner.idle();
    expect(actions).toEqual(['request-approval', 'record-denial', 'assign-coaching', 'await-coaching']);
    expect(runner.describe('case_1-suspend').status).toBe('RUNNING');
  });

  it('applies a legal hold only after the legal role approves', async () => {
    const { runner, actions, parked } = ladderRun();
    runner.start('case_1-legal-hold', input('legal-hold'), ladderMachineLocalName('legal-hold'));
    await runner.idle();
    expect(actions).toEqual(['request-approval']);
    runner.sendTaskSuccess(parked('case_1-legal-hold').token, { decision: 'approve', actor: 'counsel-1', reason: 'litigation' });
    expect((await runner.result('case_1-legal-hold')).status).toBe('SUCCEEDED');
    expect(actions).toEqual(['request-approval', 'apply-legal-hold']);
  });

  it('stops cleanly when the case is dismissed midway', async () => {
    const { runner, actions } = ladderRun();
    runner.start('case_1-suspend', input('suspend'), ladderMachineLocalName('suspend'));
    await runner.idle();
    const stopped = await runner.stop('case_1-suspend', { error: 'Dismissed', cause: 'false positive' });
    expect(stopped.status).toBe('ABORTED');
    expect(runner.pendingTasks()).toEqual([]);
    expect(actions).toEqual(['request-approval']);
  });

  it('retries a throttled step and runs it once it goes through', async () => {
    const throttled = (action: string, attempt: number) =>
      action === 'apply-warning' && attempt === 1 ? Object.assign(new Error('SES throttled'), { name: 'TransientError' }) : undefined;
    const { runner, actions, clock } = ladderRun(throttled);
    runner.start('case_1-warn', input('warn'), ladderMachineLocalName('warn'));
    await runner.idle();
    await clock.advanceBy(60_000);
    expect((await runner.result('case_1-warn')).status).toBe('SUCCEEDED');
    expect(actions).toEqual(['apply-warning']);
  });

  it('does not retry a failed condition: the execution ends in LadderFailed', async () => {
    const broken = (action: string) => (action === 'apply-warning' ? Object.assign(new Error('case is closed'), { name: 'CaseNotOpen' }) : undefined);
    const { runner } = ladderRun(broken);
    runner.start('case_1-warn', input('warn'), ladderMachineLocalName('warn'));
    const result = await runner.result('case_1-warn');
    expect(result).toMatchObject({ status: 'FAILED', error: 'LadderFailed' });
  });

  it('treats a second start of the same case and rung as a no-op', async () => {
    const { runner, actions } = ladderRun();
    const first = runner.start('case_1-suspend', input('suspend'), ladderMachineLocalName('suspend'));
    const again = runner.start('case_1-suspend', input('suspend'), ladderMachineLocalName('suspend'));
    await runner.idle();
    expect(again).toEqual(first);
    expect(actions).toEqual(['request-approval']);
  });
});
