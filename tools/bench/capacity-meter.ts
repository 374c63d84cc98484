/**
 * A DynamoDB client middleware that asks every command for its consumed capacity and adds it up,
 * per table and operation. It asks with `ReturnConsumedCapacity: 'INDEXES'` (tables and indexes
 * apart) on each command that accepts it and reads `ConsumedCapacity` from the response, a single
 * object or a list (BatchWriteItem, TransactWriteItems, BatchGetItem, TransactGetItems).
 *
 * Where the response says nothing (a conditional write that fails is an error, with no
 * ConsumedCapacity in it, yet DynamoDB bills it), the units are computed from the item's size by
 * DynamoDB's rules and counted apart as `estimated`.
 *
 * DynamoDB Local reports a transactional write at 4 units per KB (table and each index alike), twice
 * what DynamoDB documents and bills (2 units per KB, "transactional write requests require two
 * WCUs"): TransactWriteItems units are scaled by `transactWriteScale` (0.5 by default) to the
 * documented rule, and what the emulator said is kept in `reportedWriteUnits`.
 */
import type {
  AttributeValue,
  ConsumedCapacity,
  DynamoDBClient,
  ServiceInputTypes,
  ServiceOutputTypes,
} from '@aws-sdk/client-dynamodb';

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

export interface CapacityLine {
  readonly table: string;
  readonly operation: string;
  calls: number;
  readUnits: number;
  writeUnits: number;
  /** Write units as DynamoDB Local reported them (differs from `writeUnits` for transactions only). */
  reportedWriteUnits: number;
  /** Units computed from item sizes because the response reported none (failed conditional writes). */
  estimatedWriteUnits: number;
  /** Calls that failed a condition (still billed). */
  conditionFailures: number;
}

export interface CapacityTotals {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly estimatedWriteUnits: number;
  readonly calls: number;
  /** Successful calls whose response carried no ConsumedCapacity at all. */
  readonly unreported: number;
}

/** Sums consumed capacity over every command a client sends after `attach`. */
export class CapacityMeter {
  private readonly lines = new Map<string, CapacityLine>();
  private unreportedCalls = 0;

  constructor(private readonly transactWriteScale = 0.5) {}

  /** Adds the middleware to this client (and to anything sharing its middleware stack). */
  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = context.commandName ?? 'unknown';
        const metered = READS.has(operation) || WRITES.has(operation);
        const input: ServiceInputTypes = metered ? { ...args.input, ReturnConsumedCapacity: 'INDEXES' } : args.input;
        try {
          const result = await next({ ...args, input });
          if (metered) this.record(operation, input, result.output);
          return result;
        } catch (error) {
          if (metered) this.recordFailure(operation, input, error);
          throw error;
        }
      },
      { step: 'initialize', name: 'offsideBenchCapacityMeter' },
    );
  }

  /** Forgets everything counted so far (e.g. the tables' creation). */
  reset(): void {
    this.lines.clear();
    this.unreportedCalls = 0;
  }

  breakdown(): CapacityLine[] {
    return [...this.lines.values()].sort((a, b) => b.writeUnits + b.estimatedWriteUnits + b.readUnits - (a.writeUnits + a.estimatedWriteUnits + a.readUnits));
  }

  totals(): CapacityTotals {
    let readUnits = 0;
    let writeUnits = 0;
    let estimatedWriteUnits = 0;
    let calls = 0;
    for (const line of this.lines.values()) {
      readUnits += line.readUnits;
      writeUnits += line.writeUnits;
      estimatedWriteUnits += line.estimatedWriteUnits;
      calls += line.calls;
    }
    return { readUnits, writeUnits, estimatedWriteUnits, calls, unreported: this.unreportedCalls };
  }

  private line(table: string, operation: string): CapacityLine {
    const name = operation.replace(/Command$/u, '');
    const id = `${table}\u0000${name}`;
    let line = this.lines.get(id);
    if (!line) {
      line = { table, operation: name, calls: 0, readUnits: 0, writeUnits: 0, reportedWriteUnits: 0, estimatedWriteUnits: 0, conditionFailures: 0 };
      this.lines.set(id, line);
    }
    return line;
  }

  private record(operation: string, input: ServiceInputTypes, output: ServiceOutputTypes): void {
    const consumed = 'ConsumedCapacity' in output ? output.ConsumedCapacity : undefined;
    const list = (consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]).filter(isConsumedCapacity);
    const tables = tablesOf(input);
    if (list.length === 0) {
      this.unreportedCalls++;
      for (const table of tables) this.line(table, operation).calls++;
      return;
    }
    // One call, counted once per table it touched.
    for (const table of tables) this.line(table, operation).calls++;
    for (const entry of list) {
      const line = this.line(entry.TableName ?? tables[0] ?? 'unknown', operation);
      const { read, write } = split(entry, WRITES.has(operation));
      line.readUnits += read;
      line.reportedWriteUnits += write;
      line.writeUnits += operation === 'TransactWriteItemsCommand' ? write * this.transactWriteScale : write;
    }
  }

  private recordFailure(operation: string, input: ServiceInputTypes, error: unknown): void {
    const name = error instanceof Error ? error.name : '';
    if (name !== 'ConditionalCheckFailedException' && name !== 'TransactionCanceledException') return;
    const writes = writtenItems(input);
    // A transaction's writes cost twice a standard write.
    const factor = operation === 'TransactWriteItemsCommand' ? 2 : 1;
    for (const { table, item } of writes) {
      const line = this.line(table, operation);
      line.calls++;
      line.conditionFailures++;
      line.estimatedWriteUnits += factor * Math.max(1, Math.ceil(itemSize(item) / 1024));
    }
  }
}

// Vector search reports bytes, not units; none of our commands use it.
const isConsumedCapacity = (entry: object): entry is ConsumedCapacity => 'CapacityUnits' in entry || 'TableName' in entry;

/** Read and write units of one ConsumedCapacity entry (DynamoDB Local may give only CapacityUnits). */
function split(entry: ConsumedCapacity, isWrite: boolean): { read: number; write: number } {
  const read = entry.ReadCapacityUnits;
  const write = entry.WriteCapacityUnits;
  if (read !== undefined || write !== undefined) return { read: read ?? 0, write: write ?? 0 };
  const units = entry.CapacityUnits ?? 0;
  return isWrite ? { read: 0, write: units } : { read: units, write: 0 };
}

function tablesOf(input: ServiceInputTypes): string[] {
  if ('TableName' in input && typeof input.TableName === 'string') return [input.TableName];
  if ('RequestItems' in input && input.RequestItems) return Object.keys(input.RequestItems);
  if ('TransactItems' in input && input.TransactItems) {
    const names = new Set<string>();
    for (const item of input.TransactItems) {
      const parts = 'Get' in item ? [item.Get] : [item.Put, item.Update, item.Delete, item.ConditionCheck];
      for (const part of parts) if (part?.TableName) names.add(part.TableName);
    }
    return [...names];
  }
  return [];
}

/** The items a write command tried to write, for the size-based estimate of a failed condition. */
function writtenItems(input: ServiceInputTypes): { table: string; item: Record<string, AttributeValue> }[] {
  if ('TransactItems' in input && input.TransactItems) {
    return input.TransactItems.flatMap((item) => {
      if ('Put' in item && item.Put?.TableName && item.Put.Item) return [{ table: item.Put.TableName, item: item.Put.Item }];
      if ('Delete' in item && item.Delete?.TableName && item.Delete.Key) return [{ table: item.Delete.TableName, item: item.Delete.Key }];
      if ('Update' in item && item.Update?.TableName && item.Update.Key) return [{ table: item.Update.TableName, item: item.Update.Key }];
      if ('ConditionCheck' in item && item.ConditionCheck?.TableName && item.ConditionCheck.Key) {
        return [{ table: item.ConditionCheck.TableName, item: item.ConditionCheck.Key }];
      }
      return [];
    });
  }
  const table = 'TableName' in input && typeof input.TableName === 'string' ? input.TableName : 'unknown';
  if ('Item' in input && input.Item) return [{ table, item: input.Item }];
  if ('Key' in input && input.Key) return [{ table, item: input.Key }];
  return [{ table, item: {} }];
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** DynamoDB's item size: attribute names plus values (numbers: about one byte per two digits, plus one). */
export function itemSize(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  return size;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + utf8(k) + valueSize(v), 0);
  return 0;
}

function numberSize(text: string): number {
  const digits = text.replace(/[^0-9]/gu, '').replace(/^0+/u, '').length;
  return Math.ceil(Math.max(1, digits) / 2) + 1;
}
