/**
 * `offside replay --approvals approve-all --statements OUT.jsonl` on a simulated marketplace
 * (CONTRACTS.md section 6): every statement of reasons written is one the Transparency Database's
 * rules accept (the stand-in's validation, over HTTP, as the submitter would send them), one per
 * suspension, and none for a seller never restricted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEVELOPMENT_TRANSPARENCY_TOKEN, startTransparencyDatabase } from '../../tools/local/transparency-database';
import type { TransparencyDatabaseStandIn } from '../../tools/local/transparency-database';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const offside = (...args: string[]) => run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });

const Report = z.object({ sellers: z.array(z.object({ sellerId: z.string(), highestRung: z.string().nullable(), caseIds: z.array(z.string()) })) });
const Line = z.strictObject({ sellerId: z.string(), statement: z.record(z.string(), z.unknown()).and(z.object({ puid: z.string() })) });

describe('offside replay --statements on a simulated marketplace', () => {
  let standIn: TransparencyDatabaseStandIn;
  let lines: z.infer<typeof Line>[];
  let report: z.infer<typeof Report>;

  beforeAll(async () => {
    standIn = await startTransparencyDatabase();
    const out = mkdtempSync(join(tmpdir(), 'offside-statements-'));
    await offside('simulate', '--sellers', '200', '--days', '90', '--seed', '7', '--out', out);
    const statements = join(out, 'statements.jsonl');
    const { stdout } = await offside('replay', join(out, 'events.jsonl'), '--json', '--approvals', 'approve-all', '--complaints', join(out, 'complaints.jsonl'), '--statements', statements);
    report = Report.parse(JSON.parse(stdout));
    lines = readFileSync(statements, 'utf8').split('\n').filter((line) => line !== '').map((line) => Line.parse(JSON.parse(line)));
  }, 300_000);

  afterAll(() => standIn.close());

  it('writes statements, every one of which the stand-in of the database accepts', async () => {
    expect(lines.length).toBeGreaterThan(0);
    for (let from = 0; from < lines.length; from += 100) {
      const response = await fetch(`${standIn.url}/api/v1/statements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEVELOPMENT_TRANSPARENCY_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ statements: lines.slice(from, from + 100).map((line) => line.statement) }),
      });
      const body: unknown = response.status === 201 ? 'created' : await response.json();
      expect({ status: response.status, body }).toEqual({ status: 201, body: 'created' });
    }
    expect(standIn.accepted).toHaveLength(lines.length);
  });

  it('writes one statement per suspension, and none for a seller never restricted', () => {
    const restricted = report.sellers.filter((seller) => seller.highestRung === 'suspend' || seller.highestRung === 'legal-hold');
    expect(new Set(lines.map((line) => line.sellerId))).toEqual(new Set(restricted.map((seller) => seller.sellerId)));
    const puids = lines.map((line) => line.statement.puid);
    expect(new Set(puids).size).toBe(puids.length);
    for (const seller of restricted) {
      const theirs = lines.filter((line) => line.sellerId === seller.sellerId);
      expect(theirs.length).toBeLessThanOrEqual(seller.caseIds.length);
      expect(theirs.every((line) => seller.caseIds.some((caseId) => line.statement.puid.includes(caseId)))).toBe(true);
    }
  });
});
