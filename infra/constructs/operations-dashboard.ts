import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget, MathExpression, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarm, IMetric, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** A queue on the dashboard: its backlog, and its dead-letter queue's depth. */
export interface DashboardQueue {
  readonly label: string;
  /** @default - none (a dead-letter queue of something other than a queue, e.g. a stream's failure queue) */
  readonly queue?: IQueue;
  readonly deadLetterQueue: IQueue;
}

export interface DashboardFunction {
  readonly label: string;
  readonly function: IFunction;
  /**
   * Whether it reads a stream (its IteratorAge is charted).
   * @default false
   */
  readonly stream?: boolean;
}

export interface OperationsDashboardProps {
  /** The dashboard's name, e.g. "Offside-prod". */
  readonly dashboardName: string;
  readonly queues: readonly DashboardQueue[];
  readonly functions: readonly DashboardFunction[];
  /** The ladder's state machines (one per starting rung): their executions are charted summed. */
  readonly stateMachines: readonly IStateMachine[];
  readonly api: IHttpApi;
  /** Shown first, as one status widget. */
  readonly alarms: readonly IAlarm[];
  /**
   * Period of every chart.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/**
 * One CloudWatch dashboard for the whole app: the alarms' states, then dead letters and backlogs of
 * every queue, the functions' errors, throttles and latency, the ladder's executions, and the
 * console API's traffic, errors and latency.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = props.period ?? Duration.minutes(5);
    const graph = (title: string, left: IMetric[], width = 8): IWidget => new GraphWidget({ title, left, width, height: 6 });
    const functions = props.functions;
    const streamReaders = functions.filter((entry) => entry.stream === true);
    const queues = props.queues;

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName, defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${props.dashboardName}\nDead letters: inspect, fix, then \`npx offside redrive --queue <queue>\` (docs/deploy.md).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 6 }));
    this.dashboard.addWidgets(
      graph(
        'Dead letters (messages visible)',
        queues.map((entry) =>
          entry.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: entry.label, period, statistic: 'Maximum' }),
        ),
      ),
      graph(
        'Age of oldest message (s)',
        queues.flatMap((entry) =>
          entry.queue === undefined ? [] : [entry.queue.metricApproximateAgeOfOldestMessage({ label: entry.label, period, statistic: 'Maximum' })],
        ),
      ),
      graph(
        'Messages received',
        queues.flatMap((entry) =>
          entry.queue === undefined ? [] : [entry.queue.metricNumberOfMessagesReceived({ label: entry.label, period, statistic: 'Sum' })],
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('Function errors', functions.map((entry) => entry.function.metricErrors({ label: entry.label, period, statistic: 'Sum' }))),
      graph('Function throttles', functions.map((entry) => entry.function.metricThrottles({ label: entry.label, period, statistic: 'Sum' }))),
      graph('Function duration p99 (ms)', functions.map((entry) => entry.function.metricDuration({ label: entry.label, period, statistic: 'p99' }))),
    );
    const machines = props.stateMachines;
    /** One of Step Functions' per-machine metrics, summed over the ladder's machines. */
    const summed = (label: string, metric: (machine: IStateMachine) => IMetric): IMetric => {
      // Ids unique within the graph: one expression per line, one id per machine in it.
      const id = (index: number) => `${label.replace(/[^a-z]/gu, '')}${index}`;
      return new MathExpression({
        expression: machines.map((_machine, index) => id(index)).join(' + '),
        usingMetrics: Object.fromEntries(machines.map((machine, index) => [id(index), metric(machine)])),
        label,
        period,
      });
    };
    this.dashboard.addWidgets(
      graph('Ladder executions', [
        summed('started', (machine) => machine.metricStarted({ period, statistic: 'Sum' })),
        summed('succeeded', (machine) => machine.metricSucceeded({ period, statistic: 'Sum' })),
        summed('failed', (machine) => machine.metricFailed({ period, statistic: 'Sum' })),
        summed('timed out', (machine) => machine.metricTimedOut({ period, statistic: 'Sum' })),
        summed('stopped', (machine) => machine.metricAborted({ period, statistic: 'Sum' })),
      ]),
      graph('Console API requests', [
        props.api.metricCount({ label: 'requests', period, statistic: 'Sum' }),
        props.api.metricClientError({ label: '4xx', period, statistic: 'Sum' }),
        props.api.metricServerError({ label: '5xx', period, statistic: 'Sum' }),
      ]),
      graph('Console API latency (ms)', [
        props.api.metricLatency({ label: 'p50', period, statistic: 'p50' }),
        props.api.metricLatency({ label: 'p99', period, statistic: 'p99' }),
      ]),
    );
    if (streamReaders.length > 0) {
      this.dashboard.addWidgets(
        graph(
          'Stream iterator age (ms)',
          streamReaders.map((entry) => entry.function.metric('IteratorAge', { label: entry.label, period, statistic: 'Maximum' })),
          24,
        ),
      );
    }
  }
}
