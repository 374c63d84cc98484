/**
 * Deployment stages and what differs between them. Everything stage-dependent in the CDK app is
 * decided here, so the stacks and constructs only ask "which stage?" once.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import type { TableCapacity } from './table-capacity';
import { PROD_TABLE_CAPACITY } from './table-capacity';

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
  /** Default Object Lock retention of every sealed evidence bundle. */
  readonly evidenceBundleLock: ObjectLockRetention;
  /** How long the evidence-bundle bucket's S3 server access logs (who read or wrote a bundle) are kept. */
  readonly bundleAccessLogExpiration: Duration;
  /** Each table's billing by table name (./table-capacity.ts); a table not named is on demand. */
  readonly tableCapacity: Readonly<Record<string, TableCapacity>>;
}

/**
 * Seven years: sealed bundles back a legal hold, so they must outlive the limitation periods of the
 * claims they may support (six years for contract claims in England and Wales, similar or shorter in
 * most EU states) and the usual commercial record-keeping duties, with a margin for a claim filed late.
 */
const PROD_BUNDLE_RETENTION = Duration.days(7 * 365 + 2);

const SETTINGS: Readonly<Record<Stage, StageSettings>> = {
  dev: {
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_MONTH,
    logLevel: 'DEBUG',
    // GOVERNANCE and one day: dev bundles are test data; someone holding s3:BypassGovernanceRetention
    // can delete them at once, and everyone else after a day, so a dev bucket can be emptied.
    evidenceBundleLock: ObjectLockRetention.governance(Duration.days(1)),
    bundleAccessLogExpiration: Duration.days(30),
    // A developer's traffic: every table on demand.
    tableCapacity: {},
  },
  prod: {
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.ONE_YEAR,
    logLevel: 'INFO',
    // COMPLIANCE: nobody, not even the account root, can shorten the retention or delete a version
    // before it ends, which is what makes a sealed bundle admissible as unaltered.
    evidenceBundleLock: ObjectLockRetention.compliance(PROD_BUNDLE_RETENTION),
    bundleAccessLogExpiration: PROD_BUNDLE_RETENTION,
    tableCapacity: PROD_TABLE_CAPACITY,
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
