import type { NoticeRecord, NotifierStanding } from '../../domain/dsa/notifier-standing';
import { newStanding } from '../../domain/dsa/notifier-standing';
import type { NotifierLedger } from '../../ports/notifier-ledger';
import { StandingConflictError } from '../../ports/notifier-ledger';

/** Notices and notifier standings in memory: replay and unit tests. */
export class InMemoryNotifierLedger implements NotifierLedger {
  private readonly notices = new Map<string, NoticeRecord>();
  private readonly standings = new Map<string, NotifierStanding>();

  async recordNotice(notice: NoticeRecord): Promise<void> {
    if (!this.notices.has(notice.reference)) this.notices.set(notice.reference, notice);
  }

  async sellerNotices(sellerId: string): Promise<NoticeRecord[]> {
    return [...this.notices.values()].filter((notice) => notice.sellerId === sellerId).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }

  async noticesReceived(from: string, to: string): Promise<NoticeRecord[]> {
    return [...this.notices.values()].filter((notice) => notice.receivedAt >= from && notice.receivedAt < to).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }

  async recordOutcome({ reference }: Pick<NoticeRecord, 'sellerId' | 'reference'>, outcome: NonNullable<NoticeRecord['outcome']>): Promise<boolean> {
    const notice = this.notices.get(reference);
    if (!notice || notice.outcome) return false;
    this.notices.set(reference, { ...notice, outcome });
    return true;
  }

  async standing(buyerId: string): Promise<NotifierStanding> {
    return this.standings.get(buyerId) ?? newStanding(buyerId);
  }

  async saveStanding(next: NotifierStanding): Promise<void> {
    if ((this.standings.get(next.buyerId)?.version ?? 0) !== next.version - 1) throw new StandingConflictError(`standing of ${next.buyerId} changed`);
    this.standings.set(next.buyerId, next);
  }

  async sanctioned(): Promise<NotifierStanding[]> {
    return [...this.standings.values()].filter((standing) => standing.warnedAt !== undefined || standing.restriction !== undefined);
  }
}
