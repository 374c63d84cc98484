import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runClassify } from '../../tools/cli/classify';
import { runClassifyCommand } from '../../tools/cli/commands/classify';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function inProcess(input: string): Promise<{ code: number; lines: unknown[] }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const code = await runClassify(Readable.from([input]), output);
  output.end();
  const text = Buffer.concat(chunks).toString('utf8');
  return { code, lines: text.split('\n').filter((l) => l !== '').map((l): unknown => JSON.parse(l)) };
}

function cli(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/offside.js', 'classify'], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const line = (o: object) => `${JSON.stringify(o)}\n`;

describe('runClassify', () => {
  it('writes one result per input line, in input order, and returns 0', async () => {
    const input =
      line({ id: 'm1', text: 'Hello, sorry about the delay. Could you please kindly remove the review?' }) +
      line({ id: 'm2', text: 'Your parcel arrives tomorrow.', lang: 'en' }) +
      line({ id: 'm3', text: 'Écrivez-moi sur WhatsApp', lang: 'fr' });
    const { code, lines } = await inProcess(input);
    expect(code).toBe(0);
    expect(lines).toEqual([
      {
        id: 'm1',
        labels: ['review_manipulation'],
        evidence: [{ label: 'review_manipulation', match: 'remove the review', start: 54, end: 71 }],
      },
      { id: 'm2', labels: [], evidence: [] },
      { id: 'm3', labels: ['off_platform_contact'], evidence: expect.any(Array) as unknown },
    ]);
  });

  it('reports a line that is not JSON in its place, goes on, and returns 1', async () => {
    const input = line({ id: 'a', text: 'ok' }) + '{not json\n' + line({ id: 'c', text: 'ok too' });
    const { code, lines } = await inProcess(input);
    expect(code).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ id: 'a', labels: [], evidence: [] });
    expect(lines[1]).toEqual({ line: 2, error: expect.stringMatching(/^not valid JSON \(.+\)$/) as unknown });
    expect(lines[2]).toEqual({ id: 'c', labels: [], evidence: [] });
  });

  it('names a missing or mistyped field', async () => {
    const { code, lines } = await inProcess(line({ text: 'no id' }) + line({ id: 7, text: 'x' }) + line({ id: 'z' }));
    expect(code).toBe(1);
    expect(lines).toEqual([
      { line: 1, error: 'id: required' },
      { line: 2, error: expect.stringMatching(/^id: .*string/) as unknown },
      { line: 3, error: 'text: required' },
    ]);
  });

  it('returns 0 for empty input', async () => {
    expect(await inProcess('')).toEqual({ code: 0, lines: [] });
  });
});

describe('offside classify (command line)', () => {
  it('classifies JSON Lines from stdin and exits 0', async () => {
    const { code, stdout } = await cli(
      line({ id: 'm1', text: 'Could you please remove the review?' }) + line({ id: 'm2', text: 'Thanks, all good.' }),
    );
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((l): unknown => JSON.parse(l))).toEqual([
      {
        id: 'm1',
        labels: ['review_manipulation'],
        evidence: [{ label: 'review_manipulation', match: 'remove the review', start: 17, end: 34 }],
      },
      { id: 'm2', labels: [], evidence: [] },
    ]);
  });

  it('exits 1 and reports {"line":N,"error":...} for a bad line, keeping the others', async () => {
    const { code, stdout } = await cli(line({ id: 'a', text: 'hi' }) + 'nope\n' + line({ id: 'c', text: 'call me on 07911 123456' }));
    expect(code).toBe(1);
    const out = stdout.trim().split('\n').map((l): unknown => JSON.parse(l));
    expect(out).toEqual([
      { id: 'a', labels: [], evidence: [] },
      { line: 2, error: expect.stringContaining('not valid JSON') as unknown },
      { id: 'c', labels: ['off_platform_contact'], evidence: expect.any(Array) as unknown },
    ]);
  });
});

async function command(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runClassifyCommand(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('offside classify --explain', () => {
  it('adds why each label fired: its source, the parts of the intent and that nothing cancels it', async () => {
    const { code, stdout } = await command(['--explain'], line({ id: 'x', text: 'Once solved, feel free to update what you wrote.', lang: 'en' }));
    expect(code).toBe(0);
    const result = z.object({ labels: z.array(z.string()), explanation: z.object({ fired: z.array(z.record(z.string(), z.unknown())) }) }).parse(JSON.parse(stdout));
    expect(result.labels).toEqual(['review_manipulation']);
    expect(result.explanation.fired[0]).toMatchObject({
      source: 'intent',
      reason: 'ask to change a review',
      negation: 'none found',
      parts: [
        { role: 'ask', text: 'free to' },
        { role: 'target', text: 'update' },
        { role: 'object', text: 'what you wrote' },
      ],
    });
  });

  it('shows what matched but did not count, with the reason', async () => {
    const { stdout } = await command(['--explain'], line({ id: 'x', text: 'We are not allowed to ask you to change your review.', lang: 'en' }));
    const result = z.object({ labels: z.array(z.string()), explanation: z.object({ notCounted: z.array(z.object({ veto: z.string() })) }) }).parse(JSON.parse(stdout));
    expect(result.labels).toEqual([]);
    expect(result.explanation.notCounted.map((n) => n.veto)).toContain('negated');
  });

  it('names the channel kind of a contact handle', async () => {
    const { stdout } = await command(['--explain'], line({ id: 'x', text: 'mail me: jane.doe@gmail.com' }));
    expect(JSON.stringify(JSON.parse(stdout))).toContain('"channelKind":"email"');
  });

  it('keeps the contract shape without --explain', async () => {
    const { stdout } = await command([], line({ id: 'x', text: 'mail me: jane.doe@gmail.com' }));
    expect(Object.keys(z.record(z.string(), z.unknown()).parse(JSON.parse(stdout)))).toEqual(['id', 'labels', 'evidence']);
  });

  it('prints its usage with --help and refuses an unknown option', async () => {
    expect(await command(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--explain') as unknown });
    expect(await command(['--fast'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--fast'") as unknown });
  });
});
