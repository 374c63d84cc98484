/**
 * The v1 event contract (../shared/CONTRACTS.md section 1): CloudEvents 1.0 structured JSON with one
 * `data` shape per `type`. Unknown fields are allowed everywhere (producers may add fields), so
 * objects are loose; every field the contract names is checked.
 */
import { z } from 'zod';

/** Opaque platform ids: 1 to 128 characters. */
export const Id = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');

const Rating = z
  .number({ error: 'must be an integer from 1 to 5' })
  .int('must be an integer from 1 to 5')
  .min(1, 'must be an integer from 1 to 5')
  .max(5, 'must be an integer from 1 to 5');

const Marketplace = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case code such as US or FR');

/** A BCP 47 language tag, checked by the runtime's own Intl implementation. */
const LanguageTag = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'must be a BCP 47 language tag such as en or fr-CA' },
);

/** Contract limits of review text (CONTRACTS section 1): longer goes to the DLQ with its reason. */
export const MAX_REVIEW_TITLE = 500;
export const MAX_REVIEW_BODY = 20_000;
const ReviewTitle = z.string().max(MAX_REVIEW_TITLE, `must be at most ${MAX_REVIEW_TITLE} characters`);
const ReviewBody = z.string().max(MAX_REVIEW_BODY, `must be at most ${MAX_REVIEW_BODY} characters`);

export const ReviewPostedData = z.looseObject({
  reviewId: Id,
  orderId: Id,
  productId: Id,
  sellerId: Id,
  buyerId: Id,
  rating: Rating,
  marketplace: Marketplace,
  title: ReviewTitle.optional(),
  body: ReviewBody.optional(),
});

export const ReviewEditedData = z.looseObject({
  reviewId: Id,
  orderId: Id,
  productId: Id,
  sellerId: Id,
  buyerId: Id,
  rating: Rating,
  previousRating: Rating,
  body: ReviewBody.optional(),
});

export const ReviewRemovedData = z.looseObject({
  reviewId: Id,
  orderId: Id,
  productId: Id,
  sellerId: Id,
  buyerId: Id,
  previousRating: Rating,
  removedBy: z.enum(['buyer', 'platform'], { error: 'must be "buyer" or "platform"' }),
});

export const MAX_MESSAGE_BODY = 20_000;

export const MessageSentData = z.looseObject({
  messageId: Id,
  threadId: Id,
  sellerId: Id,
  buyerId: Id,
  orderId: Id.optional(),
  sender: z.enum(['seller', 'buyer'], { error: 'must be "seller" or "buyer"' }),
  body: z.string().max(MAX_MESSAGE_BODY, `must be at most ${MAX_MESSAGE_BODY} characters`),
  attachments: z.array(z.looseObject({ name: z.string(), contentType: z.string() })).optional(),
  language: LanguageTag.optional(),
});

export const MAX_REPORT_ORDERS = 10_000;

export const ReportDownloadedData = z.looseObject({
  downloadId: Id,
  sellerId: Id,
  actorId: Id,
  appId: Id.optional(),
  reportType: z.string().min(1, 'must not be empty'),
  containsBuyerPii: z.boolean({ error: 'must be true or false' }),
  orderIds: z.array(Id).max(MAX_REPORT_ORDERS, `must list at most ${MAX_REPORT_ORDERS} order ids`),
});

export const EVENT_TYPES = [
  'review.posted',
  'review.edited',
  'review.removed',
  'message.sent',
  'report.downloaded',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** RFC 3339: a date-time with a `Z` or a numeric offset; local times without an offset are refused. */
const Rfc3339 = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 timestamp with Z or an offset' });

export const Envelope = {
  specversion: z.literal('1.0', { error: 'must be "1.0"' }),
  id: z.string().min(1, 'must not be empty'),
  source: z.string().min(1, 'must not be empty'),
  time: Rfc3339,
  subject: z.string().optional(),
  datacontenttype: z.literal('application/json', { error: 'must be "application/json" when present' }).optional(),
};

const envelopeOf = <T extends EventType, D extends z.ZodType>(type: T, data: D) =>
  z.looseObject({ ...Envelope, type: z.literal(type), data });

export const ReviewPosted = envelopeOf('review.posted', ReviewPostedData);
export const ReviewEdited = envelopeOf('review.edited', ReviewEditedData);
export const ReviewRemoved = envelopeOf('review.removed', ReviewRemovedData);
export const MessageSent = envelopeOf('message.sent', MessageSentData);
export const ReportDownloaded = envelopeOf('report.downloaded', ReportDownloadedData);

export const OffsideEvent = z
  .discriminatedUnion('type', [ReviewPosted, ReviewEdited, ReviewRemoved, MessageSent, ReportDownloaded], {
    error: (issue) =>
      issue.code === 'invalid_union' ? `must be one of ${EVENT_TYPES.join(', ')}` : undefined,
  })
  .superRefine((event, ctx) => {
    // CONTRACTS.md: `subject` is the seller id when present.
    // `data` may itself be invalid here (zod still runs refinements after non-fatal issues).
    const sellerId: unknown = (event.data as { sellerId?: unknown } | undefined)?.sellerId;
    if (event.subject !== undefined && typeof sellerId === 'string' && event.subject !== sellerId) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'must equal data.sellerId when present' });
    }
  });

export type ReviewPosted = z.infer<typeof ReviewPosted>;
export type ReviewEdited = z.infer<typeof ReviewEdited>;
export type ReviewRemoved = z.infer<typeof ReviewRemoved>;
export type ReviewEvent = ReviewPosted | ReviewEdited | ReviewRemoved;
export type MessageSent = z.infer<typeof MessageSent>;
export type ReportDownloaded = z.infer<typeof ReportDownloaded>;
export type OffsideEvent = z.infer<typeof OffsideEvent>;
