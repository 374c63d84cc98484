/**
 * `offside report transparency --from DATE --to DATE --events FILE.jsonl [--complaints FILE] [--approvals MODE] [--json]`
 * and `offside report signals --from DATE --to DATE [--json] [--api URL] [--token TOKEN]`.
 */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode } from '../command';
import { approvalsOption } from './approvals-option';
import { apiOption, fromOption, reportDate, toOption, tokenOption } from './console-api-options';

export function reportCommand(io: CliIo) {
  const transparency = configure(new Command('transparency'), io)
    .description('the DSA transparency report (Art. 15, 24) for a period: notices and what became of them, decisions, appeals, reversals, notifiers sanctioned under Art. 23')
    .requiredOption('--from <DATE>', 'the first day (YYYY-MM-DD, UTC) or instant of the period', reportDate('--from'))
    .requiredOption('--to <DATE>', 'the end of the period: a day is included whole, an instant is excluded', reportDate('--to'))
    .requiredOption('--events <FILE.jsonl>', 'the events to replay (one CloudEvent a line), in virtual time, before reporting')
    .option('--complaints <FILE>', 'buyer complaints (one console intake body a line) filed at their receivedAt')
    .option('--close-notices', 'once a virtual day, close as no breach found the complaints no case took up within 14 days; they count as unfounded for Art. 23')
    .addOption(approvalsOption('approve-all'))
    .option('--json', 'print the report as one JSON object')
    .addHelpText('after', '\nExit 0 after a report, 1 when its figures do not add up, 2 when a file cannot be read.')
    .action(
      exitCode(async (options) => {
        const { transparencyReportCommand } = await import('../report');
        return transparencyReportCommand(options, io);
      }),
    );
  const signals = configure(new Command('signals'), io)
    .description("each signal's precision from analysts' outcomes over a period of decisions: confirmed cases against false positives that named it")
    .addOption(fromOption(true))
    .addOption(toOption(true))
    .option('--json', 'print the report as one JSON object')
    .addOption(apiOption())
    .addOption(tokenOption())
    .addHelpText('after', '\nExit 0 after a report, 2 when the console API cannot be reached or refuses.')
    .action(
      exitCode(async (options) => {
        const { signalsReportCommand } = await import('../learning');
        return signalsReportCommand(options, io);
      }),
    );
  return configure(new Command('report'), io).description('reports over what the product recorded').addCommand(transparency).addCommand(signals);
}
