import type { RingKind, RingMember } from '../domain/detection/complaint-and-ring';

/**
 * Which sellers stand behind one contact handle (as its keyed hash) or one look-up app. A seller is
 * linked once per key, at its earliest evidence.
 */
export interface RingIndex {
  /** Links the seller to the key and resolves to every member after the link. */
  link(kind: RingKind, key: string, member: RingMember): Promise<RingMember[]>;
  /** Unlinks the seller from the key (the evidence that tied it no longer does) and resolves to the members left. */
  unlink(kind: RingKind, key: string, sellerId: string): Promise<RingMember[]>;
  members(kind: RingKind, key: string): Promise<RingMember[]>;
}
