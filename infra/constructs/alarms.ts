import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface NotifyingAlarmProps {
  readonly metric: IMetric;
  /** The alarm fires when the metric is above this (or as `comparisonOperator` says). */
  readonly threshold: number;
  /** What the alarm means and what to do about it: the text the on-call person reads. */
  readonly description: string;
  /** Notified when the alarm goes to ALARM and when it goes back to OK. */
  readonly topic: ITopic;
  /** @default ComparisonOperator.GREATER_THAN_THRESHOLD */
  readonly comparisonOperator?: ComparisonOperator;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /**
   * No data is no trouble: an idle queue or function publishes nothing.
   * @default TreatMissingData.NOT_BREACHING
   */
  readonly treatMissingData?: TreatMissingData;
}

/** A CloudWatch alarm that notifies the alarm topic both ways (ALARM and back to OK). */
export function notifyingAlarm(scope: Construct, id: string, props: NotifyingAlarmProps): Alarm {
  const alarm = new Alarm(scope, id, {
    metric: props.metric,
    threshold: props.threshold,
    evaluationPeriods: props.evaluationPeriods ?? 1,
    comparisonOperator: props.comparisonOperator ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: props.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    alarmDescription: props.description,
  });
  const action = new SnsAction(props.topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}
