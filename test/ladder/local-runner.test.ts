import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AslDefinition, JsonValue } from '../../shared/adapters/step-functions-local/asl';
import { aslDefinitionSchema, extractStateMachines, functionNameOf } from '../../shared/adapters/step-functions-local/asl';
import { fileExecutionJournal } from '../../shared/adapters/step-functions-local/journal';
import type { LocalLambdaHandler } from '../../shared/adapters/step-functions-local/runner';
import { LocalStateMachineRunner, VirtualClock, systemClock } from '../../shared/adapters/step-functions-local/runner';
import { LADDER_PROBE_FIXTURE, synthesizeLadderProbe } from './ladder-probe-app';

const SECOND = 1000;
const DAY = 86_400 * SECOND;
const T0 = Date.parse('2025-03-01T09:00:00Z');

const payloadSchema = z.looseObject({ taskToken: z.string(), caseId: z.string(), step: z.literal('coach') });

function fixture(): AslDefinition {
  return aslDefinitionSchema.parse(JSON.parse(readFileSync(LADDER_PROBE_FIXTURE, 'utf8')));
}

/** Handlers for the probe: `warn` and `SuspendFn…` record their calls, `coach` records the token. */
function probeHandlers(clock: { now(): number }, overrides: Readonly<Record<string, LocalLambdaHandler>> = {}) {
  const calls: { fn: string; at: number; event: JsonValue }[] = [];
  const record = (fn: string, result: (event: JsonValue) => unknown): LocalLambdaHandler => async (event, context) => {
    calls.push({ fn, at: clock.now(), event });
    return (overrides[fn] ?? result)(event, context);
  };
  // SuspendFn carries no local-name tag: it is bound by its logical id, as the fixture names it.
  const escalate = z.looseObject({ Parameters: z.looseObject({ FunctionName: z.string() }) }).parse(fixture().States['Escalate']);
  const suspendName = functionNameOf(escalate.Parameters.FunctionName);
  const handlers: Record<string, LocalLambdaHandler> = {
    warn: record('warn', () => ({ warned: true })),
    coach: record('coach', () => ({ queued: true })),
    [suspendName]: record('suspend', () => ({ suspended: true })),
  };
  return { calls, handlers };
}

function transientError(): Error {
  const error = new Error('mail relay busy');
  error.name = 'TransientError';
  return error;
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

describe('extracting the state machine from a synthesized CDK template', () => {
  it('resolves the function tokens to local names and reproduces the committed fixture', () => {
    const [machine, ...others] = extractStateMachines(synthesizeLadderProbe());
    expect(others).toHaveLength(0);
    if (machine === undefined) throw new Error('no state machine');
    const asCdkWroteIt = `${JSON.stringify(JSON.parse(machine.definitionString), null, 2)}\n`;
    if (process.env['UPDATE_FIXTURES'] === '1') writeFileSync(LADDER_PROBE_FIXTURE, asCdkWroteIt);
    expect(readFileSync(LADDER_PROBE_FIXTURE, 'utf8')).toBe(asCdkWroteIt);

    expect(machine.logicalId).toMatch(/^Ladder[0-9A-F]{8}$/);
    expect(machine.stateMachineType).toBe('STANDARD');
    expect(machine.definition).toEqual(fixture());

    // Tagged functions are bound by their tag, the others by logical id.
    expect(machine.functions.map((f) => f.localName).sort()).toEqual([expect.stringMatching(/^SuspendFn[0-9A-F]{8}$/), 'coach', 'warn']);
    expect(machine.substitutions.map((s) => s.token)).toContainEqual({ Ref: 'AWS::Partition' });
    expect(machine.substitutions.map((s) => s.token)).toContainEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CoachFn/), 'Arn'] });

    const { AwaitCoaching: awaitCoaching, Warn: warn } = machine.definition.States;
    expect(awaitCoaching).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSeconds: 1_209_600,
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:coach',
        Payload: { 'taskToken.$': '$$.Task.Token', 'caseId.$': '$.caseId', step: 'coach' },
      },
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Escalate', ResultPath: '$.timeout' }],
    });
    expect(warn).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke',
      ResultSelector: { 'Payload.$': '$.Payload' },
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:warn', 'Payload.$': '$' },
    });
    expect(functionNameOf('arn:aws:lambda:eu-west-1:123456789012:function:warn:live')).toBe('warn');
  });
});

describe('LocalStateMachineRunner on the ladder probe', () => {
  it('runs Warn, parks on the task token, resumes on sendTaskSuccess and waits on the virtual clock', async () => {
    const clock = new VirtualClock(T0);
    const { calls, handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });

    runner.start('case-1', { caseId: 'c-1' });
    await runner.idle();
    const [task, ...more] = runner.pendingTasks('case-1');
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({ stateName: 'AwaitCoaching', functionName: 'coach', startedAt: T0 });
    if (task === undefined) throw new Error('not parked');
    expect(calls.map((c) => c.fn)).toEqual(['warn', 'coach']);
    expect(calls[0]?.event).toEqual({ caseId: 'c-1' });
    expect(payloadSchema.parse(calls[1]?.event)).toEqual({ taskToken: task.token, caseId: 'c-1', step: 'coach' });
    expect(runner.describe('case-1').status).toBe('RUNNING');

    await clock.advanceBy(3 * DAY);
    runner.sendTaskSuccess(task.token, { outcome: 'completed' });
    await runner.idle();
    // Now in the seven-day Cooldown.
    expect(runner.describe('case-1').status).toBe('RUNNING');
    await clock.advanceBy(7 * DAY - 1);
    expect(runner.describe('case-1').status).toBe('RUNNING');
    await clock.advanceBy(1);

    const done = await runner.result('case-1');
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      startDate: T0,
      stopDate: T0 + 10 * DAY,
      output: { caseId: 'c-1', warning: { Payload: { warned: true } }, coaching: { outcome: 'completed' } },
    });
    const path = runner.history('case-1').filter((e) => e.type === 'StateEntered').map((e) => `${e.stateName}:${e.stateType}`);
    expect(path).toEqual(['Warn:Task', 'AwaitCoaching:Task', 'Decided:Choice', 'Cooldown:Wait', 'Resolved:Succeed']);
    expect(() => runner.sendTaskSuccess(task.token, {})).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
    expect(clock.pending).toBe(0);
  });

  it('runs several machines, each execution on the one it is started on, with one token space', async () => {
    const clock = new VirtualClock(T0);
    const { handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ machines: { first: fixture(), second: fixture() }, handlers, clock });
    expect(() => runner.start('case-1', { caseId: 'c-1' })).toThrow(/name the state machine to start on: first, second/u);
    expect(() => runner.start('case-1', { caseId: 'c-1' }, 'third')).toThrow(expect.objectContaining({ name: 'StateMachineDoesNotExist' }));
    expect(runner.start('case-1', { caseId: 'c-1' }, 'first').executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:first:case-1');
    expect(runner.start('case-2', { caseId: 'c-2' }, 'second').executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:second:case-2');
    await runner.idle();
    const [task] = runner.pendingTasks('case-2');
    if (task === undefined) throw new Error('not parked');
    runner.sendTaskSuccess(task.token, { outcome: 'completed' });
    await runner.idle();
    expect(runner.pendingTasks().map((pending) => pending.executionName)).toEqual(['case-1']);
    await runner.close();
  });

  it('times the task token out after TimeoutSeconds on the virtual clock and takes the Catch', async () => {
    const clock = new VirtualClock(T0);
    const { calls, handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });
    runner.start('case-2', { caseId: 'c-2' });
    await runner.idle();
    const [task] = runner.pendingTasks();

    await clock.advanceBy(14 * DAY - 1);
    expect(runner.describe('case-2').status).toBe('RUNNING');
    await clock.advanceBy(1);

    const done = await runner.result('case-2');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate).toBe(T0 + 14 * DAY);
    expect(done.output).toMatchObject({ timeout: { Error: 'States.Timeout' }, suspension: { Payload: { suspended: true } } });
    expect(calls.map((c) => c.fn)).toEqual(['warn', 'coach', 'suspend']);
    expect(runner.history('case-2').some((e) => e.type === 'StateCaught' && e.stateName === 'AwaitCoaching')).toBe(true);
    expect(() => runner.sendTaskSuccess(task?.token ?? '', { outcome: 'completed' })).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
    expect(() => runner.sendTaskSuccess('nonsense', {})).toThrow(expect.objectContaining({ name: 'InvalidToken' }));
  });

  it('times out on HeartbeatSeconds, caught as States.Timeout; heartbeats keep the task alive', async () => {
    const definition = fixture();
    const awaitCoaching = definition.States['AwaitCoaching'];
    if (awaitCoaching === undefined) throw new Error('no AwaitCoaching');
    definition.States['AwaitCoaching'] = { ...awaitCoaching, HeartbeatSeconds: 3600 };
    const clock = new VirtualClock(T0);
    const { calls, handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ definition, handlers, clock });
    runner.start('case-hb', { caseId: 'c-hb' });
    await runner.idle();
    const [task] = runner.pendingTasks();
    await clock.advanceBy(50 * 60 * SECOND);
    runner.sendTaskHeartbeat(task?.token ?? '');
    await clock.advanceBy(50 * 60 * SECOND);
    expect(runner.describe('case-hb').status).toBe('RUNNING');
    await clock.advanceBy(10 * 60 * SECOND);
    const done = await runner.result('case-hb');
    expect(done).toMatchObject({ status: 'SUCCEEDED', stopDate: T0 + 110 * 60 * SECOND, output: { timeout: { Error: 'States.HeartbeatTimeout' } } });
    expect(calls.map((c) => c.fn)).toEqual(['warn', 'coach', 'suspend']);
  });

  it('fails the task with sendTaskFailure; an uncaught error fails the execution', async () => {
    const clock = new VirtualClock(T0);
    const { handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });
    runner.start('case-3', { caseId: 'c-3' });
    await runner.idle();
    const [task] = runner.pendingTasks();
    runner.sendTaskFailure(task?.token ?? '', 'CoachingRefused', 'seller declined');
    expect(await runner.result('case-3')).toMatchObject({ status: 'FAILED', error: 'CoachingRefused', cause: 'seller declined' });
  });

  it('retries a transient Warn failure after the Retry interval on the clock, then succeeds', async () => {
    const clock = new VirtualClock(T0);
    let failures = 1;
    const { calls, handlers } = probeHandlers(clock, {
      warn: () => {
        if (failures-- > 0) throw transientError();
        return { warned: true };
      },
    });
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });
    runner.start('case-4', { caseId: 'c-4' });
    await runner.idle();
    expect(calls.map((c) => c.fn)).toEqual(['warn']);
    await clock.advanceBy(30 * SECOND);

    expect(calls.filter((c) => c.fn === 'warn').map((c) => c.at - T0)).toEqual([0, 30 * SECOND]);
    expect(runner.pendingTasks('case-4')).toHaveLength(1);
    expect(runner.history('case-4').filter((e) => e.type === 'StateRetried').map((e) => e.stateName)).toEqual(['Warn']);
    await runner.stop('case-4');
  });

  it('backs off 30, 60, 120 s and then takes the Catch when the retries are spent', async () => {
    const clock = new VirtualClock(T0);
    const { calls, handlers } = probeHandlers(clock, {
      warn: () => {
        throw transientError();
      },
    });
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });
    runner.start('case-5', { caseId: 'c-5' });
    await clock.advanceBy(DAY);
    const done = await runner.result('case-5');
    expect(calls.map((c) => c.at - T0)).toEqual([0, 30, 90, 210].map((s) => s * SECOND));
    expect(done).toMatchObject({ status: 'FAILED', error: 'LadderFailed', cause: 'a ladder step failed', stopDate: T0 + 210 * SECOND });
  });

  it('treats a second start with the same name and input as a no-op', async () => {
    const clock = new VirtualClock(T0);
    const { calls, handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });
    const first = runner.start('case-6', { caseId: 'c-6' });
    const again = runner.start('case-6', { caseId: 'c-6' });
    await runner.idle();
    expect(again.executionArn).toBe(first.executionArn);
    expect(calls.map((c) => c.fn)).toEqual(['warn', 'coach']);
    expect(runner.pendingTasks()).toHaveLength(1);
    expect(() => runner.start('case-6', { caseId: 'other' })).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
    await runner.stop('case-6');
    expect(() => runner.start('case-6', { caseId: 'c-6' })).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
  });

  it('remembers, across runners that share a journal, the executions that ended, and refuses their names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-journal-'));
    try {
      const journal = join(dir, 'executions.jsonl');
      const clock = new VirtualClock(T0);
      const first = probeHandlers(clock);
      const before = new LocalStateMachineRunner({ definition: fixture(), handlers: first.handlers, clock, journal: fileExecutionJournal(journal) });
      before.start('case-ended', { caseId: 'c-e' });
      before.start('case-parked', { caseId: 'c-p' });
      await before.idle();
      await before.stop('case-ended', { error: 'Superseded', cause: 'a higher rung' });
      await before.close();

      // A restart: a new runner, the same journal.
      const second = probeHandlers(clock);
      const after = new LocalStateMachineRunner({ definition: fixture(), handlers: second.handlers, clock, journal: fileExecutionJournal(journal) });
      expect(() => after.start('case-ended', { caseId: 'c-e' })).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
      expect(after.describe('case-ended')).toMatchObject({ status: 'ABORTED', error: 'Superseded' });
      // Still waiting when the first runner closed: started afresh, as its case still asks for it.
      after.start('case-parked', { caseId: 'c-p' });
      await after.idle();
      expect(second.calls.map((call) => call.fn)).toEqual(['warn', 'coach']);
      expect(after.pendingTasks('case-parked')).toHaveLength(1);
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a parked execution cleanly: no token, no sleeper, no timer left (wall clock)', async () => {
    const before = timers();
    const { handlers } = probeHandlers(systemClock);
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers });
    runner.start('case-7', { caseId: 'c-7' });
    await runner.idle();
    const [task] = runner.pendingTasks();
    expect(task?.stateName).toBe('AwaitCoaching');
    // Parked: the library's task timer and the runner's 14-day timeout are armed.
    expect(timers()).toBeGreaterThan(before);

    const stopped = await runner.stop('case-7', { error: 'CaseClosed', cause: 'closed by a reviewer' });
    await runner.idle();
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'CaseClosed', cause: 'closed by a reviewer' });
    expect(runner.pendingTasks()).toHaveLength(0);
    expect(timers()).toBeLessThanOrEqual(before);
    expect(() => runner.sendTaskSuccess(task?.token ?? '', {})).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
  });

  it('stops a parked execution cleanly on the virtual clock', async () => {
    const clock = new VirtualClock(T0);
    const { handlers } = probeHandlers(clock);
    const runner = new LocalStateMachineRunner({ definition: fixture(), handlers, clock });
    runner.start('case-8', { caseId: 'c-8' });
    await runner.idle();
    expect(clock.pending).toBe(1);
    await runner.close();
    expect(runner.describe('case-8').status).toBe('ABORTED');
    expect(clock.pending).toBe(0);
  });
});
