import { describe, expect, it } from 'vitest';
import { executionName, isActive, startingRungOf, mayApprove, standing, strikeFor, withdrawStrikes } from '../../shared/domain/ladder/policy';
import { RUNGS } from '../../shared/domain/ladder/rungs';
import { afterDecision } from '../../shared/domain/ladder/transitions';

describe('ladder policy', () => {
  it('needs an analyst for a suspension and the legal role for a legal hold', () => {
    expect(mayApprove('analyst', 'suspend')).toBe(true);
    expect(mayApprove('legal', 'suspend')).toBe(false);
    expect(mayApprove('legal', 'legal-hold')).toBe(true);
    expect(mayApprove('analyst', 'legal-hold')).toBe(false);
    expect(mayApprove('admin', 'legal-hold')).toBe(false);
  });

  it('applies warnings and coaching without a human, so nobody approves them', () => {
    expect(mayApprove('admin', 'warn')).toBe(false);
    expect(mayApprove('analyst', 'coach')).toBe(false);
  });

  it('lets a strike count for 180 days and then returns the seller to good standing', () => {
    const strike = strikeFor('case_1', 'warn', '2026-01-01T00:00:00.000Z');
    expect(standing([strike], false, '2026-06-29T23:59:59.000Z')).toBe('warned');
    expect(isActive(strike, '2026-06-30T00:00:00.000Z')).toBe(false);
    expect(standing([strike], false, '2026-06-30T00:00:00.000Z')).toBe('good');
  });

  it('withdraws a dismissed case’s strikes and only those', () => {
    const strikes = [strikeFor('case_1', 'coach', '2026-01-01T00:00:00.000Z'), strikeFor('case_2', 'warn', '2026-01-02T00:00:00.000Z')];
    const after = withdrawStrikes(strikes, 'case_1', '2026-01-05T00:00:00.000Z');
    expect(standing(after, false, '2026-01-06T00:00:00.000Z')).toBe('warned');
  });

  it('sends a denied suspension back to coaching, and applies an approved one', () => {
    expect(afterDecision('suspend', 'deny')).toEqual({ apply: null, next: 'coach' });
    expect(afterDecision('suspend', 'approve')).toEqual({ apply: 'suspend', next: null });
    expect(afterDecision('legal-hold', 'deny')).toEqual({ apply: null, next: null });
  });

  it('names an execution after its case and rung, within Step Functions’ limits', () => {
    expect(executionName('case_0123abcd', 'legal-hold', '2026-03-09T10:00:00.000Z')).toBe('case_0123abcd-legal-hold-20260309100000000');
    expect(executionName('case:with/odd chars', 'warn', '2026-03-09T10:00:00Z')).toBe('case_with_odd_chars-warn-20260309100000');
    const long = executionName('x'.repeat(100), 'warn', '2026-03-09T10:00:00.000Z');
    expect(long).toHaveLength(80);
    expect(long.endsWith('-warn-20260309100000000')).toBe(true);
  });

  it('reads back from an execution’s name the rung it started at (the state machine it runs on)', () => {
    for (const rung of RUNGS) expect(startingRungOf(executionName('case_0123abcd', rung, '2026-03-09T10:00:00.000Z'))).toBe(rung);
    // A case id that looks like a rung does not confuse it: the rung is the name's tail.
    expect(startingRungOf(executionName('case-coach-legal', 'warn', '2026-03-09T10:00:00Z'))).toBe('warn');
    expect(startingRungOf(executionName('a-warn', 'legal-hold', '2026-03-09T10:00:00Z'))).toBe('legal-hold');
    expect(() => startingRungOf('case_1-demote-2026')).toThrow(/not a ladder execution name/u);
  });
});
