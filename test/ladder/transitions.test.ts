/**
 * The ladder's transition table, rung by rung, and the state machine built from it: what applies
 * each rung, who approves it, where a denial and a coaching timeout go.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnforcementLadder } from '../../infra/constructs/enforcement-ladder';
import { RUNGS, rungIndex } from '../../shared/domain/ladder/rungs';
import type { Rung } from '../../shared/domain/ladder/rungs';
import { COACHING_WINDOW_DAYS, LADDER, LADDER_ACTIONS, RUNG_DENIED_ERROR, afterCoachingTimeout, afterDecision } from '../../shared/domain/ladder/transitions';
import { extractStateMachines } from '../../shared/adapters/step-functions-local/asl';
import { ladderMachineLocalName } from '../../shared/adapters/step-functions-local/local-name';

describe('the ladder’s transitions', () => {
  it('applies a warning without anyone’s approval, and waits for nothing after it', () => {
    expect(LADDER.warn).toEqual({ apply: 'apply-warning' });
  });

  it('assigns coaching without approval, gives the seller 14 days, and asks for nothing when they pass: only new evidence asks for a suspension', () => {
    expect(LADDER.coach.apply).toBe('assign-coaching');
    expect(LADDER.coach.approval).toBeUndefined();
    expect(LADDER.coach.coaching).toEqual({ windowDays: COACHING_WINDOW_DAYS, onTimeout: null });
    expect(COACHING_WINDOW_DAYS).toBe(14);
    expect(afterCoachingTimeout('coach')).toBeNull();
  });

  it('suspends only on an analyst’s approval, and sends a denied suspension back to coaching', () => {
    expect(LADDER.suspend).toEqual({ apply: 'apply-suspension', approval: { by: 'analyst', onDenial: 'coach' } });
    expect(afterDecision('suspend', 'deny')).toEqual({ apply: null, next: 'coach' });
  });

  it('holds evidence only on the legal role’s approval, and leaves things as they stand when it is denied', () => {
    expect(LADDER['legal-hold']).toEqual({ apply: 'apply-legal-hold', approval: { by: 'legal', onDenial: null } });
    expect(afterDecision('legal-hold', 'deny')).toEqual({ apply: null, next: null });
  });

  it('applies every approved rung, and only the approved one', () => {
    for (const rung of RUNGS) expect(afterDecision(rung, 'approve')).toEqual({ apply: rung, next: null });
  });

  it('never waits for the seller after a rung that needs an approval, nor asks for an approval of coaching', () => {
    for (const rung of RUNGS) expect(LADDER[rung].approval !== undefined && LADDER[rung].coaching !== undefined, rung).toBe(false);
  });

  it('never climbs on a timeout, and only goes down on a denial', () => {
    for (const rung of RUNGS) {
      const { approval } = LADDER[rung];
      expect(afterCoachingTimeout(rung)).toBeNull();
      if (approval?.onDenial) expect(rungIndex(approval.onDenial)).toBeLessThan(rungIndex(rung));
    }
  });

  it('applies each rung by a step of its own', () => {
    const applies = RUNGS.map((rung) => LADDER[rung].apply);
    expect(new Set(applies).size).toBe(RUNGS.length);
    for (const action of applies) expect(LADDER_ACTIONS).toContain(action);
  });
});

describe('the state machine built from the transitions', () => {
  const State = z.looseObject({
    Type: z.string(),
    Next: z.string().optional(),
    End: z.boolean().optional(),
    Parameters: z.looseObject({ Payload: z.looseObject({ action: z.string().optional(), rung: z.string().optional() }).optional() }).optional(),
    Choices: z.array(z.looseObject({ StringEquals: z.string().optional(), Next: z.string() })).optional(),
    Default: z.string().optional(),
    Catch: z.array(z.looseObject({ ErrorEquals: z.array(z.string()), Next: z.string() })).optional(),
    TimeoutSeconds: z.number().optional(),
  });
  /** Each starting rung's machine: its states and where it starts. */
  const machines = (() => {
    const app = new App();
    const stack = new Stack(app, 'TransitionsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
    const step = new LambdaFunction(stack, 'Step', { code: Code.fromInline('exports.handler=async()=>({})'), handler: 'index.handler', runtime: Runtime.NODEJS_22_X });
    new EnforcementLadder(stack, 'Ladder', { step });
    const extracted = extractStateMachines(Template.fromStack(stack).toJSON());
    return new Map(
      RUNGS.map((rung) => {
        const machine = extracted.find((candidate) => candidate.localName === ladderMachineLocalName(rung));
        if (!machine) throw new Error(`no state machine for ${rung}`);
        return [rung, { startAt: machine.definition.StartAt, states: z.record(z.string(), State).parse(machine.definition.States) }];
      }),
    );
  })();
  /** A state of the machine whose executions start at `rung`. */
  const state = (rung: Rung, name: string) => {
    const found = machines.get(rung)?.states[name];
    if (!found) throw new Error(`no state ${name} in the ${rung} machine`);
    return found;
  };
  const action = (rung: Rung, name: string) => state(rung, name).Parameters?.Payload?.action;
  /** Where the machine of `rung` starts: the rung's first state (the same name in every machine that has it). */
  const entry = (rung: Rung) => machines.get(rung)?.startAt ?? '';
  /**
   * Where an approval's wait goes: on approval (the task succeeds) to its Next, on denial (the task
   * fails with RUNG_DENIED_ERROR) to its Catch for that error, which comes before the catch-all.
   */
  const decision = (rung: Rung) => {
    const waiting = state(rung, entry(rung));
    const catches = waiting.Catch ?? [];
    const denied = catches.findIndex((handler) => handler.ErrorEquals.includes(RUNG_DENIED_ERROR));
    const catchAll = catches.findIndex((handler) => handler.ErrorEquals.includes('States.ALL'));
    expect(denied, rung).toBeGreaterThanOrEqual(0);
    expect(denied, rung).toBeLessThan(catchAll);
    return { approved: waiting.Next ?? '', denied: catches[denied]?.Next ?? '' };
  };

  it('has one machine per rung, each starting at that rung: no Choice of where to start', () => {
    expect([...machines.keys()]).toEqual([...RUNGS]);
    for (const [rung, machine] of machines) expect(Object.values(machine.states).filter((candidate) => candidate.Type === 'Choice'), rung).toEqual([]);
  });

  it('starts each rung where its row says: at the approval for the rungs that need one, at the step that applies it otherwise', () => {
    for (const rung of RUNGS) {
      const { approval, apply } = LADDER[rung];
      expect(action(rung, entry(rung)), rung).toBe(approval ? 'request-approval' : apply);
      if (approval) expect(action(rung, decision(rung).approved), rung).toBe(apply);
    }
  });

  it('sends each denial where its row says (nowhere: the execution ends at the step that records it)', () => {
    for (const rung of RUNGS) {
      const approval = LADDER[rung].approval;
      if (!approval) continue;
      const denial = state(rung, decision(rung).denied);
      expect(denial.Parameters?.Payload).toMatchObject({ action: 'record-denial', rung });
      if (approval.onDenial === null) expect([denial.End, denial.Next], rung).toEqual([true, undefined]);
      else {
        // The rung a denial goes to runs on in the same execution: its states are in this machine too.
        expect(denial.Next, rung).toBe(entry(approval.onDenial));
        expect(action(rung, entry(approval.onDenial)), rung).toBe(action(approval.onDenial, entry(approval.onDenial)));
      }
    }
  });

  it('waits the coaching window after coaching, and sends a timeout where its row says (nowhere: the execution ends)', () => {
    for (const rung of RUNGS) {
      const coaching = LADDER[rung].coaching;
      if (!coaching) continue;
      const waiting = state(rung, state(rung, entry(rung)).Next ?? '');
      expect(waiting).toMatchObject({ Parameters: { Payload: { action: 'await-coaching', rung } }, TimeoutSeconds: coaching.windowDays * 86_400 });
      const timedOut = state(rung, waiting.Catch?.find((handler) => handler.ErrorEquals.includes('States.Timeout'))?.Next ?? '');
      expect(timedOut.Parameters?.Payload).toMatchObject({ action: 'coaching-timed-out', rung });
      if (coaching.onTimeout === null) expect([timedOut.End, timedOut.Next]).toEqual([true, undefined]);
      else expect(timedOut.Next).toBe(entry(coaching.onTimeout));
    }
  });
});
