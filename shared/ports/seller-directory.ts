/** Where the platform reaches a seller: its registered notice address and marketplace. */
export interface SellerContact {
  readonly email: string;
  readonly marketplace?: string;
  readonly name?: string;
}

export interface SellerDirectory {
  contact(sellerId: string): Promise<SellerContact>;
}
