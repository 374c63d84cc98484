/** `offside redrive --queue NAME [--endpoint URL] [--region REGION] [--max N] [--dry-run]`. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import type { CliIo } from '../command';
import { PROCESS_IO, configure, exitCode, integerOption, runSubcommand } from '../command';

function queueName(text: string): string {
  const name = text.trim();
  if (name === '') throw new InvalidArgumentError('--queue NAME is required (the queue to move messages back to; its DLQ is NAME-dlq)');
  return name;
}

function url(text: string): string {
  if (!/^https?:\/\/\S+$/u.test(text)) throw new InvalidArgumentError(`--endpoint must be an http(s) URL, got "${text}"`);
  return text;
}

/** `client`: for tests, an SQS client to use instead of one made from --endpoint and --region (it is not destroyed). */
export function redriveCommand(io: CliIo, client?: SQSClient) {
  return configure(new Command('redrive'), io)
    .description("move NAME-dlq's messages back to NAME, bodies and attributes unchanged, once what made them fail is fixed")
    .requiredOption('--queue <NAME>', 'the queue to move messages back to (its DLQ is NAME-dlq)', queueName)
    .option('--endpoint <URL>', 'an SQS endpoint (the local platform\'s, for instance)', url)
    .option('--region <REGION>', 'the AWS region')
    .option('--max <N>', 'move at most N messages (default: those visible on the DLQ when the run starts)', integerOption('max', 1, Number.MAX_SAFE_INTEGER))
    .option('--dry-run', 'list what would be moved; move nothing')
    .addHelpText('after', '\nExit 0 when everything was moved, 1 when some messages stayed on the DLQ, 2 on bad arguments or an unknown queue.')
    .action(
      exitCode(async (options, command) => {
        const { DEAD_LETTER_SUFFIX, redriveCommandLine } = await import('../redrive');
        if (options.queue.endsWith(DEAD_LETTER_SUFFIX)) {
          command.error(`--queue names the queue to move back to, not its DLQ: try --queue ${options.queue.slice(0, -DEAD_LETTER_SUFFIX.length)}`);
        }
        return redriveCommandLine(options, io, client);
      }),
    );
}

/** `offside redrive ARGV...`, for callers that hold the words (tests). */
export function runRedrive(argv: readonly string[], io: Partial<CliIo> = {}, client?: SQSClient): Promise<number> {
  const all = { ...PROCESS_IO, ...io };
  return runSubcommand(redriveCommand(all, client), argv, all);
}
