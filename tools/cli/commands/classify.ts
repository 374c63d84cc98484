/** `offside classify` (CONTRACTS.md section 2). */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode } from '../command';

export function classifyCommand(io: CliIo) {
  return configure(new Command('classify'), io)
    .description('label messages read as JSON Lines on stdin ({"id","text","lang"?}), one JSON line out per line in')
    .addHelpText('after', '\nLabels: review_manipulation, off_platform_contact, intimidation. A line that cannot be read is\nanswered with {"line":N,"error":"..."} in its place; the command then exits 1.')
    .action(
      exitCode(async () => {
        const { runClassify } = await import('../classify');
        return runClassify(io.stdin, io.stdout);
      }),
    );
}
