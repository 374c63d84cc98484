/**
 * `offside replay --complaints FILE`: buyer complaints, which reach the system through the console
 * intake rather than the event queues, filed through the console's use case at their `receivedAt`,
 * in time order with the events; without the option the output is the contract's, unchanged.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BuyerComplaintInput } from '../../events/v1/complaint';
import { parseComplaints } from '../../shared/composition/replay/complaints-file';
import { replayWithState } from '../../tools/cli/replay';
import { reportDownloaded, reviewPosted } from '../support/events';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

async function* linesOf(items: readonly object[]): AsyncGenerator<string> {
  for (const item of items) yield JSON.stringify(item);
  await Promise.resolve();
}

const complaint = (overrides: Partial<BuyerComplaintInput> = {}): BuyerComplaintInput => ({
  buyerId: 'B-1',
  sellerId: 'S-C',
  channel: 'email',
  summary: 'The seller e-mailed me about my review.',
  receivedAt: '2026-03-05T10:00:00Z',
  ...overrides,
});

describe('replay with complaints', () => {
  // The buyer's negative review comes on 1 March; a later event moves the clock to 20 March.
  const review = reviewPosted({ sellerId: 'S-C', buyerId: 'B-1', rating: 1 }, '2026-03-01T10:00:00Z');
  const later = reportDownloaded({ sellerId: 'S-OTHER', orderIds: [] }, '2026-03-20T10:00:00Z');

  it('files each complaint at its time, after the events before it: a complaint after the review counts with it, one before it counts for nothing', async () => {
    const complaints = parseComplaints(
      [
        JSON.stringify(complaint({ buyerId: 'B-1', receivedAt: '2026-03-05T10:00:00Z' })),
        JSON.stringify(complaint({ buyerId: 'B-1', receivedAt: '2026-02-20T10:00:00+01:00', summary: 'Before the review.' })),
      ].join('\n'),
    ).complaints;
    expect(complaints.map((c) => c.at)).toEqual(['2026-02-20T09:00:00.000Z', '2026-03-05T10:00:00.000Z']);
    const { report, deps } = await replayWithState(linesOf([review, later]), { complaints });
    expect(report.complaints).toEqual({ filed: 2, rejected: 0 });
    const signals = (await deps.cases.sellerSignals('S-C')).filter((signal) => signal.rule === 'buyer-complaint');
    const byTime = new Map(signals.map((signal) => [signal.time.slice(0, 10), signal]));
    expect(byTime.get('2026-03-05')?.evidenceIds).toContain(
      (await deps.store.reviewHistory('S-C', review.data.reviewId))[0]?.eventId,
    );
    // Before the review the buyer was not one the seller could have harassed (issue 12).
    expect(byTime.get('2026-02-20')).toBeUndefined();
  });

  it('files the complaints received after the last event too', async () => {
    const { report, deps } = await replayWithState(linesOf([review]), { complaints: parseComplaints(JSON.stringify(complaint({ receivedAt: '2026-04-01T10:00:00Z' }))).complaints });
    expect(report.complaints).toEqual({ filed: 1, rejected: 0 });
    expect(await deps.cases.sellerSignals('S-C')).toHaveLength(1);
  });

  it('leaves the report without complaints when none are given', async () => {
    const { report } = await replayWithState(linesOf([review]));
    expect(Object.keys(report)).toEqual(['events', 'sellers']);
  });
});

describe('a complaints file', () => {
  it('keeps the valid lines in the order they were received and gives each invalid one its line and reason', () => {
    const file = parseComplaints(
      [
        JSON.stringify(complaint({ receivedAt: '2026-03-02T00:00:00Z', buyerId: 'B-late' })),
        '',
        '{not json',
        JSON.stringify(complaint({ channel: 'pigeon' as BuyerComplaintInput['channel'] })),
        JSON.stringify(complaint({ receivedAt: '2026-03-01T00:00:00Z', buyerId: 'B-early' })),
      ].join('\n'),
    );
    expect(file.complaints.map((c) => [c.input.buyerId, c.line])).toEqual([
      ['B-early', 5],
      ['B-late', 1],
    ]);
    expect(file.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(file.rejected[0]?.reason).toMatch(/^not valid JSON/);
    expect(file.rejected[1]?.reason).toMatch(/^channel: must be one of email/);
  });
});

describe('offside replay --complaints --json', () => {
  it('adds what was filed to the output and reports unreadable complaints on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-complaints-'));
    const events = join(dir, 'events.jsonl');
    const complaints = join(dir, 'complaints.jsonl');
    writeFileSync(events, `${JSON.stringify(aReview())}\n`);
    writeFileSync(complaints, `${JSON.stringify(complaint())}\n{"buyerId":"B-2"}\n`);
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/offside.js'), 'replay', events, '--json', '--complaints', complaints], { cwd: root });
    const report = z.object({ events: z.object({ accepted: z.literal(1) }), complaints: z.strictObject({ filed: z.number(), rejected: z.number() }) }).parse(JSON.parse(stdout));
    expect(report.complaints).toEqual({ filed: 1, rejected: 1 });
    expect(stderr).toMatch(/^complaints line 2: sellerId: /m);
  });
});

function aReview() {
  return reviewPosted({ sellerId: 'S-C' }, '2026-03-01T10:00:00Z');
}
