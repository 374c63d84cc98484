/**
 * Evidence: what the platform's own events tell us about a seller, stored once per event and never
 * updated in place. Every derived view (a review's rating history, a seller's timeline, the reports
 * that covered an order) is computed from these records, so the state is the same whatever order
 * the events arrive in.
 */
import { createHash } from 'node:crypto';
import type { BuyerComplaintInput } from '../../events/v1/complaint';
import type { MessageSent, ReportDownloaded, ReviewEvent } from '../../events/v1/schemas';
import { classifyWithSources } from './classify/classify';
import type { Label } from './classify/labels';
import type { HandleKind } from './contact-handles';
import { findContactHandles, redactContactHandles, redactFound } from './contact-handles';

export interface HashedHandle {
  readonly kind: HandleKind;
  readonly hash: string;
}

interface EvidenceBase {
  /** The CloudEvents id: the identity of the record, so a redelivery overwrites nothing. */
  readonly eventId: string;
  /** When it happened, as UTC `YYYY-MM-DDTHH:mm:ss.sssZ` (sortable as text). */
  readonly time: string;
  readonly sellerId: string;
}

export interface ReviewEvidence extends EvidenceBase {
  readonly kind: 'review';
  readonly action: 'posted' | 'edited' | 'removed';
  readonly reviewId: string;
  readonly orderId: string;
  readonly productId: string;
  readonly buyerId: string;
  /** The rating after this event; absent once removed. */
  readonly rating?: number;
  readonly previousRating?: number;
  readonly marketplace?: string;
  readonly removedBy?: 'buyer' | 'platform';
  /** Review text with contact handles replaced by their keyed hash. */
  readonly title?: string;
  readonly body?: string;
  readonly handles: readonly HashedHandle[];
}

/** Where a classifier finding came from (see classifyWithSources). */
export type MatchSource = 'handle' | 'intent' | 'pattern' | 'model';

export interface MessageEvidence extends EvidenceBase {
  readonly kind: 'message';
  readonly messageId: string;
  readonly threadId: string;
  readonly buyerId: string;
  readonly orderId?: string;
  readonly sender: 'seller' | 'buyer';
  /** Message text with contact handles replaced by `[kind:hash]`. */
  readonly body: string;
  readonly handles: readonly HashedHandle[];
  /** Attachment names, with contact handles replaced by `[kind:hash]` like the body. */
  readonly attachments?: readonly { readonly name: string; readonly contentType: string }[];
  readonly language?: string;
  /** The classifier's labels, computed on the original text at ingestion. */
  readonly labels: readonly Label[];
  /**
   * The phrases behind each label, with any contact handle in them hashed, and where each came
   * from: a handle, an intent structure or a pattern (explicit words), or the classifier's model
   * alone (absent on evidence stored before it was recorded: read as explicit).
   */
  readonly matches: readonly { readonly label: Label; readonly match: string; readonly source?: MatchSource }[];
}

export interface ReportDownloadEvidence extends EvidenceBase {
  readonly kind: 'report-download';
  readonly downloadId: string;
  readonly actorId: string;
  readonly appId?: string;
  readonly reportType: string;
  readonly containsBuyerPii: boolean;
  readonly orderIds: readonly string[];
}

/** A buyer's complaint of contact outside the platform, from the console intake. */
export interface ComplaintEvidence extends EvidenceBase {
  readonly kind: 'complaint';
  readonly buyerId: string;
  readonly orderId?: string;
  readonly channel: BuyerComplaintInput['channel'];
  /** The buyer's words, with contact handles hashed. */
  readonly summary: string;
  readonly handles: readonly HashedHandle[];
  /**
   * The distinct words of the summary (lower case, no numbers or handles), kept when the text is
   * not: near-identical complaints in a burst are a campaign, not independent witnesses.
   */
  readonly words: readonly string[];
}

export type Evidence = ReviewEvidence | MessageEvidence | ReportDownloadEvidence | ComplaintEvidence;

/** Keyed hash of a canonical contact handle (an HMAC in production; see adapters/crypto). */
export type HandleHasher = (canonical: string) => string;

/** How long raw evidence is kept unless a legal hold freezes it. */
export const DEFAULT_RETENTION_DAYS = 400;

/**
 * When raw evidence expires, in epoch seconds: the retention period counts from when the thing
 * happened, not from when the event arrived.
 */
export function evidenceExpiresAt(evidence: Pick<Evidence, 'time'>, retentionDays = DEFAULT_RETENTION_DAYS): number {
  return Math.floor(Date.parse(evidence.time) / 1000) + retentionDays * 86_400;
}

/** Normalises an RFC 3339 time to UTC with millisecond precision, so text order is time order. */
export function toUtcTime(rfc3339: string): string {
  const millis = Date.parse(rfc3339);
  if (Number.isNaN(millis)) throw new RangeError(`not a timestamp: ${rfc3339}`);
  return new Date(millis).toISOString();
}

function redactOptional(text: string | undefined, hash: HandleHasher) {
  if (text === undefined) return { text: undefined, handles: [] };
  return redactContactHandles(text, hash);
}

/** The same object without its undefined fields (in the same order): a record per event, so a loop, not entries. */
function definedOnly<T extends object>(value: T): T {
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field: unknown = value[key as keyof T];
    if (field !== undefined) defined[key] = field;
  }
  return defined as T;
}

export function reviewEvidence(event: ReviewEvent, hash: HandleHasher): ReviewEvidence {
  const { data } = event;
  const base = {
    kind: 'review' as const,
    eventId: event.id,
    time: toUtcTime(event.time),
    sellerId: data.sellerId,
    reviewId: data.reviewId,
    orderId: data.orderId,
    productId: data.productId,
    buyerId: data.buyerId,
  };
  switch (event.type) {
    case 'review.posted': {
      const title = redactOptional(event.data.title, hash);
      const body = redactOptional(event.data.body, hash);
      return definedOnly({
        ...base,
        action: 'posted',
        rating: event.data.rating,
        marketplace: event.data.marketplace,
        title: title.text,
        body: body.text,
        handles: [...title.handles, ...body.handles],
      });
    }
    case 'review.edited': {
      const body = redactOptional(event.data.body, hash);
      return definedOnly({
        ...base,
        action: 'edited',
        rating: event.data.rating,
        previousRating: event.data.previousRating,
        body: body.text,
        handles: body.handles,
      });
    }
    case 'review.removed':
      return {
        ...base,
        action: 'removed',
        previousRating: event.data.previousRating,
        removedBy: event.data.removedBy,
        handles: [],
      };
  }
}

export function messageEvidence(event: MessageSent, hash: HandleHasher): MessageEvidence {
  const { data } = event;
  // One list of handles for the body, its classifier excerpts and the signal explanations built on
  // them: an excerpt redacted on its own would lose the context ("whatsapp: +44 ...") that found it.
  const found = findContactHandles(data.body, data.language);
  const body = redactFound(data.body, found, hash);
  const classification = classifyWithSources(data.body, data.language);
  const attachments = data.attachments?.map(({ name, contentType }) => ({ name: redactContactHandles(name, hash, data.language), contentType }));
  return definedOnly({
    kind: 'message',
    eventId: event.id,
    time: toUtcTime(event.time),
    sellerId: data.sellerId,
    messageId: data.messageId,
    threadId: data.threadId,
    buyerId: data.buyerId,
    orderId: data.orderId,
    sender: data.sender,
    body: body.text,
    handles: [...body.handles, ...(attachments ?? []).flatMap((a) => a.name.handles)],
    attachments: attachments?.map(({ name, contentType }) => ({ name: name.text, contentType })),
    language: data.language,
    labels: classification.labels,
    matches: classification.evidence.map(({ label, start, end, source }) => ({ label, match: redactFound(data.body, found, hash, start, end).text, source })),
  });
}

export function reportDownloadEvidence(event: ReportDownloaded): ReportDownloadEvidence {
  const { data } = event;
  return definedOnly({
    kind: 'report-download',
    eventId: event.id,
    time: toUtcTime(event.time),
    sellerId: data.sellerId,
    downloadId: data.downloadId,
    actorId: data.actorId,
    appId: data.appId,
    reportType: data.reportType,
    containsBuyerPii: data.containsBuyerPii,
    // Sorted and de-duplicated: the same report always yields the same record.
    orderIds: [...new Set(data.orderIds)].sort(),
  });
}

/** The distinct words of a text, for telling near-identical complaints apart: no numbers, ids or hashed handles. */
export function distinctWords(text: string): string[] {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\[[a-z]+:[^\]]*\]/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !/\p{N}/u.test(word));
  return [...new Set(words)].sort();
}

/**
 * A complaint as evidence. Its id is derived from its content, so the same complaint filed twice
 * (a double submit, a retried request) is one record.
 */
export function complaintEvidence(complaint: BuyerComplaintInput, hash: HandleHasher): ComplaintEvidence {
  const summary = redactContactHandles(complaint.summary, hash);
  const time = toUtcTime(complaint.receivedAt);
  const identity = [complaint.buyerId, complaint.sellerId, complaint.orderId ?? '', complaint.channel, time, complaint.summary];
  return definedOnly({
    kind: 'complaint',
    eventId: `complaint_${createHash('sha256').update(identity.join('\n')).digest('hex').slice(0, 24)}`,
    time,
    sellerId: complaint.sellerId,
    buyerId: complaint.buyerId,
    orderId: complaint.orderId,
    channel: complaint.channel,
    summary: summary.text,
    handles: summary.handles,
    words: distinctWords(summary.text),
  });
}

/** Time order with ties broken by an id, so sorted views never depend on arrival order. */
export function byTimeThen<T extends { time: string }>(idOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    if (a.time !== b.time) return a.time < b.time ? -1 : 1;
    const [x, y] = [idOf(a), idOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Time order with ties broken by event id. */
export const byTime: <T extends { time: string; eventId: string }>(a: T, b: T) => number = byTimeThen(
  (item: { time: string; eventId: string }) => item.eventId,
);

/**
 * Postings rated up to this are kept in the evidence store's index of negative postings: the
 * configuration's negative ratings by default (1-2 stars). A configuration counting 3 or 4 stars as
 * negative is answered by reading the reviews.
 */
export const NEGATIVE_INDEX_MAX_RATING = 2;

/** A review posting the index of negative postings lists. */
export const isIndexedNegativePosting = (review: ReviewEvidence): review is ReviewEvidence & { rating: number } =>
  review.action === 'posted' && review.rating !== undefined && review.rating <= NEGATIVE_INDEX_MAX_RATING;
