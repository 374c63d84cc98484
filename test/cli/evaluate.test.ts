import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ReplayReport } from '../../tools/cli/replay';
import { score } from '../../tools/cli/evaluate';
import { SELLER_KINDS } from '../../tools/sim/truth';
import type { SimulationTruth } from '../../tools/sim/truth';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

const acts = { orders: 10, reviews: 5, negativeReviews: 2, targetedLookups: 0, violatingMessages: 0, offPlatformContacts: 0, inducedFlips: 0, spontaneousFlips: 0, flipsAfterMessage: 0 };
const seller = (sellerId: string, kind: z.infer<typeof SimulationTruth>['sellers'][number]['kind'], extra = {}) => ({
  sellerId,
  kind,
  violator: kind !== 'honest' && kind !== 'honest-refunder',
  size: 'small' as const,
  marketplace: 'US',
  language: 'en',
  ordersPerDay: 1,
  acts,
  ...extra,
});

describe('evaluation scores', () => {
  it('counts recall over violators that acted, precision over cases, and honest sellers warned', () => {
    const truth = {
      version: 1,
      sellers: [
        seller('S-h1', 'honest'),
        seller('S-h2', 'honest'),
        seller('S-v1', 'offplatform-harasser', { firstViolationAt: '2026-01-10T00:00:00Z', acts: { ...acts, targetedLookups: 2 } }),
        seller('S-v2', 'subtle-harasser', { firstViolationAt: '2026-01-10T00:00:00Z', acts: { ...acts, inducedFlips: 1 } }),
        seller('S-v3', 'subtle-harasser'),
      ],
    } as unknown as z.infer<typeof SimulationTruth>;
    const report: ReplayReport = {
      events: { accepted: 1, duplicates: 0, rejected: 0 },
      sellers: [
        { sellerId: 'S-v1', highestRung: 'suspend', caseIds: ['c1'], firstActionAt: '2026-01-12T00:00:00Z' },
        { sellerId: 'S-h1', highestRung: 'warn', caseIds: ['c2'], firstActionAt: '2026-01-02T00:00:00Z' },
      ],
    };
    const evaluation = score(report, truth);
    expect(evaluation.recall).toBe(0.5);
    expect(evaluation.recallVisible).toBe(1);
    expect(evaluation.precision).toBe(0.5);
    expect(evaluation.honestWarnedRate).toBe(0.5);
    expect(evaluation.honestSuspended).toBe(0);
    expect(evaluation.daysToFirstAction).toEqual({ median: 2, p90: 2, measured: 1 });
  });
});

describe('offside simulate | offside evaluate --json', () => {
  it('scores a small simulated marketplace end to end', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offside-eval-'));
    await run(process.execPath, [join(root, 'bin/offside.js'), 'simulate', '--sellers', '30', '--days', '45', '--seed', '7', '--out', out], { cwd: root });
    const { stdout } = await run(process.execPath, [join(root, 'bin/offside.js'), 'evaluate', join(out, 'events.jsonl'), join(out, 'truth.json'), '--json'], {
      cwd: root,
    });
    const evaluation = z
      .object({
        sellers: z.literal(30),
        recall: z.number().min(0).max(1),
        precision: z.number().min(0).max(1),
        honestWarnedRate: z.number().min(0).max(1),
        byKind: z.array(z.object({ kind: z.string(), sellers: z.number() })).length(SELLER_KINDS.length),
        events: z.object({ accepted: z.number().positive(), rejected: z.literal(0) }),
      })
      .parse(JSON.parse(stdout));
    expect(evaluation.byKind.reduce((sum, row) => sum + row.sellers, 0)).toBe(30);
  }, 60_000);
});
