/**
 * The DynamoDB tables, described once: the CDK app and the local platform both create them from
 * these definitions, so the emulator and AWS never drift apart.
 */
export interface TableDefinition {
  /** Logical name; the deployed physical name is chosen by CloudFormation, the local one is this. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Attribute holding the expiry in epoch seconds; DynamoDB's TTL deletes expired items. */
  readonly timeToLiveAttribute?: string;
}

/**
 * Evidence: every accepted event, stored once per event id under its seller.
 * Access patterns and keys are documented in ./evidence-store.ts.
 */
export const EVIDENCE_TABLE: TableDefinition = {
  name: 'offside-evidence',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
};

/** Powertools idempotency records, keyed on the event id (its DynamoDBPersistenceLayer layout). */
export const IDEMPOTENCY_TABLE: TableDefinition = {
  name: 'offside-idempotency',
  partitionKey: 'id',
  timeToLiveAttribute: 'expiration',
};

export const TABLES: readonly TableDefinition[] = [EVIDENCE_TABLE, IDEMPOTENCY_TABLE];
