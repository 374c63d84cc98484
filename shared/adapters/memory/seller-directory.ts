import type { SellerContact, SellerDirectory } from '../../ports/seller-directory';

/**
 * A development directory: sellers it knows get their marketplace (hence their notice language);
 * every seller gets an address on a reserved domain, so local mail never leaves the machine.
 */
export class DevelopmentSellerDirectory implements SellerDirectory {
  constructor(private readonly known: Readonly<Record<string, Omit<SellerContact, 'email'>>> = {}) {}

  async contact(sellerId: string): Promise<SellerContact> {
    const local = sellerId.toLowerCase().replace(/[^a-z0-9._-]/gu, '-');
    return { email: `${local}@sellers.marketplace.example`, ...this.known[sellerId] };
  }
}
