import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { IngestionConsumer } from './constructs/ingestion-consumer';
import { PROJECT_ROOT } from './constructs/offside-function';
import { constructId } from './naming';
import type { StatefulResources } from './stateful-stack';
import type { Stage } from './stage';

export interface StatelessStackProps extends StackProps, StatefulResources {
  readonly stage: Stage;
  /**
   * The folder holding one folder per consumer (named as in INBOUND_QUEUES), each with handler.ts;
   * it must be inside the repository (esbuild's project root).
   * @default <repository>/functions
   */
  readonly functionsDir?: string;
}

/** Code and its wiring, safe to replace on any deployment: the ingestion consumers and their alarms. */
export class StatelessStack extends Stack {
  readonly consumers: readonly IngestionConsumer[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const functionsDir = props.functionsDir ?? join(PROJECT_ROOT, 'functions');

    this.consumers = props.inboundQueues.map(
      (inbound) =>
        new IngestionConsumer(this, constructId(inbound.definition.consumer), {
          stage: props.stage,
          inbound,
          entry: join(functionsDir, inbound.definition.consumer, 'handler.ts'),
          evidenceTable: props.evidenceTable,
          idempotencyTable: props.idempotencyTable,
          casesTable: props.casesTable,
          handleHashKeySecret: props.handleHashKeySecret,
          alarmTopic: props.alarmTopic,
        }),
    );
  }
}
