/**
 * Takes in a buyer's complaint (the console intake, and the help centre's service route) as a
 * notice under Art. 16 DSA: recorded on its notifier's ledger, and the buyer sent an
 * acknowledgement with its reference at once, in their language. It then goes to detection
 * (./file-complaint.ts), unless its notifier is restricted under Art. 23 (their complaints do not
 * count for a period): then it is kept as evidence and acknowledged, and moves no case. The same
 * complaint filed twice is one notice, acknowledged once.
 */
import type { BuyerComplaintInput } from '../../events/v1/complaint';
import { complaintsCount } from '../domain/dsa/notifier-standing';
import type { ComplaintEvidence } from '../domain/evidence';
import { complaintEvidence } from '../domain/evidence';
import type { FileComplaintDeps } from './file-complaint';
import { fileComplaint } from './file-complaint';
import type { NotifierNoticeDeps } from './notifier-notices';
import { sendBuyerNotice } from './notifier-notices';

export type ReceiveNoticeDeps = FileComplaintDeps & NotifierNoticeDeps;

export interface ReceivedNotice {
  readonly complaint: ComplaintEvidence;
  /** The reference the buyer was given (the complaint's id). */
  readonly reference: string;
  /** False when its notifier is restricted under Art. 23: kept, acknowledged, not acted on. */
  readonly counted: boolean;
}

export async function receiveNotice(input: BuyerComplaintInput, deps: ReceiveNoticeDeps): Promise<ReceivedNotice> {
  const standing = await deps.notifiers.standing(input.buyerId);
  const evidence = complaintEvidence(input, deps.hashHandle);
  const counted = complaintsCount(standing, evidence.time);
  await deps.notifiers.recordNotice({
    reference: evidence.eventId,
    buyerId: input.buyerId,
    sellerId: input.sellerId,
    ...(input.language ? { language: input.language } : {}),
    receivedAt: evidence.time,
    counted,
  });
  const until = standing.restriction?.until.slice(0, 10);
  await sendBuyerNotice(deps, { buyerId: input.buyerId, ...(input.language ? { language: input.language } : {}) }, `${evidence.eventId}:acknowledged`, {
    kind: counted ? 'acknowledged' : 'not-counted',
    reference: evidence.eventId,
    receivedAt: evidence.time,
    ...(until ? { until } : {}),
  });
  if (counted) await fileComplaint(input, deps);
  else await deps.store.put(evidence);
  return { complaint: evidence, reference: evidence.eventId, counted };
}
