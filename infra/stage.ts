/**
 * Deployment stages and what differs between them. Everything stage-dependent in the CDK app is
 * decided here, so the stacks and constructs only ask "which stage?" once.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** Log levels understood by the Powertools logger (LOG_LEVEL). */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface StageSettings {
  /** For data-bearing resources (tables, queues, secret, keys, log groups). */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB deletion protection and CloudFormation termination protection of the stateful stack. */
  readonly deletionProtection: boolean;
  readonly logRetention: RetentionDays;
  readonly logLevel: LogLevel;
}

const SETTINGS: Readonly<Record<Stage, StageSettings>> = {
  dev: {
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_MONTH,
    logLevel: 'DEBUG',
  },
  prod: {
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.ONE_YEAR,
    logLevel: 'INFO',
  },
};

export function stageSettings(stage: Stage): StageSettings {
  return SETTINGS[stage];
}

/** Parses the `stage` context value; unset means dev, anything unknown is an error. */
export function parseStage(value: unknown): Stage {
  if (value === undefined) return 'dev';
  const found = STAGES.find((stage) => stage === value);
  if (found === undefined) {
    throw new Error(`unknown stage ${JSON.stringify(value)}: expected one of ${STAGES.join(', ')} (-c stage=...)`);
  }
  return found;
}
