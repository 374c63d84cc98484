import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyDevelopmentToken } from '../../tools/local/development-token';

const root = join(import.meta.dirname, '../..');
const offside = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('offside token', () => {
  it('prints a token the local console accepts, for the role and user asked', async () => {
    const { code, stdout } = await offside('token', '--role', 'legal', '--user', 'lee');
    expect(code).toBe(0);
    expect(await verifyDevelopmentToken(`Bearer ${stdout.trim()}`)).toEqual({ id: 'lee', roles: ['legal'] });
  });

  it('refuses an unknown role with exit 2 and says which roles there are', async () => {
    const { code, stderr } = await offside('token', '--role', 'root');
    expect(code).toBe(2);
    expect(stderr).toContain('--role must be one of analyst, legal, admin, service, not root');
  });
});
