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
});
export type BuyerComplaintInput = z.infer<typeof BuyerComplaintInput>;
