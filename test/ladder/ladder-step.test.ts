import { describe, expect, it } from 'vitest';
import { DevelopmentSellerDirectory } from '../../shared/adapters/memory/seller-directory';
import type { Case } from '../../shared/domain/cases/case';
import { decideCase } from '../../shared/domain/cases/case';
import { configVersionOf, DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { Signal } from '../../shared/domain/detection/signals';
import { nextRungToRun } from '../../shared/domain/ladder/policy';
import { CaseConflictError } from '../../shared/ports/case-store';
import { ladderStep } from '../../shared/use-cases/ladder-step';
import { memoryLadderDeps } from '../support/ladder-deps';

const signal: Signal = {
  signalId: 'sig-1',
  sellerId: 'S-FR',
  rule: 'seller-message',
  time: '2026-03-01T10:00:00.000Z',
  points: 60,
  explanation: 'On-platform message M-1 to buyer B-1 asks to remove or change a review.',
  evidenceIds: ['evt-1'],
  tags: ['review_manipulation', 'explicit'],
  configVersion: configVersionOf(config),
};

async function setup() {
  const deps = memoryLadderDeps({ directory: new DevelopmentSellerDirectory({ 'S-FR': { marketplace: 'FR' } }) });
  const { cases, notifier, audit } = deps;
  const decision = decideCase('S-FR', [signal], undefined, config);
  if (decision.action !== 'open') throw new Error('expected a case');
  await cases.saveCase(decision.case);
  const step = (action: string, extra: Record<string, string> = {}) =>
    ladderStep({ action, caseId: decision.case.caseId, sellerId: 'S-FR', rung: 'warn', ...extra }, deps);
  return { cases, notifier, audit, deps, step, caseId: decision.case.caseId };
}

describe('ladder step', () => {
  it('warns once in the seller’s language, records the rung and the audit, however often it runs', async () => {
    const { step, notifier, cases, audit, caseId } = await setup();
    await step('apply-warning');
    await step('apply-warning');
    expect(notifier.delivered).toHaveLength(1);
    expect(notifier.delivered[0]?.to).toBe('s-fr@sellers.marketplace.example');
    expect(notifier.delivered[0]?.text).toContain(caseId);
    expect(notifier.delivered[0]?.subject).toMatch(/avertissement|Avertissement/u);
    expect((await cases.getCase(caseId))?.applied).toEqual({ rung: 'warn', at: '2026-03-02T08:00:00.000Z' });
    expect((await audit.byCase(caseId)).entries.map((entry) => entry.action).sort()).toEqual(['notice-sent', 'rung-applied']);
  });

  it('parks the task token on the case while an approval is pending', async () => {
    const { step, cases, caseId } = await setup();
    await step('request-approval', { taskToken: 'token-1' });
    expect((await cases.getCase(caseId))?.waiting).toEqual({ kind: 'approval', rung: 'warn', token: 'token-1', since: '2026-03-02T08:00:00.000Z' });
  });

  it('refuses a step on a case that is no longer open, without retry', async () => {
    const { step, cases, caseId } = await setup();
    const item = (await cases.getCase(caseId)) as Case;
    await cases.saveCase({ ...item, status: 'dismissed', version: item.version + 1 });
    await expect(step('apply-warning')).rejects.toMatchObject({ name: 'CaseNotOpen' });
  });

  it('reports a lost race on the case as a TransientError, which the workflow retries', async () => {
    const { step, cases } = await setup();
    cases.saveCase = async () => {
      throw new CaseConflictError('changed concurrently');
    };
    await expect(step('apply-warning')).rejects.toMatchObject({ name: 'TransientError' });
  });

  it('never suspends or puts on legal hold without a recorded approval', async () => {
    const { step, deps } = await setup();
    await expect(step('apply-suspension', { rung: 'suspend' })).rejects.toMatchObject({ name: 'NotApproved' });
    await expect(step('apply-legal-hold', { rung: 'legal-hold' })).rejects.toMatchObject({ name: 'NotApproved' });
    expect((await deps.accounts.get('S-FR')).status).toBe('active');
    expect(deps.vault.objects.size).toBe(0);
  });

  it('records one strike per case and rung, which counts for 180 days', async () => {
    const { step, deps, caseId } = await setup();
    await step('apply-warning');
    await step('apply-warning');
    expect((await deps.accounts.get('S-FR')).strikes).toEqual([
      { caseId, rung: 'warn', appliedAt: '2026-03-02T08:00:00.000Z', expiresAt: '2026-08-29T08:00:00.000Z' },
    ]);
  });
});

describe('which rung the ladder runs next', () => {
  const base = (): Case => {
    const decision = decideCase('S-1', [signal], undefined, config);
    if (decision.action !== 'open') throw new Error('expected a case');
    return decision.case;
  };

  it('starts where the case opened', () => {
    expect(nextRungToRun(base())).toBe('warn');
    expect(nextRungToRun({ ...base(), openedRung: 'suspend', requestedRung: 'suspend' })).toBe('suspend');
  });

  it('climbs one rung above the last applied once the case asks for more', () => {
    const warned = { ...base(), applied: { rung: 'warn' as const, at: '2026-03-02T00:00:00.000Z' } };
    expect(nextRungToRun(warned)).toBeNull();
    expect(nextRungToRun({ ...warned, requestedRung: 'legal-hold' })).toBe('coach');
  });

  it('runs nothing for a closed case', () => {
    expect(nextRungToRun({ ...base(), status: 'dismissed' })).toBeNull();
  });
});
