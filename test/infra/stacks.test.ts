/**
 * The CDK app as `cdk synth` builds it (same buildApp, same cdk.json context), checked for the
 * properties the rest of Offside relies on, and for cdk-nag (AwsSolutions) findings.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../infra/build-app';
import type { OffsideApp } from '../../infra/build-app';
import { CONSUMER_MAX_BATCHING_WINDOW, CONSUMER_TIMEOUT } from '../../infra/constructs/ingestion-consumer';
import type { Stage } from '../../infra/stage';
import { TABLES } from '../../shared/adapters/dynamodb/tables';
import { CONSUMER_BATCH_SIZE, INBOUND_QUEUES } from '../../shared/adapters/sqs/queues';

const SYNTH_TIMEOUT = 60_000;

/** The context `cdk synth` gets from cdk.json (feature flags included). */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = z.object({ context: z.record(z.string(), z.unknown()) });
  return cdkJson.parse(JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'))).context;
}

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

const PolicyStatement = z.object({
  Effect: z.string(),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.unknown().optional(),
});
type PolicyStatement = z.infer<typeof PolicyStatement>;
const PolicyDocument = z.object({ Statement: z.array(PolicyStatement) });

/** Every statement of every identity policy (IAM::Policy, IAM::ManagedPolicy, inline role policies). */
function identityPolicyStatements(template: Template): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const resource of Object.values(template.findResources(type))) {
      const { PolicyDocument: document } = z.object({ Properties: z.object({ PolicyDocument }) }).parse(resource).Properties;
      statements.push(...document.Statement);
    }
  }
  for (const resource of Object.values(template.findResources('AWS::IAM::Role'))) {
    const roleSchema = z.object({ Properties: z.object({ Policies: z.array(z.object({ PolicyDocument })).optional() }) });
    for (const policy of roleSchema.parse(resource).Properties.Policies ?? []) statements.push(...policy.PolicyDocument.Statement);
  }
  return statements;
}

const actionsOf = (statement: PolicyStatement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

/** X-Ray has no resource-level permissions; nothing else may be granted on "*". */
const ACTIONS_ALLOWED_ON_ANY_RESOURCE = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

describe.each<Stage>(['dev', 'prod'])('the %s app', (stage) => {
  let outdir: string;
  let built: OffsideApp;
  let validationReport: ValidationReport;
  let stateful: Template;
  let stateless: Template;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), `offside-cdk-${stage}-`));
    built = buildApp({ context: { ...cdkJsonContext(), stage }, outdir });
    // Throws when a validation plugin (cdk-nag included) reports an error.
    const assembly = built.app.synth();
    validationReport = readValidationReport(assembly.directory);
    stateful = Template.fromStack(built.stateful);
    stateless = Template.fromStack(built.stateless);
  }, SYNTH_TIMEOUT);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('names the stacks after the stage', () => {
    expect(built.stateful.stackName).toBe(`Offside-${stage}-Stateful`);
    expect(built.stateless.stackName).toBe(`Offside-${stage}-Stateless`);
  });

  it('has no unacknowledged cdk-nag, CloudFormation-validation or annotation findings', () => {
    expect(findings(validationReport)).toEqual([]);
  });

  it('creates every table of TABLES with string keys, TTL, PITR and SSE, on demand', () => {
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
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: Match.objectLike({ SSEEnabled: true }),
          TimeToLiveSpecification:
            definition.timeToLiveAttribute === undefined ? Match.absent() : { AttributeName: definition.timeToLiveAttribute, Enabled: true },
          DeletionProtectionEnabled: stage === 'prod',
        }),
        DeletionPolicy: stage === 'prod' ? 'Retain' : 'Delete',
      });
    }
  });

  it('gives every inbound queue a DLQ through its RedrivePolicy, and a visibility timeout >= 6x the consumer timeout', () => {
    const minimumVisibility = 6 * CONSUMER_TIMEOUT.toSeconds() + CONSUMER_MAX_BATCHING_WINDOW.toSeconds();
    expect(built.stateful.inboundQueues.map((inbound) => inbound.definition)).toEqual(INBOUND_QUEUES);
    for (const inbound of built.stateful.inboundQueues) {
      const queueId = built.stateful.getLogicalId(inbound.queue.node.defaultChild as CfnQueue);
      const dlqId = built.stateful.getLogicalId(inbound.deadLetterQueue.node.defaultChild as CfnQueue);
      const resources = z.record(z.string(), z.unknown()).parse(stateful.toJSON().Resources);
      const queue = resources[queueId];
      expect(queue).toMatchObject({
        Properties: {
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: inbound.definition.maxReceiveCount },
          SqsManagedSseEnabled: true,
        },
      });
      const visibility = z.object({ Properties: z.object({ VisibilityTimeout: z.number() }) }).parse(queue).Properties.VisibilityTimeout;
      expect(visibility).toBeGreaterThanOrEqual(minimumVisibility);
      expect(resources[dlqId]).toMatchObject({
        Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true },
      });
    }
    // Every queue is either an inbound queue with a DLQ or one of their DLQs; all refuse plain HTTP.
    stateful.resourceCountIs('AWS::SQS::Queue', 2 * INBOUND_QUEUES.length);
    stateful.resourceCountIs('AWS::SQS::QueuePolicy', 2 * INBOUND_QUEUES.length);
  });

  it('alarms on the depth of every DLQ, on the age of the oldest inbound message and on consumer errors', () => {
    for (const inbound of built.stateful.inboundQueues) {
      const queueId = built.stateful.getLogicalId(inbound.queue.node.defaultChild as CfnQueue);
      const dlqId = built.stateful.getLogicalId(inbound.deadLetterQueue.node.defaultChild as CfnQueue);
      const onQueue = (logicalId: string, metricName: string) => ({
        Namespace: 'AWS/SQS',
        MetricName: metricName,
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::ImportValue': Match.stringLikeRegexp(`GetAtt${logicalId}QueueName`) } }],
        AlarmActions: [Match.anyValue()],
      });
      stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...onQueue(dlqId, 'ApproximateNumberOfMessagesVisible'),
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
      stateless.hasResourceProperties('AWS::CloudWatch::Alarm', onQueue(queueId, 'ApproximateAgeOfOldestMessage'));
    }
    for (const consumer of built.stateless.consumers) {
      stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: built.stateless.getLogicalId(consumer.consumer.function.node.defaultChild as CfnFunction) } }],
        AlarmActions: [Match.anyValue()],
      });
    }
  });

  it('runs every function on nodejs22.x, arm64, with active tracing and the consumer environment', () => {
    expect(stateful.findResources('AWS::Lambda::Function')).toEqual({});
    const functions = stateless.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(INBOUND_QUEUES.length);
    for (const fn of Object.values(functions)) {
      expect(fn).toMatchObject({
        Properties: {
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          Environment: {
            Variables: {
              EVIDENCE_TABLE_NAME: expect.anything() as unknown,
              IDEMPOTENCY_TABLE_NAME: expect.anything() as unknown,
              DEAD_LETTER_QUEUE_URL: expect.anything() as unknown,
              EVIDENCE_RETENTION_DAYS: expect.any(String) as unknown,
              HANDLE_HASH_KEY_SECRET_ARN: expect.anything() as unknown,
              POWERTOOLS_SERVICE_NAME: expect.any(String) as unknown,
              LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG',
            },
          },
        },
      });
    }
  });

  it('reports partial batch failures from every SQS event source mapping', () => {
    const mappings = stateless.findResources('AWS::Lambda::EventSourceMapping');
    expect(Object.keys(mappings)).toHaveLength(INBOUND_QUEUES.length);
    for (const mapping of Object.values(mappings)) {
      expect(mapping).toMatchObject({
        Properties: {
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BatchSize: CONSUMER_BATCH_SIZE,
          MaximumBatchingWindowInSeconds: CONSUMER_MAX_BATCHING_WINDOW.toSeconds(),
        },
      });
    }
  });

  it('grants no "*" or service-wide wildcard action, and nothing but X-Ray on every resource', () => {
    expect(identityPolicyStatements(stateless).length).toBeGreaterThan(0);
    for (const template of [stateful, stateless]) {
      const allowed = identityPolicyStatements(template).filter((statement) => statement.Effect === 'Allow');
      for (const statement of allowed) {
        for (const action of actionsOf(statement)) {
          expect(action).not.toBe('*');
          expect(action).not.toMatch(/^[A-Za-z0-9-]+:\*$/);
        }
        const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        if (resources.includes('*')) {
          expect(actionsOf(statement).filter((action) => !ACTIONS_ALLOWED_ON_ANY_RESOURCE.has(action))).toEqual([]);
        }
      }
    }
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
    stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: Match.anyValue() }),
    });
    const secret = Object.values(stateful.findResources('AWS::SecretsManager::Secret'))[0];
    const length = z.object({ Properties: z.object({ GenerateSecretString: z.object({ PasswordLength: z.number() }) }) }).parse(secret)
      .Properties.GenerateSecretString.PasswordLength;
    expect(length).toBeGreaterThanOrEqual(32);
  });
});

describe('cdk-nag', () => {
  it(
    'is wired into the app: an unacknowledged finding fails the synth',
    () => {
      const outdir = mkdtempSync(join(tmpdir(), 'offside-cdk-nag-'));
      try {
        const { app, stateless } = buildApp({ context: { ...cdkJsonContext(), stage: 'dev' }, outdir });
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
