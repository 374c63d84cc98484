/**
 * Detection's rules as data: one versioned document holding every signal's switch, points, windows
 * and thresholds, what opens a case and what escalates one, with optional per-marketplace overrides.
 * It is parsed by `DetectionConfigSchema` wherever it comes from (the rules store, a file, the
 * console), so what detection reads has always been validated. Every signal and case records the
 * version it was computed under, so a change is visible in the audit of later decisions. Nothing
 * else in the product holds a number that decides what counts as evidence.
 */
import { z } from 'zod';
import { jsonSyntaxProblem } from '../../../events/v1/parse';

const count = z.number().int().min(1);
const days = z.number().int().min(0).max(3650);
const points = z.number().min(0).max(1000);
const probability = z.number().min(0).max(1);
const enabled = z.boolean();

/** A test over flips: at least `minFlips` flips, binomial tail at most `alpha`. */
const FlipTestSchema = z.strictObject({ points, minFlips: count, alpha: probability });

/** The signals, keyed by the rule that makes them (domain/detection/signals.ts, RULES). */
export const SignalsConfigSchema = z.strictObject({
  'seller-message': z.strictObject({
    enabled,
    /** Points of a seller message per label it carries (summed): the console's order of urgency. */
    points: z.strictObject({ review_manipulation: points, off_platform_contact: points, intimidation: points }),
    /**
     * An off-platform label with no concrete handle in the message (a phrase such as "what's your
     * personal e-mail?") is weaker evidence, and the kind of text a classifier misreads most.
     */
    offPlatformWithoutHandle: points,
  }),
  /** A report download whose buyer data is improbably concentrated on negative reviewers; its thresholds also judge reports outside the routine. */
  'targeted-lookup': z.strictObject({
    enabled,
    points,
    /** A download this long after an order's negative review still counts as a look-up of it. */
    maxDaysAfterReview: days,
    /** A report is judged against the seller's own reports, reviews and messages of this many days before it. */
    baselineDays: days,
    /**
     * A report whose negatively reviewed orders are this improbable (binomial tail) against its
     * baseline is targeted: against the seller's routine reports of its type, or, for a type the
     * seller has no routine of, its reports outside the routine together against all its orders.
     */
    alpha: probability,
    /**
     * A report is explained by the seller's routine reports of its type only when its negative
     * orders are unremarkable for them (binomial tail above this); between this and `alpha` it is
     * outside the routine without being targeted by itself (it counts for what follows it).
     */
    explainedAbove: probability,
    /** A report covering at least this share of the orders the seller had since its oldest one covers them all: routine. */
    nearlyAllShare: probability,
    /**
     * A report type is part of the seller's routine (its usual negative share is a fair baseline)
     * once at least this many of its reports in the baseline held no negatively reviewed order:
     * the seller downloads it whether or not it has a negative reviewer to look up.
     */
    routineReportsWithoutNegative: count,
    /**
     * A seller's routine shows in the weeks around a report, not only before it (its first returns
     * report is as routine as the next ones): the type's reports this many days after it count too.
     */
    routineForwardDays: days,
    /**
     * A report of a type the seller has no routine of is a look-up (for what follows it) only when
     * it holds more negatively reviewed orders than a random pick of its size would half the time.
     */
    selectiveBelow: probability,
    /**
     * Look-ups spread over several reports of types the seller downloads routinely, none improbable
     * by itself: the seller's reports of those types in the baseline that each fell outside the
     * routine with a negative reviewer none of the others held, counted against how often its
     * routine reports would fall outside it by chance (each report's own chance, Poisson-binomial).
     * At most `alpha`, a targeted look-up. Left out, no pooling (versions written before it).
     */
    pooled: z.strictObject({ enabled, alpha: probability }).optional(),
    /**
     * One-off pulls count as a practice only once they are final: at least `routineForwardDays`
     * older than the evidence that would warn, so that a later report of the same type (the
     * routine starting) can no longer make them routine. Left out, false (older versions).
     */
    oneOffPullFinal: z.boolean().optional(),
    /**
     * A report of a routine type is targeted by itself only when its tail is improbable for the
     * whole routine, not for one report: a seller downloading a type every day tests sixty reports
     * in a baseline, and one of them falls under `alpha` by chance more often than not. The bar is
     * then Šidák's `1 - (1 - alpha)^(1/m)` for its `m` reports of that type in the window (this one
     * included); a report between that bar and `explainedAbove` is outside the routine and counts
     * towards the pooled pattern (rule 4). Left out, false: each report at `alpha` (older versions).
     */
    familywise: z.boolean().optional(),
  }),
  /** A report outside the seller's routine, not targeted by itself (judged by `targeted-lookup`'s thresholds): it matters for what follows it. */
  'outside-routine-report': z.strictObject({
    enabled,
    points,
    /**
     * A one-off pull (a report of a type the seller has no routine of that holds nothing but
     * negatively reviewed orders) opens a case for review: still context, never evidence towards a
     * warning, but a thing an analyst should read. Left out, false (older versions).
     */
    oneOffPullOpensReview: z.boolean().optional(),
  }),
  /** Unexplained flips of negative reviews against the platform's base rate. */
  'unexplained-flips': z.strictObject({
    enabled,
    /** Flips that corroborate other evidence. */
    corroborating: FlipTestSchema,
    /** Flips that no chance explains, decisive by themselves: more flips, a far smaller tail. */
    decisive: FlipTestSchema,
  }),
  /**
   * Flips of the reviews whose buyer data the seller downloaded outside its routine after the
   * review: a look-up and what followed it, decisive together.
   */
  'lookup-then-flip': z.strictObject({
    enabled,
    ...FlipTestSchema.shape,
    /**
     * The one-off pull: a report of a type the seller has no routine of, holding only negatively
     * reviewed orders, then an unexplained flip of one of them. Decisive with one flip: the
     * selection and the outcome are two kinds of evidence about one victim.
     */
    oneOffPull: z.strictObject({ enabled, points }),
  }),
  'buyer-complaint': z.strictObject({
    enabled,
    points,
    /** Complaints about one seller within this many days... */
    burstDays: days,
    /** ...this many or more of them... */
    burstMinComplaints: count,
    /** ...whose words overlap at least this much (Jaccard of their word sets) are one campaign, not witnesses. */
    nearIdenticalOverlap: probability,
  }),
  ring: z.strictObject({
    enabled,
    points,
    /** Sellers sharing one contact handle, or one app used for targeted look-ups, that make a ring. */
    minSellers: z.number().int().min(2),
    /**
     * A seller uses an app for look-ups (and joins the app's ring) once at least this many of its
     * reports through the app in the baseline were look-ups outside its routine, one of them
     * targeted, and they are at least half of its reports through the app.
     */
    appMinLookups: count,
  }),
});
export type SignalsConfig = z.infer<typeof SignalsConfigSchema>;
export type SignalId = keyof SignalsConfig;
export const SIGNAL_IDS = Object.keys(SignalsConfigSchema.shape) as SignalId[];

/** What every signal agrees counts as evidence. */
const EvidenceConfigSchema = z.strictObject({
  /** Evidence counts for this many days after it happened (the account-health window). */
  windowDays: days.min(1),
  /** Ratings at or below this are negative. */
  negativeMaxRating: z.number().int().min(1).max(4),
  /** An edit to this rating or above counts as a flip (as does the buyer's removal). */
  flippedMinRating: z.number().int().min(2).max(5),
  /** The platform's measured share of negative reviews their buyers remove or raise with no seller message in between. */
  flipBaseRate: z.number().gt(0).lt(1),
  /**
   * The highest share at which an honest shop's buyers flip on their own (it varies by category and
   * service, 2-8% on the marketplace): flips are decisive by themselves only when improbable even
   * at it. Left out, the base rate (versions written before it).
   */
  honestFlipRateMax: z.number().gt(0).lt(1).optional(),
  /**
   * The lowest such share. With both, corroborating flip tests ask, besides the base rate, how often
   * an honest shop anywhere in that spread (uniformly) would see as many. Left out, they use the base
   * rate alone (versions written before it).
   */
  honestFlipRateMin: z.number().gt(0).lt(1).optional(),
});

/** The flip rate decisive flip tests are judged at: the highest an honest shop's buyers flip at (the base rate if the version names none). */
export const decisiveFlipRate = ({ evidence }: Pick<DetectionConfig, 'evidence'>): number => evidence.honestFlipRateMax ?? evidence.flipBaseRate;

/** The honest shops' spread of flip rates, when the version names both ends. */
export const honestFlipSpread = ({ evidence }: Pick<DetectionConfig, 'evidence'>): { readonly lo: number; readonly hi: number } | undefined =>
  evidence.honestFlipRateMin !== undefined && evidence.honestFlipRateMax !== undefined ? { lo: evidence.honestFlipRateMin, hi: evidence.honestFlipRateMax } : undefined;

/** What opens a case, and what escalates one. */
const CasesConfigSchema = z.strictObject({
  /**
   * What it takes to warn: an explicit request to change a review (or an incentive tied to one), a
   * pattern that is decisive by itself (look-ups followed by flips, flips no chance explains), or
   * `minKinds` independent kinds of evidence in the window. Independent witnesses of one kind count
   * as corroboration too: off-platform contact handles sent to `contactPracticeBuyers` different
   * buyers (a practice, not one classifier hit), complaints from `independentComplaints` different
   * buyers the seller could have harassed.
   */
  corroboration: z.strictObject({
    minKinds: count,
    contactPracticeBuyers: count,
    independentComplaints: count,
    /**
     * One-off pulls (reports of a type the seller has no routine of, each holding only negatively
     * reviewed orders) of this many different buyers, in as many reports: a practice.
     */
    oneOffPullBuyers: count,
    /**
     * Whether flips that no chance explains warrant a warning by themselves. False: they open a
     * case for review and warn only with a second kind of evidence (an honest shop whose buyers
     * raise their ratings on their own, after a refund or a fix, shows the same numbers). Left out,
     * true (versions written before it keep their meaning).
     */
    flipsWarnAlone: z.boolean().optional(),
  }),
  /**
   * Once a rung is asked for, only new evidence dated at least this long after the request asks
   * for the next one: the seller gets time to read a notice and comply.
   */
  escalationGraceDays: days,
});

/** Where one marketplace differs: any part of a signal's settings, of the evidence or case thresholds. */
const MarketplaceOverrideSchema = z.strictObject({
  signals: z
    .strictObject({
      'seller-message': SignalsConfigSchema.shape['seller-message'].partial().optional(),
      'targeted-lookup': SignalsConfigSchema.shape['targeted-lookup'].partial().optional(),
      'outside-routine-report': SignalsConfigSchema.shape['outside-routine-report'].partial().optional(),
      'unexplained-flips': SignalsConfigSchema.shape['unexplained-flips'].partial().optional(),
      'lookup-then-flip': SignalsConfigSchema.shape['lookup-then-flip'].partial().optional(),
      'buyer-complaint': SignalsConfigSchema.shape['buyer-complaint'].partial().optional(),
      ring: SignalsConfigSchema.shape.ring.partial().optional(),
    })
    .optional(),
  evidence: EvidenceConfigSchema.partial().optional(),
  cases: CasesConfigSchema.partial().optional(),
});
export type MarketplaceOverride = z.infer<typeof MarketplaceOverrideSchema>;

const BaseConfigSchema = z.strictObject({
  /** The document's version: 1, 2, ... (immutable once stored; signals and cases record it). */
  version: z.number().int().min(1),
  /** What this version is, in a sentence. */
  description: z.string().max(500).optional(),
  evidence: EvidenceConfigSchema,
  signals: SignalsConfigSchema,
  cases: CasesConfigSchema,
  /** Per-marketplace overrides, keyed by marketplace id (e.g. "DE"). */
  marketplaces: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/u, 'a marketplace id: letters, digits, - or _'), MarketplaceOverrideSchema).optional(),
});

type ConfigBody = Omit<z.infer<typeof BaseConfigSchema>, 'version'>;

/**
 * The checks across fields a wrong edit would break, which JSON Schema cannot say: each with the
 * field it names and its reason (the console API publishes them as `x-offside-body-rules`).
 */
export const CONSISTENCY_RULES: readonly { readonly path: readonly string[]; readonly message: string; readonly broken: (config: ConfigBody) => boolean }[] = [
  {
    path: ['signals', 'unexplained-flips', 'decisive', 'minFlips'],
    message: 'decisive flips must be at least as many as corroborating ones',
    broken: (config) => config.signals['unexplained-flips'].decisive.minFlips < config.signals['unexplained-flips'].corroborating.minFlips,
  },
  {
    path: ['signals', 'unexplained-flips', 'decisive', 'alpha'],
    message: 'a decisive tail must be no larger than a corroborating one',
    broken: (config) => config.signals['unexplained-flips'].decisive.alpha > config.signals['unexplained-flips'].corroborating.alpha,
  },
  {
    path: ['signals', 'targeted-lookup', 'explainedAbove'],
    message: 'must be at least alpha',
    broken: (config) => config.signals['targeted-lookup'].explainedAbove < config.signals['targeted-lookup'].alpha,
  },
  {
    path: ['evidence', 'flippedMinRating'],
    message: 'a flip must end above a negative rating',
    broken: (config) => config.evidence.flippedMinRating <= config.evidence.negativeMaxRating,
  },
  {
    path: ['evidence', 'honestFlipRateMax'],
    message: 'the highest honest flip rate must be at least the base rate',
    broken: (config) => decisiveFlipRate(config) < config.evidence.flipBaseRate,
  },
  {
    path: ['evidence', 'honestFlipRateMin'],
    message: 'needs honestFlipRateMax, at least as large',
    broken: (config) => config.evidence.honestFlipRateMin !== undefined && (config.evidence.honestFlipRateMax === undefined || config.evidence.honestFlipRateMin > config.evidence.honestFlipRateMax),
  },
];

function checkConsistency(config: ConfigBody, ctx: z.RefinementCtx): void {
  for (const rule of CONSISTENCY_RULES) if (rule.broken(config)) ctx.addIssue({ code: 'custom', path: [...rule.path], message: rule.message });
}

/** A detection configuration. */
export const DetectionConfigSchema = BaseConfigSchema.superRefine(checkConsistency);

/** A configuration proposed as a new version: the store numbers it, so its own `version` may be left out (and is replaced). */
export const DetectionConfigDraftSchema = BaseConfigSchema.extend({ version: BaseConfigSchema.shape.version.optional() }).superRefine(checkConsistency);
export type DetectionConfigDraft = z.infer<typeof DetectionConfigDraftSchema>;
export type DetectionConfig = z.infer<typeof BaseConfigSchema>;

/** The version a signal or case records (stored as text: older records hold dated labels). */
export const configVersionOf = (config: Pick<DetectionConfig, 'version'>): string => String(config.version);

/** Whether a rule's signals may open or escalate cases under this configuration (the kill switch). */
export const isSignalEnabled = (config: DetectionConfig, rule: SignalId): boolean => config.signals[rule].enabled;

/** The configuration one marketplace is judged under: the document with that marketplace's overrides applied. */
export function configForMarketplace(config: DetectionConfig, marketplace: string | undefined): DetectionConfig {
  const override = marketplace === undefined ? undefined : config.marketplaces?.[marketplace];
  if (!override) return config;
  const signals = Object.fromEntries(SIGNAL_IDS.map((id) => [id, { ...config.signals[id], ...(override.signals?.[id] ?? {}) }])) as SignalsConfig;
  return {
    ...config,
    evidence: { ...config.evidence, ...(override.evidence ?? {}) },
    signals,
    cases: { ...config.cases, ...(override.cases ?? {}) },
  };
}

/**
 * Version 1: the weights the project shipped with (until 2026-12-02 the compiled-in '2026-12-02.1').
 * It is what the rules store is seeded with on first start.
 */
export const DETECTION_CONFIG: DetectionConfig = {
  version: 1,
  description: 'The weights detection ships with (2026-12-06.1: a routine report targeted by itself only under a family-wise bar; 2026-12-04.1: flips no chance explains and one-off pulls open a case for review, and flips warn only with a second kind of evidence; one-off pulls count as a practice once 14 days old; 2026-12-03.3: routine-type look-ups pooled; 2026-12-03.2: flips corroborate only when improbable across honest shops\' 2-8% flip rates; 2026-12-03.1: flips decisive only at the highest honest rate).',
  evidence: { windowDays: 180, negativeMaxRating: 2, flippedMinRating: 4, flipBaseRate: 0.03, honestFlipRateMax: 0.08, honestFlipRateMin: 0.02 },
  signals: {
    'seller-message': { enabled: true, points: { review_manipulation: 50, off_platform_contact: 30, intimidation: 30 }, offPlatformWithoutHandle: 15 },
    'targeted-lookup': {
      enabled: true,
      points: 25,
      maxDaysAfterReview: 45,
      baselineDays: 60,
      alpha: 0.01,
      explainedAbove: 0.05,
      nearlyAllShare: 0.9,
      routineReportsWithoutNegative: 2,
      routineForwardDays: 14,
      selectiveBelow: 0.5,
      pooled: { enabled: true, alpha: 0.01 },
      oneOffPullFinal: true,
      familywise: true,
    },
    'outside-routine-report': { enabled: true, points: 0, oneOffPullOpensReview: true },
    'unexplained-flips': { enabled: true, corroborating: { points: 30, minFlips: 2, alpha: 0.01 }, decisive: { points: 50, minFlips: 3, alpha: 1e-3 } },
    'lookup-then-flip': { enabled: true, points: 50, minFlips: 2, alpha: 0.01, oneOffPull: { enabled: true, points: 50 } },
    'buyer-complaint': { enabled: true, points: 40, burstDays: 7, burstMinComplaints: 3, nearIdenticalOverlap: 0.6 },
    ring: { enabled: true, points: 40, minSellers: 2, appMinLookups: 2 },
  },
  cases: { corroboration: { minKinds: 2, contactPracticeBuyers: 3, independentComplaints: 2, oneOffPullBuyers: 2, flipsWarnAlone: false }, escalationGraceDays: 7 },
};

/** One problem of a configuration: the field (dotted path, `(root)` for the whole) and why. */
export interface ConfigIssue {
  readonly path: string;
  readonly reason: string;
}

export type ConfigParseResult = { readonly ok: true; readonly config: DetectionConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Checks a configuration already decoded from JSON. */
export function parseDetectionConfig(value: unknown): ConfigParseResult {
  const result = DetectionConfigSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'), reason: issue.message })),
  };
}

/** Decodes a configuration's JSON text and checks it. */
export function parseDetectionConfigJson(text: string): ConfigParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '(root)', reason: `not valid JSON (${jsonSyntaxProblem(error)})` }] };
  }
  return parseDetectionConfig(value);
}
