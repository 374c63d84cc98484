/**
 * What Offside emits: CloudEvents 1.0 for the marketplace, one per change of a seller's status.
 * The id derives from the case and the change, so a retried step publishes the same event and the
 * marketplace can drop duplicates by id.
 */
import { z } from 'zod';

export const SELLER_STATUS_CHANGED = 'offside.seller.status-changed';

export const SellerStatusChangedSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.literal('offside/enforcement'),
  type: z.literal(SELLER_STATUS_CHANGED),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  data: z.object({
    sellerId: z.string().min(1),
    status: z.enum(['suspended', 'active']),
    /** Why: the ladder applied a suspension, an appeal was accepted, or the case was dismissed. */
    reason: z.enum(['suspension-approved', 'appeal-accepted', 'case-dismissed']),
    caseId: z.string().min(1),
  }),
});
export type SellerStatusChanged = z.infer<typeof SellerStatusChangedSchema>;

export function sellerStatusChanged(
  sellerId: string,
  status: SellerStatusChanged['data']['status'],
  reason: SellerStatusChanged['data']['reason'],
  caseId: string,
  at: string,
): SellerStatusChanged {
  return {
    specversion: '1.0',
    id: `${caseId}:${reason}`,
    source: 'offside/enforcement',
    type: SELLER_STATUS_CHANGED,
    time: at,
    subject: sellerId,
    datacontenttype: 'application/json',
    data: { sellerId, status, reason, caseId },
  };
}
