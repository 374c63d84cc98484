import type { Notice, NoticeReceipt, Notifier } from '../../ports/notifier';

export interface DeliveredNotice extends Notice {
  readonly messageId: string;
}

/** Notices kept in memory, once per notice id: replay and unit tests. */
export class InMemoryNotifier implements Notifier {
  private readonly byId = new Map<string, DeliveredNotice>();

  async send(notice: Notice): Promise<NoticeReceipt> {
    const existing = this.byId.get(notice.noticeId);
    if (existing) return { messageId: existing.messageId, alreadySent: true };
    const messageId = `memory-${this.byId.size + 1}`;
    this.byId.set(notice.noticeId, { ...notice, messageId });
    return { messageId, alreadySent: false };
  }

  /** Every notice delivered, in the order sent. */
  get delivered(): readonly DeliveredNotice[] {
    return [...this.byId.values()];
  }
}
