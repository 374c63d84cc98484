/**
 * What every `offside` subcommand shares, on commander: where it writes, how it answers `--help`
 * (its usage on stdout, exit 0) and bad arguments (the reason and its usage on stderr, exit 2),
 * and how its action's exit code comes back to bin/offside.js.
 */
import { Command, CommanderError, InvalidArgumentError } from '@commander-js/extra-typings';
import type { ParseOptions } from '@commander-js/extra-typings';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const PROCESS_IO: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** The exit code of a command line that could not be understood. */
export const USAGE_ERROR = 2;

/** Thrown by an action that ends with an exit code other than 0; `run` answers with the code. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/**
 * Applies the house settings to a command: output to `io`, errors as `offside <command>: <reason>`
 * followed by the usage, lower-case help titles (`usage:`, `options:`), and no process.exit:
 * `run` turns the outcome into an exit code. Commands are configured one by one: commander does
 * not pass these settings on to a command added with addCommand.
 */
export function configure<C extends Command>(command: C, io: CliIo): C {
  command
    .exitOverride()
    .showHelpAfterError()
    .configureHelp({ styleTitle: (title) => title.toLowerCase() })
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(`${[command.parent?.name(), command.name()].filter(Boolean).join(' ')}: ${text.replace(/^error: /u, '')}`),
    });
  return command;
}

/** An action that returns its exit code (0 on success). */
export function exitCode<A extends unknown[]>(action: (...args: A) => Promise<number> | number): (...args: A) => Promise<void> {
  return async (...args) => {
    const code = await action(...args);
    if (code !== 0) throw new Exit(code);
  };
}

/** A command of any arguments and options, as far as running it goes. */
interface Parseable {
  parseAsync(argv: readonly string[], options: ParseOptions): Promise<unknown>;
}

/** Parses `argv` (the words after `offside`) and runs the chosen command's action: the exit code. */
export async function run(program: Parseable, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof Exit) return error.code;
    // Help asked for (commander's exit code 0), or a command line it could not understand (its 1).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_ERROR;
    throw error;
  }
}

/** Runs one subcommand on the words after its name, as `offside <name> ARGV...` would. */
export function runSubcommand(command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  return run(configure(new Command('offside'), io).addCommand(command), [command.name(), ...argv]);
}

/** An option's value as an integer from `min` to `max`, or a usage error naming the option. */
export function integerOption(name: string, min: number, max: number): (text: string) => number {
  return (text) => {
    if (!/^-?\d+$/u.test(text.trim())) throw new InvalidArgumentError(`--${name} must be an integer, got "${text}"`);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : min === 1 ? 'a positive integer' : `at least ${min}`;
      throw new InvalidArgumentError(`--${name} must be ${range}, got ${text}`);
    }
    return n;
  };
}

/** An option's value as one of `choices`, or a usage error listing them. */
export function choiceOption<T extends string>(name: string, choices: readonly T[]): (text: string) => T {
  return (text) => {
    const chosen = choices.find((choice) => choice === text);
    if (chosen === undefined) throw new InvalidArgumentError(`--${name} must be one of ${choices.join(', ')}, not ${text}`);
    return chosen;
  };
}

/** What went wrong, for a one-line message. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
