/**
 * Notices from buyers (Art. 16 DSA) and each notifier's standing (Art. 23): what a complaint
 * became, so its notifier is told the outcome once, and whose complaints count.
 */
import type { NoticeRecord, NotifierStanding } from '../domain/dsa/notifier-standing';

export interface NotifierLedger {
  /** Records a notice once per reference (a retried intake records nothing new). */
  recordNotice(notice: NoticeRecord): Promise<void>;
  /** The notices about a seller, oldest first. */
  sellerNotices(sellerId: string): Promise<NoticeRecord[]>;
  /** Records the outcome the notifier was told; false when one was already recorded. */
  recordOutcome(notice: Pick<NoticeRecord, 'sellerId' | 'reference'>, outcome: NonNullable<NoticeRecord['outcome']>): Promise<boolean>;
  /** Every notice received in [from, to), oldest first (the transparency report; a scan on DynamoDB). */
  noticesReceived(from: string, to: string): Promise<NoticeRecord[]>;
  standing(buyerId: string): Promise<NotifierStanding>;
  /** Writes if the stored version is `next.version - 1`, else throws StandingConflictError. */
  saveStanding(next: NotifierStanding): Promise<void>;
  /** Every standing with a warning or a restriction (the transparency report). */
  sanctioned(): Promise<NotifierStanding[]>;
}

export class StandingConflictError extends Error {
  override readonly name = 'StandingConflictError';
}

/** Reads, changes and writes a standing, retrying a lost race. */
export async function updateStanding<T>(
  ledger: NotifierLedger,
  buyerId: string,
  change: (current: NotifierStanding) => { standing: NotifierStanding; result: T },
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await ledger.standing(buyerId);
    const { standing, result } = change(current);
    if (standing === current) return result;
    try {
      await ledger.saveStanding({ ...standing, version: current.version + 1 });
      return result;
    } catch (error) {
      if (!(error instanceof StandingConflictError) || attempt >= attempts) throw error;
    }
  }
}
