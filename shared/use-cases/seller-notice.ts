/**
 * Sends a seller one of the ladder's notices outside a workflow step (a reinstatement, a rejected
 * appeal), once per notice id, in the seller's marketplace language.
 */
import type { NoticeKind } from '../domain/notices/notices';
import { renderNotice } from '../domain/notices/notices';
import type { AuditLog } from '../ports/audit-log';
import { noticeSentEntry, recordOnce } from '../ports/audit-log';
import type { Notifier } from '../ports/notifier';
import type { SellerDirectory } from '../ports/seller-directory';

export async function sendSellerNotice(
  deps: { readonly notifier: Notifier; readonly directory: SellerDirectory; readonly audit: AuditLog; readonly now: () => Date },
  notice: { readonly noticeId: string; readonly kind: Extract<NoticeKind, 'reinstated' | 'appeal-rejected'>; readonly sellerId: string; readonly caseId: string; readonly evidence: readonly string[]; readonly appealAddress?: string },
): Promise<void> {
  const contact = await deps.directory.contact(notice.sellerId);
  const rendered = renderNotice({
    kind: notice.kind,
    marketplace: contact.marketplace,
    sellerId: notice.sellerId,
    ...(contact.name ? { sellerName: contact.name } : {}),
    caseId: notice.caseId,
    evidence: notice.evidence,
    ...(notice.appealAddress ? { appealAddress: notice.appealAddress } : {}),
  });
  await deps.notifier.send({ noticeId: notice.noticeId, to: contact.email, ...rendered });
  await recordOnce(
    deps.audit,
    noticeSentEntry({ noticeId: notice.noticeId, caseId: notice.caseId, sellerId: notice.sellerId, recipient: 'the seller', subject: rendered.subject }, deps.now().toISOString()),
  );
}
