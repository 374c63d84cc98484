/**
 * The `offside` command line (bin/offside.js), on commander. Each subcommand is defined in
 * ./commands/<name>.ts (its usage, options and checks of their values, which are cheap to load)
 * and loads its implementation (./<name>.ts) only when it runs, so `offside validate` does not pay
 * for the local platform's imports. A new subcommand is one more file there and one line here.
 */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from './command';
import { PROCESS_IO, configure, run } from './command';
import { backtestCommand } from './commands/backtest';
import { classifyCommand } from './commands/classify';
import { evaluateCommand } from './commands/evaluate';
import { labelsCommand } from './commands/labels';
import { localCommand } from './commands/local';
import { redriveCommand } from './commands/redrive';
import { replayCommand } from './commands/replay';
import { reportCommand } from './commands/report';
import { rulesCommand } from './commands/rules';
import { simulateCommand } from './commands/simulate';
import { tokenCommand } from './commands/token';
import { validateCommand } from './commands/validate';

export function offsideProgram(io: CliIo = PROCESS_IO): Command {
  return configure(new Command('offside'), io)
    .description('Offside: detect marketplace sellers who reach reviewers off-platform, and study what the ladder does about it.')
    .addCommand(validateCommand(io))
    .addCommand(classifyCommand(io))
    .addCommand(replayCommand(io))
    .addCommand(backtestCommand(io))
    .addCommand(simulateCommand(io))
    .addCommand(evaluateCommand(io))
    .addCommand(localCommand(io))
    .addCommand(redriveCommand(io))
    .addCommand(reportCommand(io))
    .addCommand(labelsCommand(io))
    .addCommand(rulesCommand(io))
    .addCommand(tokenCommand(io));
}

/** Runs `offside ARGV...`: the exit code (2 for a command line that could not be understood). */
export function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  return run(offsideProgram(io), argv);
}
