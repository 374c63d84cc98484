/**
 * The evidence store on DynamoDB: one table, one partition per seller.
 *
 * Keys (ids are URI-encoded inside keys so an id containing `#` cannot bleed into another):
 *
 * | record          | pk             | sk                                          |
 * | --------------- | -------------- | ------------------------------------------- |
 * | review event    | `SELLER#<s>`   | `REVIEW#<reviewId>#<time>#<eventId>`        |
 * | message         | `SELLER#<s>`   | `MESSAGE#<time>#<messageId>`                |
 * | report download | `SELLER#<s>`   | `DOWNLOAD#<time>#<downloadId>#<chunk>`      |
 * | buyer complaint | `SELLER#<s>`   | `COMPLAINT#<time>#<complaintId>`            |
 * | negative posting| `SELLER#<s>`   | `NEGATIVE#<time>#<reviewId>#<eventId>`      |
 *
 * A negative posting item is an index, not a record: for each review posted with a rating of at
 * most NEGATIVE_INDEX_MAX_RATING, a small item (the posting's ids, time and rating) in time order,
 * written with the review (before it, so the index never misses a stored posting). A seller's
 * reviews are keyed by review id, so any time window over them reads all of them; a report's first
 * question (does it cover an order negatively reviewed in the weeks before?) reads this index
 * instead, and the reviews only for the few reports that do. One more write for about one event in
 * twenty (a tenth of postings are negative), against the seller's whole review history read at
 * every report with buyer data.
 *
 * Access patterns (all are single-partition Queries; no GSI, so a write costs one item):
 * - a review's rating history: `begins_with(sk, REVIEW#<reviewId>#)`;
 * - a seller's reviews: `begins_with(sk, REVIEW#)`, filtered by time;
 * - a seller's messages or downloads in a time window: `sk BETWEEN <PREFIX><from> AND <PREFIX><to>`;
 * - the reports that covered an order: the seller's downloads in the window with
 *   `contains(orderIds, :order)` as a filter (orders are stored in chunks of CHUNK_SIZE ids so
 *   a 10,000-order report stays under the 400 KB item limit);
 * - everything about an order: the seller's reviews and messages filtered on `orderId`;
 * - a seller's buyer complaints in a time window;
 * - a seller's negative postings in a time window: `sk BETWEEN NEGATIVE#<from> AND NEGATIVE#<to>`.
 * Every evidence query has the seller: detection and the console always work per seller.
 *
 * `expiresAt` (epoch seconds) is the event's time plus the retention period; DynamoDB's TTL deletes
 * raw evidence after it. A legal hold removes it (see the ladder).
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteItemCommand, ConditionalCheckFailedException, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type {
  ComplaintEvidence,
  Evidence,
  MessageEvidence,
  ReportDownloadEvidence,
  ReviewEvidence,
} from '../../domain/evidence';
import { NEGATIVE_INDEX_MAX_RATING, byTime, distinctWords, evidenceExpiresAt, isIndexedNegativePosting } from '../../domain/evidence';
import { queryAll } from './query-all';
import type { EvidenceStore, NegativePosting, ReportCoverage } from '../../ports/evidence-store';
import type { TimeWindow } from '../../domain/time';
import { allSellerEvidence } from '../../ports/evidence-store';
import { COMPLAINT_CHANNELS } from '../../../events/v1/complaint';
import { LABELS } from '../../domain/classify/labels';

/** Order ids per download item: 2,000 ids of at most 128 characters stay well under 400 KB. */
export const CHUNK_SIZE = 2_000;

const key = (id: string) => encodeURIComponent(id);
const sellerPk = (sellerId: string) => `SELLER#${key(sellerId)}`;
const HIGH = '\uffff';

const HashedHandleRow = z.object({ kind: z.enum(['email', 'phone', 'url', 'messaging']), hash: z.string() });
const Base = { eventId: z.string(), time: z.string(), sellerId: z.string() };

const ReviewRow = z.object({
  ...Base,
  kind: z.literal('review'),
  action: z.enum(['posted', 'edited', 'removed']),
  reviewId: z.string(),
  orderId: z.string(),
  productId: z.string(),
  buyerId: z.string(),
  rating: z.number().optional(),
  previousRating: z.number().optional(),
  marketplace: z.string().optional(),
  removedBy: z.enum(['buyer', 'platform']).optional(),
  title: z.string().optional(),
  body: z.string().optional(),
  handles: z.array(HashedHandleRow),
});

const MessageRow = z.object({
  ...Base,
  kind: z.literal('message'),
  messageId: z.string(),
  threadId: z.string(),
  buyerId: z.string(),
  orderId: z.string().optional(),
  sender: z.enum(['seller', 'buyer']),
  body: z.string(),
  handles: z.array(HashedHandleRow),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string() })).optional(),
  language: z.string().optional(),
  labels: z.array(z.enum(LABELS)),
  matches: z.array(z.object({ label: z.enum(LABELS), match: z.string(), source: z.enum(['handle', 'intent', 'pattern', 'model']).optional() })),
});

const ComplaintRow = z.object({
  ...Base,
  kind: z.literal('complaint'),
  buyerId: z.string(),
  orderId: z.string().optional(),
  channel: z.enum(COMPLAINT_CHANNELS),
  summary: z.string(),
  handles: z.array(HashedHandleRow),
  // Complaints stored before their words were kept get them from their summary.
  words: z.array(z.string()).optional(),
}).transform(({ words, ...row }) => ({ ...row, words: words ?? distinctWords(row.summary) }));

const NegativePostingRow = z.object({ eventId: z.string(), reviewId: z.string(), orderId: z.string(), time: z.string(), rating: z.number() });

const DownloadChunkRow = z.object({
  ...Base,
  kind: z.literal('report-download'),
  downloadId: z.string(),
  actorId: z.string(),
  appId: z.string().optional(),
  reportType: z.string(),
  containsBuyerPii: z.boolean(),
  orderCount: z.number(),
  chunk: z.number(),
  orderIds: z.array(z.string()),
});
type DownloadChunkRow = z.infer<typeof DownloadChunkRow>;

const ROW_FIELDS_TO_DROP = ['pk', 'sk', 'expiresAt', 'heldAt'] as const;

/** Items updated at once by a legal hold. */
const HOLD_CONCURRENCY = 16;

function stripStorageFields(item: Record<string, AttributeValue>): Record<string, unknown> {
  const row = unmarshall(item);
  for (const field of ROW_FIELDS_TO_DROP) delete row[field];
  return row;
}

export interface DynamoEvidenceStoreOptions {
  readonly tableName: string;
  /** Days raw evidence is kept (TTL). @default 400 */
  readonly retentionDays?: number;
}

export class DynamoEvidenceStore implements EvidenceStore {
  private readonly tableName: string;
  private readonly retentionDays: number | undefined;

  constructor(
    private readonly client: DynamoDBClient,
    options: DynamoEvidenceStoreOptions,
  ) {
    this.tableName = options.tableName;
    this.retentionDays = options.retentionDays;
  }

  async put(evidence: Evidence): Promise<void> {
    const expiresAt = evidenceExpiresAt(evidence, this.retentionDays);
    const pk = sellerPk(evidence.sellerId);
    if (evidence.kind === 'report-download') return this.putDownload(pk, expiresAt, evidence);
    if (evidence.kind === 'review' && isIndexedNegativePosting(evidence)) {
      const { eventId, reviewId, orderId, time, rating } = evidence;
      await this.putItem({ pk, sk: negativePostingSortKey(evidence), expiresAt, eventId, reviewId, orderId, time, rating });
    }
    return this.putItem({ pk, sk: recordSortKey(evidence), expiresAt, ...evidence });
  }

  private async putItem(item: object): Promise<void> {
    // The content is a pure function of the event, so a redelivery writes the same item again.
    await this.client.send(
      new PutItemCommand({ TableName: this.tableName, Item: marshall(item, { removeUndefinedValues: true }) }),
    );
  }

  private async putDownload(pk: string, expiresAt: number, download: ReportDownloadEvidence): Promise<void> {
    const { orderIds, ...summary } = download;
    const chunks: string[][] = [];
    for (let i = 0; i < orderIds.length; i += CHUNK_SIZE) chunks.push(orderIds.slice(i, i + CHUNK_SIZE));
    if (chunks.length === 0) chunks.push([]);
    const items = chunks.map((ids, chunk) => ({
      pk,
      sk: downloadSortKey(download, chunk),
      expiresAt,
      ...summary,
      orderCount: orderIds.length,
      chunk,
      orderIds: ids,
    }));
    if (items.length === 1 && items[0]) return this.putItem(items[0]);
    for (let i = 0; i < items.length; i += 25) {
      let requests = items
        .slice(i, i + 25)
        .map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
      // BatchWriteItem may leave items unprocessed under load; retry those with a short backoff.
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error(`report ${download.downloadId}: ${requests.length} chunks left unprocessed`);
        const result = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
          request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
        );
      }
    }
  }

  async reviewHistory(sellerId: string, reviewId: string): Promise<ReviewEvidence[]> {
    const items = await this.query(sellerId, { beginsWith: `REVIEW#${key(reviewId)}#` });
    return items.map((item) => ReviewRow.parse(stripStorageFields(item))).sort(byTime);
  }

  async sellerReviews(sellerId: string, window: TimeWindow = {}): Promise<ReviewEvidence[]> {
    const items = await this.query(sellerId, { beginsWith: 'REVIEW#', window });
    return items.map((item) => ReviewRow.parse(stripStorageFields(item))).sort(byTime);
  }

  async negativePostings(sellerId: string, window: TimeWindow, maxRating: number): Promise<NegativePosting[] | undefined> {
    if (maxRating > NEGATIVE_INDEX_MAX_RATING) return undefined;
    const items = await this.query(sellerId, { between: windowKeys('NEGATIVE#', window) });
    return items
      .map((item) => NegativePostingRow.parse(stripStorageFields(item)))
      .filter((posting) => posting.rating <= maxRating)
      .sort(byTime);
  }

  async sellerMessages(sellerId: string, window: TimeWindow = {}): Promise<MessageEvidence[]> {
    const items = await this.query(sellerId, { between: windowKeys('MESSAGE#', window) });
    return items.map((item) => MessageRow.parse(stripStorageFields(item)));
  }

  async sellerReportDownloads(sellerId: string, window: TimeWindow = {}): Promise<ReportDownloadEvidence[]> {
    const items = await this.query(sellerId, { between: windowKeys('DOWNLOAD#', window) });
    return assembleDownloads(items.map((item) => DownloadChunkRow.parse(stripStorageFields(item))));
  }

  async reportsCoveringOrder(sellerId: string, orderId: string, window: TimeWindow = {}): Promise<ReportCoverage[]> {
    const items = await this.query(sellerId, {
      between: windowKeys('DOWNLOAD#', window),
      filter: { expression: 'contains(orderIds, :order)', values: { ':order': { S: orderId } } },
    });
    const seen = new Map<string, ReportCoverage>();
    for (const row of items.map((item) => DownloadChunkRow.parse(stripStorageFields(item)))) {
      const { orderIds: _ids, chunk: _chunk, ...coverage } = row;
      seen.set(row.eventId, coverage);
    }
    return [...seen.values()].sort(byTime);
  }

  async sellerComplaints(sellerId: string, window: TimeWindow = {}): Promise<ComplaintEvidence[]> {
    const items = await this.query(sellerId, { between: windowKeys('COMPLAINT#', window) });
    return items.map((item) => ComplaintRow.parse(stripStorageFields(item)));
  }

  async orderEvidence(sellerId: string, orderId: string): Promise<(ReviewEvidence | MessageEvidence)[]> {
    const filter = { expression: 'orderId = :order', values: { ':order': { S: orderId } } };
    const [reviews, messages] = await Promise.all([
      this.query(sellerId, { beginsWith: 'REVIEW#', filter }),
      this.query(sellerId, { beginsWith: 'MESSAGE#', filter }),
    ]);
    return [
      ...reviews.map((item) => ReviewRow.parse(stripStorageFields(item))),
      ...messages.map((item) => MessageRow.parse(stripStorageFields(item))),
    ].sort(byTime);
  }

  sellerEvidence(sellerId: string, window: TimeWindow = {}): Promise<Evidence[]> {
    return allSellerEvidence(this, sellerId, window);
  }

  /**
   * Removes the expiry of every item of the seller's records, a few at a time; the items' keys
   * follow from the records, so the partition is read once. Items written after the hold (a late
   * event) carry their own expiry; holding again removes it too.
   */
  async holdSeller(sellerId: string): Promise<Evidence[]> {
    const records = await this.sellerEvidence(sellerId);
    const pk = { S: sellerPk(sellerId) };
    // The index items too (a posting stored before the index has none: nothing to hold).
    const sortKeys = records.flatMap((record) => recordSortKeys(record).map((sk) => ({ sk, required: true })));
    for (const record of records) if (record.kind === 'review' && isIndexedNegativePosting(record)) sortKeys.push({ sk: negativePostingSortKey(record), required: false });
    const heldAt = { S: new Date().toISOString() };
    for (let start = 0; start < sortKeys.length; start += HOLD_CONCURRENCY) {
      await Promise.all(
        sortKeys.slice(start, start + HOLD_CONCURRENCY).map(async ({ sk, required }) => {
          try {
            await this.client.send(
              new UpdateItemCommand({
                TableName: this.tableName,
                Key: { pk, sk: { S: sk } },
                UpdateExpression: 'REMOVE expiresAt SET heldAt = if_not_exists(heldAt, :heldAt)',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':heldAt': heldAt },
              }),
            );
          } catch (error) {
            if (required || !(error instanceof ConditionalCheckFailedException)) throw error;
          }
        }),
      );
    }
    return records;
  }

  private async query(
    sellerId: string,
    condition: {
      beginsWith?: string;
      between?: readonly [string, string];
      window?: TimeWindow;
      filter?: { expression: string; values: Record<string, AttributeValue> };
    },
  ): Promise<Record<string, AttributeValue>[]> {
    const values: Record<string, AttributeValue> = { ':pk': { S: sellerPk(sellerId) } };
    let keyCondition = 'pk = :pk';
    if (condition.between) {
      keyCondition += ' AND sk BETWEEN :lo AND :hi';
      values[':lo'] = { S: condition.between[0] };
      values[':hi'] = { S: condition.between[1] };
    } else if (condition.beginsWith) {
      keyCondition += ' AND begins_with(sk, :prefix)';
      values[':prefix'] = { S: condition.beginsWith };
    }
    const filters: string[] = [];
    if (condition.filter) {
      filters.push(condition.filter.expression);
      Object.assign(values, condition.filter.values);
    }
    const names: Record<string, string> = {};
    if (condition.window?.from) {
      filters.push('#time >= :from');
      names['#time'] = 'time';
      values[':from'] = { S: condition.window.from };
    }
    if (condition.window?.to) {
      filters.push('#time <= :to');
      names['#time'] = 'time';
      values[':to'] = { S: condition.window.to };
    }
    return queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: keyCondition,
      FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
      ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
      ExpressionAttributeValues: values,
    });
  }
}

/** The sort key of a one-item record (a review event, a message, a complaint). */
function recordSortKey(record: Exclude<Evidence, ReportDownloadEvidence>): string {
  switch (record.kind) {
    case 'review':
      return `REVIEW#${key(record.reviewId)}#${record.time}#${key(record.eventId)}`;
    case 'message':
      return `MESSAGE#${record.time}#${key(record.messageId)}`;
    case 'complaint':
      return `COMPLAINT#${record.time}#${key(record.eventId)}`;
  }
}

const negativePostingSortKey = (review: ReviewEvidence) => `NEGATIVE#${review.time}#${key(review.reviewId)}#${key(review.eventId)}`;

const downloadSortKey = (download: Pick<ReportDownloadEvidence, 'time' | 'downloadId'>, chunk: number) =>
  `DOWNLOAD#${download.time}#${key(download.downloadId)}#${String(chunk).padStart(4, '0')}`;

/** Every item key of a record: one, or one per chunk of a report's order list (at least one). */
function recordSortKeys(record: Evidence): string[] {
  if (record.kind !== 'report-download') return [recordSortKey(record)];
  const chunks = Math.max(1, Math.ceil(record.orderIds.length / CHUNK_SIZE));
  return Array.from({ length: chunks }, (_, chunk) => downloadSortKey(record, chunk));
}

function windowKeys(prefix: string, window: TimeWindow): readonly [string, string] {
  return [`${prefix}${window.from ?? ''}`, `${prefix}${window.to ?? ''}${HIGH}`];
}

function assembleDownloads(rows: readonly DownloadChunkRow[]): ReportDownloadEvidence[] {
  const byEvent = new Map<string, DownloadChunkRow[]>();
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
  const downloads: ReportDownloadEvidence[] = [];
  for (const chunks of byEvent.values()) {
    chunks.sort((a, b) => a.chunk - b.chunk);
    const first = chunks[0];
    if (!first) continue;
    const { orderCount: _count, chunk: _chunk, orderIds: _ids, ...summary } = first;
    downloads.push({ ...summary, orderIds: chunks.flatMap((chunk) => chunk.orderIds) });
  }
  return downloads.sort(byTime);
}
