/**
 * Step Functions Standard bills every state entered: the ladder enters no state that does no work
 * after a rung is applied or a coaching completed (the execution ends at that step).
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
  Next: z.string().optional(),
  End: z.boolean().optional(),
  Parameters: z.looseObject({ Payload: z.looseObject({ action: z.string().optional(), rung: z.string().optional() }).optional() }).optional(),
});

const states = (() => {
  const app = new App();
  const stack = new Stack(app, 'BilledTransitionsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const step = new LambdaFunction(stack, 'Step', { code: Code.fromInline('exports.handler=async()=>({})'), handler: 'index.handler', runtime: Runtime.NODEJS_22_X });
  new EnforcementLadder(stack, 'Ladder', { step });
  const [machine] = extractStateMachines(Template.fromStack(stack).toJSON());
  if (!machine) throw new Error('no state machine');
  return Object.values(z.record(z.string(), State).parse(machine.definition.States));
})();

const stepsDoing = (action: string) => states.filter((state) => state.Parameters?.Payload?.action === action);

describe('the ladder’s billed transitions', () => {
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
