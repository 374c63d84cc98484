/**
 * `offside backtest --on-aws`: the backtest state machine (infra/constructs/backtest.ts) started for
 * each job of a run written to the backtest bucket, and followed until it ends. The clients are
 * passed in, so the command can be pointed at any endpoint (tests point S3 at fauxqs).
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';

export interface AwsBacktestTarget {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
  /** How long to wait between two looks at an execution. @default 5 s */
  readonly pollMillis?: number;
  /** Give up (the executions go on) after this long. @default 6 h */
  readonly timeoutMillis?: number;
  /** Told when an execution starts and when it ends. */
  readonly log?: (message: string) => void;
}

/** An execution name from a job's prefix: letters, digits, - and _, at most 80 characters (the end of the prefix is kept). */
export const executionNameOf = (job: string) => job.replace(/[^A-Za-z0-9_-]/gu, '-').slice(-80).replace(/^-+/u, '');

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** Starts one execution per job (all at once: the sides run side by side) and resolves when every one has succeeded. */
export async function runJobsOnAws(target: AwsBacktestTarget, jobs: readonly string[]): Promise<void> {
  const { sfn, stateMachineArn } = target;
  const started = await Promise.all(
    jobs.map(async (job) => {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: executionNameOf(job), input: JSON.stringify({ job }) }));
      if (executionArn === undefined) throw new Error(`StartExecution for ${job} returned no execution ARN`);
      target.log?.(`started ${executionArn}\n`);
      return { job, executionArn };
    }),
  );
  const deadline = Date.now() + (target.timeoutMillis ?? 6 * 3_600_000);
  // Once one execution has failed the backtest has: the others are no longer waited for.
  let failed = false;
  await Promise.all(
    started.map(async ({ job, executionArn }) => {
      for (; !failed; ) {
        const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (execution.status === 'SUCCEEDED') {
          target.log?.(`${job}: succeeded\n`);
          return;
        }
        if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
          failed = true;
          throw new Error(`${executionArn}: ${execution.status ?? 'no status'}${execution.error ? `: ${execution.error}` : ''}${execution.cause ? ` (${execution.cause})` : ''}`);
        }
        if (Date.now() > deadline) {
          failed = true;
          throw new Error(`${executionArn}: still running after the timeout; it goes on, its results will be under ${job}/ in the bucket`);
        }
        await sleep(target.pollMillis ?? 5_000);
      }
    }),
  );
}
