import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

async function validate(lines: readonly string[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'offside-validate-')), 'events.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/offside.js'), 'validate', file], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const fixture = (name: string) =>
  JSON.stringify(JSON.parse(readFileSync(join(root, 'events/v1/fixtures/valid', name), 'utf8')));

describe('offside validate', () => {
  it('exits 0 and counts every line when all are valid', async () => {
    const result = await validate([fixture('review-posted.json'), fixture('message-sent.json'), fixture('report-downloaded.json')]);
    expect(result).toEqual({ code: 0, stdout: 'valid: 3, invalid: 0\n', stderr: '' });
  });

  it('prints one line per invalid event with its line number, field path and reason, and exits 1', async () => {
    const badRating = fixture('review-posted.json').replace('"rating":1', '"rating":9');
    const result = await validate([fixture('review-posted.json'), 'not json', badRating, fixture('review-removed.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('valid: 2, invalid: 2\n');
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 2: \(root\): not valid JSON/);
    expect(errors[1]).toBe('line 3: data.rating: must be an integer from 1 to 5');
  });

  it('skips blank lines without shifting line numbers', async () => {
    const result = await validate([fixture('review-posted.json'), '', '{"specversion":"1.0"}']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('valid: 1, invalid: 1\n');
    expect(result.stderr).toMatch(/^line 3: /);
  });

  it('exits 2 with a message when the file cannot be read', async () => {
    const { code, stderr } = await (async () => {
      try {
        await run(process.execPath, [join(root, 'bin/offside.js'), 'validate', '/nonexistent/events.jsonl'], { cwd: root });
        return { code: 0, stderr: '' };
      } catch (error) {
        return error as { code: number; stderr: string };
      }
    })();
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/events.jsonl');
  });
});
