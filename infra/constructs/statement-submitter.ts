import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { STATEMENTS_BATCH_SIZE } from '../../shared/adapters/sqs/queues';
import type { Stage } from '../stage';
import { notifyingAlarm } from './alarms';
import { OffsideFunction } from './offside-function';
import type { OutboundQueue } from './outbound-queue';

/** The submitter's timeout: one call of up to 10 statements, with the client's 4 attempts and backoff. */
export const STATEMENT_SUBMITTER_TIMEOUT = Duration.seconds(60);
/** Six times the timeout, as AWS advises for a queue a Lambda drains. */
export const STATEMENT_SUBMITTER_VISIBILITY_TIMEOUT = Duration.seconds(6 * STATEMENT_SUBMITTER_TIMEOUT.toSeconds());
/** Where statements go unless the app's context says otherwise (the API's production host). */
export const DEFAULT_TRANSPARENCY_DATABASE_ENDPOINT = 'https://transparency.dsa.ec.europa.eu';

export interface StatementSubmitterProps {
  readonly stage: Stage;
  /** The TypeScript entry file (functions/submit-statements/handler.ts), exporting `handler`. */
  readonly entry: string;
  /** The statements queue it drains, and its DLQ (alarmed). */
  readonly statements: OutboundQueue;
  /** Read: TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN, the API token. */
  readonly token: ISecret;
  /** TRANSPARENCY_DATABASE_ENDPOINT, an https URL. */
  readonly endpoint: string;
  readonly alarmTopic: ITopic;
  /**
   * Alarm when a statement has waited longer than this (Art. 24(5) asks for submission without undue delay).
   * @default Duration.hours(1)
   */
  readonly maxStatementAge?: Duration;
}

/**
 * The submitter of statements of reasons to the DSA Transparency Database (Art. 24(5) DSA): a
 * function draining the statements queue with partial batch responses, two at a time at most
 * (the API is shared by every platform), allowed to read the token secret and nothing else; SQS
 * moves what keeps failing (a statement the API refuses, an outage longer than the retries) to the
 * DLQ, whose alarm calls a person, as do a backlog and failed invocations.
 */
export class StatementSubmitter extends Construct {
  readonly submitter: OffsideFunction;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: StatementSubmitterProps) {
    super(scope, id);
    if (!/^https:\/\/\S+$/.test(props.endpoint)) throw new Error(`${this.node.path}: the Transparency Database endpoint must be an https URL, got ${JSON.stringify(props.endpoint)}`);
    const { statements } = props;
    this.submitter = new OffsideFunction(this, 'Submitter', {
      stage: props.stage,
      entry: props.entry,
      serviceName: 'submit-statements',
      description: `Offside submit-statements: drains ${statements.definition.name} into the DSA Transparency Database`,
      timeout: STATEMENT_SUBMITTER_TIMEOUT,
      environment: {
        TRANSPARENCY_DATABASE_ENDPOINT: props.endpoint,
        TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN: props.token.secretArn,
      },
    });
    const fn = this.submitter.function;
    props.token.grantRead(fn);
    fn.addEventSource(
      new SqsEventSource(statements.queue, {
        batchSize: STATEMENTS_BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(20),
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );
    const maxStatementAge = props.maxStatementAge ?? Duration.hours(1);
    this.alarms = [
      notifyingAlarm(this, 'DeadLettersAlarm', {
        metric: statements.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description: `${statements.definition.deadLetterQueueName} holds statements of reasons the Transparency Database did not take ${statements.definition.maxReceiveCount} times (refused by its rules: the log says which field; or an outage). Fix, then redrive.`,
      }),
      notifyingAlarm(this, 'BacklogAlarm', {
        metric: statements.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: maxStatementAge.toSeconds(),
        topic: props.alarmTopic,
        description: `The oldest statement of reasons on ${statements.definition.name} is older than ${maxStatementAge.toMinutes()} minutes: the submitter is not reaching the Transparency Database.`,
      }),
      notifyingAlarm(this, 'ErrorsAlarm', {
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description: 'submit-statements invocations failed as a whole (the database out of reach after retries, or the token refused) in the last 5 minutes.',
      }),
    ];
  }
}
