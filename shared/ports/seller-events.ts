import type { SellerStatusChanged } from '../../events/v1/outbound';

/** Tells the marketplace what became of a seller (suspended, reinstated). Publishing is idempotent by event id. */
export interface SellerEvents {
  publish(event: SellerStatusChanged): Promise<void>;
}
