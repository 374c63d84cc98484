/** `offside replay FILE.jsonl [--json] [--approvals none|approve-all|deny-all] [--complaints FILE] [--statements OUT.jsonl] [--workers N]` (CONTRACTS.md sections 3, 6). */
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode } from '../command';
import { approvalsOption } from './approvals-option';

export function replayCommand(io: CliIo) {
  return configure(new Command('replay'), io)
    .description('run the whole pipeline (ingestion, detection, cases, the ladder) over a file of events, in virtual time')
    .argument('<FILE.jsonl>', 'events, one CloudEvent per line')
    .option('--json', "print the contract's JSON report on stdout")
    .addOption(approvalsOption('none'))
    .option('--statements <OUT.jsonl>', 'write every statement of reasons issued during the replay, one {"sellerId", "statement"} line each')
    .option('--complaints <FILE>', 'buyer complaints (one console intake body a line) filed at their receivedAt, in time order with the events')
    .option('--close-notices', 'once a virtual day, close as no breach found the complaints no case took up within 14 days; they count as unfounded for Art. 23')
    .option('--workers <N>', 'partition the replay by seller over N worker threads (same report; 1: in this process)', workersCount, 1)
    .addHelpText('after', '\nRejected lines are reported on stderr with their line number and never stop the replay.\nExit 0 after a replay, 2 when FILE cannot be read.')
    .action(
      exitCode(async (file, options) => {
        const { replayFile } = await import('../replay');
        return replayFile(file, options, io);
      }),
    );
}

function workersCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return count;
}
