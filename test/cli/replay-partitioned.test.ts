/**
 * A replay partitioned by seller over worker threads (tools/cli/replay-partitioned.ts) reports what
 * a replay in one process reports: the same events counted, the same sellers with the same case
 * ids, rungs and first actions, the same statements of reasons. Rings and notifiers tie sellers
 * together across partitions: the simulation has rings and complaints, and the test checks that the
 * second pass (the groups spread over several workers, replayed together) ran.
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readComplaintsFile } from '../../shared/composition/replay/complaints-file';
import { replayWithState } from '../../tools/cli/replay';
import { partitionOf } from '../../shared/composition/replay/partition';
import { replayPartitioned } from '../../tools/cli/replay-partitioned';

const root = join(import.meta.dirname, '../..');
const demo = join(root, 'events/demo/marketplace.jsonl');
const run = promisify(execFile);
const offside = (...args: string[]) => run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
const lines = (file: string) => () => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
const statementLines = (statements: readonly { sellerId: string; statement: unknown }[]) => statements.map(({ sellerId, statement }) => JSON.stringify({ sellerId, statement })).sort();

describe('partitionOf', () => {
  it('puts a seller in the same partition every time, and spreads sellers over all of them', () => {
    const sellers = Array.from({ length: 200 }, (_, i) => `S-${i}`);
    expect(sellers.map((seller) => partitionOf(seller, 3))).toEqual(sellers.map((seller) => partitionOf(seller, 3)));
    expect(new Set(sellers.map((seller) => partitionOf(seller, 3)))).toEqual(new Set([0, 1, 2]));
  });
});

describe('offside replay --workers N', () => {
  let out = '';
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'offside-partitioned-'));
    // Rings (shared handles and look-up apps), complaints (and a wave of false ones), solicitors
    // whose suspensions issue statements of reasons, and honest sellers around them.
    await offside('simulate', '--sellers', '36', '--days', '60', '--seed', '23', '--mix', 'honest=2,ring-member=3,offplatform-harasser=1,onplatform-solicitor=1,false-complaint-target=1,popular-app-user=1', '--out', out);
  }, 120_000);

  it('reports what a replay in one process reports on a simulated marketplace with rings and complaints, every approval granted', async () => {
    const events = join(out, 'events.jsonl');
    const { complaints } = await readComplaintsFile(join(out, 'complaints.jsonl'));
    expect(complaints.length).toBeGreaterThan(0);
    const single = await replayWithState(lines(events)(), { approvals: 'approve-all', complaints });
    const partitioned = await replayPartitioned(lines(events), { approvals: 'approve-all', complaints, workers: 3 });

    expect(partitioned.report).toEqual(single.report);
    expect(single.report.sellers.some((seller) => seller.highestRung === 'suspend')).toBe(true);
    expect(statementLines(partitioned.statements)).toEqual(statementLines(single.deps.statements.issued));
    expect(partitioned.statements.length).toBeGreaterThan(0);
    // The rings were spread over the workers, and replayed together.
    expect(partitioned.partitions.regrouped.groups).toBeGreaterThan(0);
  }, 300_000);

  it('prints the same JSON and statements from the command line, and reports rejected lines by number', async () => {
    const single = await offside('replay', demo, '--json', '--approvals', 'approve-all', '--statements', join(out, 'single.jsonl'));
    const partitioned = await offside('replay', demo, '--json', '--approvals', 'approve-all', '--workers', '2', '--statements', join(out, 'partitioned.jsonl'));
    expect(JSON.parse(partitioned.stdout)).toEqual(JSON.parse(single.stdout));
    const read = (file: string) => readFileSync(join(out, file), 'utf8').split('\n').filter(Boolean).sort();
    expect(read('partitioned.jsonl')).toEqual(read('single.jsonl'));

    const malformed = join(root, 'events/demo/malformed.jsonl');
    const one = await offside('replay', malformed, '--json');
    const two = await offside('replay', malformed, '--json', '--workers', '2');
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    const rejectedLines = (stderr: string) => stderr.split('\n').filter((line) => /^line \d+: /u.test(line));
    expect(rejectedLines(two.stderr)).toEqual(rejectedLines(one.stderr));
    expect(rejectedLines(one.stderr).length).toBeGreaterThan(0);
  }, 300_000);

  it('refuses a workers count that is not a whole number from 1 to 64', async () => {
    await expect(offside('replay', demo, '--workers', '0')).rejects.toMatchObject({ code: 2 });
    await expect(offside('replay', demo, '--workers', 'two')).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
