import { describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/cases/case';
import { caseActions } from '../../shared/domain/ladder/case-actions';

type State = Pick<Case, 'status' | 'waiting' | 'requestedRung'>;
const waitingFor = (kind: 'approval' | 'coaching', rung: NonNullable<Case['requestedRung']>): State => ({
  status: 'open',
  requestedRung: 'legal-hold',
  waiting: { kind, rung, token: 't', since: '2026-03-01T00:00:00.000Z' },
});
const allowed = (state: State, role: 'analyst' | 'legal' | 'admin') =>
  caseActions(state, role)
    .filter((action) => action.allowed)
    .map((action) => action.action);

describe('what a role may do to a case', () => {
  it('lets an analyst decide a suspension the ladder waits for, but never a legal hold', () => {
    expect(allowed(waitingFor('approval', 'suspend'), 'analyst')).toEqual(['decide-suspension', 'dismiss']);
    expect(allowed(waitingFor('approval', 'legal-hold'), 'analyst')).toEqual(['dismiss']);
  });

  it('lets the legal role decide only a legal hold the ladder waits for', () => {
    expect(allowed(waitingFor('approval', 'legal-hold'), 'legal')).toEqual(['decide-legal-hold']);
    expect(allowed(waitingFor('approval', 'suspend'), 'legal')).toEqual([]);
  });

  it('offers the coaching completion only while the ladder waits for it', () => {
    expect(allowed(waitingFor('coaching', 'coach'), 'admin')).toContain('record-coaching');
    expect(caseActions(waitingFor('approval', 'suspend'), 'admin').find((action) => action.action === 'record-coaching')).toEqual({
      action: 'record-coaching',
      allowed: false,
      why: 'the ladder is not waiting for a coaching course',
    });
  });

  it('says the role first, then the state, when an action is not offered', () => {
    const closed: State = { status: 'dismissed', requestedRung: 'warn' };
    expect(caseActions(closed, 'legal').find((action) => action.action === 'dismiss')?.why).toBe('only the analyst or admin roles may dismiss a case');
    expect(caseActions(closed, 'analyst').find((action) => action.action === 'dismiss')?.why).toBe('the case is dismissed');
  });

  it('does not offer escalation from the top rung', () => {
    expect(caseActions({ status: 'open', requestedRung: 'legal-hold' }, 'analyst').find((action) => action.action === 'escalate')?.why).toBe('the case already asks for a legal hold, the top rung');
    expect(allowed({ status: 'open', requestedRung: 'warn' }, 'analyst')).toContain('escalate');
  });
});
