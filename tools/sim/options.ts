/**
 * Simulator options: the command line sets sellers, days, seed, start, the preset and the kind mix;
 * the base rates and the delivery model are set in code (tests, experiments).
 */
import { ORIGINAL_KINDS, SELLER_KINDS } from './truth';
import type { KindMix, SellerKind } from './truth';

/**
 * `v1`: the first simulator, byte for byte: its six kinds, their original behaviour and mix (the
 * recorded replay outputs in test/fixtures/replay-golden were made from it). `v2` (the default):
 * every kind, the honest operations of issue 12 and the evasive violators, returns that draw most
 * negative reviews, buyer complaints.
 */
export const PRESETS = ['v1', 'v2'] as const;
export type Preset = (typeof PRESETS)[number];

export interface SimulationRates {
  /** Share of orders that get a review, drawn per seller in [lo, hi]. */
  readonly reviewRate: readonly [number, number];
  /** Share of reviews with 1-2 stars, drawn per seller in [lo, hi]. */
  readonly negativeShare: readonly [number, number];
  /** Negative reviews the buyer removes or raises to 4-5 on their own, with no seller message (the base rate). */
  readonly spontaneousFlipRate: number;
  /**
   * Honest sellers only: their buyers' spontaneous flip rate drawn per seller uniformly in [lo, hi]
   * (real honest shops see 2-8% by category and service) instead of `spontaneousFlipRate`. Drawn from
   * its own stream (seed, seller), so the other draws stay the same; absent (the base rate) unless asked for.
   */
  readonly honestFlipRate?: readonly [number, number];
  /** Honest sellers: share of negative reviews answered with a help message (replacement, troubleshooting). */
  readonly helpMessageRate: number;
  /** Share of helped buyers who later remove or raise their negative review (explained flips). */
  readonly helpFlipRate: number;
  /** Honest refunders: share of negative reviews answered with an unconditional refund. */
  readonly refundMessageRate: number;
  readonly refundFlipRate: number;
  /** On-platform solicitors: share of negative reviews answered with a soliciting message, per seller in [lo, hi]. */
  readonly solicitRate: readonly [number, number];
  /** Share of solicited buyers who give in. */
  readonly solicitFlipRate: number;
  /** Off-platform harassers and ring members: share of negative reviews followed by a targeted look-up, per seller. */
  readonly targetRate: readonly [number, number];
  /** Share of looked-up buyers who flip after the off-platform contact, per seller. */
  readonly harasserFlipRate: readonly [number, number];
  /** Subtle harassers: share of negative reviews flipped after an off-platform contact, per seller. */
  readonly subtleFlipRate: readonly [number, number];
  // --- v2 only -----------------------------------------------------------------------------------
  /** Share of orders returned, per seller in [lo, hi]. */
  readonly returnRate: readonly [number, number];
  /** Share of 1-2 star ratings among the reviews of returned orders, per seller (returns draw most negative reviews). */
  readonly returnNegativeShare: readonly [number, number];
  /** On-platform resolvers: share of negative reviews answered on the platform (help, replacement, refund). */
  readonly resolveRate: readonly [number, number];
  /** On-platform resolvers: share of answered buyers who then raise or remove their review on their own. */
  readonly resolveFlipRate: readonly [number, number];
  /** Very large sellers: orders a day, log-uniform in [lo, hi]. */
  readonly veryLargeOrdersPerDay: readonly [number, number];
  /** Very large sellers: share of orders reviewed (lower than a small shop's), per seller. */
  readonly veryLargeReviewRate: readonly [number, number];
  /** Share of buyers contacted off the platform who complain to the platform about it. */
  readonly victimComplaintRate: number;
  /** False-complaint targets: complaints in one coordinated wave (within a week), in [lo, hi]. */
  readonly falseComplaintsPerWave: readonly [number, number];
  /** False-complaint targets: waves in the period, in [lo, hi]. */
  readonly falseComplaintWaves: readonly [number, number];
}

export interface DeliveryOptions {
  /** Share of events delivered late (5 minutes to `maxLateHours` after their time). */
  readonly lateShare: number;
  readonly maxLateHours: number;
  /** Share of events delivered a second time, verbatim, later in the file. */
  readonly duplicateShare: number;
  /** Mean ordinary queue latency in seconds (shuffles events within short windows). */
  readonly jitterMeanSeconds: number;
}

export interface SimulationOptions {
  readonly preset: Preset;
  readonly sellers: number;
  readonly days: number;
  readonly seed: number;
  /** RFC 3339 start of the simulated period (events before it are not written). */
  readonly start: string;
  /** Relative weights of the seller kinds (the preset's, overridden kind by kind). */
  readonly mix: KindMix;
  /** Orders placed this many days before `start` exist, so reviews flow from the first day. */
  readonly warmupDays: number;
  readonly rates: SimulationRates;
  readonly delivery: DeliveryOptions;
  /**
   * Buyers who keep filing false complaints about shops that did nothing (the misuse Art. 23 DSA
   * is about). Drawn from their own random stream, after every seller, so events.jsonl is the
   * same bytes with or without them. Absent (none) unless asked for.
   */
  readonly serialComplainers?: number;
}

export interface SimulationInput {
  /** @default 'v2' */
  readonly preset?: Preset;
  readonly sellers?: number;
  readonly days?: number;
  readonly seed?: number;
  readonly start?: string;
  readonly mix?: Partial<KindMix>;
  readonly warmupDays?: number;
  readonly rates?: Partial<SimulationRates>;
  readonly delivery?: Partial<DeliveryOptions>;
  /** @default none */
  readonly serialComplainers?: number;
}

const NO_KINDS = Object.fromEntries(SELLER_KINDS.map((kind) => [kind, 0])) as Record<SellerKind, number>;

/** The first simulator's mix (`--preset v1`). */
export const V1_MIX: KindMix = {
  ...NO_KINDS,
  honest: 0.55,
  'honest-refunder': 0.1,
  'onplatform-solicitor': 0.08,
  'offplatform-harasser': 0.12,
  'subtle-harasser': 0.08,
  'ring-member': 0.07,
};

/**
 * The default mix: 70% honest, 30% violators. At 500 sellers every honest kind has 30 to 35 sellers
 * (enough that one warned seller is visible as about 3%), every violator kind 12 to 23.
 */
export const DEFAULT_MIX: KindMix = {
  honest: 0.24,
  'honest-refunder': 0.06,
  'merchant-fulfilled': 0.07,
  'returns-processor': 0.07,
  'onplatform-resolver': 0.07,
  'very-large': 0.06,
  'popular-app-user': 0.07,
  'false-complaint-target': 0.06,
  'onplatform-solicitor': 0.035,
  'offplatform-harasser': 0.045,
  'subtle-harasser': 0.035,
  'ring-member': 0.045,
  'bulk-cover-harasser': 0.03,
  'thin-spreader': 0.03,
  'funnel-obfuscator': 0.025,
  'euphemism-solicitor': 0.025,
  'slow-burner': 0.03,
};

export const PRESET_MIX: Readonly<Record<Preset, KindMix>> = { v1: V1_MIX, v2: DEFAULT_MIX };

export const DEFAULT_RATES: SimulationRates = {
  reviewRate: [0.35, 0.6],
  negativeShare: [0.08, 0.12],
  spontaneousFlipRate: 0.03,
  helpMessageRate: 0.3,
  helpFlipRate: 0.3,
  refundMessageRate: 0.75,
  refundFlipRate: 0.15,
  solicitRate: [0.5, 0.9],
  solicitFlipRate: 0.35,
  targetRate: [0.7, 0.95],
  harasserFlipRate: [0.3, 0.6],
  subtleFlipRate: [0.2, 0.45],
  returnRate: [0.07, 0.14],
  returnNegativeShare: [0.55, 0.75],
  resolveRate: [0.85, 0.98],
  resolveFlipRate: [0.25, 0.45],
  veryLargeOrdersPerDay: [80, 320],
  veryLargeReviewRate: [0.08, 0.14],
  victimComplaintRate: 0.05,
  falseComplaintsPerWave: [3, 6],
  falseComplaintWaves: [1, 2],
};

export const DEFAULT_DELIVERY: DeliveryOptions = {
  lateShare: 0.015,
  maxLateHours: 48,
  duplicateShare: 0.007,
  jitterMeanSeconds: 45,
};

export const DEFAULT_OPTIONS: SimulationOptions = {
  preset: 'v2',
  sellers: 200,
  days: 120,
  seed: 1,
  start: '2026-01-05T00:00:00Z',
  mix: DEFAULT_MIX,
  warmupDays: 21,
  rates: DEFAULT_RATES,
  delivery: DEFAULT_DELIVERY,
};

export function resolveOptions(input: SimulationInput = {}): SimulationOptions {
  const preset = input.preset ?? DEFAULT_OPTIONS.preset;
  if (!PRESETS.includes(preset)) throw new RangeError(`preset must be one of ${PRESETS.join(', ')}`);
  const options: SimulationOptions = {
    preset,
    sellers: input.sellers ?? DEFAULT_OPTIONS.sellers,
    days: input.days ?? DEFAULT_OPTIONS.days,
    seed: input.seed ?? DEFAULT_OPTIONS.seed,
    start: input.start ?? DEFAULT_OPTIONS.start,
    mix: { ...PRESET_MIX[preset], ...input.mix },
    warmupDays: input.warmupDays ?? DEFAULT_OPTIONS.warmupDays,
    rates: { ...DEFAULT_RATES, ...input.rates },
    delivery: { ...DEFAULT_DELIVERY, ...input.delivery },
    ...(input.serialComplainers ? { serialComplainers: input.serialComplainers } : {}),
  };
  if (options.serialComplainers !== undefined && (!Number.isInteger(options.serialComplainers) || options.serialComplainers < 0)) {
    throw new RangeError('serial complainers must be a whole number >= 0');
  }
  const hfr = options.rates.honestFlipRate;
  if (hfr !== undefined && !(hfr.length === 2 && hfr.every((x) => Number.isFinite(x) && x >= 0 && x <= 1) && hfr[0] <= hfr[1])) {
    throw new RangeError('the honest flip rate must be LO-HI with 0 <= LO <= HI <= 1');
  }
  if (!Number.isInteger(options.sellers) || options.sellers < 1) throw new RangeError('sellers must be a positive integer');
  if (!Number.isInteger(options.days) || options.days < 1) throw new RangeError('days must be a positive integer');
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be an integer');
  if (Number.isNaN(Date.parse(options.start))) throw new RangeError('start must be an RFC 3339 timestamp');
  if (Object.values(options.mix).reduce((a, b) => a + b, 0) <= 0) throw new RangeError('the kind mix must not be all zero');
  for (const [kind, w] of Object.entries(options.mix)) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`the weight of ${kind} must be a number >= 0`);
  }
  const original: readonly string[] = ORIGINAL_KINDS;
  const later = SELLER_KINDS.filter((kind) => !original.includes(kind) && options.mix[kind] > 0);
  if (preset === 'v1' && later.length > 0) throw new RangeError(`preset v1 has only the original kinds, not ${later.join(', ')}`);
  return options;
}
