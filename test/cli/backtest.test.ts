/**
 * `offside backtest` run as a person would (bin/offside.js) on the demo and on a small simulation:
 * the live configuration as candidate changes nothing; with every signal disabled every seller the
 * ladder acted on goes to null; a truth file adds precision, recall and honest sellers warned for
 * both; a bad configuration is refused with the field and the reason (exit 1).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DETECTION_CONFIG, SIGNAL_IDS } from '../../shared/domain/detection/config';
import type { DetectionConfig } from '../../shared/domain/detection/config';

const root = join(import.meta.dirname, '../..');
const demo = join(root, 'events/demo/marketplace.jsonl');
const run = promisify(execFile);
const offside = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = z.object({ code: z.number(), stdout: z.string(), stderr: z.string() }).parse(error);
    return failed;
  }
};

const Rung = z.enum(['warn', 'coach', 'suspend', 'legal-hold']).nullable();
const Side = z.looseObject({
  version: z.number(),
  sellersWithCase: z.number(),
  rungs: z.record(z.string(), z.number()),
  precision: z.number().optional(),
  recall: z.number().optional(),
  honestWarned: z.number().optional(),
});
const Backtest = z.strictObject({
  baseline: Side,
  candidate: Side,
  changed: z.array(z.strictObject({ sellerId: z.string(), baseline: Rung, candidate: Rung })),
  unchanged: z.number().int(),
});
const Replay = z.looseObject({ sellers: z.array(z.looseObject({ sellerId: z.string(), highestRung: Rung })) });

let dir = '';
const files = { live: '', off: '', bad: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'offside-backtest-'));
  const off: DetectionConfig = { ...DETECTION_CONFIG, version: 2, signals: structuredClone(DETECTION_CONFIG.signals) };
  for (const id of SIGNAL_IDS) off.signals[id].enabled = false;
  files.live = join(dir, 'live.json');
  files.off = join(dir, 'off.json');
  files.bad = join(dir, 'bad.json');
  writeFileSync(files.live, (await offside('rules', 'show', '--json')).stdout);
  writeFileSync(files.off, JSON.stringify(off));
  writeFileSync(files.bad, JSON.stringify({ ...DETECTION_CONFIG, signals: { ...DETECTION_CONFIG.signals, ring: { ...DETECTION_CONFIG.signals.ring, enabled: 'yes' } } }));
  await offside('simulate', '--sellers', '60', '--days', '90', '--seed', '7', '--out', join(dir, 'sim'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sellers the ladder acted on in a plain replay, with their rung. */
async function actedOn(file: string, approvals: string): Promise<Map<string, string>> {
  const replay = Replay.parse(JSON.parse((await offside('replay', file, '--json', '--approvals', approvals)).stdout));
  return new Map(replay.sellers.flatMap((seller) => (seller.highestRung ? [[seller.sellerId, seller.highestRung] as const] : [])));
}

describe('offside backtest on the demo', () => {
  it('with the live configuration as candidate, prints no change', async () => {
    const { code, stdout, stderr } = await offside('backtest', demo, '--candidate', files.live, '--json');
    expect(code, stderr).toBe(0);
    const report = Backtest.parse(JSON.parse(stdout));
    expect(report.changed).toEqual([]);
    expect(report.unchanged).toBe(report.baseline.sellersWithCase);
    expect(report.unchanged).toBeGreaterThan(0);
    expect(report.candidate.rungs).toEqual(report.baseline.rungs);
  }, 120_000);

  it('with every signal disabled, every seller the ladder acted on changes to null', async () => {
    const [result, acted] = await Promise.all([offside('backtest', demo, '--candidate', files.off, '--approvals', 'approve-all', '--json'), actedOn(demo, 'approve-all')]);
    const report = Backtest.parse(JSON.parse(result.stdout));
    expect(acted.size).toBeGreaterThan(0);
    expect(report.changed).toEqual([...acted.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sellerId, rung]) => ({ sellerId, baseline: rung, candidate: null })));
    expect(report.candidate.sellersWithCase).toBe(0);
  }, 120_000);

  it('says what changed in words without --json', async () => {
    const { code, stdout } = await offside('backtest', demo, '--candidate', files.off);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^baseline: version 1 \(live\)/mu);
    expect(stdout).toMatch(/^changed: [1-9]\d*, unchanged: 0$/mu);
    expect(stdout).toMatch(/-> \(none\)$/mu);
  }, 120_000);

  it('refuses a bad configuration with the field and the reason, exit 1, before replaying anything', async () => {
    const { code, stdout, stderr } = await offside('backtest', demo, '--candidate', files.bad, '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`offside backtest: --candidate ${files.bad}: signals.ring.enabled: `);
    const unreadable = await offside('backtest', demo, '--candidate', join(dir, 'missing.json'));
    expect(unreadable.code).toBe(2);
  });
});

describe('offside backtest on a simulation, with its truth', () => {
  it('the live configuration changes nothing, and both sides carry precision, recall and honest sellers warned', async () => {
    const sim = join(dir, 'sim');
    const { code, stdout, stderr } = await offside('backtest', join(sim, 'events.jsonl'), '--candidate', files.live, '--truth', join(sim, 'truth.json'), '--approvals', 'approve-all', '--json');
    expect(code, stderr).toBe(0);
    const report = Backtest.parse(JSON.parse(stdout));
    expect(report.changed).toEqual([]);
    expect(report.baseline.sellersWithCase).toBeGreaterThan(0);
    for (const side of [report.baseline, report.candidate]) {
      expect(side.precision).toEqual(expect.any(Number));
      expect(side.recall).toEqual(expect.any(Number));
      expect(side.honestWarned).toEqual(expect.any(Number));
    }
    expect(report.candidate).toEqual({ ...report.baseline, source: files.live });
  }, 180_000);

  it('with every signal disabled, every seller the ladder acted on changes to null, and recall falls to 0', async () => {
    const sim = join(dir, 'sim');
    const events = join(sim, 'events.jsonl');
    const [result, acted] = await Promise.all([
      offside('backtest', events, '--candidate', files.off, '--truth', join(sim, 'truth.json'), '--approvals', 'approve-all', '--json'),
      actedOn(events, 'approve-all'),
    ]);
    const report = Backtest.parse(JSON.parse(result.stdout));
    expect(acted.size).toBeGreaterThan(0);
    expect(report.changed.filter((change) => change.baseline !== null)).toEqual(
      [...acted.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sellerId, rung]) => ({ sellerId, baseline: rung, candidate: null })),
    );
    expect(report.changed.every((change) => change.candidate === null)).toBe(true);
    expect(report.candidate.recall).toBe(0);
    expect(report.candidate.honestWarned).toBe(0);
  }, 180_000);
});
