import { join } from 'node:path';
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { notifyingAlarm } from './constructs/alarms';
import { Backtest } from './constructs/backtest';
import { ConsoleApi } from './constructs/console-api';
import { ServiceClients } from './constructs/service-clients';
import { ConsoleHosting } from './constructs/console-hosting';
import { Enforcement } from './constructs/enforcement';
import { stateMachineArnsJson } from './constructs/enforcement-ladder';
import { IngestionConsumer } from './constructs/ingestion-consumer';
import { LadderStarter } from './constructs/ladder-starter';
import type { NoticeSettings } from './constructs/notice-sending';
import { PROJECT_ROOT } from './constructs/offside-function';
import { DEFAULT_TRANSPARENCY_DATABASE_ENDPOINT, StatementSubmitter } from './constructs/statement-submitter';
import { OperationsDashboard } from './constructs/operations-dashboard';
import { constructId } from './naming';
import type { StatefulResources } from './stateful-stack';
import { SES_CONFIGURATION_SET_DIMENSION } from './stateful-stack';
import type { Stage } from './stage';

/** The function folders under functions/ besides the consumers (named in INBOUND_QUEUES). */
export const LADDER_STEP_FUNCTION = 'ladder-step';
export const LADDER_STARTER_FUNCTION = 'ladder-starter';
export const CONSOLE_API_FUNCTION = 'console-api';
export const STATEMENT_SUBMITTER_FUNCTION = 'submit-statements';
export const BACKTEST_STEP_FUNCTION = 'backtest-step';

export interface StatelessStackProps extends StackProps, StatefulResources {
  readonly stage: Stage;
  /**
   * The folder holding one folder per function (the consumers named as in INBOUND_QUEUES, ladder-step,
   * ladder-starter, console-api), each with handler.ts; it must be inside the repository (esbuild's
   * project root).
   * @default <repository>/functions
   */
  readonly functionsDir?: string;
  /** Sender, recipients and links of the notices (the configuration set comes from the stateful stack). */
  readonly notices: Omit<NoticeSettings, 'configurationSetName'>;
  /**
   * Alarm when the marketplace leaves a seller event unconsumed for longer than this.
   * @default Duration.hours(1)
   */
  readonly sellerEventsMaxAge?: Duration;
  /**
   * The DSA Transparency Database API the submitter sends statements of reasons to.
   * @default DEFAULT_TRANSPARENCY_DATABASE_ENDPOINT
   */
  readonly transparencyDatabaseEndpoint?: string;
}

/**
 * Code and its wiring, safe to replace on any deployment: the ingestion consumers, the enforcement
 * ladder (step function and state machine) and its starter on the cases stream, the console API,
 * the backtest state machine (a Distributed Map over seller partitions) with its run bucket, every
 * alarm and the operations dashboard.
 */
export class StatelessStack extends Stack {
  readonly consumers: readonly IngestionConsumer[];
  readonly enforcement: Enforcement;
  readonly ladderStarter: LadderStarter;
  readonly consoleApi: ConsoleApi;
  readonly consoleHosting: ConsoleHosting;
  readonly statementSubmitter: StatementSubmitter;
  readonly backtest: Backtest;
  /** Alarms owned by this stack directly (the seller-events queue, notice bounces). */
  readonly alarms: readonly Alarm[];
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const functionsDir = props.functionsDir ?? join(PROJECT_ROOT, 'functions');
    const entry = (name: string) => join(functionsDir, name, 'handler.ts');
    const notices: NoticeSettings = { ...props.notices, configurationSetName: props.noticeConfigurationSetName };

    this.consumers = props.inboundQueues.map(
      (inbound) =>
        new IngestionConsumer(this, constructId(inbound.definition.consumer), {
          stage: props.stage,
          inbound,
          entry: entry(inbound.definition.consumer),
          evidenceTable: props.evidenceTable,
          casesTable: props.casesTable,
          rulesTable: props.rulesTable,
          handleHashKeySecret: props.handleHashKeySecret,
          alarmTopic: props.alarmTopic,
        }),
    );

    this.enforcement = new Enforcement(this, 'Enforcement', {
      stage: props.stage,
      stepEntry: entry(LADDER_STEP_FUNCTION),
      stateMachineName: `Offside-${props.stage}-EnforcementLadder`,
      casesTable: props.casesTable,
      evidenceTable: props.evidenceTable,
      noticesTable: props.noticesTable,
      auditTable: props.auditTable,
      bundleBucket: props.evidenceBundles,
      sellerEventsQueue: props.sellerEvents.queue,
      statementsQueue: props.statements.queue,
      notices,
      alarmTopic: props.alarmTopic,
    });
    const stateMachines = this.enforcement.ladder.stateMachines;

    this.ladderStarter = new LadderStarter(this, 'LadderStarter', {
      stage: props.stage,
      entry: entry(LADDER_STARTER_FUNCTION),
      casesTable: props.casesTable,
      auditTable: props.auditTable,
      stateMachines,
      failureQueue: props.ladderStarterFailureQueue,
      alarmTopic: props.alarmTopic,
    });

    this.consoleHosting = new ConsoleHosting(this, 'ConsoleHosting', { stage: props.stage, userPool: props.consoleUserPool });
    // Machines (the help centre, the marketplace's relay) call the service routes with their own tokens.
    const services = new ServiceClients(this, 'ServiceClients', { userPool: props.consoleUserPool });

    this.consoleApi = new ConsoleApi(this, 'ConsoleApi', {
      stage: props.stage,
      entry: entry(CONSOLE_API_FUNCTION),
      userPool: props.consoleUserPool,
      userPoolClient: props.consoleUserPoolClient,
      additionalClients: [this.consoleHosting.client, services.helpCentre, services.marketplaceRelay],
      allowedOrigins: [this.consoleHosting.url],
      casesTable: props.casesTable,
      evidenceTable: props.evidenceTable,
      auditTable: props.auditTable,
      noticesTable: props.noticesTable,
      rulesTable: props.rulesTable,
      stateMachines,
      sellerEventsQueue: props.sellerEvents.queue,
      statementsQueue: props.statements.queue,
      handleHashKeySecret: props.handleHashKeySecret,
      notices,
      alarmTopic: props.alarmTopic,
    });

    this.statementSubmitter = new StatementSubmitter(this, 'StatementSubmitter', {
      stage: props.stage,
      entry: entry(STATEMENT_SUBMITTER_FUNCTION),
      statements: props.statements,
      token: props.transparencyDatabaseToken,
      endpoint: props.transparencyDatabaseEndpoint ?? DEFAULT_TRANSPARENCY_DATABASE_ENDPOINT,
      alarmTopic: props.alarmTopic,
    });

    this.backtest = new Backtest(this, 'Backtest', {
      stage: props.stage,
      entry: entry(BACKTEST_STEP_FUNCTION),
      stateMachineName: `Offside-${props.stage}-Backtest`,
      alarmTopic: props.alarmTopic,
    });

    const sellerEvents = props.sellerEvents;
    const sellerEventsMaxAge = props.sellerEventsMaxAge ?? Duration.hours(1);
    this.alarms = [
      notifyingAlarm(this, 'SellerEventsDeadLettersAlarm', {
        metric: sellerEvents.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 0,
        topic: props.alarmTopic,
        description: `${sellerEvents.definition.deadLetterQueueName} holds seller events the marketplace failed to take ${sellerEvents.definition.maxReceiveCount} times (a suspension or reinstatement it has not applied). Ask the marketplace, then redrive.`,
      }),
      notifyingAlarm(this, 'SellerEventsBacklogAlarm', {
        metric: sellerEvents.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: sellerEventsMaxAge.toSeconds(),
        topic: props.alarmTopic,
        description: `The oldest seller event on ${sellerEvents.definition.name} is older than ${sellerEventsMaxAge.toMinutes()} minutes: the marketplace is not draining the queue.`,
      }),
      notifyingAlarm(this, 'NoticeBouncesAlarm', {
        metric: new Metric({
          namespace: 'AWS/SES',
          metricName: 'Bounce',
          dimensionsMap: { [SES_CONFIGURATION_SET_DIMENSION]: props.noticeConfigurationSetName },
          period: Duration.hours(1),
          statistic: 'Sum',
        }),
        threshold: 0,
        topic: props.alarmTopic,
        description: 'A notice bounced in the last hour: a seller (or the legal team) was not told. Check the seller relay address and the SES suppression list.',
      }),
    ];

    const queueEntries = [
      ...props.inboundQueues.map((inbound) => ({ label: inbound.definition.name, queue: inbound.queue, deadLetterQueue: inbound.deadLetterQueue })),
      { label: sellerEvents.definition.name, queue: sellerEvents.queue, deadLetterQueue: sellerEvents.deadLetterQueue },
      { label: props.statements.definition.name, queue: props.statements.queue, deadLetterQueue: props.statements.deadLetterQueue },
      { label: 'ladder-starter failures', deadLetterQueue: props.ladderStarterFailureQueue },
    ];
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      dashboardName: `Offside-${props.stage}`,
      queues: queueEntries,
      functions: [
        ...this.consumers.map((consumer) => ({ label: consumer.inbound.definition.consumer, function: consumer.consumer.function })),
        { label: LADDER_STEP_FUNCTION, function: this.enforcement.step.function },
        { label: LADDER_STARTER_FUNCTION, function: this.ladderStarter.function.function, stream: true },
        { label: CONSOLE_API_FUNCTION, function: this.consoleApi.function.function },
        { label: STATEMENT_SUBMITTER_FUNCTION, function: this.statementSubmitter.submitter.function },
        { label: BACKTEST_STEP_FUNCTION, function: this.backtest.step.function },
      ],
      stateMachines: this.enforcement.ladder.machines,
      api: this.consoleApi.api,
      alarms: this.allAlarms(),
    });

    this.consoleHosting.connectApi(this.consoleApi.api.apiEndpoint);

    new CfnOutput(this, 'ConsoleApiUrl', { value: this.consoleApi.stage.url });
    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleHosting.url });
    new CfnOutput(this, 'ConsoleSignInDomain', { value: this.consoleHosting.domain.baseUrl() });
    // The ladder's machines by the rung their executions start at, as the starter's STATE_MACHINE_ARNS.
    new CfnOutput(this, 'StateMachineArns', { value: stateMachineArnsJson(this, stateMachines) });
    new CfnOutput(this, 'BacktestBucketName', { value: this.backtest.bucket.bucketName });
    new CfnOutput(this, 'BacktestStateMachineArn', { value: this.backtest.stateMachine.stateMachineArn });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName });
  }

  /** Every alarm of the app: the consumers', the ladder's, the starter's, the console's and this stack's own. */
  allAlarms(): Alarm[] {
    return [
      ...this.consumers.flatMap((consumer) => consumer.alarms),
      ...this.enforcement.alarms,
      ...this.ladderStarter.alarms,
      ...this.consoleApi.alarms,
      ...this.statementSubmitter.alarms,
      ...this.backtest.alarms,
      ...this.alarms,
    ];
  }
}
