/**
 * `offside backtest FILE.jsonl --candidate CONFIG.json [--baseline CONFIG.json] [--approvals MODE]
 * [--truth TRUTH.json] [--complaints FILE] [--json] [--partitions N] [--on-aws --bucket B
 * --state-machine ARN [--region R]]` (CONTRACTS.md section 7). Every option of the
 * command is declared here, once: a new one (another place to replay, say) is one more line below
 * and one more field of BacktestOptions (../backtest.ts).
 */
import { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { configure, exitCode, integerOption } from '../command';
import { MAX_PARTITIONS } from '../../../shared/composition/replay/limits';
import { approvalsOption } from './approvals-option';

export function backtestCommand(io: CliIo) {
  return configure(new Command('backtest'), io)
    .description('replay history under a candidate detection configuration and the baseline, and list the sellers whose outcome would change')
    .argument('<FILE.jsonl>', 'events, one CloudEvent per line (as `offside replay` takes them)')
    .requiredOption('--candidate <CONFIG.json>', 'the configuration to try (as `offside rules show --json` prints one)')
    .option('--baseline <CONFIG.json>', 'the configuration to compare with (default: the live one, version 1)')
    .addOption(approvalsOption('none'))
    .option('--truth <TRUTH.json>', "a simulation's truth.json: adds precision, recall and honest sellers warned for both")
    .option('--complaints <FILE>', 'buyer complaints (one console intake body a line) filed at their receivedAt in both replays')
    .option('--json', 'print one JSON object: {"baseline", "candidate", "changed": [{"sellerId", "baseline", "candidate"}], "unchanged"}')
    .option('--partitions <N>', 'replay each side as a distributed backtest in N seller partitions (here: on worker threads; with --on-aws: Distributed Map children; default 16 with --on-aws)', integerOption('partitions', 1, MAX_PARTITIONS))
    .option('--on-aws', 'run on the deployed backtest state machine (Step Functions Distributed Map): needs --bucket and --state-machine')
    .option('--bucket <NAME>', 'with --on-aws: the backtest bucket (stack output BacktestBucketName)')
    .option('--state-machine <ARN>', 'with --on-aws: the backtest state machine (stack output BacktestStateMachineArn)')
    .option('--region <REGION>', "with --on-aws: the AWS region (default: the SDK's, from the environment or profile)")
    .addHelpText('after', '\nExit 0 after a backtest, 1 when a configuration is not valid (each field and reason on stderr), 2 when a file cannot be read.')
    .action(
      exitCode(async (file, options) => {
        const { backtestFile } = await import('../backtest');
        return backtestFile(file, options, io);
      }),
    );
}
