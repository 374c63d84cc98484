/**
 * The simulator's cast: sellers, their products and rings, and the marketplaces they sell in.
 */
import type { Rng } from './prng';
import type { HandleSpec, Lang } from './texts';
import type { Market } from './time';
import type { SellerKind, SellerSize } from './truth';

export interface Product {
  readonly productId: string;
  readonly name: string;
}

export interface RingPlan {
  readonly ringId: string;
  readonly market: Market;
  readonly members: Seller[];
  readonly handle?: HandleSpec;
  readonly appId?: string;
}

export interface Seller {
  readonly sellerId: string;
  readonly kind: SellerKind;
  readonly size: SellerSize;
  readonly market: Market;
  readonly lang: Lang;
  readonly langTag: string;
  readonly tagsLanguage: boolean;
  readonly ordersPerDay: number;
  readonly reviewRate: number;
  /** Cumulative-free weights of ratings 1..5. */
  readonly ratingWeights: readonly number[];
  readonly shop: string;
  readonly agents: readonly string[];
  readonly products: readonly Product[];
  readonly rng: Rng;
  readonly owner: string;
  ring?: RingPlan;
}

export const MARKET_WEIGHTS: Readonly<Record<Market, number>> = { US: 0.4, DE: 0.2, FR: 0.15, ES: 0.13, IT: 0.12 };
export const MARKET_LIST: readonly Market[] = ['US', 'DE', 'FR', 'ES', 'IT'];
export const LANG_OF: Readonly<Record<Market, Lang>> = { US: 'en', FR: 'fr', DE: 'de', ES: 'es', IT: 'it' };
export const ORDER_PREFIXES: Readonly<Record<Market, readonly string[]>> = {
  US: ['111', '112', '113', '114'],
  FR: ['402', '403'],
  DE: ['302', '303', '304'],
  ES: ['406', '407'],
  IT: ['404', '405'],
};
