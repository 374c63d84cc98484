/** `offside rules show [--version N] [--json]` and `offside rules validate FILE` (CONTRACTS.md section 7). */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { PROCESS_IO, configure, errorText, exitCode, integerOption, runSubcommand } from '../command';

export function rulesCommand(io: CliIo) {
  const show = configure(new Command('show'), io)
    .description('print a detection configuration: the live one, or version N')
    .option('--version <N>', 'the version to print (default: the live one)', integerOption('version', 1, Number.MAX_SAFE_INTEGER))
    .option('--json', 'print it as one JSON object (the shape `rules validate` checks)')
    .addHelpText(
      'after',
      '\nWith a running `npm start`, its rules store is read; otherwise the version shipped with the product (1).\nExit 0 after printing, 1 when version N does not exist, 2 when the rules store cannot be read.',
    )
    .action(
      exitCode(async (options) => {
        const { runRulesShow } = await import('../rules');
        try {
          return await runRulesShow(options, io);
        } catch (error) {
          io.stderr.write(`offside rules show: ${errorText(error)}\n`);
          return 2;
        }
      }),
    );
  const validate = configure(new Command('validate'), io)
    .description('check a detection configuration file (JSON) against the rules schema')
    .argument('<FILE>', 'a detection configuration, as `rules show --json` prints one')
    .addHelpText('after', '\nOne line per problem on stderr (<field path>: <reason>).\nExit 0 when the configuration is valid, 1 when it is not, 2 when FILE cannot be read.')
    .action(
      exitCode(async (file) => {
        const { runRulesValidate } = await import('../rules');
        try {
          return await runRulesValidate(file, io);
        } catch (error) {
          io.stderr.write(`offside rules validate: ${errorText(error)}\n`);
          return 2;
        }
      }),
    );
  return configure(new Command('rules'), io).description("detection's rules: print a configuration, check one").addCommand(show).addCommand(validate);
}

/** `offside rules ARGV...`, for callers that hold the words (tests). */
export function runRules(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const all = { ...PROCESS_IO, ...io };
  return runSubcommand(rulesCommand(all), argv, all);
}
