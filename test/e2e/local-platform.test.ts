/**
 * `npm start` as a newcomer runs it: the real command in a child process, on free ports, in memory.
 * It must come up, ingest the demo into DynamoDB Local, put the malformed demo lines in the
 * dead-letter queue with their reasons, and stop everything on Ctrl-C.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAST } from '../../events/demo/cast';
import { DynamoEvidenceStore } from '../../shared/adapters/dynamodb/evidence-store';
import { EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../../tools/local/emulators';
import { freePort } from '../support/free-port';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';

const root = join(import.meta.dirname, '../..');
let child: ChildProcess;
let output = '';
let port = 0;
const scratch = mkdtempSync(join(tmpdir(), 'offside-start-'));
/** Where this platform says it runs (not the checkout's own file: a developer's npm start may be using it). */
const addressFile = join(scratch, 'local-platform.json');
const env = { ...process.env, OFFSIDE_LOCAL_PLATFORM_FILE: addressFile };

function waitForOutput(pattern: RegExp, timeoutMillis: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearInterval(timer);
        clearTimeout(timeout);
        resolve(match);
      }
    };
    const timer = setInterval(check, 100);
    const timeout = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no ${String(pattern)} within ${timeoutMillis} ms; output so far:\n${output}`));
    }, timeoutMillis);
    check();
  });
}

beforeAll(async () => {
  port = await freePort();
  child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'local', '--in-memory'], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForOutput(/offside local: ready/, 90_000);
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGKILL');
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm start (offside local)', () => {
  it('answers /health without a token and serves an OpenAPI 3.1 document', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const openapi = (await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()) as { openapi?: string };
    expect(openapi.openapi).toMatch(/^3\.1\./);
  });

  it('ingests the demo into DynamoDB Local, including the seed buyer’s review', async () => {
    await waitForOutput(/offside local: demo ingested/, 120_000);
    const [, endpoint] = output.match(/DynamoDB Local\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    expect(endpoint).toBeDefined();
    const client = new DynamoDBClient({ endpoint, region: EMULATOR_REGION, credentials: { ...EMULATOR_CREDENTIALS } });
    try {
      const store = new DynamoEvidenceStore(client, { tableName: EVIDENCE_TABLE.name });
      const seed = DEMO_CAST.seed;
      const history = await store.reviewHistory(seed.sellerId, seed.reviewId);
      expect(history[0]).toMatchObject({ action: 'posted', rating: 1, buyerId: seed.buyerId, orderId: seed.orderId });
      const covering = await store.reportsCoveringOrder(seed.sellerId, seed.orderId, { from: history[0]?.time });
      expect(covering.some((report) => report.containsBuyerPii)).toBe(true);
    } finally {
      client.destroy();
    }
  }, 150_000);

  it('opens cases against the demo’s violators and none against its honest sellers', async () => {
    await waitForOutput(/offside local: running/, 120_000);
    for (const sellerId of DEMO_CAST.violatorSellerIds) {
      expect(output).toMatch(new RegExp(`case_[0-9a-f]+  seller ${sellerId}  asks for `));
    }
    for (const sellerId of DEMO_CAST.honestSellerIds) expect(output).not.toContain(`seller ${sellerId} `);
  }, 150_000);

  it('warns the seed seller by itself, by e-mail in the local SES', async () => {
    await waitForOutput(/offside local: running/, 120_000);
    const [, ses] = output.match(/SES mail\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    const Store = z.object({ emails: z.array(z.looseObject({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }) })) });
    const deadline = Date.now() + 60_000;
    let subjects: string[] = [];
    while (Date.now() < deadline) {
      const store = Store.parse(await (await fetch(`${ses ?? ''}/store`)).json());
      subjects = store.emails.filter((mail) => mail.destination.to.includes('s-cookwell@sellers.marketplace.example')).map((mail) => mail.subject);
      if (subjects.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(subjects.length).toBeGreaterThan(0);
    expect(output).toMatch(/ladder: case_[0-9a-f]+-warn-\d+ started for seller S-COOKWELL/);
  }, 150_000);

  it('reports the malformed demo lines in the dead-letter queue with their reasons', async () => {
    await waitForOutput(/offside local: running/, 120_000);
    const counts = [...output.matchAll(/offside-[a-z-]+-dlq: (\d+)/g)].map(([, count]) => Number(count));
    expect(counts).toHaveLength(3);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(6);
    expect(output).toMatch(/- data\.rating: must be an integer from 1 to 5/);
    expect(output).toMatch(/- \(root\): not valid JSON/);
  }, 150_000);

  it('lets `offside redrive --queue offside-reviews --dry-run` find it without flags and count what its DLQ holds', async () => {
    await waitForOutput(/offside local: running/, 120_000);
    const [, held] = output.match(/offside-reviews-dlq: (\d+)/) ?? [];
    expect(Number(held)).toBeGreaterThan(0);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'redrive', '--queue', 'offside-reviews', '--dry-run'],
      { cwd: root, env },
    );
    expect(stdout).toContain(`dry run: would move ${held} message(s) from offside-reviews-dlq to offside-reviews`);
    expect(stdout.split('\n').filter((line) => line.includes('\t'))).toHaveLength(Number(held));
  }, 60_000);

  it('stores version 1 of the rules on first start, which `offside rules show --json` reads from it', async () => {
    expect(output).toMatch(/rules\s+version 1 live/u);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'rules', 'show', '--json'],
      { cwd: root, env },
    );
    expect(JSON.parse(stdout)).toEqual(DETECTION_CONFIG);
    const missing = await promisify(execFile)(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'rules', 'show', '--version', '2', '--json'],
      { cwd: root, env },
    ).catch((error: unknown) => error as { code: number; stderr: string });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('no version 2') as unknown });
  }, 60_000);

  it('stops every process it started on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGINT, stopping/);
    expect(existsSync(addressFile)).toBe(false);
    const [, dynamodb] = output.match(/DynamoDB Local\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    const [, sqs] = output.match(/SQS \(fauxqs\)\s+(http:\/\/127\.0\.0\.1:\d+)/) ?? [];
    for (const url of [`http://127.0.0.1:${port}/health`, dynamodb, sqs]) {
      const state = await fetch(url ?? 'http://127.0.0.1:1/').then(
        () => 'still up',
        () => 'down',
      );
      expect({ url, state }).toEqual({ url, state: 'down' });
    }
  }, 30_000);
});
