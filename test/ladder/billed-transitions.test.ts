/**
 * Step Functions Standard bills every state entered: the ladder enters no state that does no work
 * but the `Rung` Choice it starts at. An approval's outcome routes by its task's result (no Choice
 * after the wait); a step after which nothing happens (a rung applied, a coaching completed or
 * timed out, a denial that goes nowhere) ends the execution itself (no Succeed state after it).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnforcementLadder } from '../../infra/constructs/enforcement-ladder';
import { RUNGS } from '../../shared/domain/ladder/rungs';
import { LADDER } from '../../shared/domain/ladder/transitions';
import { extractStateMachines } from '../../shared/adapters/step-functions-local/asl';

const State = z.looseObject({
  Type: z.string(),
  Resource: z.string().optional(),
  Next: z.string().optional(),
  End: z.boolean().optional(),
  Parameters: z.looseObject({ Payload: z.looseObject({ action: z.string().optional(), rung: z.string().optional() }).optional() }).optional(),
});

const machineStates = (() => {
  const app = new App();
  const stack = new Stack(app, 'BilledTransitionsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const step = new LambdaFunction(stack, 'Step', { code: Code.fromInline('exports.handler=async()=>({})'), handler: 'index.handler', runtime: Runtime.NODEJS_22_X });
  new EnforcementLadder(stack, 'Ladder', { step });
  const [machine] = extractStateMachines(Template.fromStack(stack).toJSON());
  if (!machine) throw new Error('no state machine');
  return { startAt: machine.definition.StartAt, byName: z.record(z.string(), State).parse(machine.definition.States) };
})();
const states = Object.values(machineStates.byName);

const stepsDoing = (action: string) => states.filter((state) => state.Parameters?.Payload?.action === action);

describe('the ladder’s billed transitions', () => {
  it('has no state that does no work but the Choice of the rung it starts at: no Pass, no Succeed, no other Choice', () => {
    const idle = Object.entries(machineStates.byName).filter(([, state]) => state.Type === 'Pass' || state.Type === 'Succeed' || state.Type === 'Choice');
    expect(idle.map(([name]) => name)).toEqual(['Rung']);
    expect(machineStates.startAt).toBe('Rung');
    // The other states are the steps (a Lambda task each) and the failures that end an execution.
    for (const state of states) expect(['Task', 'Fail', 'Choice'], JSON.stringify(state)).toContain(state.Type);
  });

  it('ends the execution at the step that records a denial or a coaching timeout when the row sends it nowhere', () => {
    for (const rung of RUNGS) {
      const { approval, coaching } = LADDER[rung];
      const [denial] = stepsDoing('record-denial').filter((state) => state.Parameters?.Payload?.rung === rung);
      if (approval?.onDenial === null) expect([denial?.End, denial?.Next], rung).toEqual([true, undefined]);
      const [timedOut] = stepsDoing('coaching-timed-out').filter((state) => state.Parameters?.Payload?.rung === rung);
      if (coaching?.onTimeout === null) expect([timedOut?.End, timedOut?.Next], rung).toEqual([true, undefined]);
    }
  });

  it('ends the execution at the step that applies a rung, when nothing waits after it', () => {
    for (const rung of RUNGS) {
      const { apply, coaching } = LADDER[rung];
      const [applies] = stepsDoing(apply);
      expect(applies, rung).toBeDefined();
      if (coaching) expect(applies?.End, rung).toBeUndefined();
      else expect([applies?.End, applies?.Next], rung).toEqual([true, undefined]);
    }
  });

  it('ends the execution at the step that records a completed coaching', () => {
    const recorded = stepsDoing('coaching-completed');
    expect(recorded.length).toBeGreaterThan(0);
    for (const state of recorded) expect([state.End, state.Next]).toEqual([true, undefined]);
  });
});
