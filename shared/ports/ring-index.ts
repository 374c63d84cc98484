import type { RingKind, RingMember } from '../domain/detection/complaint-and-ring';

/**
 * Which sellers stand behind one contact handle (as its keyed hash) or one look-up app. A seller is
 * linked once per key, at its earliest evidence.
 */
export interface RingIndex {
  /** Links the seller to the key and resolves to every member after the link. */
  link(kind: RingKind, key: string, member: RingMember): Promise<RingMember[]>;
  members(kind: RingKind, key: string): Promise<RingMember[]>;
}
