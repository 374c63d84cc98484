/**
 * `offside replay --approvals approve-all` on a simulated marketplace of the first simulator's
 * kinds (`--preset v1`): the whole pipeline and the ladder in virtual time, every approval granted.
 * It reports the rungs reached; violators climb, and no honest seller of the simulation is
 * suspended (or put on legal hold). The later kinds are judged by `offside evaluate` instead.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SimulationTruth } from '../../tools/sim/truth';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const offside = (...args: string[]) => run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });

const Report = z.object({
  sellers: z.array(z.object({ sellerId: z.string(), highestRung: z.enum(['warn', 'coach', 'suspend', 'legal-hold']).nullable(), caseIds: z.array(z.string()) })),
});

describe('offside replay --approvals approve-all on a simulated marketplace', () => {
  it('reports the rungs reached, carries violators to suspension, and suspends no honest seller', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offside-ladder-sim-'));
    await offside('simulate', '--preset', 'v1', '--sellers', '60', '--days', '60', '--seed', '11', '--out', out);
    const { stdout } = await offside('replay', join(out, 'events.jsonl'), '--json', '--approvals', 'approve-all');
    const report = Report.parse(JSON.parse(stdout));
    const truth = SimulationTruth.parse(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')));
    const kindOf = new Map(truth.sellers.map((seller) => [seller.sellerId, seller]));
    const reached = report.sellers.map((seller) => ({ ...seller, violator: kindOf.get(seller.sellerId)?.violator }));
    const honestSuspended = reached.filter((seller) => !seller.violator && (seller.highestRung === 'suspend' || seller.highestRung === 'legal-hold'));
    expect(honestSuspended).toEqual([]);
    expect(reached.filter((seller) => seller.violator && seller.highestRung === 'suspend').length).toBeGreaterThan(0);
    expect(new Set(reached.map((seller) => seller.highestRung))).toContain('warn');
  }, 120_000);
});
