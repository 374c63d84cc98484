/**
 * A case's state changes as the domain makes them: each returns the next case, one version on and
 * updated at the change's time, and refuses what the case's state does not allow.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/cases/case';
import {
  CaseStateError,
  applyLegalHold,
  applyRung,
  askForNextRung,
  awaitPerson,
  decideCase,
  dismiss,
  endWait,
  recordDecision,
  startExecution,
} from '../../shared/domain/cases/case';
import { configVersionOf, DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { Signal } from '../../shared/domain/detection/signals';

const OPENED = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-05T10:00:00.000Z';
const EARLIER = '2026-02-20T10:00:00.000Z';

const signal: Signal = {
  signalId: 'sig-1',
  sellerId: 'S-1',
  rule: 'seller-message',
  time: OPENED,
  points: 60,
  explanation: 'On-platform message M-1 asks buyer B-1 to remove a review.',
  evidenceIds: ['evt-1'],
  tags: ['review_manipulation', 'explicit'],
  configVersion: configVersionOf(config),
};

function opened(): Case {
  const decision = decideCase('S-1', [signal], undefined, config);
  if (decision.action !== 'open') throw new Error('expected a case');
  return decision.case;
}

const waitingForApproval = (rung: 'suspend' | 'legal-hold' = 'suspend'): Case =>
  awaitPerson({ ...opened(), requestedRung: rung }, { kind: 'approval', rung, token: 'token-1' }, OPENED);

const decision = (rung: 'suspend' | 'legal-hold', at = LATER) => ({ rung, decision: 'approve' as const, actor: 'ana', role: 'analyst', reason: 'repeat look-ups', at });
const bundle = { location: 's3://bundles/case/manifest.json', sha256: 'a'.repeat(64), records: 3, at: LATER };

/** Every change, made at `at` on a case that allows it. */
const CHANGES: Readonly<Record<string, (at: string) => Case>> = {
  startExecution: (at) => startExecution(opened(), { name: 'case-warn-1', rung: 'warn' }, at),
  awaitPerson: (at) => awaitPerson(opened(), { kind: 'coaching', rung: 'coach', token: 'token-1' }, at),
  endWait: (at) => endWait(waitingForApproval(), 'coach', at),
  applyRung: (at) => applyRung(opened(), 'warn', at),
  applyLegalHold: (at) => applyLegalHold(opened(), bundle, at),
  recordDecision: (at) => recordDecision(waitingForApproval(), decision('suspend', at)).case,
  askForNextRung: (at) => askForNextRung(opened(), at),
  dismiss: (at) => dismiss(opened(), { by: 'ana', role: 'analyst', reason: 'false positive', at }),
};

describe('a case’s state changes', () => {
  it.each(Object.keys(CHANGES))('%s moves the version on by one and stamps the change’s time', (name) => {
    const before = name === 'recordDecision' || name === 'endWait' ? waitingForApproval() : opened();
    const after = CHANGES[name]?.(LATER);
    expect(after?.version).toBe(before.version + 1);
    expect(after?.updatedAt).toBe(LATER);
  });

  it.each(Object.keys(CHANGES))('%s keeps the later last update when the change is timed before it', (name) => {
    expect(CHANGES[name]?.(EARLIER).updatedAt).toBe(OPENED);
  });

  it('opens a case at version 1, and an update of it by new signals moves the version on', () => {
    const item = opened();
    expect(item).toMatchObject({ version: 1, updatedAt: OPENED, openedAt: OPENED });
    const update = decideCase('S-1', [signal, { ...signal, signalId: 'sig-2', time: LATER }], item, config);
    expect(update.action === 'update' && update.case).toMatchObject({ version: 2, updatedAt: LATER });
  });

  it('starts an execution and drops the task the previous one waited on', () => {
    const next = startExecution(waitingForApproval(), { name: 'case-coach-1', rung: 'coach' }, LATER);
    expect(next.execution).toEqual({ name: 'case-coach-1', rung: 'coach' });
    expect(next.waiting).toBeUndefined();
  });

  it('parks the task token of a person the ladder waits for, with when it began waiting', () => {
    expect(awaitPerson(opened(), { kind: 'approval', rung: 'suspend', token: 'token-9' }, LATER).waiting).toEqual({
      kind: 'approval',
      rung: 'suspend',
      token: 'token-9',
      since: LATER,
    });
  });

  it('ends a wait, moving the execution on to the rung the ladder goes to next', () => {
    const running = startExecution(waitingForApproval(), { name: 'case-suspend-1', rung: 'suspend' }, OPENED);
    const waiting = awaitPerson(running, { kind: 'approval', rung: 'suspend', token: 'token-1' }, OPENED);
    const next = endWait(waiting, 'coach', LATER);
    expect(next.waiting).toBeUndefined();
    expect(next.execution).toEqual({ name: 'case-suspend-1', rung: 'coach' });
    expect(endWait(waiting, null, LATER).execution).toEqual({ name: 'case-suspend-1', rung: 'suspend' });
  });

  it('changes nothing, not even the version, when a wait ends that nobody waited for', () => {
    const item = opened();
    expect(endWait(item, null, LATER)).toBe(item);
  });

  it('keeps the highest rung applied', () => {
    const coached = applyRung(applyRung(opened(), 'warn', OPENED), 'coach', LATER);
    expect(coached.applied).toEqual({ rung: 'coach', at: LATER });
    expect(applyRung(coached, 'warn', LATER).applied).toEqual({ rung: 'coach', at: LATER });
  });

  it('applies a legal hold with its sealed bundle, and keeps the first bundle sealed', () => {
    const held = applyLegalHold(opened(), bundle, LATER);
    expect(held).toMatchObject({ applied: { rung: 'legal-hold', at: LATER }, legalHold: bundle });
    expect(applyLegalHold(held, { ...bundle, sha256: 'b'.repeat(64) }, LATER).legalHold).toEqual(bundle);
  });

  it('records a decision, ends the wait, and hands back the token of the task it resumes', () => {
    const { case: decided, token } = recordDecision(waitingForApproval(), decision('suspend'));
    expect(token).toBe('token-1');
    expect(decided.waiting).toBeUndefined();
    expect(decided.decisions).toEqual([decision('suspend')]);
  });

  it('refuses a decision on a rung the case does not wait for, or on a closed case', () => {
    expect(() => recordDecision(opened(), decision('suspend'))).toThrow(CaseStateError);
    expect(() => recordDecision(waitingForApproval('suspend'), decision('legal-hold'))).toThrow(CaseStateError);
    expect(() => recordDecision({ ...waitingForApproval(), status: 'dismissed' }, decision('suspend'))).toThrow(CaseStateError);
  });

  it('asks for the rung above, from now, and refuses at the top rung or on a closed case', () => {
    expect(askForNextRung(opened(), LATER)).toMatchObject({ requestedRung: 'coach', rungRequestedAt: LATER });
    expect(() => askForNextRung({ ...opened(), requestedRung: 'legal-hold' }, LATER)).toThrow(/already asks for legal-hold, the top rung/u);
    expect(() => askForNextRung({ ...opened(), status: 'closed' }, LATER)).toThrow(CaseStateError);
  });

  it('dismisses an open case with who, why and when, and refuses to dismiss it twice', () => {
    const closure = { by: 'ana', role: 'analyst', reason: 'false positive', at: LATER };
    const dismissed = dismiss(waitingForApproval(), closure);
    expect(dismissed).toMatchObject({ status: 'dismissed', closure });
    expect(dismissed.waiting).toBeUndefined();
    expect(() => dismiss(dismissed, closure)).toThrow(/is already dismissed/u);
  });
});
