/**
 * `npx cdk synth` itself, as the deploy guide runs it: the CLI, offline, with cdk-nag's checks,
 * which fail the synth on any unacknowledged finding.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

describe('npx cdk synth', () => {
  it('synthesizes both stacks offline with cdk-nag clean', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offside-cdk-'));
    const { stderr } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/aws-cdk/bin/cdk'), 'synth', '--quiet', '--no-notices', '-o', out], {
      cwd: root,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stderr).not.toMatch(/AwsSolutions-[A-Z0-9]+/u);
    for (const stack of ['Offside-dev-Stateful', 'Offside-dev-Stateless']) expect(existsSync(join(out, `${stack}.template.json`)), stack).toBe(true);
  }, 180_000);
});
