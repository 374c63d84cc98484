import type { SellerStatusChanged } from '../../../events/v1/outbound';
import type { SellerEvents } from '../../ports/seller-events';

/** Outbound seller events kept in memory, once per id: replay and unit tests. */
export class InMemorySellerEvents implements SellerEvents {
  private readonly events = new Map<string, SellerStatusChanged>();

  async publish(event: SellerStatusChanged): Promise<void> {
    if (!this.events.has(event.id)) this.events.set(event.id, event);
  }

  published(): SellerStatusChanged[] {
    return [...this.events.values()];
  }
}
