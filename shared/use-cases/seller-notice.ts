/**
 * Sends a seller one of the ladder's notices (a rung applied, a reinstatement, a rejected appeal)
 * once per notice id, in the seller's marketplace language, and records in the audit that it went.
 */
import type { Rung } from '../domain/ladder/rungs';
import type { NoticeInput } from '../domain/notices/notices';
import { renderNotice } from '../domain/notices/notices';
import type { AuditLog } from '../ports/audit-log';
import { noticeSentEntry, recordOnce } from '../ports/audit-log';
import type { Notifier } from '../ports/notifier';
import type { SellerDirectory } from '../ports/seller-directory';

export type SellerNotice = Omit<NoticeInput, 'marketplace' | 'sellerName' | 'language'> & {
  readonly noticeId: string;
  /** The rung the notice is about, for the audit. */
  readonly rung?: Rung;
};

export async function sendSellerNotice(
  deps: { readonly notifier: Notifier; readonly directory: SellerDirectory; readonly audit: AuditLog },
  { noticeId, rung, ...notice }: SellerNotice,
  at: string,
): Promise<void> {
  const contact = await deps.directory.contact(notice.sellerId);
  const rendered = renderNotice({ ...notice, marketplace: contact.marketplace, ...(contact.name ? { sellerName: contact.name } : {}) });
  await deps.notifier.send({ noticeId, to: contact.email, ...rendered });
  await recordOnce(
    deps.audit,
    noticeSentEntry({ noticeId, caseId: notice.caseId, sellerId: notice.sellerId, ...(rung ? { rung } : {}), recipient: 'the seller', subject: rendered.subject }, at),
  );
}
