/**
 * The two kinds of evidence that come from outside one seller's own conduct on the platform: a
 * buyer's complaint of off-platform contact, and a ring (one contact handle, or one app used for
 * targeted look-ups, behind several sellers).
 *
 * A complaint is a witness only when its buyer is one the seller could have harassed (a buyer who
 * left the seller a negative review before complaining) and it is not one of a burst of
 * near-identical complaints (a campaign against the seller). Anyone can complain about anyone.
 */
import type { ComplaintEvidence, ReviewEvidence } from '../evidence';
import { addDays } from '../time';
import type { DetectionConfig } from './config';
import { configVersionOf } from './config';
import type { Signal } from './signals';
import { day, isNegativeRating } from './signals';

/** The complaints a complaint is read together with: its burst window around it. */
export const complaintBurstWindow = (complaint: Pick<ComplaintEvidence, 'time'>, config: DetectionConfig) => ({
  from: addDays(complaint.time, -config.signals['buyer-complaint'].burstDays),
  to: addDays(complaint.time, config.signals['buyer-complaint'].burstDays),
});

/** The seller's reviews a complaint is judged against: the window before it. */
export const complaintReviewsWindow = (complaint: Pick<ComplaintEvidence, 'time'>, config: DetectionConfig) => ({
  from: addDays(complaint.time, -config.evidence.windowDays),
  to: complaint.time,
});

/**
 * The review that makes the complainant a buyer the seller could have harassed: a negative one the
 * complainant left this seller (on the order complained about, when it names one) before complaining.
 */
export const complainantsNegativeReview = (complaint: ComplaintEvidence, reviews: readonly ReviewEvidence[], config: DetectionConfig): ReviewEvidence | undefined =>
  reviews.find(
    (review) =>
      review.action === 'posted' &&
      review.time < complaint.time &&
      review.buyerId === complaint.buyerId &&
      (complaint.orderId === undefined || review.orderId === complaint.orderId) &&
      isNegativeRating(review.rating, config.evidence.negativeMaxRating),
  );

/** Overlap of two word sets (Jaccard). */
function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const set = new Set(a);
  const shared = b.filter((word) => set.has(word)).length;
  return shared / (a.length + b.length - shared);
}

/**
 * The complaints that make a burst with `complaint`: those within the burst window whose words
 * overlap with it (or with another of the burst) near-identically. A burst needs
 * `burstMinComplaints` of them, the complaint itself included; fewer is no burst.
 */
export function burstOf(complaint: ComplaintEvidence, nearby: readonly ComplaintEvidence[], config: DetectionConfig): ComplaintEvidence[] {
  const rule = config.signals['buyer-complaint'];
  const window = complaintBurstWindow(complaint, config);
  const candidates = nearby.filter((other) => other.eventId !== complaint.eventId && other.time >= window.from && other.time <= window.to);
  const burst: ComplaintEvidence[] = [complaint];
  let grown = true;
  while (grown) {
    grown = false;
    for (const other of candidates) {
      if (burst.includes(other)) continue;
      if (burst.some((member) => overlap(member.words, other.words) >= rule.nearIdenticalOverlap)) {
        burst.push(other);
        grown = true;
      }
    }
  }
  return burst.length >= rule.burstMinComplaints ? burst : [complaint];
}

/** Why a complaint does or does not count, and its signal when it does. */
export function judgeComplaint(
  complaint: ComplaintEvidence,
  negativeReview: ReviewEvidence | undefined,
  burst: readonly ComplaintEvidence[],
  config: DetectionConfig,
  basis: number,
): { readonly counts: boolean; readonly because: string; readonly signal: Signal | undefined } {
  const about = `Buyer ${complaint.buyerId} complained of contact by ${complaint.channel} outside the platform${complaint.orderId ? ` about order ${complaint.orderId}` : ''}`;
  if (!negativeReview) {
    return {
      counts: false,
      because: `${about}, but left this seller no negative review${complaint.orderId ? ' on that order' : ''} before complaining: not a buyer the seller could have harassed.`,
      signal: undefined,
    };
  }
  if (burst.length > 1) {
    return {
      counts: false,
      because: `${about}, one of ${burst.length} near-identical complaints within ${config.signals['buyer-complaint'].burstDays} days (${day(burst[0]?.time ?? complaint.time)}...): a campaign, not independent witnesses.`,
      signal: undefined,
    };
  }
  const because = `${about}, after leaving a ${negativeReview.rating ?? '?'}-star review on ${day(negativeReview.time)}.`;
  return {
    counts: true,
    because,
    signal: {
      signalId: `buyer-complaint:${complaint.eventId}`,
      sellerId: complaint.sellerId,
      rule: 'buyer-complaint',
      time: complaint.time,
      points: config.signals['buyer-complaint'].points,
      explanation: because,
      evidenceIds: [complaint.eventId, negativeReview.eventId],
      tags: ['buyer-complaint', `buyer:${complaint.buyerId}`],
      configVersion: configVersionOf(config),
      basis,
    },
  };
}

// Rings

export type RingKind = 'handle' | 'app';

export interface RingMember {
  readonly sellerId: string;
  /** The evidence that tied this seller to the key, and when it happened. */
  readonly evidenceId: string;
  readonly time: string;
}

/** When the ring formed: the moment the `minSellers`-th distinct seller joined. */
function formedAt(members: readonly RingMember[], minSellers: number): string | undefined {
  const seen = new Set<string>();
  for (const member of [...members].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))) {
    seen.add(member.sellerId);
    if (seen.size >= minSellers) return member.time;
  }
  return undefined;
}

/** The ring signal id of a seller behind a key. */
export const ringSignalId = (kind: RingKind, key: string, sellerId: string): string => `ring:${kind}:${key}:${sellerId}`;

/**
 * A seller that shares a contact handle (seen in its own messages) or an app it uses for targeted
 * look-ups with other sellers. Contact handles are only ever shown as their hashes. Undefined when
 * the key ties fewer than `minSellers` sellers, or not this one.
 */
export function ringSignal(sellerId: string, kind: RingKind, key: string, members: readonly RingMember[], config: DetectionConfig): Signal | undefined {
  const formed = formedAt(members, config.signals.ring.minSellers);
  const own = members.filter((member) => member.sellerId === sellerId);
  if (formed === undefined || own.length === 0) return undefined;
  const joined = own.reduce((first, member) => (member.time < first ? member.time : first), own[0]?.time ?? formed);
  const others = [...new Set(members.map((member) => member.sellerId).filter((id) => id !== sellerId))].sort();
  const what = kind === 'handle' ? `the off-platform contact handle ${key} in its own messages` : `the app ${key}, which it uses for targeted look-ups,`;
  return {
    signalId: ringSignalId(kind, key, sellerId),
    sellerId,
    rule: 'ring',
    time: joined > formed ? joined : formed,
    points: config.signals.ring.points,
    explanation: `Shares ${what} with ${others.length} other seller${others.length === 1 ? '' : 's'} (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''}).`,
    evidenceIds: own.map((member) => member.evidenceId),
    tags: ['ring', `ring:${kind}`],
    configVersion: configVersionOf(config),
    basis: members.length,
  };
}

/** Every member's ring signal (or, for a key that no longer ties enough sellers, none). */
export function ringSignals(kind: RingKind, key: string, members: readonly RingMember[], config: DetectionConfig): { readonly sellerId: string; readonly signal: Signal | undefined }[] {
  return [...new Set(members.map((member) => member.sellerId))].map((sellerId) => ({ sellerId, signal: ringSignal(sellerId, kind, key, members, config) }));
}

/**
 * Does the seller use an app for look-ups? Its reports through the app in the baseline before a
 * time: at least `appMinLookups` of them look-ups outside its routine, one of them targeted, and at
 * least half of all its reports through the app. A popular app used by many sellers for their
 * routine reports ties none of them together.
 */
export function usesAppForLookups(lookupsThroughApp: number, targetedThroughApp: number, reportsThroughApp: number, config: DetectionConfig): boolean {
  return lookupsThroughApp >= config.signals.ring.appMinLookups && targetedThroughApp >= 1 && 2 * lookupsThroughApp >= reportsThroughApp;
}

/**
 * Since when the seller uses an app for look-ups: the first of its look-ups through the app at
 * which, over the baseline before it, they make the app a look-up tool for it. Undefined
 * while they do not. From all of them at once, so the answer does not depend on arrival order.
 */
export function appLookupsSince(
  lookups: readonly { readonly time: string; readonly eventId: string; readonly targeted: boolean }[],
  reportsThroughApp: readonly { readonly time: string }[],
  config: DetectionConfig,
): { readonly time: string; readonly eventId: string } | undefined {
  const sorted = [...lookups].sort((a, b) => (a.time !== b.time ? (a.time < b.time ? -1 : 1) : a.eventId < b.eventId ? -1 : 1));
  return sorted.find((lookup) => {
    const from = addDays(lookup.time, -config.signals['targeted-lookup'].baselineDays);
    const before = sorted.filter((other) => other.time >= from && other.time <= lookup.time);
    const through = reportsThroughApp.filter((report) => report.time >= from && report.time <= lookup.time).length;
    return usesAppForLookups(before.length, before.filter((other) => other.targeted).length, through, config);
  });
}
