import { Aws, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AUDIT_TABLE, CASES_TABLE, EVIDENCE_TABLE, NOTICES_TABLE, RULES_TABLE, TABLES } from '../shared/adapters/dynamodb/tables';
import type { TableDefinition } from '../shared/adapters/dynamodb/tables';
import { EVIDENCE_BUNDLE_BUCKET } from '../shared/adapters/s3/buckets';
import { INBOUND_QUEUES, SELLER_EVENTS_QUEUE, STATEMENTS_QUEUE } from '../shared/adapters/sqs/queues';
import { STATEMENT_SUBMITTER_VISIBILITY_TIMEOUT } from './constructs/statement-submitter';
import { AlarmTopic } from './constructs/alarm-topic';
import { ConsoleIdentity } from './constructs/console-identity';
import { EvidenceBundleBucket } from './constructs/evidence-bundle-bucket';
import { InboundQueue } from './constructs/inbound-queue';
import { OutboundQueue } from './constructs/outbound-queue';
import { constructId, stageQualifiedName } from './naming';
import { stageSettings } from './stage';
import { capacityOf } from './table-capacity';
import type { CapacityRange, TableCapacity } from './table-capacity';
import type { Stage } from './stage';

/** The SES configuration set's dimension (an SES auto-tag) under which its sending metrics are published. */
export const SES_CONFIGURATION_SET_DIMENSION = 'ses:configuration-set';

/** What the stateful stack hands to the stacks that use it. */
export interface StatefulResources {
  readonly evidenceTable: ITable;
  /** Has a NEW_IMAGE stream (tableStreamArn), which starts the ladder's executions. */
  readonly casesTable: ITable;
  readonly noticesTable: ITable;
  readonly auditTable: ITable;
  /** Detection's rules: versions, the live pointer, their changes. */
  readonly rulesTable: ITable;
  /** One per INBOUND_QUEUES entry, in the same order. */
  readonly inboundQueues: readonly InboundQueue[];
  /** SELLER_EVENTS_QUEUE: what Offside tells the marketplace, and its DLQ. */
  readonly sellerEvents: OutboundQueue;
  /** STATEMENTS_QUEUE: statements of reasons waiting for the submitter, and its DLQ. */
  readonly statements: OutboundQueue;
  /** The DSA Transparency Database API token (set by an operator to the token the Commission issued). */
  readonly transparencyDatabaseToken: ISecret;
  /** The ladder-starter's on-failure destination: batches of case changes that failed every retry. */
  readonly ladderStarterFailureQueue: IQueue;
  /** Where legal holds write sealed evidence bundles (Object Lock). */
  readonly evidenceBundles: EvidenceBundleBucket;
  /** The SES configuration set every notice is sent through. */
  readonly noticeConfigurationSetName: string;
  /** The console's user pool (groups analyst, legal, admin) and app client. */
  readonly consoleUserPool: IUserPool;
  readonly consoleUserPoolClient: IUserPoolClient;
  /** The key of the contact-handle hash (a generated 64-character string). */
  readonly handleHashKeySecret: ISecret;
  /** The topic every alarm notifies. */
  readonly alarmTopic: ITopic;
}

export interface StatefulStackProps extends StackProps {
  readonly stage: Stage;
  /**
   * Addresses subscribed to the alarm topic.
   * @default - none
   */
  readonly alarmEmailAddresses?: readonly string[];
  /**
   * The marketplace's AWS account, allowed to consume the seller-events queue.
   * @default - none; grant the marketplace's consumer out of band
   */
  readonly marketplaceAccountId?: string;
}

/**
 * Everything holding data or identity that outlives a deployment: the DynamoDB tables and the
 * queues (created from the shared definitions), the evidence-bundle bucket, the SES configuration
 * set, the console's user pool, the hash-key secret and the alarm topic.
 */
export class StatefulStack extends Stack implements StatefulResources {
  readonly stage: Stage;
  readonly tables: ReadonlyMap<string, Table>;
  readonly evidenceTable: Table;
  readonly casesTable: Table;
  readonly noticesTable: Table;
  readonly auditTable: Table;
  readonly rulesTable: Table;
  readonly inboundQueues: readonly InboundQueue[];
  readonly sellerEvents: OutboundQueue;
  readonly statements: OutboundQueue;
  readonly transparencyDatabaseToken: Secret;
  readonly ladderStarterFailureQueue: Queue;
  readonly evidenceBundles: EvidenceBundleBucket;
  readonly noticeConfigurationSet: ConfigurationSet;
  readonly noticeConfigurationSetName: string;
  readonly consoleIdentity: ConsoleIdentity;
  readonly consoleUserPool: IUserPool;
  readonly consoleUserPoolClient: IUserPoolClient;
  readonly handleHashKeySecret: Secret;
  readonly alarmTopic: ITopic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const settings = stageSettings(props.stage);
    const named = (name: string) => stageQualifiedName(props.stage, name);

    const tables = new Map<string, Table>();
    for (const definition of TABLES) {
      tables.set(definition.name, this.createTable(definition));
    }
    this.tables = tables;
    this.evidenceTable = this.table(EVIDENCE_TABLE);
    this.casesTable = this.table(CASES_TABLE);
    this.noticesTable = this.table(NOTICES_TABLE);
    this.auditTable = this.table(AUDIT_TABLE);
    this.rulesTable = this.table(RULES_TABLE);

    this.inboundQueues = INBOUND_QUEUES.map(
      (definition) =>
        new InboundQueue(this, constructId(definition.name), {
          definition,
          physicalNames: { queueName: named(definition.name), deadLetterQueueName: named(definition.deadLetterQueueName) },
          removalPolicy: settings.removalPolicy,
        }),
    );
    this.sellerEvents = new OutboundQueue(this, constructId(SELLER_EVENTS_QUEUE.name), {
      definition: SELLER_EVENTS_QUEUE,
      physicalNames: { queueName: named(SELLER_EVENTS_QUEUE.name), deadLetterQueueName: named(SELLER_EVENTS_QUEUE.deadLetterQueueName) },
      consumerAccountId: props.marketplaceAccountId,
      removalPolicy: settings.removalPolicy,
    });
    // Consumed in this account by the submitter (the stateless stack), which takes 60 s at most a batch.
    this.statements = new OutboundQueue(this, constructId(STATEMENTS_QUEUE.name), {
      definition: STATEMENTS_QUEUE,
      physicalNames: { queueName: named(STATEMENTS_QUEUE.name), deadLetterQueueName: named(STATEMENTS_QUEUE.deadLetterQueueName) },
      visibilityTimeout: STATEMENT_SUBMITTER_VISIBILITY_TIMEOUT,
      removalPolicy: settings.removalPolicy,
    });
    this.transparencyDatabaseToken = new Secret(this, 'TransparencyDatabaseToken', {
      description: 'Offside: the DSA Transparency Database API token (TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN); put the token the Commission issued to the platform here',
      removalPolicy: settings.removalPolicy,
    });
    Validations.of(this.transparencyDatabaseToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Transparency Database API token is issued by the European Commission to the platform, not by us: no rotation Lambda can make a new one. It is replaced by an operator when the Commission issues a new token.',
    });
    this.ladderStarterFailureQueue = new Queue(this, 'LadderStarterFailures', {
      queueName: named('offside-ladder-starter-failures'),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: settings.removalPolicy,
    });
    Validations.of(this.ladderStarterFailureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself a dead-letter queue: the on-failure destination of the ladder-starter's DynamoDB stream event source mapping (in the stateless stack, where cdk-nag cannot see the link). Nothing consumes it; an alarm fires on its depth.",
    });

    this.evidenceBundles = new EvidenceBundleBucket(this, 'EvidenceBundles', {
      // Bucket names are global: the account and region make it unique, the stage separates stages.
      bucketName: `${named(EVIDENCE_BUNDLE_BUCKET.name)}-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
      lockRetention: settings.evidenceBundleLock,
      accessLogExpiration: settings.bundleAccessLogExpiration,
    });

    this.noticeConfigurationSet = new ConfigurationSet(this, 'Notices', {
      configurationSetName: named('offside-notices'),
      sendingEnabled: true,
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.noticeConfigurationSet.addEventDestination('CloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        { name: SES_CONFIGURATION_SET_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' },
      ]),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });
    this.noticeConfigurationSetName = this.noticeConfigurationSet.configurationSetName;

    this.consoleIdentity = new ConsoleIdentity(this, 'Console', {
      userPoolName: named('offside-console'),
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
    });
    this.consoleUserPool = this.consoleIdentity.userPool;
    this.consoleUserPoolClient = this.consoleIdentity.client;

    this.handleHashKeySecret = new Secret(this, 'HandleHashKey', {
      description: 'Offside: HMAC key of the contact-handle hash (HANDLE_HASH_KEY_SECRET_ARN)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: settings.removalPolicy,
    });
    Validations.of(this.handleHashKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The contact-handle hash key is not a credential: it keys a deterministic hash stored with the evidence, so rotating it would orphan every stored hash. Rotation needs a re-hash migration, planned separately.',
    });

    this.alarmTopic = new AlarmTopic(this, 'Alarms', {
      emailAddresses: props.alarmEmailAddresses,
      removalPolicy: settings.removalPolicy,
    }).topic;

    for (const [name, table] of tables) {
      new CfnOutput(this, `${constructId(name)}TableName`, { value: table.tableName });
    }
    for (const { definition, queue, deadLetterQueue } of [...this.inboundQueues, this.sellerEvents, this.statements]) {
      new CfnOutput(this, `${constructId(definition.name)}QueueUrl`, { value: queue.queueUrl });
      new CfnOutput(this, `${constructId(definition.deadLetterQueueName)}QueueUrl`, { value: deadLetterQueue.queueUrl });
    }
    new CfnOutput(this, 'LadderStarterFailuresQueueUrl', { value: this.ladderStarterFailureQueue.queueUrl });
    new CfnOutput(this, 'EvidenceBundleBucketName', { value: this.evidenceBundles.bucket.bucketName });
    new CfnOutput(this, 'NoticeConfigurationSetName', { value: this.noticeConfigurationSetName });
    new CfnOutput(this, 'ConsoleUserPoolId', { value: this.consoleUserPool.userPoolId });
    new CfnOutput(this, 'ConsoleUserPoolClientId', { value: this.consoleUserPoolClient.userPoolClientId });
  }

  private createTable(definition: TableDefinition): Table {
    const settings = stageSettings(this.stage);
    const capacity = capacityOf(settings.tableCapacity, definition.name);
    const provisioned = capacity.mode === 'provisioned' ? capacity : undefined;
    const table = new Table(this, constructId(definition.name), {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: definition.sortKey === undefined ? undefined : { name: definition.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: definition.timeToLiveAttribute,
      ...(provisioned
        ? { billingMode: BillingMode.PROVISIONED, readCapacity: provisioned.read.min, writeCapacity: provisioned.write.min }
        : { billingMode: BillingMode.PAY_PER_REQUEST }),
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
      stream: definition.stream === 'NEW_IMAGE' ? StreamViewType.NEW_IMAGE : undefined,
    });
    const indexNames = new Set((definition.globalSecondaryIndexes ?? []).map((index) => index.indexName));
    for (const name of Object.keys(provisioned?.indexes ?? {})) {
      if (!indexNames.has(name)) throw new Error(`the capacity plan names an index ${name} that table ${definition.name} does not have (infra/table-capacity.ts)`);
    }
    for (const index of definition.globalSecondaryIndexes ?? []) {
      const indexCapacity = provisioned ? indexCapacityOf(provisioned, definition.name, index.indexName) : undefined;
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(indexCapacity ? { readCapacity: indexCapacity.read.min, writeCapacity: indexCapacity.write.min } : {}),
      });
      if (provisioned && indexCapacity) {
        const target = { targetUtilizationPercent: provisioned.targetUtilizationPercent };
        table.autoScaleGlobalSecondaryIndexReadCapacity(index.indexName, scaling(indexCapacity.read)).scaleOnUtilization(target);
        table.autoScaleGlobalSecondaryIndexWriteCapacity(index.indexName, scaling(indexCapacity.write)).scaleOnUtilization(target);
      }
    }
    if (provisioned) {
      const target = { targetUtilizationPercent: provisioned.targetUtilizationPercent };
      table.autoScaleReadCapacity(scaling(provisioned.read)).scaleOnUtilization(target);
      table.autoScaleWriteCapacity(scaling(provisioned.write)).scaleOnUtilization(target);
    }
    return table;
  }

  private table(definition: TableDefinition): Table {
    const table = this.tables.get(definition.name);
    if (table === undefined) throw new Error(`table ${definition.name} is not in TABLES`);
    return table;
  }
}

const scaling = ({ min, max }: CapacityRange) => ({ minCapacity: min, maxCapacity: max });

/** A provisioned table's index capacity: every index must have its own (a throttled index throttles the table's writes). */
function indexCapacityOf(capacity: Extract<TableCapacity, { mode: 'provisioned' }>, tableName: string, indexName: string) {
  const found = capacity.indexes?.[indexName];
  if (!found) throw new Error(`table ${tableName} is provisioned but its index ${indexName} has no capacity in the plan (infra/table-capacity.ts)`);
  return found;
}
