/**
 * Step Functions Standard bills every state entered: the ladder enters no state that does no work.
 * Each starting rung has a machine of its own that starts at that rung's first state (no `Rung`
 * Choice in front); an approval's outcome routes by its task's result (no Choice after the wait);
 * a step after which nothing happens (a rung applied, a coaching completed or timed out, a denial
 * that goes nowhere) ends the execution itself (no Succeed state after it).
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
import { ladderMachineLocalName } from '../../shared/adapters/step-functions-local/local-name';

const State = z.looseObject({
  Type: z.string(),
  Resource: z.string().optional(),
  Next: z.string().optional(),
  End: z.boolean().optional(),
  Parameters: z.looseObject({ Payload: z.looseObject({ action: z.string().optional(), rung: z.string().optional() }).optional() }).optional(),
});

const machines = (() => {
  const app = new App();
  const stack = new Stack(app, 'BilledTransitionsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const step = new LambdaFunction(stack, 'Step', { code: Code.fromInline('exports.handler=async()=>({})'), handler: 'index.handler', runtime: Runtime.NODEJS_22_X });
  new EnforcementLadder(stack, 'Ladder', { step });
  return extractStateMachines(Template.fromStack(stack).toJSON()).map((machine) => ({
    localName: machine.localName,
    startAt: machine.definition.StartAt,
    byName: z.record(z.string(), State).parse(machine.definition.States),
  }));
})();
const states = machines.flatMap((machine) => Object.values(machine.byName));

const stepsDoing = (action: string) => states.filter((state) => state.Parameters?.Payload?.action === action);

describe('the ladder’s billed transitions', () => {
  it('has one machine per starting rung, each starting at a step of that rung: no Choice, no Pass, no Succeed anywhere', () => {
    expect(machines.map((machine) => machine.localName)).toEqual(RUNGS.map((rung) => ladderMachineLocalName(rung)));
    for (const [index, machine] of machines.entries()) {
      const first = machine.byName[machine.startAt];
      expect(first?.Type).toBe('Task');
      expect(first?.Parameters?.Payload?.rung).toBe(RUNGS[index]);
    }
    // Every state is a step (a Lambda task each) or a failure that ends an execution.
    for (const state of states) expect(['Task', 'Fail'], JSON.stringify(state)).toContain(state.Type);
  });

  it('holds in each machine only the states its executions can reach: its rung’s, and those a denial or a timeout goes on to', () => {
    const rungsOf = (index: number) => new Set(Object.values(machines[index]?.byName ?? {}).flatMap((state) => state.Parameters?.Payload?.rung ?? []));
    expect(RUNGS.map((_rung, index) => [...rungsOf(index)].sort())).toEqual([['warn'], ['coach'], ['coach', 'suspend'], ['legal-hold']]);
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
