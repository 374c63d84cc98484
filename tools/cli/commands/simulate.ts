/** `offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--out DIR]`. */
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { DEFAULT_OPTIONS } from '../../sim/options';
import type { CliIo } from '../command';
import { PROCESS_IO, configure, exitCode, integerOption, runSubcommand } from '../command';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;

function rfc3339(text: string): string {
  if (!RFC3339.test(text) || Number.isNaN(Date.parse(text))) {
    throw new InvalidArgumentError(`--start must be an RFC 3339 timestamp such as 2026-01-05T00:00:00Z, got "${text}"`);
  }
  return text;
}

function folder(text: string): string {
  if (text.trim() === '') throw new InvalidArgumentError('--out must not be empty');
  return text;
}

export function simulateCommand(io: CliIo) {
  return configure(new Command('simulate'), io)
    .description('write a seeded marketplace simulation: DIR/events.jsonl (v1 CloudEvents) and DIR/truth.json (who is who)')
    .option('--sellers <N>', 'sellers', integerOption('sellers', 1, 100_000), DEFAULT_OPTIONS.sellers)
    .option('--days <D>', 'days simulated', integerOption('days', 1, 3650), DEFAULT_OPTIONS.days)
    .option('--seed <S>', 'random seed: the same options write the same bytes', integerOption('seed', 0, 4_294_967_295), DEFAULT_OPTIONS.seed)
    .option('--start <RFC3339>', 'when the simulation starts', rfc3339, DEFAULT_OPTIONS.start)
    .option('--out <DIR>', 'where to write', folder, './simulation')
    .addHelpText('after', '\nA one-line summary goes to stderr; stdout stays empty. Exit 0, 1 if the files cannot be written.')
    .action(
      exitCode(async (options) => {
        const { simulateToFolder } = await import('../simulate');
        return simulateToFolder(options, io);
      }),
    );
}

/** `offside simulate ARGV...`, for callers that hold the words (tests). */
export function runSimulate(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const all = { ...PROCESS_IO, ...io };
  return runSubcommand(simulateCommand(all), argv, all);
}
