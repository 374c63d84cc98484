/** `offside labels export [--from DATE] [--to DATE] [--out FILE] [--api URL] [--token TOKEN]`. */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { PROCESS_IO, configure, exitCode, runSubcommand } from '../command';
import { apiOption, fromOption, toOption, tokenOption } from './console-api-options';

export function labelsCommand(io: CliIo) {
  const exportCommand = configure(new Command('export'), io)
    .description(
      "write the cases analysts settled (confirmed, or dismissed) as labelled JSON Lines: per case its signals and outcome, per flagged seller message its redacted text and the analyst's verdict",
    )
    .addOption(fromOption(false))
    .addOption(toOption(false))
    .option('--out <FILE>', 'write to FILE instead of standard output')
    .addOption(apiOption())
    .addOption(tokenOption())
    .addHelpText('after', '\nExit 0 once written, 2 when the console API cannot be reached or refuses.')
    .action(
      exitCode(async (options) => {
        const { labelsExportCommand } = await import('../learning');
        return labelsExportCommand(options, io);
      }),
    );
  return configure(new Command('labels'), io).description("labelled data from analysts' decisions").addCommand(exportCommand);
}

/** `offside labels ARGV...`, for callers that hold the words (tests). */
export function runLabels(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const all = { ...PROCESS_IO, ...io };
  return runSubcommand(labelsCommand(all), argv, all);
}
