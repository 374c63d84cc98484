/**
 * The evidence store in memory: the same contract as the DynamoDB store, for unit tests and for
 * `offside replay`, where the whole pipeline runs in one process.
 */
import type {
  ComplaintEvidence,
  Evidence,
  MessageEvidence,
  ReportDownloadEvidence,
  ReviewEvidence,
} from '../../domain/evidence';
import { byTime, isIndexedNegativePosting, NEGATIVE_INDEX_MAX_RATING } from '../../domain/evidence';
import type { EvidenceStore, NegativePosting, ReportCoverage } from '../../ports/evidence-store';
import type { TimeWindow } from '../../domain/time';
import { allSellerEvidence } from '../../ports/evidence-store';
import { isInWindow } from '../../domain/time';

interface SellerEvidence {
  readonly reviews: Map<string, ReviewEvidence[]>;
  /**
   * The same reviews' records in one array in `byTime` order, kept as they are put (mostly at the
   * end, the stream being mostly in time order), so a window is two binary searches and a slice
   * rather than a sort of the seller's whole history at every read.
   */
  reviewsByTime: ReviewEvidence[];
  /**
   * The index of negative postings (`isIndexedNegativePosting`), in the same order, as the DynamoDB
   * store keeps one: a report's first question, asked at every report.
   */
  negativePostings: NegativePosting[];
  readonly messages: TimeOrdered<MessageEvidence>;
  readonly downloads: TimeOrdered<ReportDownloadEvidence>;
  readonly complaints: Map<string, ComplaintEvidence>;
}

function withoutText(evidence: Evidence): Evidence {
  switch (evidence.kind) {
    case 'message':
      return { ...evidence, body: '' };
    case 'review': {
      const { title: _title, body: _body, ...rest } = evidence;
      return rest;
    }
    case 'complaint':
      return { ...evidence, summary: '' };
    case 'report-download':
      return evidence;
  }
}

export interface InMemoryEvidenceStoreOptions {
  /**
   * Keep message and review text. A replay only needs what detection derived from the text (the
   * labels, the handle hashes), so it drops the text to keep memory flat. @default true
   */
  readonly keepText?: boolean;
}

export class InMemoryEvidenceStore implements EvidenceStore {
  private readonly sellers = new Map<string, SellerEvidence>();
  /** Sellers under a legal hold: nothing of theirs is evicted. */
  private readonly held = new Set<string>();
  private readonly keepText: boolean;

  constructor(options: InMemoryEvidenceStoreOptions = {}) {
    this.keepText = options.keepText ?? true;
  }

  /**
   * Forgets evidence that happened before `time`: settled evidence no rule can look at again.
   * Resolves to the number of records dropped.
   */
  async evictBefore(time: string): Promise<number> {
    let dropped = 0;
    for (const [sellerId, seller] of this.sellers) {
      if (this.held.has(sellerId)) continue;
      let droppedReviews = false;
      for (const [reviewId, history] of seller.reviews) {
        if ((history[history.length - 1]?.time ?? '') < time) {
          seller.reviews.delete(reviewId);
          dropped += history.length;
          droppedReviews = true;
        }
      }
      if (droppedReviews) {
        seller.reviewsByTime = seller.reviewsByTime.filter((record) => seller.reviews.has(record.reviewId));
        seller.negativePostings = seller.negativePostings.filter((posting) => seller.reviews.has(posting.reviewId));
      }
      dropped += seller.messages.dropBefore(time) + seller.downloads.dropBefore(time);
      for (const [key, record] of seller.complaints) {
        if (record.time < time) {
          seller.complaints.delete(key);
          dropped++;
        }
      }
      if (seller.reviews.size + seller.messages.size + seller.downloads.size + seller.complaints.size === 0) {
        this.sellers.delete(sellerId);
      }
    }
    return dropped;
  }

  private seller(sellerId: string): SellerEvidence {
    let found = this.sellers.get(sellerId);
    if (!found) {
      found = { reviews: new Map(), reviewsByTime: [], negativePostings: [], messages: new TimeOrdered(), downloads: new TimeOrdered(), complaints: new Map() };
      this.sellers.set(sellerId, found);
    }
    return found;
  }

  async put(stored: Evidence): Promise<void> {
    const evidence = this.keepText ? stored : withoutText(stored);
    const seller = this.seller(evidence.sellerId);
    switch (evidence.kind) {
      case 'review': {
        const history = seller.reviews.get(evidence.reviewId) ?? [];
        if (!history.some((record) => record.eventId === evidence.eventId)) {
          history.push(evidence);
          history.sort(byTime);
          const records = seller.reviewsByTime;
          records.splice(firstIndex(records, (record) => byTime(record, evidence) > 0), 0, evidence);
          if (isIndexedNegativePosting(evidence)) {
            const { eventId, reviewId, orderId, time, rating } = evidence;
            const postings = seller.negativePostings;
            postings.splice(firstIndex(postings, (posting) => byTime(posting, evidence) > 0), 0, { eventId, reviewId, orderId, time, rating });
          }
        }
        seller.reviews.set(evidence.reviewId, history);
        return;
      }
      case 'message':
        seller.messages.set(`${evidence.time}#${evidence.messageId}`, evidence);
        return;
      case 'report-download':
        seller.downloads.set(`${evidence.time}#${evidence.downloadId}`, evidence);
        return;
      case 'complaint':
        seller.complaints.set(evidence.eventId, evidence);
        return;
    }
  }

  async reviewHistory(sellerId: string, reviewId: string): Promise<ReviewEvidence[]> {
    return [...(this.sellers.get(sellerId)?.reviews.get(reviewId) ?? [])];
  }

  async sellerReviews(sellerId: string, window: TimeWindow = {}): Promise<ReviewEvidence[]> {
    const records = this.sellers.get(sellerId)?.reviewsByTime ?? [];
    const { from, to } = window;
    const first = from === undefined ? 0 : firstIndex(records, (record) => record.time >= from);
    const end = to === undefined ? records.length : firstIndex(records, (record) => record.time > to);
    return records.slice(first, Math.max(first, end));
  }

  async negativePostings(sellerId: string, window: TimeWindow, maxRating: number): Promise<NegativePosting[]> {
    if (maxRating <= NEGATIVE_INDEX_MAX_RATING) {
      return windowOf(this.sellers.get(sellerId)?.negativePostings ?? [], window).filter((posting) => posting.rating <= maxRating);
    }
    // Past the index's ratings the memory store reads the reviews (the DynamoDB store answers none).
    const postings: NegativePosting[] = [];
    for (const { action, rating, eventId, reviewId, orderId, time } of await this.sellerReviews(sellerId, window)) {
      if (action === 'posted' && rating !== undefined && rating <= maxRating) postings.push({ eventId, reviewId, orderId, time, rating });
    }
    return postings;
  }

  async sellerMessages(sellerId: string, window: TimeWindow = {}): Promise<MessageEvidence[]> {
    return this.sellers.get(sellerId)?.messages.within(window) ?? [];
  }

  async sellerReportDownloads(sellerId: string, window: TimeWindow = {}): Promise<ReportDownloadEvidence[]> {
    return this.sellers.get(sellerId)?.downloads.within(window) ?? [];
  }

  async reportsCoveringOrder(sellerId: string, orderId: string, window: TimeWindow = {}): Promise<ReportCoverage[]> {
    const downloads = await this.sellerReportDownloads(sellerId, window);
    return downloads
      .filter((download) => download.orderIds.includes(orderId))
      .map(({ orderIds, ...coverage }) => ({ ...coverage, orderCount: orderIds.length }));
  }

  async sellerComplaints(sellerId: string, window: TimeWindow = {}): Promise<ComplaintEvidence[]> {
    const complaints = this.sellers.get(sellerId)?.complaints.values() ?? [];
    return [...complaints].filter((record) => isInWindow(record.time, window)).sort(byTime);
  }

  async orderEvidence(sellerId: string, orderId: string): Promise<(ReviewEvidence | MessageEvidence)[]> {
    const [reviews, messages] = await Promise.all([this.sellerReviews(sellerId), this.sellerMessages(sellerId)]);
    return [...reviews, ...messages].filter((record) => record.orderId === orderId).sort(byTime);
  }

  sellerEvidence(sellerId: string, window: TimeWindow = {}): Promise<Evidence[]> {
    return allSellerEvidence(this, sellerId, window);
  }

  async holdSeller(sellerId: string): Promise<Evidence[]> {
    this.held.add(sellerId);
    return this.sellerEvidence(sellerId);
  }
}

/**
 * Records by key, also kept in one array in `byTime` order as they are put (mostly at the end, the
 * stream being mostly in time order), so a window is two binary searches and a slice rather than a
 * filter and a sort of the seller's whole history at every read. A record put again under its key
 * replaces the one stored.
 */
class TimeOrdered<T extends Evidence> {
  private readonly byKey = new Map<string, T>();
  private ordered: T[] = [];

  get size(): number {
    return this.byKey.size;
  }

  set(key: string, record: T): void {
    const stored = this.byKey.get(key);
    this.byKey.set(key, record);
    const records = this.ordered;
    if (stored) {
      const at = records.indexOf(stored, firstIndex(records, (other) => byTime(other, stored) >= 0));
      if (at >= 0 && byTime(stored, record) === 0) {
        records[at] = record;
        return;
      }
      if (at >= 0) records.splice(at, 1);
    }
    const last = records[records.length - 1];
    if (last === undefined || byTime(last, record) <= 0) records.push(record);
    else records.splice(firstIndex(records, (other) => byTime(other, record) > 0), 0, record);
  }

  /** The records in the window, in `byTime` order (a new array). */
  within(window: TimeWindow): T[] {
    return windowOf(this.ordered, window);
  }

  /** Drops the records that happened before `time`; resolves to how many. */
  dropBefore(time: string): number {
    const cut = firstIndex(this.ordered, (record) => record.time >= time);
    if (cut === 0) return 0;
    for (const [key, record] of this.byKey) if (record.time < time) this.byKey.delete(key);
    this.ordered = this.ordered.slice(cut);
    return cut;
  }
}

/** The records of `sorted` (in time order) inside `window`: two binary searches and a slice (a new array). */
function windowOf<T extends { readonly time: string }>(sorted: readonly T[], { from, to }: TimeWindow): T[] {
  const first = from === undefined ? 0 : firstIndex(sorted, (record) => record.time >= from);
  const end = to === undefined ? sorted.length : firstIndex(sorted, (record) => record.time > to);
  return sorted.slice(first, Math.max(first, end));
}

/** The first index of `sorted` whose record meets `after` (false, then true, along the array), or its length. */
function firstIndex<T>(sorted: readonly T[], after: (record: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after(sorted[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}
