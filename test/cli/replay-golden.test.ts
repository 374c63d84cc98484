/**
 * `offside replay` decides exactly as it did when these outputs were recorded (see
 * test/fixtures/replay-golden/README.md): the demo and a 500-seller simulation of the first
 * simulator (`--preset v1`, the default when they were recorded), in every approval mode, byte for
 * byte.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const golden = join(root, 'test/fixtures/replay-golden');
const offside = (...args: string[]) =>
  run(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
const MODES = ['none', 'approve-all', 'deny-all'] as const;

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'offside-golden-'));
  await offside('simulate', '--preset', 'v1', '--sellers', '500', '--days', '120', '--seed', '1', '--out', join(dir, 'sim'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('offside replay prints what was recorded', () => {
  it.each(MODES)('the demo, --approvals %s', async (mode) => {
    const { stdout } = await offside('replay', join(root, 'events/demo/marketplace.jsonl'), '--json', '--approvals', mode);
    expect(stdout).toBe(readFileSync(join(golden, `demo-${mode}.json`), 'utf8'));
  });

  it('a 500-seller simulation (seed 1), in all three approval modes', async () => {
    const outputs = await Promise.all(
      MODES.map(async (mode) => (await offside('replay', join(dir, 'sim/events.jsonl'), '--json', '--approvals', mode)).stdout),
    );
    MODES.forEach((mode, i) => expect(outputs[i], mode).toBe(readFileSync(join(golden, `sim-${mode}.json`), 'utf8')));
  }, 600_000); // three replays of 500 sellers at once: ~90 s on an idle 2-core machine, several times that under load
});
