/**
 * A distributed backtest's steps (shared/composition/replay/distributed.ts: partition, one child per
 * partition, regroup, the second pass, merge), run locally as the backtest state machine runs them
 * on AWS, each partition child on a worker thread (tools/cli/backtest-distributed.ts), on a run
 * directory: the merged report is the one `offside replay --json` prints, on a simulated marketplace
 * with rings and complaints (whose groups are spread over the partitions and replayed again
 * together); and `offside backtest --partitions N` prints the figures the local backtest prints.
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRunStore } from '../../shared/adapters/files/replay-run-store';
import { readComplaintsFile } from '../../shared/composition/replay/complaints-file';
import { mergeStep, partitionStep, regroupStep } from '../../shared/composition/replay/distributed';
import { lazily } from '../../shared/composition/replay/replay-driver';
import { DETECTION_CONFIG, SIGNAL_IDS } from '../../shared/domain/detection/config';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { readMerged, runJobLocally, runOnThreads, writeRun } from '../../tools/cli/backtest-distributed';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const offside = (...args: string[]) => run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
const lines = (file: string) => lazily(() => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity }));
const sorted = (text: string) => text.split('\n').filter(Boolean).sort();

let out = '';
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'offside-distributed-'));
  // Rings (shared handles and look-up apps), complaints (and a wave of false ones), solicitors whose
  // suspensions issue statements of reasons, and honest sellers around them.
  await offside('simulate', '--sellers', '36', '--days', '60', '--seed', '23', '--mix', 'honest=2,ring-member=3,offplatform-harasser=1,onplatform-solicitor=1,false-complaint-target=1,popular-app-user=1', '--out', out);
}, 120_000);

describe('a distributed backtest, run locally on worker threads', () => {
  it('merges into the report `offside replay --json` prints, with the same statements, the rings regrouped', async () => {
    const events = join(out, 'events.jsonl');
    const complaintsFile = join(out, 'complaints.jsonl');
    const single = await offside('replay', events, '--json', '--approvals', 'approve-all', '--complaints', complaintsFile, '--statements', join(out, 'single.jsonl'));

    const dir = mkdtempSync(join(tmpdir(), 'offside-run-'));
    const store = new DirectoryRunStore(dir);
    const { complaints } = await readComplaintsFile(complaintsFile);
    expect(complaints.length).toBeGreaterThan(0);
    const jobs = await writeRun(store, 'runs/test', { lines: lines(events), complaints, approvals: 'approve-all', partitions: 3 }, [{ side: 'baseline', config: undefined }]);
    const job = jobs['baseline'] ?? '';

    // The state machine's steps, one by one, each partition child on its own worker thread.
    const partitioned = await partitionStep(store, job);
    expect(partitioned.partitions).toBe(3);
    const manifest = JSON.parse(readFileSync(join(dir, job, 'pass-1/manifest.json'), 'utf8')) as { partition: number }[];
    expect(manifest.map((item) => item.partition)).toEqual([0, 1, 2]);
    await runOnThreads(dir, manifest as never, 3);
    expect(readdirSync(join(dir, job, 'pass-1')).filter((name) => name.startsWith('result-')).sort()).toEqual(['result-0.json', 'result-1.json', 'result-2.json']);
    const regrouped = await regroupStep(store, job);
    // The rings and notifiers were spread over the partitions, and are replayed together.
    expect(regrouped.groups).toBeGreaterThan(0);
    expect(regrouped.partitions).toBeGreaterThan(0);
    await runOnThreads(dir, JSON.parse(readFileSync(join(dir, job, 'pass-2/manifest.json'), 'utf8')) as never, 3);
    const merged = await mergeStep(store, job);

    expect(merged.report).toEqual(JSON.parse(single.stdout));
    expect(readFileSync(join(dir, job, 'replay.json'), 'utf8')).toBe(single.stdout);
    expect(merged.report.sellers.some((seller) => seller.highestRung === 'suspend')).toBe(true);
    expect(sorted(readFileSync(join(dir, job, 'statements.jsonl'), 'utf8'))).toEqual(sorted(readFileSync(join(out, 'single.jsonl'), 'utf8')));
    expect(merged.statements).toBeGreaterThan(0);
    expect((await readMerged(store, job)).report).toEqual(merged.report);
  }, 600_000);

  it('reports rejected lines as `offside replay` does, and runs again from a fresh partition step', async () => {
    const malformed = join(root, 'events/demo/malformed.jsonl');
    const single = await offside('replay', malformed, '--json');
    const dir = mkdtempSync(join(tmpdir(), 'offside-run-'));
    const store = new DirectoryRunStore(dir);
    const jobs = await writeRun(store, 'runs/malformed', { lines: lines(malformed), approvals: 'none', partitions: 2 }, [{ side: 'baseline', config: undefined }]);
    await runJobLocally(store, dir, jobs['baseline'] ?? '', 2);
    const merged = await readMerged(store, jobs['baseline'] ?? '');
    expect(merged.report).toEqual(JSON.parse(single.stdout));
    const rejectedLines = single.stderr.split('\n').filter((line) => /^line \d+: /u.test(line));
    expect(rejectedLines.length).toBeGreaterThan(0);
    expect(merged.rejected.map((entry) => ('line' in entry ? `line ${entry.line}: ${entry.reason}` : ''))).toEqual(rejectedLines);
  }, 300_000);

  it('refuses a job whose specification is not valid, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-run-'));
    const store = new DirectoryRunStore(dir);
    await store.write('runs/bad/baseline/job.json', JSON.stringify({ input: 'runs/bad/input.jsonl', ladder: 'runs/bad/ladder.asl.json', approvals: 'maybe', partitions: 3 }));
    await expect(partitionStep(store, 'runs/bad/baseline')).rejects.toThrow(/job\.json: approvals/u);
    await expect(partitionStep(store, '../outside')).rejects.toThrow();
  });
});

describe('offside backtest --partitions N', () => {
  it('prints the figures the backtest in one process prints, baseline and candidate', async () => {
    const off: DetectionConfig = { ...DETECTION_CONFIG, version: 2, signals: structuredClone(DETECTION_CONFIG.signals) };
    for (const id of SIGNAL_IDS.filter((signal) => signal !== 'ring')) off.signals[id].enabled = false;
    const candidate = join(out, 'candidate.json');
    writeFileSync(candidate, JSON.stringify(off));
    const args = [join(out, 'events.jsonl'), '--candidate', candidate, '--approvals', 'approve-all', '--complaints', join(out, 'complaints.jsonl'), '--truth', join(out, 'truth.json'), '--json'];
    const local = await offside('backtest', ...args);
    const distributed = await offside('backtest', ...args, '--partitions', '3');
    expect(JSON.parse(distributed.stdout)).toEqual(JSON.parse(local.stdout));
    const report = JSON.parse(local.stdout) as { changed: unknown[]; baseline: { sellersWithCase: number } };
    expect(report.baseline.sellersWithCase).toBeGreaterThan(0);
    expect(report.changed.length).toBeGreaterThan(0);
  }, 600_000);
});
