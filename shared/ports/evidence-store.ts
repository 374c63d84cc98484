import type {
  ComplaintEvidence,
  Evidence,
  MessageEvidence,
  ReportDownloadEvidence,
  ReviewEvidence,
} from '../domain/evidence';
import { byTime } from '../domain/evidence';
import type { TimeWindow } from '../domain/time';

/** A review posting with a low rating, as the store's index of them keeps it. */
export interface NegativePosting {
  readonly eventId: string;
  readonly reviewId: string;
  readonly orderId: string;
  readonly time: string;
  readonly rating: number;
}

/** A report download seen from one order's side: everything but the (possibly huge) order list. */
export type ReportCoverage = Omit<ReportDownloadEvidence, 'orderIds'> & { readonly orderCount: number };

/**
 * The evidence store. Writes are idempotent (a record is identified by its event and business ids,
 * and its content is a function of the event alone), and every read returns records in time order.
 */
export interface EvidenceStore {
  put(evidence: Evidence): Promise<void>;
  /** A review's rating history: posted, edited, removed. */
  reviewHistory(sellerId: string, reviewId: string): Promise<ReviewEvidence[]>;
  /** All review records of a seller (every review's history), in time order. */
  sellerReviews(sellerId: string, window?: TimeWindow): Promise<ReviewEvidence[]>;
  /** On-platform messages in a seller's threads, both directions. */
  sellerMessages(sellerId: string, window?: TimeWindow): Promise<MessageEvidence[]>;
  /** Report downloads by a seller (or its apps), with their full order lists. */
  sellerReportDownloads(sellerId: string, window?: TimeWindow): Promise<ReportDownloadEvidence[]>;
  /** The reports a seller downloaded that covered this order. */
  reportsCoveringOrder(sellerId: string, orderId: string, window?: TimeWindow): Promise<ReportCoverage[]>;
  /**
   * The seller's review postings rated at most `maxRating` in the window, in time order: a small
   * index (a report's first question is whether it covers a negatively reviewed order, and most
   * do not), read instead of every review. Undefined when the store indexes no postings up to that
   * rating: the caller then reads the reviews. A store without the method has no index.
   */
  negativePostings?(sellerId: string, window: TimeWindow, maxRating: number): Promise<NegativePosting[] | undefined>;
  /** Buyer complaints about a seller. */
  sellerComplaints(sellerId: string, window?: TimeWindow): Promise<ComplaintEvidence[]>;
  /** Everything about one order of a seller: its review history and the messages tied to it. */
  orderEvidence(sellerId: string, orderId: string): Promise<(ReviewEvidence | MessageEvidence)[]>;
  /** Every record of a seller in the window, in time order (the case timeline, the legal bundle). */
  sellerEvidence(sellerId: string, window?: TimeWindow): Promise<Evidence[]>;
  /**
   * A legal hold: every record of the seller is kept past its retention (its expiry removed).
   * Resolves to the records held, in time order. Holding twice holds the same records.
   */
  holdSeller(sellerId: string): Promise<Evidence[]>;
}

/** Every record of a seller, assembled from the per-kind reads every store has. */
export async function allSellerEvidence(store: EvidenceStore, sellerId: string, window: TimeWindow = {}): Promise<Evidence[]> {
  const parts = await Promise.all([
    store.sellerReviews(sellerId, window),
    store.sellerMessages(sellerId, window),
    store.sellerReportDownloads(sellerId, window),
    store.sellerComplaints(sellerId, window),
  ]);
  return parts.flat<Evidence[][]>().sort(byTime);
}
