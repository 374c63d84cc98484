/**
 * Where a running `npm start` can be found: it writes its addresses to `.offside/local-platform.json`
 * once everything listens and removes the file when it stops, so that the command line
 * (`offside redrive --queue offside-reviews`) reaches the local platform without flags. The file
 * names a process id; a file whose process has gone (the platform was killed) is ignored.
 * `OFFSIDE_LOCAL_PLATFORM_FILE` moves it (tests, two checkouts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '../..');
export const LOCAL_PLATFORM_FILE_ENV = 'OFFSIDE_LOCAL_PLATFORM_FILE';

export const LocalPlatformAddress = z.object({
  pid: z.number().int(),
  consoleUrl: z.string(),
  dynamodb: z.string(),
  sqs: z.string(),
  ses: z.string(),
  region: z.string(),
  credentials: z.object({ accessKeyId: z.string(), secretAccessKey: z.string() }),
});
export type LocalPlatformAddress = z.infer<typeof LocalPlatformAddress>;

export function localPlatformFile(env: NodeJS.ProcessEnv = process.env): string {
  return env[LOCAL_PLATFORM_FILE_ENV] ?? join(ROOT, '.offside', 'local-platform.json');
}

export function writePlatformAddress(address: LocalPlatformAddress, env: NodeJS.ProcessEnv = process.env): void {
  const file = localPlatformFile(env);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(address, null, 2)}\n`);
}

/** Removes the file if it is this process's. */
export function removePlatformAddress(env: NodeJS.ProcessEnv = process.env): void {
  const file = localPlatformFile(env);
  if (readPlatformAddress(env)?.pid === process.pid) rmSync(file, { force: true });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
};

/** The running local platform's addresses, or undefined when none is running. */
export function readPlatformAddress(env: NodeJS.ProcessEnv = process.env): LocalPlatformAddress | undefined {
  const file = localPlatformFile(env);
  if (!existsSync(file)) return undefined;
  try {
    const address = LocalPlatformAddress.parse(JSON.parse(readFileSync(file, 'utf8')));
    return alive(address.pid) ? address : undefined;
  } catch {
    return undefined;
  }
}
