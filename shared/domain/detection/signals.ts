/**
 * Signals: small pure rules over the evidence, each with points and an explanation a person can
 * read. A signal's id is a function of what it is about (a message, a report, a flip, a complaint),
 * so judging the same thing again (a retry, a redelivery, a replay, a late event) yields the same
 * signal, never a second one; a judgement made on more evidence replaces one made on less (its
 * `basis`), and one that no longer holds is stored withdrawn.
 */
import { z } from 'zod';
import type { Label } from '../classify/labels';
import type { MessageEvidence, ReviewEvidence } from '../evidence';
import type { DetectionConfig } from './config';
import { configVersionOf } from './config';

export const RULES = [
  'seller-message',
  'targeted-lookup',
  'outside-routine-report',
  'lookup-then-flip',
  'unexplained-flips',
  'buyer-complaint',
  'ring',
] as const;
export type RuleName = (typeof RULES)[number];

/** A signal: the one shape its stores keep and the console shows. */
export const SignalSchema = z.object({
  signalId: z.string(),
  sellerId: z.string(),
  rule: z.enum(RULES),
  /** When the evidence behind it happened; it counts for the window from here. */
  time: z.string(),
  points: z.number(),
  explanation: z.string(),
  /** Event ids (and complaint ids) of the evidence it rests on. */
  evidenceIds: z.array(z.string()),
  /** Facets other rules and the assessment look at, e.g. `intimidation`, `decisive`, `app:<id>`. */
  tags: z.array(z.string()),
  configVersion: z.string(),
  /**
   * How many evidence records the judgement read: the evidence behind a signal only grows, so a
   * judgement on a larger basis replaces one on a smaller (concurrent consumers, late events).
   */
  basis: z.number().optional(),
  /** For a rule that is a test: the chance of evidence as extreme from an innocent seller (the binomial or hypergeometric tail). */
  p: z.number().optional(),
  /** The judgement no longer holds on the evidence now known (its explanation says why). */
  withdrawn: z.boolean().optional(),
});
export type Signal = z.infer<typeof SignalSchema>;

/** Signals that count: stored and not withdrawn. */
export const activeSignals = <T extends Pick<Signal, 'withdrawn'>>(signals: readonly T[]): T[] => signals.filter((signal) => signal.withdrawn !== true);

/** The same judgement (what a store need not write again). */
export const sameJudgement = (a: Signal, b: Signal): boolean =>
  a.points === b.points &&
  a.time === b.time &&
  a.explanation === b.explanation &&
  (a.withdrawn ?? false) === (b.withdrawn ?? false) &&
  a.evidenceIds.join('\n') === b.evidenceIds.join('\n') &&
  a.tags.join('\n') === b.tags.join('\n');

/** A signal that no longer holds, stored as such so that a stale judgement cannot come back. */
export function withdrawnSignal(signal: Signal, because: string, basis: number, config: DetectionConfig): Signal {
  return { ...signal, points: 0, withdrawn: true, explanation: `Withdrawn: ${because}`, basis, configVersion: configVersionOf(config) };
}

const LABEL_WORDS: Record<Label, string> = {
  review_manipulation: 'asks to remove or change a review, or ties money to it',
  off_platform_contact: 'moves the conversation off the platform',
  intimidation: 'pressures or threatens the buyer',
};

/** A seller's on-platform message that the classifier labelled. Buyer messages never count. */
export function sellerMessageSignal(message: MessageEvidence, config: DetectionConfig): Signal | undefined {
  if (message.sender !== 'seller' || message.labels.length === 0) return undefined;
  const weights = config.signals['seller-message'];
  const pointsOf = (label: Label) =>
    label === 'off_platform_contact' && message.handles.length === 0 ? weights.offPlatformWithoutHandle : weights.points[label];
  const points = message.labels.reduce((sum, label) => sum + pointsOf(label), 0);
  const quotes = message.matches.map((match) => `"${match.match}"`).slice(0, 3);
  // An explicit request: the classifier's rules read the request in the words themselves (an
  // intent structure or a pattern), not only its statistical model.
  const explicit = message.labels.includes('review_manipulation') && message.matches.some((match) => match.label === 'review_manipulation' && match.source !== 'model');
  const modelOnly = message.labels.includes('review_manipulation') && !explicit;
  return {
    signalId: `seller-message:${message.eventId}`,
    sellerId: message.sellerId,
    rule: 'seller-message',
    time: message.time,
    points,
    explanation:
      `On-platform message ${message.messageId} to buyer ${message.buyerId} ` +
      `${message.labels.map((label) => LABEL_WORDS[label]).join('; ')}` +
      (quotes.length > 0 ? ` (${quotes.join(', ')})` : '') +
      (modelOnly ? ", by the classifier's statistical model alone (no explicit request in the words)" : '') +
      '.',
    evidenceIds: [message.eventId],
    tags: [...message.labels, ...(explicit ? ['explicit'] : []), ...(message.handles.length > 0 ? ['handle'] : []), `buyer:${message.buyerId}`],
    configVersion: configVersionOf(config),
    basis: 1,
  };
}

/** The buyers a signal is about, from its tags (a message or a complaint names one, a look-up the negative reviewers it covered). */
export const buyersOf = (signal: Pick<Signal, 'tags'>): string[] => signal.tags.filter((tag) => tag.startsWith('buyer:')).map((tag) => tag.slice('buyer:'.length));

/** The buyer a signal is about, when it names one. */
export const buyerOf = (signal: Pick<Signal, 'tags'>): string | undefined => buyersOf(signal)[0];

// Reviews

/** A rating at or below `maxRating` is negative; a review without one is not. */
export const isNegativeRating = (rating: number | undefined, maxRating: number): boolean => rating !== undefined && rating <= maxRating;

/** The first rating a review was given and when, if its posting is known and was negative. */
export function negativePosting(history: readonly ReviewEvidence[], config: DetectionConfig): ReviewEvidence | undefined {
  const posted = history.find((record) => record.action === 'posted');
  return posted && isNegativeRating(posted.rating, config.evidence.negativeMaxRating) ? posted : undefined;
}

/** A record that lifts a review out of the negative: an edit up to 4-5 stars, or the buyer's removal. */
export function isFlipRecord(record: ReviewEvidence, config: DetectionConfig): boolean {
  return (
    (record.action === 'edited' && (record.rating ?? 0) >= config.evidence.flippedMinRating) ||
    (record.action === 'removed' && record.removedBy === 'buyer')
  );
}

/** The record that flipped a negative review (an edit up, or the buyer's removal), if any. */
export function flipOf(history: readonly ReviewEvidence[], config: DetectionConfig): { posted: ReviewEvidence; flip: ReviewEvidence } | undefined {
  const posted = negativePosting(history, config);
  if (!posted) return undefined;
  const flip = history.find((record) => record.time > posted.time && isFlipRecord(record, config));
  return flip ? { posted, flip } : undefined;
}

/** An edit up or a buyer's removal of a review that was negative: this record is a flip. */
export const completesFlip = (review: ReviewEvidence, config: DetectionConfig): boolean =>
  review.action !== 'posted' && isNegativeRating(review.previousRating, config.evidence.negativeMaxRating) && isFlipRecord(review, config);

/** A review's first posting with a negative rating, as look-ups are judged (what a report may have targeted). */
export const isNegativePosting = (record: ReviewEvidence, config: DetectionConfig): boolean =>
  record.action === 'posted' && isNegativeRating(record.rating, config.evidence.negativeMaxRating);

/**
 * Did the seller write to the buyer on the platform between `from` and `to`, in a message the
 * classifier found nothing in (help, a replacement, a refund through the platform)? Then a flip is
 * explained: what changed the buyer's mind is there to read. A message that moves the buyer off the
 * platform, or asks for the review, explains nothing: it is evidence itself.
 */
export const sellerWroteBetween = (explaining: ExplainingMessages, buyerId: string, from: string, to: string): boolean =>
  (explaining.get(buyerId) ?? []).some((message) => message.time >= from && message.time <= to);

/** The messages that can explain a flip (the seller's, in which the classifier found nothing), by buyer. */
export type ExplainingMessages = ReadonlyMap<string, readonly MessageEvidence[]>;

/** Read once per set of messages, for every review judged against them (rather than every message for every review). */
export function explainingMessages(messages: readonly MessageEvidence[]): ExplainingMessages {
  const byBuyer = new Map<string, MessageEvidence[]>();
  for (const message of messages) {
    if (message.sender !== 'seller' || message.labels.length > 0) continue;
    const sent = byBuyer.get(message.buyerId);
    if (sent) sent.push(message);
    else byBuyer.set(message.buyerId, [message]);
  }
  return byBuyer;
}

/** Review records grouped by review: each review's history, in the order of the records. */
export function groupByReview(records: readonly ReviewEvidence[]): ReviewEvidence[][] {
  const histories = new Map<string, ReviewEvidence[]>();
  for (const record of records) {
    const history = histories.get(record.reviewId);
    if (history) history.push(record);
    else histories.set(record.reviewId, [record]);
  }
  return [...histories.values()];
}

/** A short date for explanations. */
export const day = (time: string): string => time.slice(0, 10);

/** A probability for explanations: 3 significant digits, exponent form when small. */
export const probability = (p: number): string => (p >= 0.001 ? p.toPrecision(2) : p.toExponential(1));
