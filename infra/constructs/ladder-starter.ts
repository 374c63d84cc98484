import { Duration, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { Rung } from '../../shared/domain/ladder/rungs';
import { AUDIT_TABLE, CASES_TABLE } from '../../shared/adapters/dynamodb/tables';
import type { Stage } from '../stage';
import { notifyingAlarm } from './alarms';
import { acknowledgeWildcardResources } from './nag';
import { EXECUTIONS_WILDCARD_REASON, stateMachineArnsJson } from './enforcement-ladder';
import { OffsideFunction } from './offside-function';
import { grantTableData } from './table-access';

/** Only case items start or stop executions; signals, pointers and ring entries share the table. */
export const CASE_KEY_PREFIX = 'CASE#';

export interface LadderStarterProps {
  readonly stage: Stage;
  /** The TypeScript entry file (functions/ladder-starter/handler.ts), exporting `handler`. */
  readonly entry: string;
  /**
   * The cases table; its stream (NEW_IMAGE) is the event source. Read and written (the execution
   * started is recorded on the case before it starts): CASES_TABLE_NAME.
   */
  readonly casesTable: ITable;
  /** The audit log: each rung the ladder starts is recorded. AUDIT_TABLE_NAME. */
  readonly auditTable: ITable;
  /** The ladder's state machines by starting rung: StartExecution on each; StopExecution and DescribeExecution on their executions. */
  readonly stateMachines: Readonly<Record<Rung, IStateMachine>>;
  /** Where Lambda sends the description of a batch that failed every retry (shard and sequence numbers). */
  readonly failureQueue: IQueue;
  readonly alarmTopic: ITopic;
  /**
   * Stream records per invocation.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * Retries of a failed batch (halved by bisection each time) before it goes to the failure queue.
   * @default 5
   */
  readonly retryAttempts?: number;
  /**
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Alarm when the newest record processed is older than this (the starter falls behind the stream).
   * @default Duration.minutes(5)
   */
  readonly maxIteratorAge?: Duration;
}

/**
 * Starts and stops ladder executions as cases change: a function on the cases table's stream
 * (case items only, from the latest record, partial batch responses, bisection on error, a bounded
 * number of retries and an SQS on-failure destination), alarmed on errors, on the failure queue's
 * depth and on falling behind the stream.
 */
export class LadderStarter extends Construct {
  readonly function: OffsideFunction;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: LadderStarterProps) {
    super(scope, id);
    this.function = new OffsideFunction(this, 'Function', {
      stage: props.stage,
      entry: props.entry,
      serviceName: 'ladder-starter',
      description: 'Offside ladder-starter: starts and stops enforcement-ladder executions as cases change',
      timeout: props.timeout ?? Duration.seconds(30),
      environment: {
        STATE_MACHINE_ARNS: stateMachineArnsJson(this, props.stateMachines),
        CASES_TABLE_NAME: props.casesTable.tableName,
        AUDIT_TABLE_NAME: props.auditTable.tableName,
      },
    });
    const fn = this.function.function;

    grantTableData(fn, props.casesTable, CASES_TABLE, 'read-write');
    grantTableData(fn, props.auditTable, AUDIT_TABLE, 'read-write');
    for (const machine of Object.values(props.stateMachines)) {
      machine.grantStartExecution(fn);
      const executions = machine.grantExecution(fn, 'states:StopExecution', 'states:DescribeExecution');
      acknowledgeWildcardResources(this.function.role, executions.principalStatements, EXECUTIONS_WILDCARD_REASON);
    }
    // Also grants the stream read actions, and sqs:SendMessage on the failure queue.
    fn.addEventSource(
      new DynamoEventSource(props.casesTable, {
        startingPosition: StartingPosition.LATEST,
        batchSize: props.batchSize ?? 10,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: props.retryAttempts ?? 5,
        onFailure: new SqsDlq(props.failureQueue),
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(CASE_KEY_PREFIX) } } } })],
      }),
    );

    const defaultPolicy = this.function.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy !== undefined) {
      Validations.of(defaultPolicy).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'Stream event source: dynamodb:ListStreams does not support resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html), so its resource must be "*"; the stream itself is read through DescribeStream/GetRecords/GetShardIterator on the cases table stream ARN only.',
        });
    }

    const maxIteratorAge = props.maxIteratorAge ?? Duration.minutes(5);
    this.alarms = [
      notifyingAlarm(this, 'ErrorsAlarm', {
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description:
          'ladder-starter invocations failed as a whole in the last 5 minutes; Lambda retries the batch (bisecting it) and then records it on the failure queue.',
      }),
      notifyingAlarm(this, 'FailedBatchesAlarm', {
        metric: props.failureQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description:
          'The ladder-starter failure queue holds batches of case changes that failed every retry: some cases did not start or stop their ladder execution. See docs/deploy.md, "Redrive".',
      }),
      notifyingAlarm(this, 'IteratorAgeAlarm', {
        metric: fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: maxIteratorAge.toMilliseconds(),
        topic: props.alarmTopic,
        description: `ladder-starter is more than ${maxIteratorAge.toMinutes()} minutes behind the cases table stream (records expire after 24 hours).`,
      }),
    ];
  }
}
