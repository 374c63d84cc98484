/** `offside report transparency --from DATE --to DATE --events FILE.jsonl [--complaints FILE] [--approvals MODE] [--json]`. */
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode } from '../command';
import { approvalsOption } from './approvals-option';

/** A day (YYYY-MM-DD) or an RFC 3339 instant, as an ISO instant; a day is its midnight UTC. */
export function reportDate(name: string) {
  return (text: string): string => {
    const day = /^\d{4}-\d{2}-\d{2}$/u.test(text);
    const time = Date.parse(day ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(time) || (!day && !/^\d{4}-\d{2}-\d{2}T/u.test(text))) {
      throw new InvalidArgumentError(`${name} must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got "${text}"`);
    }
    return new Date(time).toISOString();
  };
}

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
  return configure(new Command('report'), io).description('reports over what the product recorded').addCommand(transparency);
}
