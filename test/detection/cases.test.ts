import { describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/cases/case';
import { decideCase } from '../../shared/domain/cases/case';
import { DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { RuleName, Signal } from '../../shared/domain/detection/signals';

let counter = 0;
const signal = (time: string, points: number, rule: RuleName = 'seller-message', tags: string[] = []): Signal => ({
  signalId: `sig-${++counter}`,
  sellerId: 'S-1',
  rule,
  time,
  points,
  explanation: 'test',
  evidenceIds: [`evt-${counter}`],
  tags,
  configVersion: config.version,
});

function opened(signals: Signal[], at: string): Case {
  const decision = decideCase('S-1', at, signals, undefined, config);
  if (decision.action !== 'open') throw new Error(`expected a case to open, got ${decision.action}`);
  return decision.case;
}

describe('case decisions', () => {
  it('opens nothing below the threshold', () => {
    expect(decideCase('S-1', '2026-01-02T00:00:00Z', [signal('2026-01-01T00:00:00Z', config.caseThreshold - 1)], undefined, config)).toEqual({
      action: 'none',
    });
  });

  it('opens a case asking for a warning when the points cross the threshold, listing the rules that fired', () => {
    const signals = [signal('2026-01-01T00:00:00Z', 30), signal('2026-01-02T00:00:00Z', 25, 'targeted-lookup')];
    const item = opened(signals, '2026-01-02T00:00:00Z');
    expect(item).toMatchObject({ status: 'open', requestedRung: 'warn', points: 55, version: 1, openedAt: '2026-01-02T00:00:00Z' });
    expect(item.signals.map((s) => [s.rule, s.points])).toEqual([
      ['seller-message', 30],
      ['targeted-lookup', 25],
    ]);
  });

  it('starts at suspension on intimidation together with targeted look-ups', () => {
    const signals = [signal('2026-01-01T00:00:00Z', 30, 'seller-message', ['intimidation']), signal('2026-01-02T00:00:00Z', 25, 'targeted-lookup')];
    expect(opened(signals, '2026-01-02T00:00:00Z').requestedRung).toBe('suspend');
  });

  it('starts at suspension on a ring', () => {
    expect(opened([signal('2026-01-01T00:00:00Z', 50, 'ring', ['ring'])], '2026-01-01T00:00:00Z').requestedRung).toBe('suspend');
  });

  it('adds new evidence during the grace period without escalating', () => {
    const item = opened([signal('2026-01-01T00:00:00Z', 60)], '2026-01-01T00:00:00Z');
    const decision = decideCase('S-1', '2026-01-03T00:00:00Z', [...[signal('2026-01-01T00:00:00Z', 60)], signal('2026-01-03T00:00:00Z', 30)], item, config);
    expect(decision.action).toBe('update');
    if (decision.action === 'update') {
      expect(decision.case.requestedRung).toBe('warn');
      expect(decision.case.version).toBe(2);
    }
  });

  it('asks for the next rung when new evidence comes after the grace period', () => {
    const first = signal('2026-01-01T00:00:00Z', 60);
    const item = opened([first], '2026-01-01T00:00:00Z');
    const decision = decideCase('S-1', '2026-01-20T00:00:00Z', [first, signal('2026-01-20T00:00:00Z', 30)], item, config);
    expect(decision.action === 'update' && decision.case.requestedRung).toBe('coach');
    expect(decision.action === 'update' && decision.case.rungRequestedAt).toBe('2026-01-20T00:00:00Z');
  });

  it('changes nothing when no signal is new', () => {
    const first = signal('2026-01-01T00:00:00Z', 60);
    const item = opened([first], '2026-01-01T00:00:00Z');
    expect(decideCase('S-1', '2026-02-01T00:00:00Z', [first], item, config)).toEqual({ action: 'none' });
  });

  it('never asks for less than it asked before, and tops out at legal hold', () => {
    let item = opened([signal('2026-01-01T00:00:00Z', 50, 'ring', ['ring'])], '2026-01-01T00:00:00Z');
    const all: Signal[] = [];
    for (const time of ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z']) {
      all.push(signal(time, 10));
      const decision = decideCase('S-1', time, all, item, config);
      if (decision.action !== 'update') throw new Error('expected an update');
      item = decision.case;
    }
    expect(item.requestedRung).toBe('legal-hold');
  });
});
