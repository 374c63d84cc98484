/** `offside validate FILE.jsonl` (CONTRACTS.md section 4). */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, errorText, exitCode } from '../command';

export function validateCommand(io: CliIo) {
  return configure(new Command('validate'), io)
    .description('check every line of FILE against the v1 event contract, without running anything else')
    .argument('<FILE.jsonl>', 'events, one CloudEvent per line')
    .addHelpText('after', '\nOne line per invalid event on stderr (line N: <field path>: <reason>), then "valid: V, invalid: I".\nExit 0 when every line is valid, 1 otherwise, 2 when FILE cannot be read.')
    .action(
      exitCode(async (file) => {
        const { runValidate } = await import('../validate');
        try {
          return await runValidate(file, io);
        } catch (error) {
          io.stderr.write(`offside validate: ${errorText(error)}\n`);
          return 2;
        }
      }),
    );
}
