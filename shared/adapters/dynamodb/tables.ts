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
  /** String-keyed global secondary indexes projecting all attributes. */
  readonly globalSecondaryIndexes?: readonly { readonly indexName: string; readonly partitionKey: string; readonly sortKey: string }[];
  /** A change stream carrying each item's new image (on AWS, it starts the ladder's executions). */
  readonly stream?: 'NEW_IMAGE';
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

/**
 * Cases, the signals behind them and the ring index. Access patterns and keys are documented in
 * ./case-store.ts and ./ring-index.ts.
 */
export const CASES_TABLE: TableDefinition = {
  name: 'offside-cases',
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [{ indexName: 'byStatus', partitionKey: 'statusKey', sortKey: 'openedKey' }],
  stream: 'NEW_IMAGE',
};

/**
 * The once-only ledger of seller and legal notices, one item per notice id. Access patterns and
 * the lease protocol are documented in ../ses/notifier.ts.
 */
export const NOTICES_TABLE: TableDefinition = {
  name: 'offside-notices',
  partitionKey: 'pk',
};

/**
 * The append-only audit log: one item per entry, keyed by entry id, with an index per reader
 * (case, seller, actor). Access patterns and keys are documented in ./audit-log.ts.
 */
export const AUDIT_TABLE: TableDefinition = {
  name: 'offside-audit',
  partitionKey: 'pk',
  sortKey: 'sk',
  // In name order, the order DescribeTable lists them in.
  globalSecondaryIndexes: [
    { indexName: 'byActor', partitionKey: 'actorKey', sortKey: 'timeKey' },
    { indexName: 'byCase', partitionKey: 'caseKey', sortKey: 'timeKey' },
    { indexName: 'bySeller', partitionKey: 'sellerKey', sortKey: 'timeKey' },
  ],
};

/**
 * Detection's rules: immutable versions of the configuration, the live pointer and the changes'
 * audit. A table of its own rather than items in the cases table: its access is unlike any case's
 * (one small partition every consumer reads, only the console writes), so the consumers can be
 * granted reads of it alone and its backups and restores are the rules' own. Access patterns and
 * keys are documented in ./rules-store.ts.
 */
export const RULES_TABLE: TableDefinition = {
  name: 'offside-rules',
  partitionKey: 'pk',
  sortKey: 'sk',
};

export const TABLES: readonly TableDefinition[] = [EVIDENCE_TABLE, CASES_TABLE, NOTICES_TABLE, AUDIT_TABLE, RULES_TABLE];
