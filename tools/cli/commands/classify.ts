/** `offside classify [--explain]` (CONTRACTS.md section 2). */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { PROCESS_IO, configure, exitCode, runSubcommand } from '../command';

export function classifyCommand(io: CliIo) {
  return configure(new Command('classify'), io)
    .description('label messages read as JSON Lines on stdin ({"id","text","lang"?}), one JSON line out per line in')
    .option('--explain', 'add "explanation" to each result: for each span, where it came from (a contact handle, an intent structure or a surface pattern), the parts of the intent (ask, object, target, incentive, channel...), the channel kind, and that no negation, quoted policy or thanks cancels it; then what matched but did not count, and why')
    .addHelpText('after', '\nLabels: review_manipulation, off_platform_contact, intimidation. A line that cannot be read is\nanswered with {"line":N,"error":"..."} in its place; the command then exits 1.')
    .action(
      exitCode(async (options) => {
        const { runClassify } = await import('../classify');
        return runClassify(io.stdin, io.stdout, { explain: options.explain === true });
      }),
    );
}

/** `offside classify ARGV...`, for callers that hold the words (tests). */
export function runClassifyCommand(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const all = { ...PROCESS_IO, ...io };
  return runSubcommand(classifyCommand(all), argv, all);
}
