#!/usr/bin/env node
// Installs DynamoDB Local (AWS's own emulator) for the local platform and the integration tests.
// The jar ships inside the npm package amplify-dynamodb-simulator, whose dependency tree is ~350 MB;
// we only need its emulator/ folder, so we `npm pack` the pinned version from the registry, check its
// integrity against the pinned hash, and unpack that one folder into .local/dynamodb-local/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.local', 'dynamodb-local');
const marker = join(target, 'installed-from');

if (existsSync(join(target, 'DynamoDBLocal.jar')) && existsSync(marker) && readFileSync(marker, 'utf8') === PACKAGE) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'offside-ddb-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', PACKAGE, '--pack-destination', work, '--json', '--silent'], {
    cwd: work,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(out);
  const tarball = join(work, packed.filename);
  const digest = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
  if (digest !== INTEGRITY) {
    throw new Error(`${PACKAGE}: integrity mismatch (expected ${INTEGRITY}, got ${digest})`);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=2', 'package/emulator'], {
    stdio: 'inherit',
  });
  writeFileSync(marker, PACKAGE);
  console.log(`DynamoDB Local installed in ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
