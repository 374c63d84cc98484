import { addDays } from '../domain/time';
import { HOME_MARKETPLACE_LOOK_BACK_DAYS, homeMarketplace } from '../domain/notices/notices';
import type { EvidenceStore } from '../ports/evidence-store';
import type { SellerContact, SellerDirectory } from '../ports/seller-directory';

/**
 * Seller notices through the marketplace's seller relay: `<sellerId>@<relay domain>`, which the
 * marketplace forwards to the seller's registered address (Offside never holds it), with the
 * seller's home marketplace (domain/notices) from its recent reviews.
 */
export class RelaySellerDirectory implements SellerDirectory {
  constructor(
    private readonly relayDomain: string,
    private readonly evidence: EvidenceStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async contact(sellerId: string): Promise<SellerContact> {
    const from = addDays(this.now().toISOString(), -HOME_MARKETPLACE_LOOK_BACK_DAYS);
    const marketplace = homeMarketplace(await this.evidence.sellerReviews(sellerId, { from }));
    return { email: `${encodeURIComponent(sellerId)}@${this.relayDomain}`, ...(marketplace ? { marketplace } : {}) };
  }
}
