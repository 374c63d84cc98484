/** `offside evaluate STREAM.jsonl TRUTH.json [--complaints FILE] [--json] [--approvals MODE] [--chart FILE.svg] [--strict]`. */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode } from '../command';
import { approvalsOption } from './approvals-option';

export function evaluateCommand(io: CliIo) {
  return configure(new Command('evaluate'), io)
    .description("replay a simulation (offside simulate) and score detection against its ground truth")
    .argument('<STREAM.jsonl>', "the simulation's events.jsonl")
    .argument('<TRUTH.json>', "the simulation's truth.json")
    .option('--json', 'print the figures as one JSON object')
    // Every approval granted by default: the figures then show the most the ladder would do.
    .addOption(approvalsOption('approve-all'))
    .option('--chart <FILE.svg>', 'also draw the evaluation as an SVG chart')
    .option('--complaints <FILE>', "the simulation's complaints.jsonl, filed at their receivedAt")
    .option('--strict', 'exit 1 when the verdict is FAIL')
    .action(
      exitCode(async (stream, truth, options) => {
        const { evaluateFiles } = await import('../evaluate');
        return evaluateFiles(stream, truth, options, io);
      }),
    );
}
