/**
 * Closing the notices no case took up (Art. 16(5), 23 DSA). A buyer's complaint that joined no
 * case `NOTICE_REVIEW_DAYS` after it was received (detection found nothing to corroborate it, and
 * nobody opened a case on it) is decided "no breach found": the buyer is told so once, with where
 * to contest it, and the complaint counts as unfounded on their standing, which may warn or
 * restrict them (and that decision is theirs to contest too, ./notifier-contest.ts). A complaint
 * that joined an open case waits for the case's decision instead (./tell-notifiers.ts).
 *
 * Run once a day: by `offside replay --close-notices` in virtual time; on AWS a daily schedule
 * is not deployed yet (docs/dsa.md).
 */
import type { StandingChange } from '../domain/dsa/notifier-standing';
import { NOTICE_REVIEW_DAYS, recordUnfounded } from '../domain/dsa/notifier-standing';
import { addDays } from '../domain/time';
import type { CaseStore } from '../ports/case-store';
import { updateStanding } from '../ports/notifier-ledger';
import { sendBuyerNotice } from './notifier-notices';
import type { TellNotifiersDeps } from './tell-notifiers';
import { sanctioned } from './tell-notifiers';


export type CloseNoticesDeps = TellNotifiersDeps & { readonly cases: Pick<CaseStore, 'openCase'> };

/** Closes every counted notice received in [from, at - NOTICE_REVIEW_DAYS) that no case took up; answers how many. */
export async function closeUnactedNotices(from: string, at: string, deps: CloseNoticesDeps): Promise<number> {
  const before = addDays(at, -NOTICE_REVIEW_DAYS);
  if (before <= from) return 0;
  let closed = 0;
  for (const notice of await deps.notifiers.noticesReceived(from, before)) {
    if (notice.outcome || !notice.counted) continue;
    const open = await deps.cases.openCase(notice.sellerId);
    if (open?.signals.some((signal) => signal.evidenceIds.includes(notice.reference))) continue;
    const to = { buyerId: notice.buyerId, ...(notice.language ? { language: notice.language } : {}) };
    // The notice is its own record here: no case decided it.
    const decidedOn = { caseId: `notice-${notice.reference}`, sellerId: notice.sellerId };
    if (!(await deps.notifiers.recordOutcome(notice, { decision: 'dismissed', at, caseId: decidedOn.caseId }))) continue;
    await sendBuyerNotice(deps, to, `${notice.reference}:outcome`, { kind: 'dismissed', reference: notice.reference, receivedAt: notice.receivedAt });
    closed++;
    const change = await updateStanding<StandingChange>(deps.notifiers, notice.buyerId, (current) => {
      const next = recordUnfounded(current, notice.reference, at);
      const standing = next.decision ? { ...next.standing, sanctionCase: decidedOn } : next.standing;
      return { standing, result: { ...next, standing } };
    });
    if (change.decision) await sanctioned(change.standing, change.decision, notice, decidedOn, at, deps);
  }
  return closed;
}
