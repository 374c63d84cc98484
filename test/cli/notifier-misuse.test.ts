/**
 * Art. 23 DSA on a simulated marketplace: `offside simulate --serial-complainers` adds buyers who
 * keep filing false complaints about shops that did nothing, from their own random stream (the
 * events are the same bytes with or without them); a replay that closes the complaints no case
 * took up (`--close-notices`) finds theirs unfounded, warns them, then restricts them: their later
 * complaints move no case, and both decisions are in the audit.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulate } from '../../tools/cli/commands/simulate';
import { readComplaintsFile } from '../../shared/composition/replay/complaints-file';
import { replayWithState } from '../../tools/cli/replay';

const quiet = { stderr: new Writable({ write: (_chunk, _encoding, callback: () => void) => callback() }) };
const dir = mkdtempSync(join(tmpdir(), 'offside-misuse-'));
const simulation = (name: string, ...extra: string[]) => runSimulate(['--sellers', '60', '--days', '90', '--seed', '7', '--out', join(dir, name), ...extra], quiet);

let replayed: Awaited<ReturnType<typeof replayWithState>>;

beforeAll(async () => {
  expect(await simulation('plain')).toBe(0);
  expect(await simulation('serial', '--serial-complainers', '2')).toBe(0);
  const { complaints } = await readComplaintsFile(join(dir, 'serial', 'complaints.jsonl'));
  const lines = createInterface({ input: createReadStream(join(dir, 'serial', 'events.jsonl'), { encoding: 'utf8' }), crlfDelay: Infinity });
  replayed = await replayWithState(lines, { approvals: 'approve-all', complaints, closeNotices: true });
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serialBuyers = () => [...new Set(readFileSync(join(dir, 'serial', 'complaints.jsonl'), 'utf8').match(/B-SERIAL-\d+/g) ?? [])];

describe('serial false complainers in the simulator (Art. 23)', () => {
  it('leave the events byte-identical and every other complaint as it was', () => {
    expect(readFileSync(join(dir, 'serial', 'events.jsonl'))).toEqual(readFileSync(join(dir, 'plain', 'events.jsonl')));
    const others = readFileSync(join(dir, 'serial', 'complaints.jsonl'), 'utf8').split('\n').filter((line) => line !== '' && !line.includes('B-SERIAL-'));
    expect(others.join('\n')).toBe(readFileSync(join(dir, 'plain', 'complaints.jsonl'), 'utf8').trimEnd());
    expect(serialBuyers()).toHaveLength(2);
  }, 120_000);

  it('are warned, then restricted; their later complaints move no case, and both decisions are in the audit', async () => {
    const { deps } = replayed;
    const cases = await deps.cases.listCases();
    const evidence = new Set(cases.flatMap((item) => item.signals.flatMap((signal) => signal.evidenceIds)));
    let restrictedOnes = 0;
    for (const buyerId of serialBuyers()) {
      const standing = await deps.notifiers.standing(buyerId);
      expect(standing.warnedAt, `${buyerId} warned`).toBeDefined();
      if (!standing.restriction) continue;
      restrictedOnes++;
      expect((standing.warnedAt ?? '') < standing.restriction.from, 'warned before restricted').toBe(true);
      const notices = (await deps.notifiers.noticesReceived('', '9999')).filter((notice) => notice.buyerId === buyerId);
      const later = notices.filter((notice) => notice.receivedAt >= (standing.restriction?.from ?? '') && notice.receivedAt < (standing.restriction?.until ?? ''));
      expect(later.length, `${buyerId} complained while restricted`).toBeGreaterThan(0);
      for (const notice of later) {
        expect(notice.counted).toBe(false);
        expect(evidence.has(notice.reference), `${notice.reference} moved a case`).toBe(false);
      }
      const decidedOn = standing.sanctionCase?.caseId ?? '';
      const audit = (await deps.audit.byCase(decidedOn, { limit: 500 })).entries;
      expect(audit.filter((entry) => entry.reason?.includes(buyerId)).map((entry) => entry.action)).toContain('notifier-restricted');
      const warnings = [];
      for (const notice of notices) warnings.push(...(await deps.audit.byCase(`notice-${notice.reference}`, { limit: 500 })).entries.filter((entry) => entry.action === 'notifier-warned'));
      for (const item of cases) warnings.push(...(await deps.audit.byCase(item.caseId, { limit: 500 })).entries.filter((entry) => entry.action === 'notifier-warned' && entry.reason?.includes(buyerId)));
      expect(warnings.length, `${buyerId}'s warning in the audit`).toBe(1);
    }
    expect(restrictedOnes).toBeGreaterThan(0);
    // The buyers were told: warned, then restricted, through the buyer relay.
    const told = deps.notifier.delivered.filter((notice) => serialBuyers().some((buyerId) => notice.to.startsWith(`${buyerId}@`))).map((notice) => notice.subject);
    expect(told).toContain('About your reports to us');
    expect(told).toContain('Your reports will not be acted on for a period');
  }, 120_000);
});
