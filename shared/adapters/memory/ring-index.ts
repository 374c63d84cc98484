import type { RingKind, RingMember } from '../../domain/detection/complaint-and-ring';
import type { RingIndex } from '../../ports/ring-index';

export class InMemoryRingIndex implements RingIndex {
  private readonly rings = new Map<string, Map<string, RingMember>>();

  async link(kind: RingKind, key: string, member: RingMember): Promise<RingMember[]> {
    const id = `${kind}:${key}`;
    let members = this.rings.get(id);
    if (!members) {
      members = new Map();
      this.rings.set(id, members);
    }
    const known = members.get(member.sellerId);
    if (!known || member.time < known.time) members.set(member.sellerId, member);
    return [...members.values()];
  }

  async unlink(kind: RingKind, key: string, sellerId: string): Promise<RingMember[]> {
    this.rings.get(`${kind}:${key}`)?.delete(sellerId);
    return this.members(kind, key);
  }

  /** Every key with its members' sellers (a partitioned replay joins the sellers a key ties together). */
  sellersByKey(): [key: string, sellerIds: string[]][] {
    return [...this.rings.entries()].map(([key, members]) => [key, [...members.keys()]]);
  }

  async members(kind: RingKind, key: string): Promise<RingMember[]> {
    return [...(this.rings.get(`${kind}:${key}`)?.values() ?? [])];
  }
}
