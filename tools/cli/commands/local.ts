/** `offside local [--in-memory] [--reset] [--no-demo]`: the whole platform on local stand-ins (npm start). */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode } from '../command';

export function localCommand(io: CliIo) {
  return configure(new Command('local'), io)
    .description('run the whole platform on local stand-ins of DynamoDB, SQS, SES and Step Functions, and the console API (npm start)')
    .option('--in-memory', 'keep nothing: state lives in memory')
    .option('--reset', 'clear the state kept in .offside/local-data first')
    .option('--no-demo', 'do not send the demo stream (events/demo/)')
    .addHelpText('after', '\nThe console API listens on http://127.0.0.1:3000 unless PORT says otherwise. Ctrl-C stops everything.')
    .action(
      exitCode(async (options) => {
        const { runLocalPlatform } = await import('../../local/platform');
        return runLocalPlatform(options);
      }),
    );
}
