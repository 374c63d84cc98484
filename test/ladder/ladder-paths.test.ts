/**
 * The whole ladder, path by path: the state machine the CDK app synthesizes, run locally on a
 * virtual clock, its steps carried out by the real ladder-step use case, people answering through
 * the console's use cases, every adapter in memory. What is checked is what the seller, the
 * marketplace, the legal team and the audit see.
 */
import { InMemoryRulesStore } from '../../shared/adapters/memory/rules-store';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DevelopmentSellerDirectory } from '../../shared/adapters/memory/seller-directory';
import type { Case } from '../../shared/domain/cases/case';
import { decideCase } from '../../shared/domain/cases/case';
import { configVersionOf, DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { Signal } from '../../shared/domain/detection/signals';
import type { Rung } from '../../shared/domain/ladder/rungs';
import { ladderDefinitions } from '../../tools/local/ladder-definition';
import { LocalLadderWorkflow, ladderMachines } from '../../shared/adapters/step-functions-local/local-workflow';
import { fileExecutionJournal } from '../../shared/adapters/step-functions-local/journal';
import type { ExecutionJournal } from '../../shared/adapters/step-functions-local/runner';
import { LocalStateMachineRunner, VirtualClock } from '../../shared/adapters/step-functions-local/runner';
import { LADDER_STEP_LOCAL_NAME } from '../../infra/constructs/enforcement-ladder';
import { advanceLadder } from '../../shared/use-cases/advance-ladder';
import { decideRung } from '../../shared/use-cases/decide-rung';
import { dismissCase } from '../../shared/use-cases/dismiss-case';
import { escalateCase } from '../../shared/use-cases/escalate-case';
import { ladderStep } from '../../shared/use-cases/ladder-step';
import { recordCoachingCompletion } from '../../shared/use-cases/record-coaching-completion';
import { InMemoryRingIndex } from '../../shared/adapters/memory/ring-index';
import { hmacHandleHasher } from '../../shared/adapters/crypto/handle-hasher';
import { memoryLadderDeps } from '../support/ladder-deps';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const SELLER = 'S-DE-1';
const analyst = { id: 'ana@trust-safety.example', role: 'analyst' as const };
const counsel = { id: 'lee@legal.example', role: 'legal' as const };

const signal = (id: string, time: string, extra: Partial<Signal> = {}): Signal => ({
  signalId: id,
  sellerId: SELLER,
  rule: 'seller-message',
  time,
  points: 60,
  explanation: `On-platform message ${id} asks buyer B-1 to remove a review for a refund.`,
  evidenceIds: [`evt-${id}`],
  tags: ['review_manipulation', 'explicit'],
  configVersion: configVersionOf(config),
  ...extra,
});

async function ladder(opening: Rung = 'warn', journal?: ExecutionJournal) {
  const clock = new VirtualClock(T0);
  const deps = memoryLadderDeps({ now: () => new Date(clock.now()), directory: new DevelopmentSellerDirectory({ [SELLER]: { marketplace: 'DE' } }) });
  const machines = ladderMachines(await ladderDefinitions());
  const newRunner = () =>
    new LocalStateMachineRunner({
      machines,
      handlers: { [LADDER_STEP_LOCAL_NAME]: (event) => ladderStep(event, deps) },
      clock,
      ...(journal ? { journal } : {}),
    });
  let runner = newRunner();
  let workflow = new LocalLadderWorkflow(runner);
  const decision = decideCase(SELLER, [signal('m1', '2026-03-01T10:00:00.000Z')], undefined, config);
  if (decision.action !== 'open') throw new Error('expected a case');
  // Detection opens every case at a warning; a case at suspension (one opened higher by an earlier
  // version, or carried there) starts the ladder at its approval.
  await deps.cases.saveCase(opening === 'suspend' ? { ...decision.case, openedRung: 'suspend', requestedRung: 'suspend' } : decision.case);
  const caseId = decision.case.caseId;
  const current = async (): Promise<Case> => {
    const item = await deps.cases.getCase(caseId);
    if (!item) throw new Error('case vanished');
    return item;
  };
  const console = { ...deps, store: deps.evidence, rings: new InMemoryRingIndex(), config, workflow, hashHandle: hmacHandleHasher('k'.repeat(32)), readiness: [], rulesStore: new InMemoryRulesStore(config) };
  /** `npm start` stopped and started again: a new runner on the same stores (and journal, if any). */
  const restart = async () => {
    await runner.close();
    runner = newRunner();
    workflow = new LocalLadderWorkflow(runner);
    console.workflow = workflow;
    return runner;
  };
  /** What the ladder does next for the case, then runs it as far as it goes. */
  const advance = async () => {
    // People and the ladder act some time apart, so the audit's time order is the order of events.
    await clock.advanceBy(60_000);
    const name = await advanceLadder(await current(), { cases: deps.cases, audit: deps.audit, workflow, now: deps.now });
    await runner.idle();
    return name;
  };
  const escalate = async () => {
    await clock.advanceBy(60_000);
    await escalateCase({ caseId, reason: 'repeat contact after warning' }, analyst, console);
    return advance();
  };
  const subjects = () => deps.notifier.delivered.map((notice) => `${notice.to} ${notice.subject}`);
  const auditActions = async () => (await deps.audit.byCase(caseId, { limit: 500 })).entries.reverse().map((entry) => `${entry.actor}:${entry.action}`);
  return {
    clock,
    deps,
    get runner() {
      return runner;
    },
    get workflow() {
      return workflow;
    },
    caseId,
    current,
    console,
    advance,
    escalate,
    subjects,
    auditActions,
    restart,
  };
}

describe('the ladder, end to end on the synthesized definition', () => {
  it('warn only: one warning in the seller’s language, one strike, and the case rests at warn', async () => {
    const run = await ladder();
    const name = await run.advance();
    expect(run.runner.describe(name ?? '').status).toBe('SUCCEEDED');
    expect(run.subjects()).toHaveLength(1);
    expect(run.subjects()[0]).toMatch(/^s-de-1@sellers\.marketplace\.example .*(Verwarnung|Warnung)/u);
    expect((await run.current()).applied?.rung).toBe('warn');
    expect((await run.deps.accounts.get(SELLER)).strikes.map((strike) => strike.rung)).toEqual(['warn']);
    expect(await run.advance()).toBeUndefined();
    expect((await run.auditActions()).sort()).toEqual(['system:case-opened', 'system:notice-sent', 'system:rung-applied']);
  });

  it('warn, coach, completion: the course is announced, the workflow waits for it, and ends when it is reported', async () => {
    const run = await ladder();
    await run.advance();
    const coach = await run.escalate();
    expect((await run.current()).waiting?.kind).toBe('coaching');
    expect(run.deps.notifier.delivered.at(-1)?.text).toContain('https://sellercentral.marketplace.example/learn/communication-policy');
    await run.clock.advanceBy(3_600_000);
    await recordCoachingCompletion({ sellerId: SELLER }, analyst, run.console);
    await run.runner.idle();
    expect(run.runner.describe(coach ?? '').status).toBe('SUCCEEDED');
    expect((await run.current()).waiting).toBeUndefined();
    await expect(recordCoachingCompletion({ sellerId: SELLER }, analyst, run.console)).rejects.toMatchObject({ name: 'StateConflictError' });
    // Steps that follow one another are recorded in the same instant: the entries are compared as a set.
    expect((await run.auditActions()).sort()).toEqual(
      [
        'system:case-opened',
        'system:notice-sent',
        'system:rung-applied',
        `${analyst.id}:rung-requested`,
        'system:rung-requested',
        'system:notice-sent',
        'system:rung-applied',
        `${analyst.id}:coaching-completed`,
      ].sort(),
    );
  });

  it('coaching timeout, then a request, approval, suspension: the timeout alone asks for nothing; the seller is suspended only once asked and approved', async () => {
    const run = await ladder();
    await run.advance();
    const coach = await run.escalate();
    await run.clock.advanceBy(14 * DAY + 1);
    await run.runner.idle();
    const timedOut = await run.current();
    expect(run.runner.describe(coach ?? '').status).toBe('SUCCEEDED');
    expect(timedOut.waiting).toBeUndefined();
    expect(timedOut.requestedRung).toBe('coach');
    await run.escalate();
    const waiting = await run.current();
    expect(waiting.waiting).toMatchObject({ kind: 'approval', rung: 'suspend' });
    expect((await run.deps.accounts.get(SELLER)).status).toBe('active');
    await run.clock.advanceBy(3_600_000);
    await decideRung({ caseId: run.caseId, rung: 'suspend', decision: 'approve', reason: 'ignored the course; kept writing' }, analyst, run.console);
    await run.runner.idle();
    const account = await run.deps.accounts.get(SELLER);
    expect(account).toMatchObject({ status: 'suspended', suspension: { caseId: run.caseId } });
    expect(run.deps.sellerEvents.published()).toEqual([
      expect.objectContaining({ type: 'offside.seller.status-changed', subject: SELLER, data: { sellerId: SELLER, status: 'suspended', reason: 'suspension-approved', caseId: run.caseId } }),
    ]);
    expect(run.deps.notifier.delivered.at(-1)?.text).toContain('appeals@marketplace.example');
    expect((await run.current()).decisions).toEqual([expect.objectContaining({ rung: 'suspend', decision: 'approve', actor: analyst.id, role: 'analyst' })]);
    // Consecutive steps (the approval and the suspension) are recorded in the same instant, so
    // the entries are compared as a set.
    expect((await run.auditActions()).sort()).toEqual(
      [
        'system:case-opened',
        'system:notice-sent',
        'system:rung-applied',
        `${analyst.id}:rung-requested`,
        'system:rung-requested',
        'system:notice-sent',
        'system:rung-applied',
        'system:coaching-timed-out',
        `${analyst.id}:rung-requested`,
        'system:rung-requested',
        'system:approval-requested',
        `${analyst.id}:approved`,
        'system:statement-issued',
        'system:notice-sent',
        'system:rung-applied',
      ].sort(),
    );
  });

  it('denial: the case goes back to coaching, nobody is suspended, and a stale second decision is refused', async () => {
    const run = await ladder('suspend');
    const name = await run.advance();
    expect((await run.current()).waiting).toMatchObject({ kind: 'approval', rung: 'suspend' });
    await decideRung({ caseId: run.caseId, rung: 'suspend', decision: 'deny', reason: 'ring link is a shared agency' }, analyst, run.console);
    await run.runner.idle();
    expect(run.runner.describe(name ?? '').status).toBe('RUNNING');
    expect((await run.current()).waiting).toMatchObject({ kind: 'coaching', rung: 'coach' });
    expect((await run.deps.accounts.get(SELLER)).status).toBe('active');
    expect(run.subjects()).toHaveLength(1);
    await expect(
      decideRung({ caseId: run.caseId, rung: 'suspend', decision: 'approve', reason: 'changed my mind' }, analyst, run.console),
    ).rejects.toMatchObject({ name: 'StateConflictError' });
  });

  it('legal hold: only the legal role approves; the evidence is frozen, a sealed bundle written, the legal team told', async () => {
    const run = await ladder('suspend');
    await run.advance();
    await decideRung({ caseId: run.caseId, rung: 'suspend', decision: 'approve', reason: 'ring with intimidation' }, analyst, run.console);
    await run.runner.idle();
    await run.escalate();
    expect((await run.current()).waiting).toMatchObject({ kind: 'approval', rung: 'legal-hold' });
    await expect(
      decideRung({ caseId: run.caseId, rung: 'legal-hold', decision: 'approve', reason: 'litigation' }, analyst, run.console),
    ).rejects.toMatchObject({ name: 'ForbiddenError' });
    await decideRung({ caseId: run.caseId, rung: 'legal-hold', decision: 'approve', reason: 'preserve for litigation' }, counsel, run.console);
    await run.runner.idle();

    const held = await run.current();
    expect(held.applied?.rung).toBe('legal-hold');
    const objects = run.deps.vault.objects;
    const manifestKey = [...objects.keys()].find((key) => key.endsWith('/manifest.json'));
    const manifest = JSON.parse(objects.get(manifestKey ?? '')?.body ?? '{}') as { files: { name: string; sha256: string }[] };
    expect(manifest.files.map((file) => file.name).sort()).toEqual(['audit.jsonl', 'case.json', 'evidence.jsonl']);
    for (const file of manifest.files) {
      const body = objects.get(manifestKey?.replace('manifest.json', file.name) ?? '')?.body ?? '';
      expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
    }
    expect(held.legalHold?.sha256).toBe(createHash('sha256').update(objects.get(manifestKey ?? '')?.body ?? '').digest('hex'));
    expect(run.subjects().at(-1)).toMatch(/^legal-holds@trust-safety\.marketplace\.example /u);
    expect(await run.auditActions()).toContain(`${counsel.id}:approved`);
    expect(await run.auditActions()).toContain('system:legal-hold-applied');
  });

  it('a denied legal hold is not asked for again after a restart without new evidence: the runner remembers finished runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-ladder-'));
    try {
      const run = await ladder('suspend', fileExecutionJournal(join(dir, 'executions.jsonl')));
      await run.advance();
      await decideRung({ caseId: run.caseId, rung: 'suspend', decision: 'approve', reason: 'ring with intimidation' }, analyst, run.console);
      await run.runner.idle();
      await run.escalate();
      expect((await run.current()).waiting).toMatchObject({ kind: 'approval', rung: 'legal-hold' });
      await decideRung({ caseId: run.caseId, rung: 'legal-hold', decision: 'deny', reason: 'not enough for litigation' }, counsel, run.console);
      await run.runner.idle();
      const asked = async () => (await run.auditActions()).filter((action) => action === 'system:approval-requested').length;
      const before = { asked: await asked(), notices: run.subjects().length };
      expect((await run.current()).waiting).toBeUndefined();

      await run.restart();
      await run.advance();
      await run.advance();
      expect(run.runner.pendingTasks()).toEqual([]);
      expect((await run.current()).waiting).toBeUndefined();
      expect({ asked: await asked(), notices: run.subjects().length }).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dismissal midway: the execution stops cleanly, the strikes are withdrawn, the audit says who and why', async () => {
    const run = await ladder();
    await run.advance();
    const coach = await run.escalate();
    expect(run.runner.describe(coach ?? '').status).toBe('RUNNING');
    await dismissCase({ caseId: run.caseId, reason: 'buyer confirmed the seller never wrote to them', category: 'other' }, analyst, run.console);
    expect(run.runner.describe(coach ?? '')).toMatchObject({ status: 'ABORTED' });
    expect(run.runner.pendingTasks()).toEqual([]);
    const account = await run.deps.accounts.get(SELLER);
    expect(account.strikes.every((strike) => strike.withdrawnAt !== undefined)).toBe(true);
    expect((await run.current()).closure).toMatchObject({ by: analyst.id, reason: 'buyer confirmed the seller never wrote to them' });
    const dismissal = (await run.deps.audit.byCase(run.caseId)).entries.find((entry) => entry.action === 'dismissed');
    expect(dismissal).toMatchObject({ actor: analyst.id, role: 'analyst', reason: 'buyer confirmed the seller never wrote to them' });
    expect(await run.advance()).toBeUndefined();
    await expect(dismissCase({ caseId: run.caseId, reason: 'again', category: 'other' }, analyst, run.console)).rejects.toMatchObject({ name: 'StateConflictError' });
  });

  it('dismissing the case that suspended a seller reinstates it and tells the marketplace', async () => {
    const run = await ladder('suspend');
    await run.advance();
    await decideRung({ caseId: run.caseId, rung: 'suspend', decision: 'approve', reason: 'ring' }, analyst, run.console);
    await run.runner.idle();
    await dismissCase({ caseId: run.caseId, reason: 'the ring was a shared fulfilment agency', category: 'other' }, analyst, run.console);
    expect((await run.deps.accounts.get(SELLER)).status).toBe('active');
    expect(run.deps.sellerEvents.published().map((event) => event.data.reason)).toEqual(['suspension-approved', 'case-dismissed']);
  });

  it('a duplicate start is a no-op: one execution, one notice', async () => {
    const run = await ladder();
    const item = await run.current();
    const first = await advanceLadder(item, { cases: run.deps.cases, audit: run.deps.audit, workflow: run.workflow, now: run.deps.now });
    const again = await advanceLadder(await run.current(), { cases: run.deps.cases, audit: run.deps.audit, workflow: run.workflow, now: run.deps.now });
    await run.runner.idle();
    expect(again).toBe(first);
    expect(run.runner.list()).toHaveLength(1);
    expect(run.subjects()).toHaveLength(1);
  });
});
