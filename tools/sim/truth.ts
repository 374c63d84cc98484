/**
 * The simulator's ground truth (truth.json) and its options. `SimulationTruth` is the zod schema a
 * detection evaluation reads the file with.
 */
import { z } from 'zod';

/** The six kinds of the first simulator (`--preset v1`), in their original order. */
export const ORIGINAL_KINDS = [
  'honest',
  'honest-refunder',
  'onplatform-solicitor',
  'offplatform-harasser',
  'subtle-harasser',
  'ring-member',
] as const;

/**
 * Every kind, the original six first (their order decides how sellers are allotted, so a `v1`
 * simulation stays what it was). The honest operations after them are the ones detection must
 * not mistake for harassment (issue 12); the evasive violators after those hide their acts from
 * the obvious rules.
 */
export const SELLER_KINDS = [
  ...ORIGINAL_KINDS,
  'merchant-fulfilled',
  'returns-processor',
  'onplatform-resolver',
  'very-large',
  'popular-app-user',
  'false-complaint-target',
  'bulk-cover-harasser',
  'thin-spreader',
  'funnel-obfuscator',
  'euphemism-solicitor',
  'slow-burner',
] as const;
export const SellerKind = z.enum(SELLER_KINDS);
export type SellerKind = z.infer<typeof SellerKind>;

/** Kinds whose sellers break the policy. */
export const VIOLATOR_KINDS: ReadonlySet<SellerKind> = new Set([
  'onplatform-solicitor',
  'offplatform-harasser',
  'subtle-harasser',
  'ring-member',
  'bulk-cover-harasser',
  'thin-spreader',
  'funnel-obfuscator',
  'euphemism-solicitor',
  'slow-burner',
]);

/** Kinds whose sellers run an honest business. */
export const HONEST_KINDS: readonly SellerKind[] = SELLER_KINDS.filter((kind) => !VIOLATOR_KINDS.has(kind));

/** `very-large`: hundreds of orders a day. */
export const SellerSize = z.enum(['small', 'medium', 'large', 'very-large']);
export type SellerSize = z.infer<typeof SellerSize>;

const Rfc3339 = z.iso.datetime({ offset: true });

const weight = z.number().min(0);
/** Kinds added after the first simulator weigh nothing in a mix that does not name them. */
const laterWeight = weight.default(0);
export const KindMix = z.object({
  honest: weight,
  'honest-refunder': weight,
  'onplatform-solicitor': weight,
  'offplatform-harasser': weight,
  'subtle-harasser': weight,
  'ring-member': weight,
  'merchant-fulfilled': laterWeight,
  'returns-processor': laterWeight,
  'onplatform-resolver': laterWeight,
  'very-large': laterWeight,
  'popular-app-user': laterWeight,
  'false-complaint-target': laterWeight,
  'bulk-cover-harasser': laterWeight,
  'thin-spreader': laterWeight,
  'funnel-obfuscator': laterWeight,
  'euphemism-solicitor': laterWeight,
  'slow-burner': laterWeight,
});
export type KindMix = z.infer<typeof KindMix>;

/** Counts of acts per seller, visible on the platform or not (for judging what was detectable). */
export const SellerActs = z.object({
  orders: z.number().int(),
  reviews: z.number().int(),
  negativeReviews: z.number().int(),
  /** PII reports covering already negatively reviewed orders (visible). */
  targetedLookups: z.number().int(),
  /** Seller messages that break the policy: soliciting, pressure, gift funnel, contact handle (visible). */
  violatingMessages: z.number().int(),
  /** Off-platform contacts of reviewers (invisible). */
  offPlatformContacts: z.number().int(),
  /** Negative reviews removed or raised to 4-5 after an off-platform contact, with no on-platform seller message in between. */
  inducedFlips: z.number().int(),
  /** Negative reviews removed or raised to 4-5 by the buyer on their own (the base rate). */
  spontaneousFlips: z.number().int(),
  /** Negative reviews removed or raised after an on-platform seller message (help, refund or soliciting). */
  flipsAfterMessage: z.number().int(),
  /** Orders returned to the seller (return received inside the period). */
  returns: z.number().int().default(0),
  /**
   * Reports with buyer data whose data the seller used to contact negative reviewers off the
   * platform, but that were not selected by review on their face (they cover every recent order,
   * or pad one reviewer among dozens of others). Visible only through what follows them.
   */
  hiddenLookups: z.number().int().default(0),
  /** Complaints of off-platform contact filed by buyers this seller harassed (complaints.jsonl). */
  victimComplaints: z.number().int().default(0),
  /** Complaints against this seller by buyers it never contacted off the platform (complaints.jsonl). */
  falseComplaints: z.number().int().default(0),
});
export type SellerActs = z.infer<typeof SellerActs>;

export const TruthSeller = z.object({
  sellerId: z.string(),
  kind: SellerKind,
  violator: z.boolean(),
  size: SellerSize,
  marketplace: z.string(),
  language: z.string(),
  ordersPerDay: z.number(),
  ringId: z.string().optional(),
  /** The first violating act in the simulated period (visible or not). */
  firstViolationAt: Rfc3339.optional(),
  acts: SellerActs,
});
export type TruthSeller = z.infer<typeof TruthSeller>;

export const TruthRing = z.object({
  ringId: z.string(),
  members: z.array(z.string()).min(2),
  /** Canonical shared contact handle (lower-case e-mail, E.164 number or telegram:@user), when the ring shares one. */
  handle: z.string().optional(),
  /** Shared third-party app behind the members' targeted look-ups, when the ring shares one. */
  appId: z.string().optional(),
});
export type TruthRing = z.infer<typeof TruthRing>;

export const SimulationTruth = z.object({
  version: z.literal(1),
  options: z.looseObject({
    sellers: z.number().int(),
    days: z.number().int(),
    seed: z.number().int(),
    start: Rfc3339,
    mix: KindMix,
  }),
  sellers: z.array(TruthSeller),
  rings: z.array(TruthRing),
  /** Third-party apps used for routine reports by many honest sellers (not rings). */
  sharedApps: z.array(z.string()),
  counts: z.object({
    /** Distinct events (distinct `id`s). */
    events: z.number().int(),
    /** Extra lines that repeat an earlier line verbatim. */
    duplicates: z.number().int(),
    /** Events delivered more than five minutes after their `time`. */
    late: z.number().int(),
    /** Lines in events.jsonl (events + duplicates). */
    lines: z.number().int(),
    /** Lines in complaints.jsonl (buyer complaints, filed through the console intake). */
    complaints: z.number().int().default(0),
  }),
});
export type SimulationTruth = z.infer<typeof SimulationTruth>;
