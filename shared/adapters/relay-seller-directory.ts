import type { EvidenceStore } from '../ports/evidence-store';
import type { SellerContact, SellerDirectory } from '../ports/seller-directory';

/**
 * Seller notices through the marketplace's seller relay: `<sellerId>@<relay domain>`, which the
 * marketplace forwards to the seller's registered address (Offside never holds it). The notice
 * language follows the marketplace most of the seller's recent reviews came from.
 */
export class RelaySellerDirectory implements SellerDirectory {
  constructor(
    private readonly relayDomain: string,
    private readonly evidence: EvidenceStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async contact(sellerId: string): Promise<SellerContact> {
    const from = new Date(this.now().getTime() - 365 * 86_400_000).toISOString();
    const counts = new Map<string, number>();
    for (const review of await this.evidence.sellerReviews(sellerId, { from })) {
      if (review.marketplace) counts.set(review.marketplace, (counts.get(review.marketplace) ?? 0) + 1);
    }
    const marketplace = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    return { email: `${encodeURIComponent(sellerId)}@${this.relayDomain}`, ...(marketplace ? { marketplace } : {}) };
  }
}
