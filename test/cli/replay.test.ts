import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CAST } from '../../events/demo/cast';
import { replayWithState } from '../../tools/cli/replay';

const root = join(import.meta.dirname, '../..');
const demo = join(root, 'events/demo/marketplace.jsonl');
const run = promisify(execFile);

const ReplayJson = z.strictObject({
  events: z.strictObject({ accepted: z.number().int(), duplicates: z.number().int(), rejected: z.number().int() }),
  sellers: z.array(
    z.strictObject({
      sellerId: z.string(),
      highestRung: z.enum(['warn', 'coach', 'suspend', 'legal-hold']).nullable(),
      caseIds: z.array(z.string()).min(1),
      firstActionAt: z.iso.datetime({ offset: true }).nullable(),
    }),
  ),
});

const lines = (file: string) => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });

describe('replay of the demo stream', () => {
  it('opens a case against the seed seller with the look-up of the seed buyer’s order among its evidence', async () => {
    const { report, deps } = await replayWithState(lines(demo));
    const seed = DEMO_CAST.seed;
    const seller = report.sellers.find((s) => s.sellerId === seed.sellerId);
    expect(seller?.caseIds).toHaveLength(1);
    const item = await deps.cases.getCase(seller?.caseIds[0] ?? '');
    const rules = new Set(item?.signals.map((signal) => signal.rule));
    expect(rules).toContain('targeted-lookup');
    const lookup = item?.signals.find((signal) => signal.explanation.includes(seed.lookupDownloadId));
    expect(lookup?.explanation).toContain(seed.orderId);
    const reviewEvents = await deps.store.reviewHistory(seed.sellerId, seed.reviewId);
    expect(lookup?.evidenceIds).toContain(reviewEvents[0]?.eventId);
  });

  it('leaves every honest seller of the demo without a case', async () => {
    const { report } = await replayWithState(lines(demo));
    const withCases = new Set(report.sellers.map((s) => s.sellerId));
    for (const honest of DEMO_CAST.honestSellerIds) expect(withCases).not.toContain(honest);
    for (const violator of DEMO_CAST.violatorSellerIds) expect(withCases).toContain(violator);
  });

  it('counts duplicate deliveries once and accepts every valid line', async () => {
    const { report } = await replayWithState(lines(demo));
    const ids = readFileSync(demo, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => z.object({ id: z.string() }).parse(JSON.parse(line)).id);
    expect(report.events).toEqual({ accepted: new Set(ids).size, duplicates: ids.length - new Set(ids).size, rejected: 0 });
  });
});

describe('offside replay --json', () => {
  it('prints the contract’s JSON, reports rejected lines with their numbers on stderr, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-replay-'));
    const file = join(dir, 'events.jsonl');
    const good = readFileSync(demo, 'utf8').split('\n').slice(0, 40);
    writeFileSync(file, [...good.slice(0, 10), '{not json', ...good.slice(10), good[0], '{"specversion":"1.0"}'].join('\n') + '\n');
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/offside.js'), 'replay', file, '--json'], { cwd: root });
    const report = ReplayJson.parse(JSON.parse(stdout));
    expect(report.events).toEqual({ accepted: 40, duplicates: 1, rejected: 2 });
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^line 11: \(root\): not valid JSON/),
      expect.stringMatching(/^line 43: /),
    ]);
  });

  it('lists a seller whose only case is for review (one off-platform message) with highestRung null, and no action', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-replay-review-'));
    const file = join(dir, 'events.jsonl');
    const message = {
      specversion: '1.0',
      id: 'evt-ms-REVIEW-1',
      source: 'marketplace/messaging',
      type: 'message.sent',
      time: '2026-03-01T10:00:00Z',
      subject: 'S-REVIEW-1',
      datacontenttype: 'application/json',
      data: { messageId: 'M-REVIEW-1', threadId: 'T-REVIEW-1', sellerId: 'S-REVIEW-1', buyerId: 'B-REVIEW-1', sender: 'seller', body: 'Write to refunds.desk@proton.me for your gift.' },
    };
    writeFileSync(file, `${JSON.stringify(message)}\n`);
    const { stdout } = await run(process.execPath, [join(root, 'bin/offside.js'), 'replay', file, '--json', '--approvals', 'approve-all'], { cwd: root });
    const report = ReplayJson.parse(JSON.parse(stdout));
    expect(report.sellers).toEqual([{ sellerId: 'S-REVIEW-1', highestRung: null, caseIds: [expect.stringMatching(/^case_/u)], firstActionAt: null }]);
  });

  it('refuses an unknown approvals mode with exit 2', async () => {
    const failure = await run(process.execPath, [join(root, 'bin/offside.js'), 'replay', demo, '--approvals', 'maybe'], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/--approvals must be one of none, approve-all, deny-all/);
  });
});

describe('replay with the enforcement ladder', () => {
  it('applies no suspension without approvals, and carries a case up the ladder when every approval is granted', async () => {
    const seed = DEMO_CAST.seed.sellerId;
    const waiting = await replayWithState(lines(demo), { approvals: 'none' });
    const granted = await replayWithState(lines(demo), { approvals: 'approve-all' });
    const rungOf = (report: typeof waiting.report, sellerId: string) => report.sellers.find((s) => s.sellerId === sellerId)?.highestRung;
    for (const seller of waiting.report.sellers) expect(['warn', 'coach', null]).toContain(seller.highestRung);
    expect(rungOf(waiting.report, seed)).not.toBeNull();
    expect(['suspend', 'legal-hold']).toContain(rungOf(granted.report, seed));
  }, 60_000);
});
