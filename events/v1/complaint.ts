/**
 * A buyer telling the platform that a seller contacted them outside the platform (CONTRACTS.md,
 * "Buyer complaints"). It arrives through the console API, not the event queues.
 */
import { z } from 'zod';
import { Id } from './schemas';

export const COMPLAINT_CHANNELS = ['email', 'phone', 'sms', 'social', 'other'] as const;

export const BuyerComplaintInput = z.looseObject({
  buyerId: Id,
  sellerId: Id,
  orderId: Id.optional(),
  channel: z.enum(COMPLAINT_CHANNELS, { error: `must be one of ${COMPLAINT_CHANNELS.join(', ')}` }),
  summary: z.string().min(1, 'must not be empty').max(10_000, 'must be at most 10,000 characters'),
  receivedAt: z.iso.datetime({ offset: true, error: 'must be an RFC 3339 timestamp with Z or an offset' }),
  /** The buyer's language (BCP 47), for the acknowledgement and the outcome they are sent. */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag, e.g. fr or pt-BR').optional(),
});
export type BuyerComplaintInput = z.infer<typeof BuyerComplaintInput>;
