/**
 * Detection's weights, windows and thresholds, in one versioned place. Every signal and case records
 * the version it was computed under, so a change here is visible in the audit of later decisions.
 * Nothing else in the product holds a number that decides what counts as evidence.
 */
export interface DetectionConfig {
  readonly version: string;
  /** Evidence counts for this many days after it happened (the account-health window). */
  readonly windowDays: number;
  /** Ratings at or below this are negative. */
  readonly negativeMaxRating: number;
  /**
   * What it takes to warn: an explicit request to change a review (or an incentive tied to one), a
   * pattern that is decisive by itself (look-ups followed by flips, flips no chance explains), or
   * `minKinds` independent kinds of evidence in the window. Independent witnesses of one kind count
   * as corroboration too: off-platform contact handles sent to `contactPracticeBuyers` different
   * buyers (a practice, not one classifier hit), complaints from `independentComplaints` different
   * buyers the seller could have harassed.
   */
  readonly corroboration: { readonly minKinds: number; readonly contactPracticeBuyers: number; readonly independentComplaints: number };
  /**
   * Once a rung is asked for, only new evidence dated at least this long after the request asks
   * for the next one: the seller gets time to read a notice and comply.
   */
  readonly escalationGraceDays: number;
  readonly sellerMessage: {
    /** Points of a seller message per label it carries (summed): the console's order of urgency. */
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
    /** A report is judged against the seller's own reports, reviews and messages of this many days before it. */
    readonly baselineDays: number;
    /**
     * A report whose negatively reviewed orders are this improbable (binomial tail) against its
     * baseline is targeted: against the seller's routine reports of its type, or, for a type the
     * seller has no routine of, its reports outside the routine together against all its orders.
     */
    readonly alpha: number;
    /**
     * A report is explained by the seller's routine reports of its type only when its negative
     * orders are unremarkable for them (binomial tail above this); between this and `alpha` it is
     * outside the routine without being targeted by itself (it counts for what follows it).
     */
    readonly explainedAbove: number;
    /** A report covering at least this share of the orders the seller had since its oldest one covers them all: routine. */
    readonly nearlyAllShare: number;
    /**
     * A report type is part of the seller's routine (its usual negative share is a fair baseline)
     * once at least this many of its reports in the baseline held no negatively reviewed order:
     * the seller downloads it whether or not it has a negative reviewer to look up.
     */
    readonly routineReportsWithoutNegative: number;
    /**
     * A seller's routine shows in the weeks around a report, not only before it (its first returns
     * report is as routine as the next ones): the type's reports this many days after it count too.
     */
    readonly routineForwardDays: number;
    /**
     * A report of a type the seller has no routine of is a look-up (for what follows it) only when
     * it holds more negatively reviewed orders than a random pick of its size would half the time.
     */
    readonly selectiveBelow: number;
  };
  readonly flips: {
    /** The platform's measured share of negative reviews their buyers remove or raise with no seller message in between. */
    readonly baseRate: number;
    /** An edit to this rating or above counts as a flip (as does the buyer's removal). */
    readonly flippedMinRating: number;
    /** Unexplained flips that corroborate other evidence: at least `minFlips`, binomial tail at most `alpha`. */
    readonly corroborating: { readonly points: number; readonly minFlips: number; readonly alpha: number };
    /** Unexplained flips that no chance explains, decisive by themselves: more flips, a far smaller tail. */
    readonly decisive: { readonly points: number; readonly minFlips: number; readonly alpha: number };
    /**
     * Flips of the reviews whose buyer data the seller downloaded outside its routine after the
     * review: a look-up and what followed it, decisive together.
     */
    readonly afterLookup: { readonly points: number; readonly minFlips: number; readonly alpha: number };
  };
  readonly buyerComplaint: {
    readonly points: number;
    /** Complaints about one seller within this many days... */
    readonly burstDays: number;
    /** ...this many or more of them... */
    readonly burstMinComplaints: number;
    /** ...whose words overlap at least this much (Jaccard of their word sets) are one campaign, not witnesses. */
    readonly nearIdenticalOverlap: number;
  };
  readonly ring: {
    readonly points: number;
    /** Sellers sharing one contact handle, or one app used for targeted look-ups, that make a ring. */
    readonly minSellers: number;
    /**
     * A seller uses an app for look-ups (and joins the app's ring) once at least this many of its
     * reports through the app in the baseline were look-ups outside its routine, one of them
     * targeted, and they are at least half of its reports through the app.
     */
    readonly appMinLookups: number;
  };
}

export const DETECTION_CONFIG: DetectionConfig = {
  version: '2026-12-02.1',
  windowDays: 180,
  negativeMaxRating: 2,
  corroboration: { minKinds: 2, contactPracticeBuyers: 3, independentComplaints: 2 },
  escalationGraceDays: 7,
  sellerMessage: { points: { review_manipulation: 50, off_platform_contact: 30, intimidation: 30 }, offPlatformWithoutHandle: 15 },
  targetedLookup: {
    points: 25,
    maxDaysAfterReview: 45,
    baselineDays: 60,
    alpha: 0.01,
    explainedAbove: 0.05,
    nearlyAllShare: 0.9,
    routineReportsWithoutNegative: 2,
    routineForwardDays: 14,
    selectiveBelow: 0.5,
  },
  flips: {
    baseRate: 0.03,
    flippedMinRating: 4,
    corroborating: { points: 30, minFlips: 2, alpha: 0.01 },
    decisive: { points: 50, minFlips: 3, alpha: 1e-3 },
    afterLookup: { points: 50, minFlips: 2, alpha: 0.01 },
  },
  buyerComplaint: { points: 40, burstDays: 7, burstMinComplaints: 3, nearIdenticalOverlap: 0.6 },
  ring: { points: 40, minSellers: 2, appMinLookups: 2 },
};
