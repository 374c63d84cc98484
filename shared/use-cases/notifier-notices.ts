/**
 * Telling a buyer who complained (a notifier, Art. 16 and 23 DSA) what became of it: through the
 * marketplace's buyer-messaging relay (`<buyerId>@<relay domain>`, which the marketplace forwards:
 * Offside never holds a buyer's address), in the buyer's language, once per notice id.
 */
import type { BuyerNoticeInput } from '../domain/dsa/buyer-notices';
import { buyerLanguage, buyerNoticeLetter } from '../domain/dsa/buyer-notices';
import { renderLetter } from '../domain/notices/notices';
import type { Notifier } from '../ports/notifier';
import type { NotifierLedger } from '../ports/notifier-ledger';

export interface BuyerRelay {
  /** Buyer notices go to <buyerId>@<domain>, the marketplace's buyer-messaging relay. */
  readonly buyerNoticeDomain: string;
  /** Where a notifier contests a decision about their complaints. */
  readonly noticeContestAddress: string;
}

export interface NotifierNoticeDeps {
  readonly notifiers: NotifierLedger;
  readonly notifier: Notifier;
  readonly buyerRelay: BuyerRelay;
}

export async function sendBuyerNotice(
  deps: Pick<NotifierNoticeDeps, 'notifier' | 'buyerRelay'>,
  to: { readonly buyerId: string; readonly language?: string },
  noticeId: string,
  input: Omit<BuyerNoticeInput, 'contestAddress'>,
): Promise<void> {
  const language = buyerLanguage(to.language);
  const rendered = renderLetter(buyerNoticeLetter({ ...input, contestAddress: deps.buyerRelay.noticeContestAddress }, language), language);
  await deps.notifier.send({ noticeId, to: `${encodeURIComponent(to.buyerId)}@${deps.buyerRelay.buyerNoticeDomain}`, ...rendered });
}
