/**
 * Calling the console API of a local platform from a test: development tokens from `offside
 * token` (the CLI a person would use), JSON requests, and waiting for the ladder to get somewhere.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { z } from 'zod';

const root = join(import.meta.dirname, '../..');

export async function cliToken(role: 'analyst' | 'legal' | 'admin' | 'service', user: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'token', '--role', role, '--user', user], { cwd: root });
  return stdout.trim();
}

export function consoleClient(base: string) {
  async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), 'content-type': 'application/json' },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : {} };
  }
  return {
    call,
    /** GET a route and parse its answer with the schema the route declares; fails on any status but 200. */
    async read<T extends z.ZodType>(schema: T, path: string, token: string): Promise<z.infer<T>> {
      const answer = await call('GET', path, { token });
      if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.text}`);
      return schema.parse(answer.body);
    },
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMillis = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
