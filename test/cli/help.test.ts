/**
 * Every `offside` subcommand, the ones added later included (the list comes from the program
 * itself), answers --help with its usage and exit 0, and an unknown option or a missing argument
 * with the reason, its usage and exit 2.
 */
import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { offsideProgram } from '../../tools/cli/main';

const root = join(import.meta.dirname, '../..');
const SUBCOMMANDS = offsideProgram().commands.map((command) => command.name());

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const settle = (running: Promise<{ stdout: string; stderr: string }>): Promise<Outcome> =>
  running.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const offside = (...args: string[]) =>
  settle(promisify(execFile)(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), ...args], { cwd: root }));

describe('offside --help', () => {
  it('knows every subcommand', () => {
    expect(SUBCOMMANDS).toEqual(expect.arrayContaining(['validate', 'classify', 'replay', 'simulate', 'evaluate', 'local', 'redrive', 'token']));
  });

  it('answers through npx with the list of subcommands and exit 0', async () => {
    const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };
    const { code, stdout } = await settle(promisify(execFile)('npx', ['offside', '--help'], { cwd: root, env }));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: offside /u);
    for (const name of SUBCOMMANDS) expect(stdout).toContain(`\n  ${name} `);
  });

  it.each(SUBCOMMANDS)('offside %s --help prints its usage on stdout and exits 0', async (name) => {
    const { code, stdout, stderr } = await offside(name, '--help');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^usage: offside ${name} `, 'u'));
    expect(stdout).toContain('--help');
  });

  it('offside help <subcommand> prints the same usage', async () => {
    expect(await offside('help', 'validate')).toEqual(await offside('validate', '--help'));
  });
});

describe('a command line offside cannot understand', () => {
  /** What a subcommand needs before commander looks at unknown options (it reports a missing required option first). */
  const REQUIRED: Readonly<Record<string, readonly string[]>> = { redrive: ['--queue', 'offside-reviews'], token: ['--role', 'analyst'], backtest: ['--candidate', 'candidate.json'] };

  it.each(SUBCOMMANDS)('offside %s --no-such-option prints the reason and the usage on stderr and exits 2', async (name) => {
    const { code, stdout, stderr } = await offside(name, ...(REQUIRED[name] ?? []), '--no-such-option');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^offside ${name}: unknown option '--no-such-option'\\n`, 'u'));
    expect(stderr).toContain(`usage: offside ${name} `);
  });

  it('a missing argument or required option exits 2 with the usage', async () => {
    const validate = await offside('validate');
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/^offside validate: missing required argument 'FILE\.jsonl'\n/u);
    expect(validate.stderr).toContain('usage: offside validate ');
    const token = await offside('token', '--no-such-option');
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/^offside token: required option '--role <ROLE>' not specified\n/u);
  });

  it('an argument too many exits 2 with the usage', async () => {
    const { code, stderr } = await offside('validate', 'a.jsonl', 'b.jsonl');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^offside validate: too many arguments/u);
  });

  it('a file named --help is never opened: validate --help is help', async () => {
    const { code, stdout } = await offside('validate', '--help');
    expect(code).toBe(0);
    expect(stdout).not.toContain('ENOENT');
  });

  it('an unknown subcommand exits 2 with the list of subcommands', async () => {
    const { code, stderr } = await offside('no-such-command');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^offside: unknown command 'no-such-command'\n/u);
    expect(stderr).toContain('usage: offside ');
  });

  it('no subcommand at all exits 2 with the usage', async () => {
    const { code, stderr } = await offside();
    expect(code).toBe(2);
    expect(stderr).toContain('usage: offside ');
  });
});
