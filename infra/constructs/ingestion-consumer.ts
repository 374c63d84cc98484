import { Duration } from 'aws-cdk-lib';
import type { Alarm, IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { RULES_TABLE } from '../../shared/adapters/dynamodb/tables';
import { CONSUMER_BATCH_SIZE } from '../../shared/adapters/sqs/queues';
import { DEFAULT_RETENTION_DAYS } from '../../shared/domain/evidence';
import { SHADOW_FAILURE_MESSAGE } from '../../shared/use-cases/shadow-judging';
import type { Stage } from '../stage';
import { notifyingAlarm } from './alarms';
import type { InboundQueue } from './inbound-queue';
import { CONSUMER_MAX_BATCHING_WINDOW, CONSUMER_TIMEOUT, minimumVisibilityTimeout } from './consumer-timing';
import { DEFAULT_FUNCTION_MEMORY_MB, OffsideFunction } from './offside-function';
import { grantTableData } from './table-access';

/** Default evidence retention, as in ConsumerEnv (shared/config.ts). */
export const DEFAULT_EVIDENCE_RETENTION_DAYS = DEFAULT_RETENTION_DAYS;

export interface IngestionConsumerProps {
  readonly stage: Stage;
  /** The queue to drain and its dead-letter queue (which the consumer also sends invalid events to). */
  readonly inbound: InboundQueue;
  /** The consumer's TypeScript entry file, exporting `handler`. */
  readonly entry: string;
  /** Read/write: EVIDENCE_TABLE_NAME. */
  readonly evidenceTable: ITable;
  /** Read/write: CASES_TABLE_NAME (signals, cases, the ring index). */
  readonly casesTable: ITable;
  /**
   * RULES_TABLE_NAME: read (the live rules, cached), and PutItem for seeding version 1 into an empty
   * table (a conditional put that never overwrites).
   */
  readonly rulesTable: ITable;
  /** Read: HANDLE_HASH_KEY_SECRET_ARN, the key of the contact-handle hash. */
  readonly handleHashKeySecret: ISecret;
  /** Notified when an alarm of this consumer changes to ALARM or back to OK. */
  readonly alarmTopic: ITopic;
  /**
   * Records per invocation.
   * @default CONSUMER_BATCH_SIZE (shared/adapters/sqs/queues.ts)
   */
  readonly batchSize?: number;
  /**
   * @default CONSUMER_MAX_BATCHING_WINDOW (5 seconds)
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Function timeout; the queue's visibility timeout must be at least 6x this plus the batching window.
   * @default CONSUMER_TIMEOUT (30 seconds)
   */
  readonly timeout?: Duration;
  /**
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * EVIDENCE_RETENTION_DAYS: days raw evidence is kept before DynamoDB's TTL removes it.
   * @default 400
   */
  readonly evidenceRetentionDays?: number;
  /**
   * Maximum concurrent invocations by the event source, to protect the tables downstream.
   * @default - no limit beyond the account's concurrency
   */
  readonly maxConcurrency?: number;
  /**
   * Alarm when the oldest message on the inbound queue is older than this.
   * @default Duration.minutes(15)
   */
  readonly maxMessageAge?: Duration;
}

/**
 * An ingestion consumer: a function draining one inbound queue in batches with partial batch
 * responses, allowed exactly what the consumer does (read/write both tables, send to its DLQ,
 * read the hash-key secret), and alarmed on dead letters, on a backlog and on function errors.
 */
export class IngestionConsumer extends Construct {
  readonly inbound: InboundQueue;
  readonly consumer: OffsideFunction;
  readonly alarms: readonly Alarm[];
  /** Shadow judgements that failed (README, Rule operations: Shadow); a shadow's trouble alarms no one. */
  readonly shadowFailures: IMetric;

  constructor(scope: Construct, id: string, props: IngestionConsumerProps) {
    super(scope, id);
    const { inbound } = props;
    this.inbound = inbound;
    const timeout = props.timeout ?? CONSUMER_TIMEOUT;
    const maxBatchingWindow = props.maxBatchingWindow ?? CONSUMER_MAX_BATCHING_WINDOW;
    const required = minimumVisibilityTimeout(timeout, maxBatchingWindow);
    if (inbound.visibilityTimeout.toSeconds() < required.toSeconds()) {
      throw new Error(
        `${this.node.path}: queue ${inbound.definition.name} has a visibility timeout of ${inbound.visibilityTimeout.toSeconds()} s; ` +
          `a consumer with a ${timeout.toSeconds()} s timeout and a ${maxBatchingWindow.toSeconds()} s batching window needs at least ${required.toSeconds()} s`,
      );
    }

    this.consumer = new OffsideFunction(this, 'Consumer', {
      stage: props.stage,
      entry: props.entry,
      serviceName: inbound.definition.consumer,
      description: `Offside ${inbound.definition.consumer}: drains ${inbound.definition.name} into the evidence store`,
      timeout,
      memorySize: props.memorySize ?? DEFAULT_FUNCTION_MEMORY_MB,
      environment: {
        EVIDENCE_TABLE_NAME: props.evidenceTable.tableName,
        CASES_TABLE_NAME: props.casesTable.tableName,
        RULES_TABLE_NAME: props.rulesTable.tableName,
        DEAD_LETTER_QUEUE_URL: inbound.deadLetterQueue.queueUrl,
        EVIDENCE_RETENTION_DAYS: String(props.evidenceRetentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS),
        HANDLE_HASH_KEY_SECRET_ARN: props.handleHashKeySecret.secretArn,
      },
    });
    const fn = this.consumer.function;

    props.evidenceTable.grantReadWriteData(fn);
    // The consumers read and write signals, cases and rings by key; they never query the cases
    // table's index (the console does), so they get the table alone and only these actions.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
        resources: [props.casesTable.tableArn],
      }),
    );
    grantTableData(fn, props.rulesTable, RULES_TABLE, 'read', ['dynamodb:PutItem']);
    inbound.deadLetterQueue.grantSendMessages(fn);
    props.handleHashKeySecret.grantRead(fn);
    // Also grants the consume actions on the inbound queue.
    fn.addEventSource(
      new SqsEventSource(inbound.queue, {
        batchSize: props.batchSize ?? CONSUMER_BATCH_SIZE,
        maxBatchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );

    // Shadow judgements that failed (logged, never failing the event): counted from the log line.
    const shadowFailures = new MetricFilter(this, 'ShadowFailures', {
      logGroup: this.consumer.logGroup,
      metricNamespace: 'Offside',
      metricName: `${inbound.definition.consumer}-shadow-failures`,
      filterPattern: FilterPattern.stringValue('$.message', '=', SHADOW_FAILURE_MESSAGE),
      metricValue: '1',
    });
    this.shadowFailures = shadowFailures.metric({ period: Duration.minutes(5), statistic: 'Sum' });

    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string): Alarm =>
      notifyingAlarm(this, alarmId, { metric, threshold, description, topic: props.alarmTopic });
    const maxMessageAge = props.maxMessageAge ?? Duration.minutes(15);
    this.alarms = [
      alarm(
        'DeadLettersAlarm',
        inbound.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        0,
        `${inbound.definition.deadLetterQueueName} holds dead letters: events ${inbound.definition.consumer} rejected as invalid or failed ${inbound.definition.maxReceiveCount} times. Inspect and redrive.`,
      ),
      alarm(
        'BacklogAlarm',
        inbound.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
        maxMessageAge.toSeconds(),
        `The oldest event on ${inbound.definition.name} is older than ${maxMessageAge.toMinutes()} minutes: ${inbound.definition.consumer} is not keeping up or not running.`,
      ),
      alarm(
        'ErrorsAlarm',
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        0,
        `${inbound.definition.consumer} invocations failed as a whole (not single records) in the last 5 minutes.`,
      ),
    ];
  }
}
