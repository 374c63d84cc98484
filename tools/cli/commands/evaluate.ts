/** `offside evaluate STREAM.jsonl TRUTH.json [--json] [--approvals MODE] [--chart FILE.svg]`. */
import { Command, Option } from '@commander-js/extra-typings';
import { APPROVAL_MODES } from '../../local/approval-modes';
import type { CliIo } from '../command';
import { choiceOption, configure, exitCode } from '../command';

export function evaluateCommand(io: CliIo) {
  return configure(new Command('evaluate'), io)
    .description("replay a simulation (offside simulate) and score detection against its ground truth")
    .argument('<STREAM.jsonl>', "the simulation's events.jsonl")
    .argument('<TRUTH.json>', "the simulation's truth.json")
    .option('--json', 'print the figures as one JSON object')
    // Every approval granted by default: the figures then show the most the ladder would do.
    .addOption(
      new Option('--approvals <MODE>', `how human decisions on the ladder go: ${APPROVAL_MODES.join(', ')}`)
        .argParser(choiceOption('approvals', APPROVAL_MODES))
        .default('approve-all' as const),
    )
    .option('--chart <FILE.svg>', 'also draw the evaluation as an SVG chart')
    .action(
      exitCode(async (stream, truth, options) => {
        const { evaluateFiles } = await import('../evaluate');
        return evaluateFiles(stream, truth, options, io);
      }),
    );
}
