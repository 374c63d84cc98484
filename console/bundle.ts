/**
 * The console's production bundle (console/dist), built when missing or stale. `npm start`, the
 * tests, the benchmark and the CDK app (which uploads it to S3) all ask for it here, so nothing
 * built is committed and nobody runs a stale one. Stale means: any file the bundle is built from
 * (console/, the product's shared/ and events/ modules, the lockfile) differs from the last build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const CONSOLE_DIST = join(import.meta.dirname, 'dist');
const STAMP = join(CONSOLE_DIST, '.inputs-sha256');
const INPUTS = ['console', 'shared', 'events/v1', 'package-lock.json'];
const SKIPPED = new Set(['dist', 'node_modules']);

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : files(full);
    return entry.isFile() ? [full] : [];
  });
}

/** A digest of every input of the bundle: names and contents. */
export function bundleInputsDigest(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const path = join(ROOT, input);
    const list = input.endsWith('.json') ? [path] : files(path);
    for (const file of list.sort()) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export interface BundleResult {
  readonly dir: string;
  readonly built: boolean;
  readonly millis: number;
}

/** Builds console/dist unless it is up to date; throws with Vite's output when the build fails. */
export function ensureConsoleBundle(say: (line: string) => void = () => undefined): BundleResult {
  const started = Date.now();
  const digest = bundleInputsDigest();
  if (existsSync(join(CONSOLE_DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === digest) {
    return { dir: CONSOLE_DIST, built: false, millis: Date.now() - started };
  }
  say('console: building the web console (vite build)');
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', join(import.meta.dirname, 'vite.config.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    // Vite honours an inherited NODE_ENV (vitest sets `test`), which would build React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`the console's vite build failed (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`);
  writeFileSync(STAMP, digest);
  return { dir: CONSOLE_DIST, built: true, millis: Date.now() - started };
}
