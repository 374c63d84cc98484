/**
 * When a case reaches a decision (a rung applied, or its dismissal), every buyer whose complaint
 * joined it is told the outcome, once, in the words the policy allows (Art. 16(5) DSA). On a
 * dismissal their complaints count as unfounded on their notifier's standing, which may warn
 * them or, after a warning, restrict them for a period (Art. 23): each decision audited and
 * notified.
 */
import type { Case } from '../domain/cases/case';
import type { NotifierStanding, StandingChange } from '../domain/dsa/notifier-standing';
import { recordUnfounded } from '../domain/dsa/notifier-standing';
import type { AuditLog } from '../ports/audit-log';
import { auditEntryIdFor, recordOnce } from '../ports/audit-log';
import { updateStanding } from '../ports/notifier-ledger';
import type { NotifierNoticeDeps } from './notifier-notices';
import { sendBuyerNotice } from './notifier-notices';

export type TellNotifiersDeps = NotifierNoticeDeps & { readonly audit: AuditLog };

/** The complaints that joined the case: the evidence of its buyer-complaint signals. */
const complaintIds = (item: Pick<Case, 'signals'>): Set<string> =>
  new Set(item.signals.filter((signal) => signal.rule === 'buyer-complaint').flatMap((signal) => signal.evidenceIds.filter((id) => id.startsWith('complaint_'))));

export async function tellNotifiers(item: Case, decision: 'actioned' | 'dismissed', at: string, deps: TellNotifiersDeps): Promise<void> {
  const joined = complaintIds(item);
  if (joined.size === 0) return;
  const notices = (await deps.notifiers.sellerNotices(item.sellerId)).filter((notice) => joined.has(notice.reference));
  for (const notice of notices) {
    if (notice.outcome) continue;
    const to = { buyerId: notice.buyerId, ...(notice.language ? { language: notice.language } : {}) };
    await sendBuyerNotice(deps, to, `${notice.reference}:outcome`, { kind: decision, reference: notice.reference, receivedAt: notice.receivedAt });
    await deps.notifiers.recordOutcome(notice, { decision, at, caseId: item.caseId });
    if (decision !== 'dismissed') continue;
    const change = await updateStanding<StandingChange>(deps.notifiers, notice.buyerId, (current) => {
      const next = recordUnfounded(current, notice.reference, at);
      // The sanction's audit entries (and a contest's) go on the case that tipped it.
      const standing = next.decision ? { ...next.standing, sanctionCase: { caseId: item.caseId, sellerId: item.sellerId } } : next.standing;
      return { standing, result: { ...next, standing } };
    });
    if (change.decision) await sanctioned(change.standing, change.decision, notice, item, at, deps);
  }
}

/** A notifier warned or restricted under Art. 23: audited on the case (or notice) that tipped it, and told. */
export async function sanctioned(
  standing: NotifierStanding,
  decision: 'warned' | 'restricted',
  notice: { readonly reference: string; readonly buyerId: string; readonly language?: string; readonly receivedAt: string },
  item: Pick<Case, 'caseId' | 'sellerId'>,
  at: string,
  deps: TellNotifiersDeps,
): Promise<void> {
  const until = standing.restriction?.until.slice(0, 10);
  const action = decision === 'warned' ? 'notifier-warned' : 'notifier-restricted';
  await recordOnce(deps.audit, {
    entryId: auditEntryIdFor({ caseId: item.caseId, action, at: `${notice.buyerId}:${notice.reference}` }),
    at,
    actor: 'system',
    role: 'system',
    action,
    caseId: item.caseId,
    sellerId: item.sellerId,
    reason:
      `notifier ${notice.buyerId}: ${standing.unfounded.length} complaints found unfounded` +
      (decision === 'restricted' ? `; their complaints do not count until ${until ?? ''} (Art. 23 DSA)` : ' (Art. 23 DSA warning)'),
    evidenceIds: [notice.reference],
  });
  await sendBuyerNotice(deps, { buyerId: notice.buyerId, ...(notice.language ? { language: notice.language } : {}) }, `${notice.buyerId}:${action}:${at}`, {
    kind: decision,
    reference: notice.reference,
    receivedAt: notice.receivedAt,
    ...(until ? { until } : {}),
  });
}
