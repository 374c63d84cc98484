/**
 * Simulator options: the command line sets sellers, days, seed and start; the kind mix, the base
 * rates and the delivery model are set in code (tests, experiments).
 */
import type { KindMix } from './truth';

export interface SimulationRates {
  /** Share of orders that get a review, drawn per seller in [lo, hi]. */
  readonly reviewRate: readonly [number, number];
  /** Share of reviews with 1-2 stars, drawn per seller in [lo, hi]. */
  readonly negativeShare: readonly [number, number];
  /** Negative reviews the buyer removes or raises to 4-5 on their own, with no seller message (the base rate). */
  readonly spontaneousFlipRate: number;
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
  readonly sellers: number;
  readonly days: number;
  readonly seed: number;
  /** RFC 3339 start of the simulated period (events before it are not written). */
  readonly start: string;
  /** Relative weights of the seller kinds. */
  readonly mix: KindMix;
  /** Orders placed this many days before `start` exist, so reviews flow from the first day. */
  readonly warmupDays: number;
  readonly rates: SimulationRates;
  readonly delivery: DeliveryOptions;
}

export interface SimulationInput {
  readonly sellers?: number;
  readonly days?: number;
  readonly seed?: number;
  readonly start?: string;
  readonly mix?: Partial<KindMix>;
  readonly warmupDays?: number;
  readonly rates?: Partial<SimulationRates>;
  readonly delivery?: Partial<DeliveryOptions>;
}

export const DEFAULT_MIX: KindMix = {
  honest: 0.55,
  'honest-refunder': 0.1,
  'onplatform-solicitor': 0.08,
  'offplatform-harasser': 0.12,
  'subtle-harasser': 0.08,
  'ring-member': 0.07,
};

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
};

export const DEFAULT_DELIVERY: DeliveryOptions = {
  lateShare: 0.015,
  maxLateHours: 48,
  duplicateShare: 0.007,
  jitterMeanSeconds: 45,
};

export const DEFAULT_OPTIONS: SimulationOptions = {
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
  const options: SimulationOptions = {
    sellers: input.sellers ?? DEFAULT_OPTIONS.sellers,
    days: input.days ?? DEFAULT_OPTIONS.days,
    seed: input.seed ?? DEFAULT_OPTIONS.seed,
    start: input.start ?? DEFAULT_OPTIONS.start,
    mix: { ...DEFAULT_MIX, ...input.mix },
    warmupDays: input.warmupDays ?? DEFAULT_OPTIONS.warmupDays,
    rates: { ...DEFAULT_RATES, ...input.rates },
    delivery: { ...DEFAULT_DELIVERY, ...input.delivery },
  };
  if (!Number.isInteger(options.sellers) || options.sellers < 1) throw new RangeError('sellers must be a positive integer');
  if (!Number.isInteger(options.days) || options.days < 1) throw new RangeError('days must be a positive integer');
  if (!Number.isInteger(options.seed)) throw new RangeError('seed must be an integer');
  if (Number.isNaN(Date.parse(options.start))) throw new RangeError('start must be an RFC 3339 timestamp');
  if (Object.values(options.mix).reduce((a, b) => a + b, 0) <= 0) throw new RangeError('the kind mix must not be all zero');
  return options;
}
