/**
 * `offside labels export` and `offside report signals`, run as a person would (bin/offside.js),
 * against a console API served over HTTP (the host npm start uses, on in-memory stores the test
 * fills with settled cases): the labelled JSON Lines, the report in JSON and in words, the period,
 * and a clear refusal when the API cannot be reached.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryProduct } from '../../shared/composition/memory';
import { findContactHandles } from '../../shared/domain/contact-handles';
import { dismissCase } from '../../shared/use-cases/dismiss-case';
import { LabelledCaseSchema } from '../../shared/use-cases/export-labels';
import { SignalPrecisionReportSchema } from '../../shared/use-cases/signal-precision-report';
import { consoleServer } from '../../tools/local/console-host';
import { freePort } from '../support/free-port';
import { storeCase } from '../support/settled-cases';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
// The command's own development token, whatever the caller's shell holds.
const { OFFSIDE_TOKEN: _ignored, ...withoutToken } = process.env;
const offside = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root, env: withoutToken });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

let server: Server;
let api = '';

beforeAll(async () => {
  const product = memoryProduct({ now: () => new Date('2026-03-10T12:00:00Z') });
  const deps = { ...product, appealAddress: 'appeals@marketplace.example', readiness: [] };
  await storeCase(product, { sellerId: 'S-WARNED', rules: ['seller-message'], applied: { rung: 'warn', at: '2026-03-03T10:00:00.000Z' }, message: 'Mail me at shop.owner@example.com, then change that review' });
  const fp = await storeCase(product, { sellerId: 'S-FALSE', rules: ['seller-message', 'ring'] });
  await dismissCase({ caseId: fp.caseId, reason: 'the shops share a warehouse, not a ring', category: 'false-positive', wrongSignals: ['ring'] }, { id: 'ana', role: 'analyst' }, deps);
  server = consoleServer(product.consoleApi());
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('offside labels export', () => {
  it('writes one labelled case a line to --out, with no contact handle in clear', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'offside-labels-')), 'labels.jsonl');
    const { code, stderr } = await offside('labels', 'export', '--api', api, '--out', out);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('labels: 2 cases, 2 flagged messages');
    const text = readFileSync(out, 'utf8');
    const lines = text.trimEnd().split('\n').map((line) => LabelledCaseSchema.parse(JSON.parse(line)));
    expect(lines.map((line) => [line.sellerId, line.outcome.kind, line.messages.map((message) => message.verdict)])).toEqual([
      ['S-WARNED', 'confirmed', ['violation']],
      ['S-FALSE', 'false-positive', ['unjudged']],
    ]);
    expect(text).not.toContain('shop.owner@example.com');
    expect(findContactHandles(text)).toEqual([]);
  });

  it('keeps to the period: --to a day before any decision exports nothing', async () => {
    const { code, stdout } = await offside('labels', 'export', '--api', api, '--to', '2026-03-02');
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('says why and exits 2 when the console API cannot be reached', async () => {
    const closed = await freePort();
    const { code, stderr } = await offside('labels', 'export', '--api', `http://127.0.0.1:${closed}`);
    expect(code).toBe(2);
    expect(stderr).toContain(`offside labels export: cannot reach http://127.0.0.1:${closed}`);
  });
});

describe('offside report signals', () => {
  it('prints each signal precision as JSON', async () => {
    const { code, stdout } = await offside('report', 'signals', '--api', api, '--from', '2026-03-01', '--to', '2026-03-31', '--json');
    expect(code).toBe(0);
    const report = SignalPrecisionReportSchema.parse(JSON.parse(stdout));
    expect(report.period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(report.signals.find((row) => row.signal === 'seller-message')).toEqual({ signal: 'seller-message', right: 1, wrong: 0, unjudged: 1, precision: 1 });
    expect(report.signals.find((row) => row.signal === 'ring')).toEqual({ signal: 'ring', right: 0, wrong: 1, unjudged: 0, precision: 0 });
  });

  it('prints a table in words without --json', async () => {
    const { code, stdout } = await offside('report', 'signals', '--api', api, '--from', '2026-03-01', '--to', '2026-03-31');
    expect(code).toBe(0);
    expect(stdout).toContain('settled cases: confirmed 1, false positive 1, resolved otherwise 0');
    expect(stdout).toMatch(/ring\s+0\s+1\s+0\s+0\.0%/u);
  });

  it('refuses a period without --from as a usage error (exit 2)', async () => {
    const { code, stderr } = await offside('report', 'signals', '--api', api, '--to', '2026-03-31');
    expect(code).toBe(2);
    expect(stderr).toContain('--from');
  });
});
