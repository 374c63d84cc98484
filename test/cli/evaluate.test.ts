import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ReplayReport } from '../../tools/cli/replay';
import { formatEvaluation } from '../../tools/cli/evaluate';
import { score } from '../../tools/cli/evaluation';
import { SELLER_KINDS, SimulationTruth, VIOLATOR_KINDS } from '../../tools/sim/truth';
import type { SellerKind } from '../../tools/sim/truth';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

const acts = { orders: 10, reviews: 5, negativeReviews: 2, targetedLookups: 0, violatingMessages: 0, offPlatformContacts: 0, inducedFlips: 0, spontaneousFlips: 0, flipsAfterMessage: 0 };
const seller = (sellerId: string, kind: SellerKind, extra = {}) => ({
  sellerId,
  kind,
  violator: VIOLATOR_KINDS.has(kind),
  size: 'small' as const,
  marketplace: 'US',
  language: 'en',
  ordersPerDay: 1,
  acts,
  ...extra,
});

/** A truth file as the simulator writes it, parsed (defaults filled in), around these sellers. */
const truthOf = (sellers: readonly ReturnType<typeof seller>[], complaints = 0) =>
  SimulationTruth.parse({
    version: 1,
    options: { sellers: sellers.length, days: 10, seed: 1, start: '2026-01-05T00:00:00Z', mix: { honest: 1, 'honest-refunder': 0, 'onplatform-solicitor': 0, 'offplatform-harasser': 0, 'subtle-harasser': 0, 'ring-member': 0 } },
    sellers,
    rings: [],
    sharedApps: [],
    counts: { events: 1, duplicates: 0, late: 0, lines: 1, complaints },
  });

const caseOf = (sellerId: string, highestRung: ReplayReport['sellers'][number]['highestRung']) => ({ sellerId, highestRung, caseIds: [`case-${sellerId}`], firstActionAt: '2026-01-12T00:00:00Z' });
const report = (sellers: ReplayReport['sellers'], complaints?: ReplayReport['complaints']): ReplayReport => ({
  events: { accepted: 1, duplicates: 0, rejected: 0 },
  sellers,
  ...(complaints ? { complaints } : {}),
});

describe('evaluation scores', () => {
  it('counts recall over violators that acted, precision over cases, and honest sellers warned', () => {
    const truth = truthOf([
      seller('S-h1', 'honest'),
      seller('S-h2', 'honest'),
      seller('S-v1', 'offplatform-harasser', { firstViolationAt: '2026-01-10T00:00:00Z', acts: { ...acts, targetedLookups: 2 } }),
      seller('S-v2', 'subtle-harasser', { firstViolationAt: '2026-01-10T00:00:00Z', acts: { ...acts, inducedFlips: 1 } }),
      seller('S-v3', 'subtle-harasser'),
    ]);
    const evaluation = score(
      report([
        { sellerId: 'S-v1', highestRung: 'suspend', caseIds: ['c1'], firstActionAt: '2026-01-12T00:00:00Z' },
        { sellerId: 'S-h1', highestRung: 'warn', caseIds: ['c2'], firstActionAt: '2026-01-02T00:00:00Z' },
      ]),
      truth,
    );
    expect(evaluation.recall).toBe(0.5);
    expect(evaluation.recallVisible).toBe(1);
    expect(evaluation.precision).toBe(0.5);
    expect(evaluation.honestWarnedRate).toBe(0.5);
    expect(evaluation.honestSuspended).toBe(0);
    expect(evaluation.daysToFirstAction).toEqual({ median: 2, p90: 2, measured: 1 });
  });
});

describe('the verdict, kind by kind and overall', () => {
  const honest = Array.from({ length: 100 }, (_, i) => seller(`S-m${i}`, 'merchant-fulfilled'));
  const violators = Array.from({ length: 20 }, (_, i) => seller(`S-b${i}`, 'bulk-cover-harasser', { firstViolationAt: '2026-01-06T00:00:00Z', acts: { ...acts, violatingMessages: 1 } }));

  it('passes when no honest seller is warned and every visible violator is', () => {
    const evaluation = score(report(violators.map((v) => caseOf(v.sellerId, 'warn'))), truthOf([...honest, ...violators]));
    expect(evaluation.verdict.pass).toBe(true);
    const rows = new Map(evaluation.byKind.map((row) => [row.kind, row]));
    expect(rows.get('merchant-fulfilled')).toMatchObject({ role: 'honest', sellers: 100, warned: 0, suspended: 0, pass: true });
    expect(rows.get('bulk-cover-harasser')).toMatchObject({ role: 'violator', sellers: 20, visible: 20, caught: 20, pass: true });
    // A kind with no sellers passes: there is nothing to get wrong.
    expect(rows.get('very-large')).toMatchObject({ sellers: 0, pass: true });
    expect(formatEvaluation(evaluation)).toMatch(/^verdict: PASS$/m);
  });

  it('fails an honest kind at its second warned seller in a hundred, and at any suspension', () => {
    const one = score(report([caseOf('S-m0', 'warn'), ...violators.map((v) => caseOf(v.sellerId, 'warn'))]), truthOf([...honest, ...violators]));
    expect(one.byKind.find((row) => row.kind === 'merchant-fulfilled')?.pass).toBe(true);
    const two = score(report([caseOf('S-m0', 'warn'), caseOf('S-m1', 'coach'), ...violators.map((v) => caseOf(v.sellerId, 'warn'))]), truthOf([...honest, ...violators]));
    expect(two.byKind.find((row) => row.kind === 'merchant-fulfilled')).toMatchObject({ warned: 2, pass: false });
    expect(two.verdict.pass).toBe(false);
    const suspended = score(report([caseOf('S-m0', 'suspend'), ...violators.map((v) => caseOf(v.sellerId, 'warn'))]), truthOf([...honest, ...violators]));
    expect(suspended.byKind.find((row) => row.kind === 'merchant-fulfilled')?.pass).toBe(false);
    expect(suspended.verdict.checks.find((check) => check.check.startsWith('honest sellers suspended'))?.pass).toBe(false);
  });

  it('counts a violator caught when it has a case, for review or warned, keeps the warned beside it, and fails below 95% of the visible ones overall', () => {
    const forReview = violators.map((v, i) => caseOf(v.sellerId, i < 3 ? null : 'warn'));
    const evaluation = score(report(forReview), truthOf([...honest, ...violators]));
    expect(evaluation.byKind.find((row) => row.kind === 'bulk-cover-harasser')).toMatchObject({ withCase: 20, caught: 20, warned: 17, warnedVisible: 17, review: 3, pass: true });
    expect(evaluation.recallVisible).toBe(1);
    expect(evaluation.warnedVisible).toBe(0.85);
    expect(evaluation.verdict.pass).toBe(true);
    expect(formatEvaluation(evaluation)).toMatch(/violators warned \(of those the platform could see\): +85\.0%/u);
    const missed = score(report(violators.slice(2).map((v) => caseOf(v.sellerId, 'warn'))), truthOf([...honest, ...violators]));
    expect(missed.verdict.checks.find((check) => check.check === 'violators caught (with a case), of those visible')).toMatchObject({ measured: '18 of 20 (90.0%)', pass: false });
  });

  it('counts honest sellers with a case for review apart from the warned, and fails above 5% of them, per kind and overall', () => {
    const five = honest.slice(0, 5).map((h) => caseOf(h.sellerId, null));
    const within = score(report([...five, ...violators.map((v) => caseOf(v.sellerId, 'warn'))]), truthOf([...honest, ...violators]));
    expect(within.byKind.find((row) => row.kind === 'merchant-fulfilled')).toMatchObject({ withCase: 5, warned: 0, review: 5, pass: true });
    expect(within.honestWarnedRate).toBe(0);
    expect(within.honestReviewRate).toBe(0.05);
    expect(within.verdict.pass).toBe(true);
    const six = honest.slice(0, 6).map((h) => caseOf(h.sellerId, null));
    const over = score(report([...six, ...violators.map((v) => caseOf(v.sellerId, 'warn'))]), truthOf([...honest, ...violators]));
    expect(over.byKind.find((row) => row.kind === 'merchant-fulfilled')).toMatchObject({ review: 6, pass: false });
    expect(over.verdict.checks.find((check) => check.check === 'honest sellers with a case for review (no notice)')).toMatchObject({ measured: '6 of 100 (6.0%)', pass: false });
  });

  it('fails when the simulation has complaints and they were not replayed', () => {
    const truth = truthOf([...honest, ...violators], 3);
    const caught = violators.map((v) => caseOf(v.sellerId, 'warn'));
    expect(score(report(caught), truth).verdict.pass).toBe(false);
    expect(formatEvaluation(score(report(caught), truth))).toMatch(/complaints NOT replayed/);
    expect(score(report(caught, { filed: 3, rejected: 0 }), truth).verdict.pass).toBe(true);
  });
});

describe('offside simulate | offside evaluate --json', () => {
  it('scores a small simulated marketplace end to end, every kind with its expectation and verdict', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offside-eval-'));
    await run(process.execPath, [join(root, 'bin/offside.js'), 'simulate', '--sellers', '30', '--days', '45', '--seed', '7', '--out', out], { cwd: root });
    const { stdout } = await run(
      process.execPath,
      [join(root, 'bin/offside.js'), 'evaluate', join(out, 'events.jsonl'), join(out, 'truth.json'), '--complaints', join(out, 'complaints.jsonl'), '--json'],
      { cwd: root },
    );
    const evaluation = z
      .object({
        sellers: z.literal(30),
        recall: z.number().min(0).max(1),
        precision: z.number().min(0).max(1),
        honestWarnedRate: z.number().min(0).max(1),
        byKind: z
          .array(
            z.object({
              kind: z.enum(SELLER_KINDS),
              role: z.enum(['honest', 'violator']),
              sellers: z.number(),
              withCase: z.number(),
              warned: z.number(),
              suspended: z.number(),
              visible: z.number(),
              caught: z.number(),
              expected: z.string(),
              pass: z.boolean(),
            }),
          )
          .length(SELLER_KINDS.length),
        events: z.object({ accepted: z.number().positive(), rejected: z.literal(0) }),
        complaints: z.object({ filed: z.number(), rejected: z.literal(0), inTruth: z.number() }),
        verdict: z.object({ pass: z.boolean(), checks: z.array(z.object({ check: z.string(), measured: z.string(), target: z.string(), pass: z.boolean() })) }),
      })
      .parse(JSON.parse(stdout));
    expect(evaluation.byKind.reduce((sum, row) => sum + row.sellers, 0)).toBe(30);
    expect(evaluation.complaints.filed).toBe(evaluation.complaints.inTruth);
    expect(evaluation.verdict.pass).toBe(evaluation.verdict.checks.every((check) => check.pass));
  }, 60_000);
});
