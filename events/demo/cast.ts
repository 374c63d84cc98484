/**
 * Who is who in the demo stream (events/demo/marketplace.jsonl, written by tools/demo/make-demo.ts).
 * Tests use this to assert what detection should conclude: the violators get cases, the honest
 * sellers stay clean. See events/demo/README.md for the story.
 */

export type DemoRole =
  /** Reaches reviewers off-platform (PII look-ups after negative reviews, external forms, WhatsApp). */
  | 'off-platform-harasser'
  /** Asks for review removal or change through the platform's own messaging. */
  | 'on-platform-solicitor'
  | 'honest';

export interface DemoSeller {
  readonly sellerId: string;
  readonly name: string;
  readonly marketplace: string;
  /** BCP 47 tag of the seller's messages. */
  readonly language: string;
  readonly role: DemoRole;
  readonly violator: boolean;
  readonly productIds: readonly string[];
  /** What detection should conclude about this seller, in one sentence. */
  readonly expected: string;
}

export interface DemoFlip {
  readonly buyerId: string;
  readonly orderId: string;
  readonly reviewId: string;
  readonly from: number;
  /** The rating after the flip, or `'removed'` when the buyer deleted the review. */
  readonly to: number | 'removed';
  /** The targeted look-up (report download) that preceded the flip. */
  readonly afterDownloadId: string;
}

export interface DemoCast {
  readonly period: { readonly start: string; readonly end: string };
  readonly sellers: readonly DemoSeller[];
  readonly violatorSellerIds: readonly string[];
  readonly honestSellerIds: readonly string[];
  readonly seed: {
    readonly sellerId: string;
    readonly buyerId: string;
    readonly orderId: string;
    readonly productId: string;
    readonly reviewId: string;
    readonly reviewRating: number;
    readonly reviewTime: string;
    /** The targeted PII download by the third-party app that covers the seed order. */
    readonly lookupDownloadId: string;
    readonly lookupAppId: string;
    readonly lookupTime: string;
    /** The on-platform "free gift" message pointing to the external form, sent after delivery. */
    readonly giftMessageId: string;
    readonly complaintReceivedAt: string;
  };
  /** Negative reviews of the seed seller flipped after a targeted look-up, with no message in between. */
  readonly seedSellerFlips: readonly DemoFlip[];
  /** Targeted look-ups by the seed seller (post-negative-review PII downloads). */
  readonly seedSellerLookups: readonly { readonly downloadId: string; readonly orderIds: readonly string[] }[];
  /** A third-party app used for post-review look-ups by several sellers: the ring link. */
  readonly ring: { readonly appId: string; readonly sellerIds: readonly string[] };
  /**
   * A label-printing app that several honest sellers use for their routine daily orders reports
   * (new orders only). Sharing it is normal and must not link those sellers.
   */
  readonly benignSharedApp: { readonly appId: string; readonly sellerIds: readonly string[] };
  /** The one honest flip on the big honest seller: the seller messaged (help, no review ask) first. */
  readonly honestFlipAfterHelp: { readonly sellerId: string; readonly buyerId: string; readonly reviewId: string };
  /** The single flip on the small honest seller (no message, no look-up): must never fire. */
  readonly smallSellerFlip: { readonly sellerId: string; readonly buyerId: string; readonly reviewId: string };
}

const SELLERS = [
  {
    sellerId: 'S-COOKWELL',
    name: 'Cookwell (cooking-oil spray)',
    marketplace: 'US',
    language: 'en-US',
    role: 'off-platform-harasser',
    violator: true,
    productIds: ['B0OILSPRAY1', 'B0OILSPRAY2'],
    expected:
      'case: "free gift" messages with an external form asking for e-mail and order number, targeted buyer-PII ' +
      'look-ups by APP-SHIPMATCH after negative reviews, flips after those look-ups, and the seed complaint',
  },
  {
    sellerId: 'S-KEENEDGE',
    name: 'KeenEdge (kitchen knives)',
    marketplace: 'US',
    language: 'en-US',
    role: 'honest',
    violator: false,
    productIds: ['B0CHEFKNIF8', 'B0KNIFESET5'],
    expected:
      'clean: big volume, normal review churn, routine daily PII reports of new orders only, one flip after a ' +
      'help message that never mentions the review, one review removed by the platform',
  },
  {
    sellerId: 'S-MAISONLUMIERE',
    name: 'Maison Lumière (candles, lamps)',
    marketplace: 'FR',
    language: 'fr-FR',
    role: 'honest',
    violator: false,
    productIds: ['B0BOUGIE001', 'B0LAMPE0002'],
    expected:
      'clean: unconditional on-platform refunds after negative reviews (no review ask), the reviews stay; ' +
      'weekly returns reports cover reviewed orders but carry no buyer PII',
  },
  {
    sellerId: 'S-KUECHENPROFI',
    name: 'KüchenProfi (kitchen scales)',
    marketplace: 'DE',
    language: 'de-DE',
    role: 'on-platform-solicitor',
    violator: true,
    productIds: ['B0WAAGE0001', 'B0MESSBECH2'],
    expected:
      'case: on-platform messages offering a refund or a voucher if the buyer deletes or changes the review, ' +
      'one with pressure; no off-platform contact and no targeted look-ups',
  },
  {
    sellerId: 'S-CUCINAFELICE',
    name: 'Cucina Felice (moka pots, pans)',
    marketplace: 'IT',
    language: 'it-IT',
    role: 'off-platform-harasser',
    violator: true,
    productIds: ['B0MOKAPOT03', 'B0PADELLA01'],
    expected:
      'case: targeted PII look-ups by the same app as S-COOKWELL (APP-SHIPMATCH) after negative reviews, flips ' +
      'after them, and on-platform messages moving the buyer to WhatsApp; ring link with S-COOKWELL',
  },
  {
    sellerId: 'S-OLIVARDELSUR',
    name: 'Olivar del Sur (olive-wood kitchenware)',
    marketplace: 'ES',
    language: 'es-ES',
    role: 'honest',
    violator: false,
    productIds: ['B0CUCHARA01', 'B0TABLA0002'],
    expected: 'clean: few orders and reviews; its single flip (no message, no look-up) must never fire',
  },
] as const satisfies readonly DemoSeller[];

export const DEMO_CAST = {
  period: { start: '2026-01-05T00:00:00Z', end: '2026-03-20T23:59:59Z' },
  sellers: SELLERS,
  violatorSellerIds: SELLERS.filter((s) => s.violator).map((s) => s.sellerId),
  honestSellerIds: SELLERS.filter((s) => !s.violator).map((s) => s.sellerId),
  seed: {
    sellerId: 'S-COOKWELL',
    buyerId: 'B-NYC-0412',
    orderId: '112-4417302-0412551',
    productId: 'B0OILSPRAY1',
    reviewId: 'R-CW-MIST0412',
    reviewRating: 1,
    reviewTime: '2026-01-29T14:22:05Z',
    lookupDownloadId: 'D-CW-20260202-SM1',
    lookupAppId: 'APP-SHIPMATCH',
    lookupTime: '2026-02-02T08:17:44.318Z',
    giftMessageId: 'M-CW-GIFT-0412',
    complaintReceivedAt: '2026-02-19T21:05:00Z',
  },
  seedSellerFlips: [
    {
      buyerId: 'B-US-531907',
      orderId: '112-2093318-5516024',
      reviewId: 'R-CW-LEAK5319',
      from: 1,
      to: 'removed',
      afterDownloadId: 'D-CW-20260116-SM1',
    },
    {
      buyerId: 'B-US-119826',
      orderId: '112-8305127-3392410',
      reviewId: 'R-CW-CLOG1198',
      from: 1,
      to: 5,
      afterDownloadId: 'D-CW-20260202-SM1',
    },
    {
      buyerId: 'B-US-774502',
      orderId: '112-6650921-7048813',
      reviewId: 'R-CW-RANC7745',
      from: 2,
      to: 4,
      afterDownloadId: 'D-CW-20260225-SM1',
    },
  ],
  seedSellerLookups: [
    { downloadId: 'D-CW-20260116-SM1', orderIds: ['112-2093318-5516024', '112-5729044-1180352'] },
    { downloadId: 'D-CW-20260202-SM1', orderIds: ['112-4417302-0412551', '112-3178650-9023417', '112-8305127-3392410'] },
    { downloadId: 'D-CW-20260225-SM1', orderIds: ['112-6650921-7048813', '112-9461183-2265079'] },
  ],
  ring: { appId: 'APP-SHIPMATCH', sellerIds: ['S-COOKWELL', 'S-CUCINAFELICE'] },
  benignSharedApp: { appId: 'APP-LABELPRO', sellerIds: ['S-KEENEDGE', 'S-MAISONLUMIERE'] },
  honestFlipAfterHelp: { sellerId: 'S-KEENEDGE', buyerId: 'B-US-455120', reviewId: 'R-KE-TIP4551' },
  smallSellerFlip: { sellerId: 'S-OLIVARDELSUR', buyerId: 'B-ES-700318', reviewId: 'R-OS-VETA7003' },
} as const satisfies DemoCast;

export type DemoSellerId = (typeof SELLERS)[number]['sellerId'];
