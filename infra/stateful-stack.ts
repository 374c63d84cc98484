import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { CASES_TABLE, EVIDENCE_TABLE, IDEMPOTENCY_TABLE, TABLES } from '../shared/adapters/dynamodb/tables';
import type { TableDefinition } from '../shared/adapters/dynamodb/tables';
import { INBOUND_QUEUES } from '../shared/adapters/sqs/queues';
import { AlarmTopic } from './constructs/alarm-topic';
import { InboundQueue } from './constructs/inbound-queue';
import { constructId } from './naming';
import { stageSettings } from './stage';
import type { Stage } from './stage';

/** What the stateful stack hands to the stacks that use it. */
export interface StatefulResources {
  readonly evidenceTable: ITable;
  readonly idempotencyTable: ITable;
  readonly casesTable: ITable;
  /** One per INBOUND_QUEUES entry, in the same order. */
  readonly inboundQueues: readonly InboundQueue[];
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
}

/**
 * Everything holding data or identity that outlives a deployment: the DynamoDB tables and the
 * inbound queues (created from the shared definitions), the hash-key secret and the alarm topic.
 */
export class StatefulStack extends Stack implements StatefulResources {
  readonly stage: Stage;
  readonly tables: ReadonlyMap<string, Table>;
  readonly evidenceTable: ITable;
  readonly idempotencyTable: ITable;
  readonly casesTable: ITable;
  readonly inboundQueues: readonly InboundQueue[];
  readonly handleHashKeySecret: Secret;
  readonly alarmTopic: ITopic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const settings = stageSettings(props.stage);

    const tables = new Map<string, Table>();
    for (const definition of TABLES) {
      tables.set(definition.name, this.createTable(definition));
    }
    this.tables = tables;
    this.evidenceTable = this.table(EVIDENCE_TABLE);
    this.idempotencyTable = this.table(IDEMPOTENCY_TABLE);
    this.casesTable = this.table(CASES_TABLE);

    this.inboundQueues = INBOUND_QUEUES.map(
      (definition) => new InboundQueue(this, constructId(definition.name), { definition, removalPolicy: settings.removalPolicy }),
    );

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
    for (const inbound of this.inboundQueues) {
      new CfnOutput(this, `${constructId(inbound.definition.name)}QueueUrl`, { value: inbound.queue.queueUrl });
      new CfnOutput(this, `${constructId(inbound.definition.deadLetterQueueName)}QueueUrl`, { value: inbound.deadLetterQueue.queueUrl });
    }
  }

  private createTable(definition: TableDefinition): Table {
    const settings = stageSettings(this.stage);
    const table = new Table(this, constructId(definition.name), {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: definition.sortKey === undefined ? undefined : { name: definition.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: definition.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
    });
    for (const index of definition.globalSecondaryIndexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
    return table;
  }

  private table(definition: TableDefinition): Table {
    const table = this.tables.get(definition.name);
    if (table === undefined) throw new Error(`table ${definition.name} is not in TABLES`);
    return table;
  }
}
