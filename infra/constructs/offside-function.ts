import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel as EsbuildLogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { stageSettings } from '../stage';
import type { LogLevel, Stage } from '../stage';

/** The repository root: the esbuild project root, holding package-lock.json and tsconfig.json. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Lets the ESM bundle load CommonJS dependencies that call `require` (esbuild's ESM output has none). */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const DEFAULT_FUNCTION_TIMEOUT = Duration.seconds(30);
export const DEFAULT_FUNCTION_MEMORY_MB = 512;

export interface OffsideFunctionProps {
  /** The TypeScript entry file; it must export the handler named by `handler`. */
  readonly entry: string;
  /** Decides the log retention, the log group's removal policy and the default log level. */
  readonly stage: Stage;
  /**
   * POWERTOOLS_SERVICE_NAME: the `service` field of every log line.
   * @default - the construct id
   */
  readonly serviceName?: string;
  /**
   * The exported handler.
   * @default 'handler'
   */
  readonly handler?: string;
  /** @default - none */
  readonly description?: string;
  /**
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * LOG_LEVEL for the Powertools logger.
   * @default - 'DEBUG' in dev, 'INFO' in prod
   */
  readonly logLevel?: LogLevel;
  /**
   * Retention of the function's log group.
   * @default - one month in dev, one year in prod
   */
  readonly logRetention?: RetentionDays;
  /**
   * Environment variables added to POWERTOOLS_SERVICE_NAME, LOG_LEVEL and NODE_OPTIONS.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Reserved concurrency; caps how far the function scales.
   * @default - unreserved, the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A Node.js Lambda function with Offside's defaults: Node.js 22 on arm64, active X-Ray tracing, an
 * ESM bundle built by the local esbuild (minified, with source maps, AWS SDK v3 left to the runtime),
 * an explicit log group with retention, and an execution role that can write only to that log group
 * (no AWS managed policy); callers add further permissions with `grant*` calls.
 */
export class OffsideFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: OffsideFunctionProps) {
    super(scope, id);
    const settings = stageSettings(props.stage);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): write to this log group only.
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      timeout: props.timeout ?? DEFAULT_FUNCTION_TIMEOUT,
      memorySize: props.memorySize ?? DEFAULT_FUNCTION_MEMORY_MB,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? id,
        LOG_LEVEL: props.logLevel ?? settings.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
        tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
        logLevel: EsbuildLogLevel.WARNING,
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose: package.json engines (>=22 <23), the local platform and the tests all run on 22, and the bundle targets node22. Moving to a newer runtime is a deliberate upgrade of all of them together.',
    });
    // Active tracing adds xray:PutTraceSegments/PutTelemetryRecords on "*" to the role's default
    // policy. X-Ray supports no resource-level permissions, so "*" is the only possible resource.
    // test/infra/stacks.test.ts checks that no other action is granted on "*".
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy !== undefined) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html), so their resource must be "*".',
      });
    }
  }
}
