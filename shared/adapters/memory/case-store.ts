import type { Case } from '../../domain/cases/case';
import type { Signal } from '../../domain/detection/signals';
import type { CaseQuery, CaseStore } from '../../ports/case-store';
import { CaseConflictError } from '../../ports/case-store';
import type { TimeWindow } from '../../domain/time';
import { isInWindow } from '../../domain/time';

/** Cases and signals in memory: replay and unit tests. */
export class InMemoryCaseStore implements CaseStore {
  /** Told of every case written (the replay's ladder starts executions from it). */
  onSaved: ((saved: Case) => void) | undefined;
  private readonly signals = new Map<string, Map<string, Signal>>();
  /** Each seller's signals in time order, as last read (detection reads them at every event): dropped when one is put. */
  private readonly signalsByTime = new Map<string, readonly Signal[]>();
  private readonly cases = new Map<string, Case>();
  private readonly openBySeller = new Map<string, string>();

  async putSignal(signal: Signal): Promise<boolean> {
    let seller = this.signals.get(signal.sellerId);
    if (!seller) {
      seller = new Map();
      this.signals.set(signal.sellerId, seller);
    }
    const stored = seller.get(signal.signalId);
    if (stored && (stored.basis ?? 0) > (signal.basis ?? 0)) return false;
    seller.set(signal.signalId, signal);
    this.signalsByTime.delete(signal.sellerId);
    return true;
  }

  async sellerSignals(sellerId: string, window: TimeWindow = {}): Promise<Signal[]> {
    let ordered = this.signalsByTime.get(sellerId);
    if (!ordered) {
      ordered = [...(this.signals.get(sellerId)?.values() ?? [])].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
      this.signalsByTime.set(sellerId, ordered);
    }
    // A stable sort then a filter is the filter then the sort.
    return window.from === undefined && window.to === undefined ? [...ordered] : ordered.filter((signal) => isInWindow(signal.time, window));
  }

  async openCase(sellerId: string): Promise<Case | undefined> {
    const caseId = this.openBySeller.get(sellerId);
    return caseId ? this.cases.get(caseId) : undefined;
  }

  async saveCase(next: Case): Promise<void> {
    const stored = this.cases.get(next.caseId);
    if (next.version === 1) {
      if (stored || this.openBySeller.has(next.sellerId)) {
        throw new CaseConflictError(`seller ${next.sellerId} already has an open case`);
      }
    } else if (stored?.version !== next.version - 1) {
      throw new CaseConflictError(`case ${next.caseId} changed since it was read`);
    }
    this.cases.set(next.caseId, next);
    this.onSaved?.(next);
    if (next.status === 'open') this.openBySeller.set(next.sellerId, next.caseId);
    else if (this.openBySeller.get(next.sellerId) === next.caseId) this.openBySeller.delete(next.sellerId);
  }

  async getCase(caseId: string): Promise<Case | undefined> {
    return this.cases.get(caseId);
  }

  async listCases(query: CaseQuery = {}): Promise<Case[]> {
    return [...this.cases.values()]
      .filter(
        (item) =>
          (query.status === undefined || item.status === query.status) &&
          (query.rung === undefined || item.requestedRung === query.rung) &&
          (query.sellerId === undefined || item.sellerId === query.sellerId) &&
          (query.openedFrom === undefined || item.openedAt >= query.openedFrom) &&
          (query.openedTo === undefined || item.openedAt <= query.openedTo) &&
          (query.rule === undefined || item.signals.some((signal) => signal.rule === query.rule)),
      )
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
  }
}
