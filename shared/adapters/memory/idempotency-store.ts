/**
 * Powertools idempotency records in memory, with the same conditions as its DynamoDB layer: a key
 * can be taken when it is new, expired, or stuck in progress past its in-progress expiry.
 */
import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '@aws-lambda-powertools/idempotency';
import type { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';

export class InMemoryIdempotencyStore extends BasePersistenceLayer {
  private readonly records = new Map<string, IdempotencyRecord>();

  /**
   * @param maxRecords the most event ids remembered, oldest forgotten first. A redelivery older than
   * that is processed again, which changes nothing: every write downstream is idempotent too.
   */
  constructor(private readonly maxRecords = 50_000) {
    super();
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing && !existing.isExpired() && !inProgressExpired(existing)) {
      throw new IdempotencyItemAlreadyExistsError(
        `idempotency key already exists: ${record.idempotencyKey}`,
        existing,
      );
    }
    this.records.delete(record.idempotencyKey);
    this.records.set(record.idempotencyKey, record);
    if (this.records.size > this.maxRecords) {
      const oldest = this.records.keys().next();
      if (!oldest.done) this.records.delete(oldest.value);
    }
  }

  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.records.get(idempotencyKey);
    if (!record) throw new IdempotencyItemNotFoundError(`no idempotency record for ${idempotencyKey}`);
    return record;
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.records.set(record.idempotencyKey, record);
  }

  protected override async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }

  /** How many event ids are remembered. */
  get size(): number {
    return this.records.size;
  }
}

function inProgressExpired(record: IdempotencyRecord): boolean {
  return (
    record.getStatus() === 'INPROGRESS' &&
    record.inProgressExpiryTimestamp !== undefined &&
    record.inProgressExpiryTimestamp < Date.now()
  );
}
