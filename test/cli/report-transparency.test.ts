/**
 * `offside report transparency` on a simulated marketplace: the figures add up (every total is
 * the sum of its parts), agree with what the replay of the same marketplace wrote (one suspension
 * per statement of reasons, one notice per complaint filed), and a period before the marketplace
 * opened is empty.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const offside = (...args: string[]) => run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });

const Count = z.number().int().nonnegative();
const Report = z.object({
  notices: z.object({ received: Count, actedOn: Count, foundUnfounded: Count, awaitingDecision: Count, notCountedUnderArticle23: Count, medianHoursToDecision: z.number().nullable() }),
  decisions: z.object({ total: Count, byRung: z.record(z.string(), Count), onNotice: Count, ownInitiative: Count, fullyAutomated: Count, partlyAutomatedWithHumanApproval: Count }),
  appeals: z.object({ filed: Count, accepted: Count, rejected: Count, pending: Count }),
  reversals: z.object({ total: Count }),
  notifiersSanctioned: z.object({ warned: Count, restricted: Count }),
  checks: z.record(z.string(), z.boolean()),
});

describe('offside report transparency on a simulated marketplace', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'offside-transparency-'));
    await offside('simulate', '--sellers', '80', '--days', '60', '--seed', '7', '--start', '2026-01-05T00:00:00Z', '--out', dir);
  }, 120_000);

  const report = async (from: string, to: string) => {
    const { stdout } = await offside('report', 'transparency', '--from', from, '--to', to, '--events', join(dir, 'events.jsonl'), '--complaints', join(dir, 'complaints.jsonl'), '--json');
    return Report.parse(JSON.parse(stdout));
  };

  it('adds up, and agrees with the replay’s statements of reasons and the complaints filed', async () => {
    const figures = await report('2026-01-01', '2026-12-31');
    expect(Object.values(figures.checks).every(Boolean)).toBe(true);
    const { notices, decisions } = figures;
    expect(notices.received).toBe(notices.actedOn + notices.foundUnfounded + notices.awaitingDecision + notices.notCountedUnderArticle23);
    expect(decisions.total).toBe(decisions.onNotice + decisions.ownInitiative);
    expect(decisions.total).toBe(Object.values(decisions.byRung).reduce((sum, n) => sum + n, 0));
    expect(decisions.onNotice).toBeGreaterThan(0);

    const complaints = readFileSync(join(dir, 'complaints.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(notices.received).toBe(complaints.length);
    const statements = join(dir, 'statements.jsonl');
    await offside('replay', join(dir, 'events.jsonl'), '--approvals', 'approve-all', '--complaints', join(dir, 'complaints.jsonl'), '--statements', statements);
    const issued = readFileSync(statements, 'utf8').split('\n').filter((line) => line !== '');
    expect(decisions.byRung.suspend).toBe(issued.length);
    expect(decisions.partlyAutomatedWithHumanApproval).toBe((decisions.byRung.suspend ?? 0) + (decisions.byRung['legal-hold'] ?? 0));
  }, 240_000);

  it('is empty for a period before the marketplace opened', async () => {
    const figures = await report('2025-01-01', '2025-06-30');
    expect(figures.notices.received).toBe(0);
    expect(figures.decisions.total).toBe(0);
  }, 240_000);
});
