/**
 * The CDK app as `cdk synth` builds it (same buildApp, same cdk.json context), checked for the
 * properties the rest of Offside relies on, for the security-relevant settings of every resource,
 * and for cdk-nag (AwsSolutions) findings. One synthesis per stage, shared by every test.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../infra/build-app';
import type { OffsideApp } from '../../infra/build-app';
import { CONSOLE_GROUPS } from '../../infra/constructs/console-identity';
import { PUBLIC_ROUTE_KEYS } from '../../infra/constructs/console-api';
import { CONSUMER_MAX_BATCHING_WINDOW, CONSUMER_TIMEOUT } from '../../infra/constructs/consumer-timing';
import { CASE_KEY_PREFIX } from '../../infra/constructs/ladder-starter';
import { DEFAULT_BACKTEST_CONCURRENCY } from '../../infra/constructs/backtest';
import { machineLabel } from '../../infra/constructs/enforcement-ladder';
import { RUNGS } from '../../shared/domain/ladder/rungs';
import type { Stage } from '../../infra/stage';
import { SHADOW_FAILURE_MESSAGE } from '../../shared/use-cases/shadow-judging';
import { CASES_TABLE, EVIDENCE_TABLE, TABLES } from '../../shared/adapters/dynamodb/tables';
import { stageSettings } from '../../infra/stage';
import { PROD_TABLE_CAPACITY, TARGET_UTILIZATION_PERCENT, capacityOf } from '../../infra/table-capacity';
import { CONSUMER_BATCH_SIZE, INBOUND_QUEUES, SELLER_EVENTS_QUEUE, STATEMENTS_BATCH_SIZE, STATEMENTS_QUEUE } from '../../shared/adapters/sqs/queues';
import { DEFAULT_TRANSPARENCY_DATABASE_ENDPOINT, STATEMENT_SUBMITTER_TIMEOUT, STATEMENT_SUBMITTER_VISIBILITY_TIMEOUT } from '../../infra/constructs/statement-submitter';

const SYNTH_TIMEOUT = 120_000;

/** The context `cdk synth` gets from cdk.json (feature flags included). */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = z.object({ context: z.record(z.string(), z.unknown()) });
  return cdkJson.parse(JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'))).context;
}

/** What a prod deployment must be given (build-app refuses the dev examples in prod). */
const PROD_NOTICE_CONTEXT = {
  noticeFrom: 'Trust & Safety <trust-safety@notices.offside.test>',
  legalTeamAddress: 'legal@offside.test',
  sellerNoticeDomain: 'sellers.marketplace.test',
  buyerNoticeDomain: 'buyers.marketplace.test',
  noticeContestAddress: 'notice-review@marketplace.test',
  courseUrl: 'https://sellers.marketplace.test/learn/communication-policy',
  appealAddress: 'appeals@marketplace.test',
};

const PROD_TRANSPARENCY_ENDPOINT = 'https://transparency.dsa.ec.europa.eu/';

const contextFor = (stage: Stage): Record<string, unknown> => ({
  ...cdkJsonContext(),
  stage,
  ...(stage === 'prod' ? { ...PROD_NOTICE_CONTEXT, transparencyDatabaseEndpoint: PROD_TRANSPARENCY_ENDPOINT } : {}),
});

const ValidationReport = z.object({
  pluginReports: z.array(
    z.object({
      pluginName: z.string(),
      violations: z.array(z.object({ ruleName: z.string(), description: z.string().optional() }).loose()),
    }),
  ),
});
type ValidationReport = z.infer<typeof ValidationReport>;

/** The validation report CDK writes into the cloud assembly; absent when nothing was reported. */
function readValidationReport(directory: string): ValidationReport {
  const file = join(directory, VALIDATION_REPORT_FILE);
  if (!existsSync(file)) return { pluginReports: [] };
  return ValidationReport.parse(JSON.parse(readFileSync(file, 'utf8')));
}

function findings(report: ValidationReport): string[] {
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.map((violation) => `${plugin.pluginName}: ${violation.ruleName} ${violation.description ?? ''}`),
  );
}

/** How the ladder's machines are named after their starting rung. */
const LADDER_MACHINE_LABELS = RUNGS.map((rung) => machineLabel(rung));

const Resource = z
  .object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).default({}), DeletionPolicy: z.string().optional() })
  .loose();
type Resource = z.infer<typeof Resource>;

/** Every resource of a type, by logical id, properties parsed loosely. */
function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)).map(([id, resource]) => [id, Resource.parse(resource)]);
}

/**
 * The logical id behind a cross-stack reference (`{"Fn::ImportValue": "<stack>:ExportsOutputFnGetAtt<id><Attr><hash>"}`)
 * or a local one (`{"Ref": id}`, `{"Fn::GetAtt": [id, attr]}`).
 */
function referencedLogicalId(value: unknown, candidates: readonly string[]): string | undefined {
  const text = JSON.stringify(value);
  return candidates.find((id) => new RegExp(`(ExportsOutput(FnGetAtt|Ref)${id}[A-Z]|"${id}")`).test(text));
}

const PolicyStatement = z.object({
  Effect: z.string(),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.unknown().optional(),
});
type PolicyStatement = z.infer<typeof PolicyStatement>;
const PolicyDocument = z.object({ Statement: z.array(PolicyStatement) });

/**
 * CDK's BucketDeployment handler (a Python function run by CloudFormation only while deploying,
 * to copy the console bundle into its bucket) is CDK's, not ours: the rules for our functions and
 * their roles leave it out, and 'the web console' tests check what it may do.
 */
const isDeploymentHandler = (logicalId: string) => logicalId.startsWith('CustomCDKBucketDeployment');

/** Every statement of every identity policy (IAM::Policy, IAM::ManagedPolicy, inline role policies), ours unless asked. */
function identityPolicyStatements(template: Template, options: { withDeploymentHandler?: boolean } = {}): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [id, resource] of Object.entries(template.findResources(type))) {
      if (isDeploymentHandler(id) !== Boolean(options.withDeploymentHandler)) continue;
      const { PolicyDocument: document } = z.object({ Properties: z.object({ PolicyDocument }) }).parse(resource).Properties;
      statements.push(...document.Statement);
    }
  }
  for (const [id, resource] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    if (isDeploymentHandler(id) !== Boolean(options.withDeploymentHandler)) continue;
    const roleSchema = z.object({ Properties: z.object({ Policies: z.array(z.object({ PolicyDocument })).optional() }) });
    for (const policy of roleSchema.parse(resource).Properties.Policies ?? []) statements.push(...policy.PolicyDocument.Statement);
  }
  return statements;
}

const actionsOf = (statement: PolicyStatement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const resourcesOfStatement = (statement: PolicyStatement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

/**
 * The only actions granted on Resource "*", each because AWS supports no resource-level permission
 * for it (the Service Authorization Reference lists no resource type for these actions).
 */
const ACTIONS_ALLOWED_ON_ANY_RESOURCE: Readonly<Record<string, string>> = {
  'xray:PutTraceSegments': 'X-Ray active tracing of functions and the state machine; X-Ray has no resource-level permissions',
  'xray:PutTelemetryRecords': 'X-Ray active tracing; no resource-level permissions',
  'xray:GetSamplingRules': 'state machine tracing; no resource-level permissions',
  'xray:GetSamplingTargets': 'state machine tracing; no resource-level permissions',
  'dynamodb:ListStreams': "the ladder-starter's stream event source; ListStreams supports no resource type",
  'logs:CreateLogDelivery': 'state machine logging to CloudWatch Logs (vended log delivery); must be "*"',
  'logs:GetLogDelivery': 'state machine logging; must be "*"',
  'logs:UpdateLogDelivery': 'state machine logging; must be "*"',
  'logs:DeleteLogDelivery': 'state machine logging; must be "*"',
  'logs:ListLogDeliveries': 'state machine logging; must be "*"',
  'logs:PutResourcePolicy': 'state machine logging (the log group resource policy for delivery); must be "*"',
  'logs:DescribeResourcePolicies': 'state machine logging; must be "*"',
  'logs:DescribeLogGroups': 'state machine logging; must be "*"',
};

describe.each<Stage>(['dev', 'prod'])('the %s app', (stage) => {
  let outdir: string;
  let built: OffsideApp;
  let validationReport: ValidationReport;
  let stateful: Template;
  let stateless: Template;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), `offside-cdk-${stage}-`));
    built = buildApp({ context: contextFor(stage), outdir });
    // Throws when a validation plugin (cdk-nag included) reports an error.
    const assembly = built.app.synth();
    validationReport = readValidationReport(assembly.directory);
    stateful = Template.fromStack(built.stateful);
    stateless = Template.fromStack(built.stateless);
  }, SYNTH_TIMEOUT);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  /** Alarms of the stateless stack on `metricName`, keyed by the logical id (in the stateful stack) their dimension refers to. */
  const alarmedQueues = (metricName: string): Set<string> => {
    const queueIds = resourcesOf(stateful, 'AWS::SQS::Queue').map(([id]) => id);
    const alarmed = new Set<string>();
    for (const [, alarm] of resourcesOf(stateless, 'AWS::CloudWatch::Alarm')) {
      const { Namespace, MetricName, Dimensions, AlarmActions } = alarm.Properties;
      if (Namespace !== 'AWS/SQS' || MetricName !== metricName) continue;
      expect(AlarmActions, 'every alarm notifies the alarm topic').toHaveLength(1);
      const id = referencedLogicalId(Dimensions, queueIds);
      if (id !== undefined) alarmed.add(id);
    }
    return alarmed;
  };

  /** The ladder's machines, by logical id, in rung order (their names end in the rung's label). */
  const ladderMachines = (): [string, Resource][] =>
    LADDER_MACHINE_LABELS.map((label) => {
      const found = resourcesOf(stateless, 'AWS::StepFunctions::StateMachine').find(([, machine]) => machine.Properties.StateMachineName === `Offside-${stage}-EnforcementLadder-${label}`);
      if (!found) throw new Error(`no ladder machine ${label}`);
      return found;
    });

  describe('names and stage', () => {
    it('names the stacks, queues, configuration set, state machine and dashboard after the stage', () => {
      expect(built.stateful.stackName).toBe(`Offside-${stage}-Stateful`);
      expect(built.stateless.stackName).toBe(`Offside-${stage}-Stateless`);
      const queueNames = resourcesOf(stateful, 'AWS::SQS::Queue').map(([, queue]) => queue.Properties.QueueName);
      expect(queueNames).toEqual(expect.arrayContaining([`offside-${stage}-reviews`, `offside-${stage}-reviews-dlq`, `offside-${stage}-seller-events-dlq`]));
      for (const name of queueNames) expect(name).toMatch(new RegExp(`^offside-${stage}-`));
      stateful.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: `offside-${stage}-notices` });
      for (const label of LADDER_MACHINE_LABELS) stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: `Offside-${stage}-EnforcementLadder-${label}` });
      stateless.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `Offside-${stage}` });
    });

    it('keeps data in prod (retain, deletion protection) and lets dev be torn down', () => {
      const expected = stage === 'prod' ? 'Retain' : 'Delete';
      for (const type of ['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret']) {
        for (const [id, resource] of resourcesOf(stateful, type)) {
          expect(resource.DeletionPolicy, `${type} ${id}`).toBe(expected);
        }
      }
      stateful.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: stage === 'prod' ? 'ACTIVE' : 'INACTIVE' });
      // Sealed bundles are never deleted with the stack, in any stage.
      stateful.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({ ObjectLockEnabled: true }), DeletionPolicy: 'Retain' });
    });
  });

  it('has no unacknowledged cdk-nag, CloudFormation-validation or annotation findings', () => {
    expect(findings(validationReport)).toEqual([]);
  });

  describe('tables', () => {
    it('creates every table of TABLES with string keys, TTL, PITR, SSE, streams as defined, billed as the stage plans', () => {
      stateful.resourceCountIs('AWS::DynamoDB::Table', TABLES.length);
      for (const definition of TABLES) {
        const keySchema = [{ AttributeName: definition.partitionKey, KeyType: 'HASH' }];
        const attributes = [{ AttributeName: definition.partitionKey, AttributeType: 'S' }];
        if (definition.sortKey !== undefined) {
          keySchema.push({ AttributeName: definition.sortKey, KeyType: 'RANGE' });
          attributes.push({ AttributeName: definition.sortKey, AttributeType: 'S' });
        }
        stateful.hasResource('AWS::DynamoDB::Table', {
          Properties: Match.objectLike({
            KeySchema: keySchema,
            AttributeDefinitions: Match.arrayWith(attributes),
            // Provisioned is CloudFormation's default billing mode: the template gives the throughput instead.
            ...(capacityOf(stageSettings(stage).tableCapacity, definition.name).mode === 'provisioned'
              ? { BillingMode: Match.absent(), ProvisionedThroughput: Match.objectLike({ ReadCapacityUnits: Match.anyValue(), WriteCapacityUnits: Match.anyValue() }) }
              : { BillingMode: 'PAY_PER_REQUEST', ProvisionedThroughput: Match.absent() }),
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: Match.objectLike({ SSEEnabled: true }),
            TimeToLiveSpecification:
              definition.timeToLiveAttribute === undefined ? Match.absent() : { AttributeName: definition.timeToLiveAttribute, Enabled: true },
            StreamSpecification: definition.stream === undefined ? Match.absent() : { StreamViewType: definition.stream },
            GlobalSecondaryIndexes:
              definition.globalSecondaryIndexes === undefined
                ? Match.absent()
                : definition.globalSecondaryIndexes.map((index) => Match.objectLike({ IndexName: index.indexName })),
            DeletionProtectionEnabled: stage === 'prod',
          }),
        });
      }
    });

    it(stage === 'prod'
      ? 'provisions the evidence and cases tables (and the cases index) with auto scaling at 70% utilisation, between the plan’s floor and ceiling; the others on demand'
      : 'bills every table on demand', () => {
      const provisioned = stage === 'prod' ? [EVIDENCE_TABLE.name, CASES_TABLE.name] : [];
      const tables = resourcesOf(stateful, 'AWS::DynamoDB::Table');
      const billed = (id: string, billing: string) => {
        const properties = tables.find(([tableId]) => tableId === id)?.[1].Properties;
        expect(properties?.BillingMode ?? (properties?.ProvisionedThroughput === undefined ? undefined : 'PROVISIONED'), id).toBe(billing);
      };
      const idOf = (name: string) => {
        const cfn = built.stateful.tables.get(name)?.node.defaultChild;
        if (!(cfn instanceof CfnTable)) throw new Error(`no table ${name}`);
        return built.stateful.getLogicalId(cfn);
      };
      for (const definition of TABLES) billed(idOf(definition.name), provisioned.includes(definition.name) ? 'PROVISIONED' : 'PAY_PER_REQUEST');
      // One scalable target and one target-tracking policy per table or index and per read/write.
      const targets = resourcesOf(stateful, 'AWS::ApplicationAutoScaling::ScalableTarget');
      const policies = resourcesOf(stateful, 'AWS::ApplicationAutoScaling::ScalingPolicy');
      const expected: { table: string; dimension: string; index?: string; min: number; max: number }[] = [];
      for (const name of provisioned) {
        const capacity = PROD_TABLE_CAPACITY[name];
        if (capacity?.mode !== 'provisioned') throw new Error(`${name} is not provisioned in the plan`);
        expected.push({ table: name, dimension: 'dynamodb:table:ReadCapacityUnits', ...capacity.read }, { table: name, dimension: 'dynamodb:table:WriteCapacityUnits', ...capacity.write });
        for (const [index, range] of Object.entries(capacity.indexes ?? {})) {
          expected.push({ table: name, index, dimension: 'dynamodb:index:ReadCapacityUnits', ...range.read }, { table: name, index, dimension: 'dynamodb:index:WriteCapacityUnits', ...range.write });
        }
      }
      expect(targets).toHaveLength(expected.length);
      expect(policies).toHaveLength(expected.length);
      for (const { table, dimension, index, min, max } of expected) {
        const found = targets.filter(([, target]) => target.Properties.ScalableDimension === dimension && JSON.stringify(target.Properties.ResourceId).includes(idOf(table)) && (index === undefined || JSON.stringify(target.Properties.ResourceId).includes(`/index/${index}`)));
        expect(found, `${table} ${index ?? ''} ${dimension}`).toHaveLength(1);
        const [targetId, target] = found[0] ?? [];
        expect(target?.Properties).toMatchObject({ MinCapacity: min, MaxCapacity: max, ServiceNamespace: 'dynamodb' });
        expect(min).toBeLessThan(max);
        const policy = policies.find(([, candidate]) => JSON.stringify(candidate.Properties.ScalingTargetId).includes(targetId ?? '-'));
        expect(policy?.[1].Properties, `${table} ${dimension} policy`).toMatchObject({
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { TargetValue: TARGET_UTILIZATION_PERCENT },
        });
      }
    });

    it('has PITR and encryption on every table, whatever TABLES says', () => {
      for (const [id, table] of resourcesOf(stateful, 'AWS::DynamoDB::Table')) {
        expect(table.Properties, id).toMatchObject({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
        });
      }
    });
  });

  describe('queues', () => {
    it('gives every inbound queue a DLQ through its RedrivePolicy, and a visibility timeout >= 6x the consumer timeout', () => {
      const minimumVisibility = 6 * CONSUMER_TIMEOUT.toSeconds() + CONSUMER_MAX_BATCHING_WINDOW.toSeconds();
      expect(built.stateful.inboundQueues.map((inbound) => inbound.definition)).toEqual(INBOUND_QUEUES);
      for (const inbound of built.stateful.inboundQueues) {
        stateful.hasResourceProperties('AWS::SQS::Queue', {
          QueueName: `offside-${stage}-${inbound.definition.name.replace(/^offside-/, '')}`,
          RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: inbound.definition.maxReceiveCount },
          VisibilityTimeout: Match.anyValue(),
        });
      }
      for (const [, queue] of resourcesOf(stateful, 'AWS::SQS::Queue')) {
        if (INBOUND_QUEUES.some((definition) => queue.Properties.QueueName === `offside-${stage}-${definition.name.replace(/^offside-/, '')}`)) {
          expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(minimumVisibility);
        }
      }
    });

    it('gives the seller-events queue a DLQ with its maxReceiveCount', () => {
      stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `offside-${stage}-seller-events`,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: SELLER_EVENTS_QUEUE.maxReceiveCount },
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    });

    it('gives every queue a DLQ, or makes it one (a redrive target or an event source on-failure destination)', () => {
      const queues = resourcesOf(stateful, 'AWS::SQS::Queue');
      const queueIds = queues.map(([id]) => id);
      const redriveTargets = new Set(
        queues.flatMap(([, queue]) => {
          const target = referencedLogicalId(queue.Properties.RedrivePolicy, queueIds);
          return target === undefined ? [] : [target];
        }),
      );
      const onFailureTargets = new Set(
        resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping').flatMap(([, mapping]) => {
          const target = referencedLogicalId(mapping.Properties.DestinationConfig, queueIds);
          return target === undefined ? [] : [target];
        }),
      );
      for (const [id, queue] of queues) {
        const hasDeadLetterQueue = queue.Properties.RedrivePolicy !== undefined;
        const isDeadLetterQueue = redriveTargets.has(id) || onFailureTargets.has(id);
        expect(hasDeadLetterQueue !== isDeadLetterQueue, `${id} has a DLQ xor is one`).toBe(true);
      }
      expect(redriveTargets.size).toBe(INBOUND_QUEUES.length + 2);
      expect(onFailureTargets.size).toBe(1);
      // 2 per inbound queue, 2 for seller events, 2 for statements, 1 for the ladder-starter's failures.
      stateful.resourceCountIs('AWS::SQS::Queue', 2 * INBOUND_QUEUES.length + 5);
    });

    it('encrypts every queue, refuses plain HTTP to every queue, and keeps dead letters 14 days', () => {
      const queues = resourcesOf(stateful, 'AWS::SQS::Queue');
      for (const [id, queue] of queues) {
        expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
        if (queue.Properties.RedrivePolicy === undefined) expect(queue.Properties.MessageRetentionPeriod, id).toBe(14 * 24 * 3600);
      }
      const policies = resourcesOf(stateful, 'AWS::SQS::QueuePolicy');
      expect(policies).toHaveLength(queues.length);
      for (const [, policy] of policies) {
        expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
      }
    });

    it('alarms on the depth of every dead-letter queue', () => {
      const queues = resourcesOf(stateful, 'AWS::SQS::Queue');
      const deadLetterQueues = queues.filter(([, queue]) => queue.Properties.RedrivePolicy === undefined).map(([id]) => id);
      expect(deadLetterQueues).toHaveLength(INBOUND_QUEUES.length + 3);
      expect([...alarmedQueues('ApproximateNumberOfMessagesVisible')].sort()).toEqual([...deadLetterQueues].sort());
      for (const [, alarm] of resourcesOf(stateless, 'AWS::CloudWatch::Alarm')) {
        if (alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible') {
          expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        }
      }
    });

    it('alarms on the age of the oldest message of every queue that has a DLQ', () => {
      const sources = resourcesOf(stateful, 'AWS::SQS::Queue')
        .filter(([, queue]) => queue.Properties.RedrivePolicy !== undefined)
        .map(([id]) => id);
      expect([...alarmedQueues('ApproximateAgeOfOldestMessage')].sort()).toEqual([...sources].sort());
    });
  });

  describe('functions', () => {
    it('runs every function on nodejs22.x, arm64, with active tracing, a timeout and its own log group', () => {
      expect(stateful.findResources('AWS::Lambda::Function')).toEqual({});
      const functions = resourcesOf(stateless, 'AWS::Lambda::Function').filter(([id]) => !isDeploymentHandler(id));
      expect(functions).toHaveLength(INBOUND_QUEUES.length + 5); // the consumers, ladder-step, ladder-starter, console-api, submit-statements, backtest-step
      for (const [id, fn] of functions) {
        expect(fn.Properties, id).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          Timeout: expect.any(Number) as unknown,
          LoggingConfig: { LogGroup: expect.anything() as unknown },
          Environment: { Variables: { LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG', POWERTOOLS_SERVICE_NAME: expect.any(String) as unknown } },
        });
      }
      for (const [id, logGroup] of resourcesOf(stateless, 'AWS::Logs::LogGroup')) {
        expect(logGroup.Properties.RetentionInDays, id).toBe(stage === 'prod' ? 365 : 30);
      }
    });

    it('gives every function a role of its own, with no managed policy', () => {
      for (const [id, role] of resourcesOf(stateless, 'AWS::IAM::Role').filter(([roleId]) => !isDeploymentHandler(roleId))) {
        expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
      }
    });

    const environmentOf = (service: string): Record<string, unknown> => {
      const match = resourcesOf(stateless, 'AWS::Lambda::Function').find(
        ([, fn]) => JSON.stringify(fn.Properties.Environment).includes(`"POWERTOOLS_SERVICE_NAME":"${service}"`),
      );
      if (match === undefined) throw new Error(`no function with service ${service}`);
      return z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(match[1].Properties.Environment).Variables;
    };

    it.each(INBOUND_QUEUES.map((definition) => definition.consumer))('gives %s the consumer environment', (consumer) => {
      expect(Object.keys(environmentOf(consumer))).toEqual(
        expect.arrayContaining([
          'EVIDENCE_TABLE_NAME',
          'CASES_TABLE_NAME',
          'RULES_TABLE_NAME',
          'DEAD_LETTER_QUEUE_URL',
          'EVIDENCE_RETENTION_DAYS',
          'HANDLE_HASH_KEY_SECRET_ARN',
        ]),
      );
      // No idempotency record: the consumers' writes are idempotent by design (issue 18).
      expect(Object.keys(environmentOf(consumer))).not.toContain('IDEMPOTENCY_TABLE_NAME');
    });

    it('gives ladder-step, ladder-starter and console-api the environment their config requires', () => {
      expect(Object.keys(environmentOf('ladder-step'))).toEqual(
        expect.arrayContaining([
          'CASES_TABLE_NAME',
          'EVIDENCE_TABLE_NAME',
          'NOTICES_TABLE_NAME',
          'AUDIT_TABLE_NAME',
          'EVIDENCE_BUCKET_NAME',
          'SELLER_EVENTS_QUEUE_URL',
          'NOTICE_FROM_ADDRESS',
          'SES_CONFIGURATION_SET_NAME',
          'LEGAL_TEAM_ADDRESS',
          'COURSE_URL',
          'APPEAL_ADDRESS',
          'SELLER_NOTICE_DOMAIN',
        ]),
      );
      expect(Object.keys(environmentOf('ladder-starter'))).toEqual(expect.arrayContaining(['STATE_MACHINE_ARNS', 'CASES_TABLE_NAME']));
      expect(Object.keys(environmentOf('console-api'))).toEqual(
        expect.arrayContaining([
          'CASES_TABLE_NAME',
          'EVIDENCE_TABLE_NAME',
          'AUDIT_TABLE_NAME',
          'NOTICES_TABLE_NAME',
          'RULES_TABLE_NAME',
          'STATE_MACHINE_ARNS',
          'SELLER_EVENTS_QUEUE_URL',
          'HANDLE_HASH_KEY_SECRET_ARN',
          'EVIDENCE_RETENTION_DAYS',
          'NOTICE_FROM_ADDRESS',
          'SES_CONFIGURATION_SET_NAME',
          'SELLER_NOTICE_DOMAIN',
        ]),
      );
      const expectedFrom = stage === 'prod' ? PROD_NOTICE_CONTEXT.noticeFrom : expect.stringContaining('@') as unknown;
      expect(environmentOf('ladder-step').NOTICE_FROM_ADDRESS).toEqual(expectedFrom);
    });

    it('hands ladder-starter and console-api the ladder’s machines by starting rung, as one JSON object (STATE_MACHINE_ARNS)', () => {
      const machines = ladderMachines();
      for (const service of ['ladder-starter', 'console-api']) {
        // The JSON with each machine's ARN (a Ref in the template) put in: the Refs in rung order.
        const joined = z.object({ 'Fn::Join': z.tuple([z.literal(''), z.array(z.unknown())]) }).parse(environmentOf(service).STATE_MACHINE_ARNS)['Fn::Join'][1];
        const text = joined.map((part) => (typeof part === 'string' ? part : `"${z.object({ Ref: z.string() }).parse(part).Ref}"`)).join('').replaceAll('""', '"');
        expect(JSON.parse(text), service).toEqual(Object.fromEntries(RUNGS.map((rung, index) => [rung, machines[index]?.[0]])));
      }
    });

    it('lets ladder-starter start executions on each of the ladder’s machines, and console-api answer their tasks', () => {
      const machineIds = ladderMachines().map(([id]) => id);
      const statements = identityPolicyStatements(stateless);
      /** The machines some statement granting `action` names. */
      const grantedOn = (action: string) => {
        const resources = statements.filter((statement) => actionsOf(statement).includes(action)).flatMap(resourcesOfStatement);
        return machineIds.filter((id) => resources.some((resource) => referencedLogicalId(resource, [id]) === id));
      };
      expect(grantedOn('states:StartExecution')).toEqual(machineIds);
      expect(grantedOn('states:SendTaskSuccess')).toEqual(machineIds);
    });

    it('reports partial batch failures from every event source mapping', () => {
      const mappings = resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping');
      expect(mappings).toHaveLength(INBOUND_QUEUES.length + 2);
      for (const [id, mapping] of mappings) {
        expect(mapping.Properties.FunctionResponseTypes, id).toEqual(['ReportBatchItemFailures']);
      }
      const sqsMappings = mappings.filter(([id, mapping]) => JSON.stringify(mapping.Properties.EventSourceArn).includes('Queue') && !id.startsWith('StatementSubmitter'));
      expect(sqsMappings).toHaveLength(INBOUND_QUEUES.length);
      for (const [, mapping] of sqsMappings) {
        expect(mapping.Properties).toMatchObject({
          BatchSize: CONSUMER_BATCH_SIZE,
          MaximumBatchingWindowInSeconds: CONSUMER_MAX_BATCHING_WINDOW.toSeconds(),
        });
      }
    });

    it("starts the ladder from the cases stream: case items only, latest, bisected, 5 retries, then the failure queue", () => {
      stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('OffsideCases.*StreamArn') },
        StartingPosition: 'LATEST',
        BatchSize: 10,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::ImportValue': Match.stringLikeRegexp('LadderStarterFailures') } } },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: CASE_KEY_PREFIX }] } } } }) }] },
      });
    });

    it('counts each consumer\'s failed shadow judgements from its log line (a metric, no alarm: the live judgement stood)', () => {
      const filters = resourcesOf(stateless, 'AWS::Logs::MetricFilter').filter(([, filter]) => JSON.stringify(filter.Properties).includes('shadow-failures'));
      expect(filters).toHaveLength(INBOUND_QUEUES.length);
      for (const [, filter] of filters) {
        expect(filter.Properties.FilterPattern).toBe(`{ $.message = "${SHADOW_FAILURE_MESSAGE}" }`);
        expect(filter.Properties.MetricTransformations).toEqual([expect.objectContaining({ MetricNamespace: 'Offside', MetricValue: '1' })]);
      }
    });

    it('alarms on errors of every function (whole-invocation failures)', () => {
      const functionIds = resourcesOf(stateless, 'AWS::Lambda::Function')
        .map(([id]) => id)
        .filter((id) => !isDeploymentHandler(id));
      const alarmed = resourcesOf(stateless, 'AWS::CloudWatch::Alarm')
        .filter(([, alarm]) => alarm.Properties.Namespace === 'AWS/Lambda' && alarm.Properties.MetricName === 'Errors')
        .map(([, alarm]) => referencedLogicalId(alarm.Properties.Dimensions, functionIds));
      const stepId = functionIds.find((id) => id.startsWith('EnforcementStep'));
      // The ladder step's failures surface as failed executions (it is retried by the workflow first).
      expect(alarmed.sort()).toEqual(functionIds.filter((id) => id !== stepId).sort());
    });
  });

  describe('IAM', () => {
    it('grants no "*" or service-wide wildcard action', () => {
      expect(identityPolicyStatements(stateless).length).toBeGreaterThan(0);
      for (const template of [stateful, stateless]) {
        for (const statement of identityPolicyStatements(template).filter((s) => s.Effect === 'Allow')) {
          for (const action of actionsOf(statement)) {
            expect(action).not.toBe('*');
            expect(action).not.toMatch(/^[A-Za-z0-9-]+:\*$/);
          }
        }
      }
    });

    it('grants on Resource "*" only the actions AWS offers no resource-level permission for', () => {
      for (const template of [stateful, stateless]) {
        for (const statement of identityPolicyStatements(template).filter((s) => s.Effect === 'Allow')) {
          if (resourcesOfStatement(statement).includes('*')) {
            expect(actionsOf(statement).filter((action) => ACTIONS_ALLOWED_ON_ANY_RESOURCE[action] === undefined)).toEqual([]);
          }
        }
      }
    });

    it('scopes ses:SendEmail to the notice sender identity and the configuration set', () => {
      const sesStatements = identityPolicyStatements(stateless).filter((statement) => actionsOf(statement).includes('ses:SendEmail'));
      expect(sesStatements).toHaveLength(2); // ladder-step and console-api
      for (const statement of sesStatements) {
        const resources = JSON.stringify(statement.Resource);
        expect(resources).toContain(':identity/');
        expect(resources).toContain(':configuration-set/');
        expect(resources).not.toContain('"*"');
      }
    });

    it('lets the consumers read the rules table and only seed it (a put), the console API change it, nothing else touch it', () => {
      const rulesTable = Object.keys(stateful.findResources('AWS::DynamoDB::Table')).find((id) => id.startsWith('OffsideRules'));
      expect(rulesTable).toBeDefined();
      const onRules = identityPolicyStatements(stateless).filter((statement) => JSON.stringify(statement.Resource).includes(rulesTable ?? 'none'));
      const writes = (statement: PolicyStatement) => actionsOf(statement).filter((action) => ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'].includes(action));
      // Three consumers and the console API; neither the ladder nor its starter.
      expect(onRules).toHaveLength(INBOUND_QUEUES.length + 1);
      const consumerWrites = onRules.map(writes).filter((actions) => actions.length === 1);
      expect(consumerWrites).toEqual(INBOUND_QUEUES.map(() => ['dynamodb:PutItem']));
      expect(onRules.map(writes).filter((actions) => actions.length > 1)).toHaveLength(1);
    });

    /** The S3 actions of every statement of a role's policies (the role found by its logical id's prefix). */
    const s3ActionsOf = (rolePrefix: string) =>
      resourcesOf(stateless, 'AWS::IAM::Policy')
        .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(rolePrefix))
        .flatMap(([, policy]) => PolicyDocument.parse(policy.Properties.PolicyDocument).Statement)
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')));

    it('lets the ladder step only put objects into the bundle bucket (no read, delete or lock change)', () => {
      const s3Statements = identityPolicyStatements(stateless).filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')));
      const [bundle] = s3ActionsOf('EnforcementStepRole');
      expect(bundle && actionsOf(bundle)).toEqual(['s3:PutObject']);
      expect(JSON.stringify(bundle?.Resource)).toContain(`offside-${stage}-evidence-bundles-`);
      // The only other S3 grants are the backtest's (below).
      expect(s3Statements).toHaveLength(3);
      expect(s3ActionsOf('Backtest')).toHaveLength(2);
    });

    it("lets backtest-step only read and write the backtest bucket's run objects, and the state machine only read its manifests", () => {
      const [step] = s3ActionsOf('BacktestStepRole');
      expect(step && actionsOf(step).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      expect(step?.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^BacktestBucket/u), 'Arn'] }, '/runs/*']] });
      const [machine] = s3ActionsOf('BacktestStateMachineRole');
      expect(machine && actionsOf(machine)).toEqual(['s3:GetObject']);
      expect(JSON.stringify(machine?.Resource)).toMatch(/"Ref":"BacktestBucket[0-9A-F]+"\},"\/\*"/u);
      // Only its own function, and only its own child executions.
      const invokes = identityPolicyStatements(stateless).filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction') && JSON.stringify(statement.Resource).includes('BacktestStepFunction'));
      expect(invokes).toHaveLength(1);
      expect(JSON.stringify(invokes[0]?.Resource)).not.toMatch(/EnforcementStep|ConsoleApi|Ingest/u);
      const [, mapPolicy] = resourcesOf(stateless, 'AWS::IAM::Policy').find(([id]) => id.startsWith('BacktestStateMachineDistributedMapPolicy')) ?? [];
      const mapStatements = PolicyDocument.parse(mapPolicy?.Properties.PolicyDocument).Statement;
      expect(mapStatements.flatMap(actionsOf).sort()).toEqual(['states:DescribeExecution', 'states:RedriveExecution', 'states:StartExecution', 'states:StopExecution']);
      for (const statement of mapStatements) expect(JSON.stringify(statement.Resource)).toMatch(/BacktestStateMachine[0-9A-F]+/u);
    });
  });

  describe('the evidence-bundle bucket', () => {
    const bundleBucket = (): Resource => {
      const [entry] = resourcesOf(stateful, 'AWS::S3::Bucket').filter(([, bucket]) => bucket.Properties.ObjectLockEnabled === true);
      if (entry === undefined) throw new Error('no bucket with Object Lock');
      return entry[1];
    };

    it('has Object Lock with the stage retention, and versioning', () => {
      const retention = stage === 'prod' ? { Mode: 'COMPLIANCE', Days: 7 * 365 + 2 } : { Mode: 'GOVERNANCE', Days: 1 };
      expect(bundleBucket().Properties).toMatchObject({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: retention } },
        VersioningConfiguration: { Status: 'Enabled' },
      });
    });

    it('blocks public access, disables ACLs, encrypts, and logs access', () => {
      for (const [id, bucket] of resourcesOf(stateful, 'AWS::S3::Bucket')) {
        expect(bucket.Properties, id).toMatchObject({
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: expect.any(String) as unknown } }] },
        });
      }
      expect(bundleBucket().Properties.LoggingConfiguration).toMatchObject({ DestinationBucketName: expect.anything() as unknown });
    });

    it('refuses requests without TLS (and below TLS 1.2) on every bucket', () => {
      const policies = resourcesOf(stateful, 'AWS::S3::BucketPolicy');
      expect(policies).toHaveLength(resourcesOf(stateful, 'AWS::S3::Bucket').length);
      for (const [id, policy] of policies) {
        const document = JSON.stringify(policy.Properties.PolicyDocument);
        expect(document, id).toContain('"Effect":"Deny"');
        expect(document, id).toContain('"aws:SecureTransport":"false"');
        expect(document, id).toContain('"s3:TlsVersion":1.2');
      }
    });
  });

  describe('the console API', () => {
    it('puts the JWT authorizer on every route except GET /health', () => {
      const routes = resourcesOf(stateless, 'AWS::ApiGatewayV2::Route');
      expect(routes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual(['ANY /v1/{proxy+}', 'GET /health', 'GET /openapi.json', 'GET /ready']);
      const [authorizerId] = resourcesOf(stateless, 'AWS::ApiGatewayV2::Authorizer').map(([id]) => id);
      for (const [id, route] of routes) {
        const isPublic = (PUBLIC_ROUTE_KEYS as readonly unknown[]).includes(route.Properties.RouteKey);
        if (isPublic) {
          expect(route.Properties.AuthorizationType, id).toBe('NONE');
        } else {
          expect(route.Properties, id).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
        }
      }
    });

    it('trusts tokens of the console user pool, for its app clients only (the CLI, the web console, and the two machine clients of the service routes)', () => {
      stateless.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { 'Fn::ImportValue': Match.stringLikeRegexp('ConsoleUserPool') }]] },
          // The CLI's client (stateful stack) and the web console's (ConsoleHosting).
          Audience: [
            { 'Fn::ImportValue': Match.stringLikeRegexp('ConsoleClient') },
            { Ref: Match.stringLikeRegexp('^ConsoleHostingWebClient') },
            { Ref: Match.stringLikeRegexp('^ServiceClientsHelpCentreClient') },
            { Ref: Match.stringLikeRegexp('^ServiceClientsMarketplaceRelayClient') },
          ],
        },
      });
    });

    it('throttles and writes a JSON access log on its one stage', () => {
      stateless.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
      });
    });

    it('alarms on 5xx responses', () => {
      stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Threshold: 0,
        AlarmActions: [Match.anyValue()],
      });
    });

    it('signs users in through a pool with no self sign-up, a strong password policy, MFA and threat protection', () => {
      stateful.resourceCountIs('AWS::Cognito::UserPool', 1);
      stateful.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      });
      stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED' });
    });

    it('has the groups analyst, legal and admin', () => {
      const groups = resourcesOf(stateful, 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName);
      expect(groups.sort()).toEqual(Object.keys(CONSOLE_GROUPS).sort());
      expect(groups.sort()).toEqual(['admin', 'analyst', 'legal']);
    });
  });

  describe('the web console', () => {
    const only = (type: string): [string, Resource] => {
      const all = resourcesOf(stateless, type);
      expect(all, type).toHaveLength(1);
      const [entry] = all;
      if (!entry) throw new Error(`no ${type}`);
      return entry;
    };
    const distribution = () => z.looseObject({ DistributionConfig: z.looseObject({}) }).parse(only('AWS::CloudFront::Distribution')[1].Properties).DistributionConfig;

    it('serves the bundle from a private bucket through CloudFront with origin access control', () => {
      const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
      expect(oac.Properties).toMatchObject({ OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' } });
      expect(distribution()).toMatchObject({ Origins: [{ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } }] });
      const buckets = resourcesOf(stateless, 'AWS::S3::Bucket');
      expect(buckets.map(([id]) => id.replace(/[0-9A-F]{8}$/u, '')).sort()).toEqual(['BacktestAccessLogs', 'BacktestBucket', 'ConsoleHostingBundle', 'ConsoleHostingLogs']); // the console's bundle and its logs, the backtest's runs and their access logs
      for (const [id, bucket] of buckets) {
        expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      }
      const policies = resourcesOf(stateless, 'AWS::S3::BucketPolicy').map(([, policy]) => JSON.stringify(policy.Properties.PolicyDocument));
      expect(policies.some((document) => document.includes('"Service":"cloudfront.amazonaws.com"') && document.includes('AWS:SourceArn'))).toBe(true);
      for (const document of policies) expect(document).toContain('"aws:SecureTransport":"false"');
    });

    it('answers over HTTPS only (HTTP redirects), compressed, and logs every request', () => {
      expect(distribution()).toMatchObject({
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', Compress: true },
        DefaultRootObject: 'index.html',
        Logging: { Bucket: expect.anything() as unknown },
      });
    });

    it('sends HSTS, a strict content security policy, and refuses framing and sniffing', () => {
      const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
      const headers = z.looseObject({ ResponseHeadersPolicyConfig: z.looseObject({ SecurityHeadersConfig: z.looseObject({}) }) }).parse(policy.Properties).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      expect(headers).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 730 * 86_400, IncludeSubdomains: true, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY' },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      });
      const csp = JSON.stringify(headers.ContentSecurityPolicy);
      for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]) expect(csp).toContain(directive);
      expect(distribution()).toMatchObject({ DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: policyId } } });
    });

    it('signs in through the hosted UI: a Cognito domain, and a public client doing only the code flow, back to the distribution', () => {
      const [, domain] = only('AWS::Cognito::UserPoolDomain');
      expect(JSON.stringify(domain.Properties.Domain)).toContain(`offside-${stage}`);
      expect(JSON.stringify(domain.Properties.UserPoolId)).toContain('ConsoleUserPool');
      const webClients = resourcesOf(stateless, 'AWS::Cognito::UserPoolClient').filter(([, resource]) => JSON.stringify(resource.Properties.AllowedOAuthFlows) === '["code"]');
      expect(webClients).toHaveLength(1);
      const [, client] = webClients[0] ?? [];
      if (!client) throw new Error('no web client');
      expect(client.Properties).toMatchObject({
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        GenerateSecret: false,
        SupportedIdentityProviders: ['COGNITO'],
        AllowedOAuthScopes: expect.arrayContaining(['openid', 'email']) as unknown,
      });
      expect(client.Properties.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
      const [distributionId] = only('AWS::CloudFront::Distribution');
      expect(client.Properties.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/callback']] }]);
    });

    it('gives machines (the help centre, the marketplace relay) their own confidential clients: client credentials for the offside/intake scope only', () => {
      stateless.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'offside', Scopes: [Match.objectLike({ ScopeName: 'intake' })] });
      const machines = resourcesOf(stateless, 'AWS::Cognito::UserPoolClient').filter(([, resource]) => JSON.stringify(resource.Properties.AllowedOAuthFlows) === '["client_credentials"]');
      expect(machines).toHaveLength(2);
      for (const [, machine] of machines) {
        expect(machine.Properties.GenerateSecret).toBe(true);
        // The scope is `<resource server identifier>/intake`, the identifier as a reference to the server.
        expect(JSON.stringify(machine.Properties.AllowedOAuthScopes)).toMatch(/ResourceServer.*\/intake|offside\/intake/u);
        expect(JSON.stringify(machine.Properties.AllowedOAuthScopes)).not.toMatch(/openid|email|profile/u);
      }
    });

    it('lets the console call the API from its origin (CORS), with the web client trusted by the authorizer', () => {
      const [distributionId] = only('AWS::CloudFront::Distribution');
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: { AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }], AllowHeaders: ['authorization', 'content-type'] },
      });
    });

    it("uploads the bundle with CDK's deployment handler, which may touch only the asset bucket, the console bucket and invalidations", () => {
      const handlers = resourcesOf(stateless, 'AWS::Lambda::Function').filter(([id]) => isDeploymentHandler(id));
      expect(handlers).toHaveLength(1);
      const [bundleId] = resourcesOf(stateless, 'AWS::S3::Bucket').find(([id]) => id.includes('Bundle')) ?? [''];
      for (const statement of identityPolicyStatements(stateless, { withDeploymentHandler: true })) {
        const resources = JSON.stringify(statement.Resource);
        if (actionsOf(statement).some((action) => action.startsWith('s3:'))) expect(resources.includes('cdk-hnb659fds-assets') || resources.includes(bundleId), resources).toBe(true);
        else expect(actionsOf(statement).every((action) => action.startsWith('cloudfront:'))).toBe(true);
      }
    });
  });

  describe('the enforcement ladder', () => {
    it('is a standard workflow logging ALL events with execution data, and traced', () => {
      stateless.resourceCountIs('AWS::StepFunctions::StateMachine', 5); // the ladder's four (one per starting rung) and the backtest
      for (const label of LADDER_MACHINE_LABELS) {
        stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
          StateMachineName: `Offside-${stage}-EnforcementLadder-${label}`,
          StateMachineType: 'STANDARD',
          LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
          TracingConfiguration: { Enabled: true },
        });
      }
    });

    it('hands the ladder’s machines to the command line as one stack output, by starting rung', () => {
      const outputs = z.record(z.string(), z.object({ Value: z.unknown() })).parse(stateless.toJSON().Outputs);
      const arns = JSON.stringify(outputs['StateMachineArns']?.Value);
      for (const [id] of ladderMachines()) expect(arns).toContain(`"Ref":"${id}"`);
    });

    it('alarms on failed and timed-out executions of every machine', () => {
      for (const [id] of ladderMachines()) {
        for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
          stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
            Namespace: 'AWS/States',
            MetricName: metricName,
            Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: id } }],
            AlarmActions: [Match.anyValue()],
          });
        }
      }
    });
  });

  describe('the backtest state machine (issue 18 part 4)', () => {
    const backtestDefinition = (): Record<string, unknown> => {
      const [, machine] = resourcesOf(stateless, 'AWS::StepFunctions::StateMachine').find(([, candidate]) => candidate.Properties.StateMachineName === `Offside-${stage}-Backtest`) ?? [];
      expect(machine).toBeDefined();
      // The definition is a Fn::Join of strings and tokens: the tokens replaced by a placeholder, it parses.
      const parts = z.object({ 'Fn::Join': z.tuple([z.literal(''), z.array(z.unknown())]) }).parse(machine?.Properties.DefinitionString)['Fn::Join'][1];
      return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as Record<string, unknown>;
    };
    const State = z.looseObject({ Type: z.string() });

    it('partitions, runs a Distributed Map over the manifest (Standard children, MaxConcurrency, no failure tolerated), regroups, runs the second pass when needed, merges', () => {
      const definition = z.looseObject({ StartAt: z.string(), States: z.record(z.string(), State) }).parse(backtestDefinition());
      expect(definition.StartAt).toBe('Partition');
      expect(Object.keys(definition.States).sort()).toEqual(['FirstPass', 'HasSecondPass', 'Merge', 'Partition', 'Regroup', 'SecondPass']);
      for (const [name, manifest] of [['FirstPass', '$.first.manifest'], ['SecondPass', '$.second.manifest']] as const) {
        expect(definition.States[name], name).toMatchObject({
          Type: 'Map',
          MaxConcurrency: DEFAULT_BACKTEST_CONCURRENCY,
          ItemReader: { Resource: 'arn:TOKEN:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'TOKEN', 'Key.$': manifest } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
          ResultPath: null,
        });
        // No ToleratedFailure* field: Step Functions then tolerates no failed child.
        expect(Object.keys(definition.States[name] ?? {}).filter((key) => key.startsWith('ToleratedFailure')), name).toEqual([]);
      }
      expect(definition.States['FirstPass']).toMatchObject({ Next: 'Regroup' });
      expect(definition.States['HasSecondPass']).toMatchObject({ Type: 'Choice', Choices: [{ Variable: '$.second.partitions', NumericGreaterThan: 0, Next: 'SecondPass' }], Default: 'Merge' });
      expect(definition.States['Merge']).toMatchObject({ End: true, Parameters: { action: 'merge', 'job.$': '$.job' } });
    });

    it('is a traced standard workflow logging ALL events; its function has 15 minutes, the bucket name and alarms on errors and failed executions', () => {
      stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: `Offside-${stage}-Backtest`,
        StateMachineType: 'STANDARD',
        LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
        TracingConfiguration: { Enabled: true },
      });
      const [, fn] = resourcesOf(stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith('BacktestStepFunction')) ?? [];
      expect(fn?.Properties).toMatchObject({ Timeout: 900, MemorySize: 3008, Environment: { Variables: { BACKTEST_BUCKET_NAME: { Ref: expect.stringMatching(/^BacktestBucket/u) as unknown } } } });
      const alarms = resourcesOf(stateless, 'AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('Backtest'));
      expect(alarms.map(([, alarm]) => `${String(alarm.Properties.Namespace)} ${String(alarm.Properties.MetricName)}`).sort()).toEqual(['AWS/Lambda Errors', 'AWS/States ExecutionsFailed']);
    });

    it('keeps runs in an encrypted, TLS-only, private bucket with access logs, expiring them', () => {
      const [id, bucket] = resourcesOf(stateless, 'AWS::S3::Bucket').find(([candidate]) => candidate.startsWith('BacktestBucket')) ?? [];
      expect(bucket?.Properties, id).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^BacktestAccessLogs/u) as unknown }, LogFilePrefix: 'backtests/' },
        LifecycleConfiguration: { Rules: expect.arrayContaining([expect.objectContaining({ Id: 'expire-runs', Prefix: 'runs/', ExpirationInDays: 30, Status: 'Enabled' })]) as unknown },
      });
      const policy = resourcesOf(stateless, 'AWS::S3::BucketPolicy').find(([, candidate]) => JSON.stringify(candidate.Properties.Bucket).includes(id ?? '-'));
      expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });

    it('hands the command line the bucket and the state machine as stack outputs', () => {
      stateless.hasOutput('BacktestBucketName', { Value: { Ref: Match.stringLikeRegexp('^BacktestBucket') } });
      stateless.hasOutput('BacktestStateMachineArn', { Value: { Ref: Match.stringLikeRegexp('^BacktestStateMachine') } });
    });
  });

  describe('the statement submitter (Art. 24(5) DSA)', () => {
    const submitter = () => {
      const found = resourcesOf(stateless, 'AWS::Lambda::Function').filter(([id]) => id.startsWith('StatementSubmitter'));
      expect(found).toHaveLength(1);
      return found[0] ?? ['', Resource.parse({ Type: 'none' })];
    };

    it('drains the statements queue (a DLQ after its maxReceiveCount) in batches with partial failures, two at a time', () => {
      stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `offside-${stage}-statements`,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: STATEMENTS_QUEUE.maxReceiveCount },
        VisibilityTimeout: STATEMENT_SUBMITTER_VISIBILITY_TIMEOUT.toSeconds(),
      });
      const [, fn] = submitter();
      expect(fn.Properties.Timeout).toBe(STATEMENT_SUBMITTER_TIMEOUT.toSeconds());
      expect(STATEMENT_SUBMITTER_VISIBILITY_TIMEOUT.toSeconds()).toBeGreaterThanOrEqual(6 * STATEMENT_SUBMITTER_TIMEOUT.toSeconds());
      const [mapping] = resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping').filter(([id]) => id.startsWith('StatementSubmitter'));
      expect(mapping?.[1].Properties).toMatchObject({ BatchSize: STATEMENTS_BATCH_SIZE, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } });
      expect(JSON.stringify(mapping?.[1].Properties.EventSourceArn)).toMatch(/OffsideStatements/);
    });

    it('takes the endpoint from configuration and the token from Secrets Manager, and may read only that secret', () => {
      const [, fn] = submitter();
      const variables = z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(fn.Properties.Environment).Variables;
      expect(variables.TRANSPARENCY_DATABASE_ENDPOINT).toBe(stage === 'prod' ? PROD_TRANSPARENCY_ENDPOINT : DEFAULT_TRANSPARENCY_DATABASE_ENDPOINT);
      const secretIds = Object.keys(stateful.findResources('AWS::SecretsManager::Secret', { Properties: { Description: Match.stringLikeRegexp('Transparency Database') } }));
      expect(secretIds).toHaveLength(1);
      // A cross-stack reference names the secret's logical id (then the export's hash).
      expect(JSON.stringify(variables.TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN)).toContain(secretIds[0] ?? 'no secret');
      const submitterPolicies = Object.entries(stateless.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('StatementSubmitter'));
      const granted = submitterPolicies.flatMap(([, policy]) => z.object({ Properties: z.object({ PolicyDocument }) }).parse(policy).Properties.PolicyDocument.Statement);
      const secretReads = granted.filter((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue'));
      expect(secretReads).toHaveLength(1);
      expect(JSON.stringify(secretReads[0]?.Resource)).toContain(secretIds[0] ?? 'no secret');
      expect(JSON.stringify(secretReads[0]?.Resource)).not.toMatch(/HandleHashKey/);
      expect(granted.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:') || action.startsWith('ses:'))).toEqual([]);
    });

    it('alarms on the statements DLQ, on a backlog and on errors; the steps that issue statements may send to its queue', () => {
      const alarms = resourcesOf(stateless, 'AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('StatementSubmitter'));
      expect(alarms.map(([, alarm]) => alarm.Properties.MetricName).sort()).toEqual(['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible', 'Errors']);
      for (const name of ['ladder-step', 'console-api']) {
        const [, fn] = resourcesOf(stateless, 'AWS::Lambda::Function').find(([, candidate]) => JSON.stringify(candidate.Properties.Environment).includes(`"POWERTOOLS_SERVICE_NAME":"${name}"`)) ?? [];
        expect(JSON.stringify(fn?.Properties.Environment), name).toMatch(/"STATEMENTS_QUEUE_URL":\{[^}]*OffsideStatements/);
      }
    });
  });

  describe('operations', () => {
    it('sends every notice through an SES configuration set that requires TLS and suppresses bounces and complaints', () => {
      stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
        DeliveryOptions: { TlsPolicy: 'REQUIRE' },
        SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      });
      stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']) }),
      });
    });

    it('notifies the alarm topic on every alarm, both ways', () => {
      for (const [id, alarm] of resourcesOf(stateless, 'AWS::CloudWatch::Alarm')) {
        expect(alarm.Properties.AlarmActions, id).toHaveLength(1);
        expect(alarm.Properties.OKActions, id).toEqual(alarm.Properties.AlarmActions);
      }
    });

    it('shows every alarm on the dashboard', () => {
      const body = JSON.stringify(Object.values(stateless.findResources('AWS::CloudWatch::Dashboard'))[0]);
      for (const [id] of resourcesOf(stateless, 'AWS::CloudWatch::Alarm')) expect(body, id).toContain(id);
    });

    it('encrypts the alarm topic with a rotated key and refuses non-TLS publishers', () => {
      stateful.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    });

    it('generates the hash-key secret (at least 32 characters)', () => {
      const secret = Object.values(stateful.findResources('AWS::SecretsManager::Secret', { Properties: { Description: Match.stringLikeRegexp('HMAC') } }))[0];
      const length = z.object({ Properties: z.object({ GenerateSecretString: z.object({ PasswordLength: z.number() }) }) }).parse(secret)
        .Properties.GenerateSecretString.PasswordLength;
      expect(length).toBeGreaterThanOrEqual(32);
    });
  });
});

describe('cdk-nag', () => {
  it(
    'is wired into the app: an unacknowledged finding fails the synth',
    () => {
      const outdir = mkdtempSync(join(tmpdir(), 'offside-cdk-nag-'));
      try {
        // Skipping the bundling keeps this test to what it is about.
        const { app, stateless } = buildApp({ context: { ...contextFor('dev'), 'aws:cdk:bundling-stacks': [] }, outdir });
        new Queue(stateless, 'QueueWithoutDeadLetterQueue');
        expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
        const ruleNames = readValidationReport(outdir).pluginReports.flatMap((plugin) => plugin.violations.map((v) => v.ruleName));
        expect(ruleNames).toEqual(expect.arrayContaining([expect.stringMatching(/AwsSolutions-SQS3/)]));
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
    SYNTH_TIMEOUT,
  );
});

describe('configuration', () => {
  it('refuses a prod app without real notice settings, naming the context keys', () => {
    expect(() => buildApp({ context: { ...cdkJsonContext(), stage: 'prod' } })).toThrow(/-c noticeFrom=\.\.\. .*-c sellerNoticeDomain=/);
  });

  it('refuses a Transparency Database endpoint that is not an https URL', () => {
    expect(() => buildApp({ context: { ...cdkJsonContext(), stage: 'dev', transparencyDatabaseEndpoint: 'http://transparency.example' } })).toThrow(/transparencyDatabaseEndpoint must be an https URL/);
  });

  it('refuses a sender that is not an e-mail address', () => {
    expect(() => buildApp({ context: { ...cdkJsonContext(), stage: 'dev', noticeFrom: 'Trust & Safety' } })).toThrow(/not an e-mail address/);
  });
});
