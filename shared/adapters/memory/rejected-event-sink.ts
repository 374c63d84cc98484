import type { RejectedEvent, RejectedEventSink } from '../../ports/rejected-events';

/** Keeps rejected events in memory (replay, unit tests). */
export class InMemoryRejectedEventSink implements RejectedEventSink {
  readonly rejected: RejectedEvent[] = [];

  async reject(event: RejectedEvent): Promise<void> {
    this.rejected.push(event);
  }
}
