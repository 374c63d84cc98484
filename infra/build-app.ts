/**
 * Builds the Offside CDK app. infra/app.ts (the `cdk` entry point) and the infrastructure tests
 * both call this, so the tests check exactly what `cdk synth` produces, cdk-nag included.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import type { Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseStage } from './stage';
import type { Stage } from './stage';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface BuildAppOptions {
  /**
   * Context values, as `-c key=value` would give them. Besides the feature flags of cdk.json:
   * `stage` (dev | prod, default dev); `account` and `region` (both, or the stacks stay
   * environment-agnostic); `alarmEmail` (comma-separated addresses subscribed to the alarm topic).
   * @default - only what the cdk CLI passes
   */
  readonly context?: Record<string, unknown>;
  /**
   * Where the cloud assembly is written.
   * @default - cdk.out under the CLI, a temporary directory otherwise
   */
  readonly outdir?: string;
  /**
   * Consumer entry folders, for tests; must be inside the repository (esbuild's project root).
   * @default <repository>/functions
   */
  readonly functionsDir?: string;
}

export interface OffsideApp {
  readonly app: App;
  readonly stage: Stage;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

function optionalString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
  return value;
}

export function buildApp(options: BuildAppOptions = {}): OffsideApp {
  const app = new App({ context: options.context, outdir: options.outdir });
  const stage = parseStage(app.node.tryGetContext('stage'));

  const account = optionalString(app, 'account');
  const region = optionalString(app, 'region');
  if ((account === undefined) !== (region === undefined)) {
    throw new Error('set both account and region context values, or neither (environment-agnostic stacks)');
  }
  const env: Environment | undefined = account !== undefined && region !== undefined ? { account, region } : undefined;
  const alarmEmailAddresses = (optionalString(app, 'alarmEmail') ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');

  const prefix = `Offside-${stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    stackName: `${prefix}-Stateful`,
    description: `Offside (${stage}): tables, inbound queues, hash-key secret, alarm topic`,
    env,
    stage,
    alarmEmailAddresses,
    terminationProtection: stage === 'prod',
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    stackName: `${prefix}-Stateless`,
    description: `Offside (${stage}): ingestion consumers and their alarms`,
    env,
    stage,
    functionsDir: options.functionsDir,
    evidenceTable: stateful.evidenceTable,
    idempotencyTable: stateful.idempotencyTable,
    casesTable: stateful.casesTable,
    inboundQueues: stateful.inboundQueues,
    handleHashKeySecret: stateful.handleHashKeySecret,
    alarmTopic: stateful.alarmTopic,
  });

  Tags.of(app).add('Project', 'Offside');
  Tags.of(app).add('Stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  return { app, stage, stateful, stateless };
}
