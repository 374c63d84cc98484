/**
 * The two signals that come from outside one seller's own evidence: a buyer's complaint of
 * off-platform contact, and a ring (one contact handle or one look-up app behind several sellers).
 */
import type { ComplaintEvidence, ReviewEvidence } from '../evidence';
import type { DetectionConfig } from './config';
import type { Signal } from './signals';

/**
 * A buyer's complaint that the seller contacted them off the platform. Corroborated, and worth
 * more, when the same buyer had left this seller a negative review before complaining.
 */
export function buyerComplaintSignal(
  complaint: ComplaintEvidence,
  buyerNegativeReview: ReviewEvidence | undefined,
  config: DetectionConfig,
): Signal {
  const rule = config.buyerComplaint;
  const corroborated = buyerNegativeReview !== undefined;
  return {
    signalId: `buyer-complaint:${complaint.eventId}`,
    sellerId: complaint.sellerId,
    rule: 'buyer-complaint',
    time: complaint.time,
    points: corroborated ? rule.corroboratedPoints : rule.points,
    explanation:
      `Buyer ${complaint.buyerId} complained of contact by ${complaint.channel} outside the platform` +
      (complaint.orderId ? ` about order ${complaint.orderId}` : '') +
      (buyerNegativeReview
        ? `, after leaving a ${buyerNegativeReview.rating ?? '?'}-star review on ${buyerNegativeReview.time.slice(0, 10)}.`
        : '.'),
    evidenceIds: buyerNegativeReview ? [complaint.eventId, buyerNegativeReview.eventId] : [complaint.eventId],
    tags: ['buyer-complaint'],
    configVersion: config.version,
  };
}

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

/** Every member seller's ring signal, once enough sellers share the key to make a ring. */
export function ringSignals(kind: RingKind, key: string, members: readonly RingMember[], config: DetectionConfig): Signal[] {
  const sellers = new Set(members.map((member) => member.sellerId));
  if (sellers.size < config.ring.minSellers) return [];
  return [...sellers].flatMap((sellerId) => ringSignal(sellerId, kind, key, members, config) ?? []);
}

/**
 * A seller that shares a contact handle (seen in its own messages) or a look-up app (behind its
 * targeted look-ups) with other sellers. Contact handles are only ever shown as their hashes.
 */
export function ringSignal(
  sellerId: string,
  kind: RingKind,
  key: string,
  members: readonly RingMember[],
  config: DetectionConfig,
): Signal | undefined {
  const formed = formedAt(members, config.ring.minSellers);
  const own = members.filter((member) => member.sellerId === sellerId);
  if (formed === undefined || own.length === 0) return undefined;
  const joined = own.reduce((first, member) => (member.time < first ? member.time : first), own[0]?.time ?? formed);
  const others = [...new Set(members.map((member) => member.sellerId).filter((id) => id !== sellerId))].sort();
  const what = kind === 'handle' ? `the off-platform contact handle ${key}` : `the app ${key} behind targeted look-ups`;
  return {
    signalId: `ring:${kind}:${key}:${sellerId}`,
    sellerId,
    rule: 'ring',
    time: joined > formed ? joined : formed,
    points: config.ring.points,
    explanation: `Shares ${what} with ${others.length} other seller${others.length === 1 ? '' : 's'} (${others.slice(0, 5).join(', ')}).`,
    evidenceIds: own.map((member) => member.evidenceId),
    tags: ['ring', `ring:${kind}`],
    configVersion: config.version,
  };
}
