/**
 * Detection thresholds and weights, in one versioned place. Every signal and case records the
 * version it was computed under, so a change here is visible in the audit of later decisions.
 */
export interface DetectionConfig {
  readonly version: string;
  /** Points count for this many days after their signal (the account-health window). */
  readonly windowDays: number;
  /** Points in the window at which a case opens (asking for a warning). */
  readonly caseThreshold: number;
  /**
   * New evidence on an open case asks for the next rung only when it happened at least this long
   * after the current rung was asked for: the seller gets time to read a notice and comply.
   */
  readonly escalationGraceDays: number;
  readonly sellerMessage: {
    /** Points of a seller message per label it carries (summed). */
    readonly points: { readonly review_manipulation: number; readonly off_platform_contact: number; readonly intimidation: number };
    /**
     * An off-platform label with no concrete handle in the message (a phrase such as "what's your
     * personal e-mail?") is weaker evidence, and the kind of text a classifier misreads most.
     */
    readonly offPlatformWithoutHandle: number;
  };
  readonly targetedLookup: {
    readonly points: number;
    /** A download this long after an order's negative review still counts as a look-up of it. */
    readonly maxDaysAfterReview: number;
    /** Ratings at or below this are negative. */
    readonly negativeMaxRating: number;
    /** A report this small that covers a negatively reviewed order is targeted... */
    readonly smallReportOrders: number;
    /** ...and so is a larger one whose orders are at least this share negatively reviewed ones. */
    readonly minNegativeShare: number;
  };
  readonly lookupThenFlip: {
    /** A look-up of a negative reviewer followed by the review's flip with no on-platform message. */
    readonly points: number;
  };
  readonly unexplainedFlips: {
    readonly points: number;
    /** The platform's base rate of negative reviews flipped with no seller message in between. */
    readonly baseRate: number;
    /** Fires when P(X >= k | n, baseRate) is at most this. */
    readonly alpha: number;
    /** Never on fewer flips than this, whatever the test says. */
    readonly minFlips: number;
    readonly negativeMaxRating: number;
    /** An edit to this rating or above counts as a flip. */
    readonly flippedMinRating: number;
  };
  readonly buyerComplaint: {
    readonly points: number;
    /** When the complainant left this seller a negative review before complaining. */
    readonly corroboratedPoints: number;
  };
  readonly ring: {
    readonly points: number;
    /** Sellers sharing one contact handle or one look-up app that make a ring. */
    readonly minSellers: number;
  };
}

export const DETECTION_CONFIG: DetectionConfig = {
  version: '2026-11-28.1',
  windowDays: 180,
  caseThreshold: 50,
  escalationGraceDays: 7,
  sellerMessage: { points: { review_manipulation: 50, off_platform_contact: 30, intimidation: 30 }, offPlatformWithoutHandle: 15 },
  targetedLookup: {
    points: 25,
    maxDaysAfterReview: 45,
    negativeMaxRating: 2,
    smallReportOrders: 25,
    minNegativeShare: 0.2,
  },
  lookupThenFlip: { points: 35 },
  unexplainedFlips: { points: 50, baseRate: 0.03, alpha: 2e-3, minFlips: 2, negativeMaxRating: 2, flippedMinRating: 4 },
  buyerComplaint: { points: 40, corroboratedPoints: 60 },
  ring: { points: 40, minSellers: 2 },
};
