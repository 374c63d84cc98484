/** `offside token --role analyst|legal|admin [--user NAME] [--hours H]` (CONTRACTS.md section 5). */
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { ROLES } from '../../../shared/domain/ladder/roles';
import { DEFAULT_TOKEN_HOURS, MAX_TOKEN_HOURS } from '../../local/development-token';
import type { CliIo } from '../command';
import { choiceOption, configure, exitCode } from '../command';

function hours(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > MAX_TOKEN_HOURS) {
    throw new InvalidArgumentError(`--hours must be a number of hours from 0 to ${MAX_TOKEN_HOURS}`);
  }
  return value;
}

export function tokenCommand(io: CliIo) {
  return configure(new Command('token'), io)
    .description('print a console API token the local platform accepts (no deployed console accepts it)')
    .addOption(new Option('--role <ROLE>', `the role: ${ROLES.join(', ')}`).argParser(choiceOption('role', ROLES)).makeOptionMandatory())
    .option('--user <NAME>', "the token's subject (default: local-ROLE)")
    .option('--hours <H>', `how long the token lives (default: ${DEFAULT_TOKEN_HOURS})`, hours)
    .action(
      exitCode(async (options) => {
        const { printToken } = await import('../token');
        return printToken(options, io);
      }),
    );
}
