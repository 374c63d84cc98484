/**
 * A suspended seller appeals with a plan of action (why it happened, what was fixed, how it will
 * not happen again), recorded by an analyst. One appeal waits for a decision at a time.
 */
import { createHash } from 'node:crypto';
import type { Appeal } from '../domain/ladder/account';
import { AccountStateError, fileAppeal as fileOnAccount } from '../domain/ladder/account';
import { auditEntryIdFor, recordOnce } from '../ports/audit-log';
import { updateAccount } from '../ports/seller-accounts';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import type { ConsoleDeps } from './console-deps';
import { StateConflictError } from './errors';

export interface AppealRequest {
  readonly sellerId: string;
  readonly rootCause: string;
  readonly actionsTaken: string;
  readonly prevention: string;
  /** When the seller sent it. @default now */
  readonly receivedAt?: string;
}

export async function fileAppeal(request: AppealRequest, actor: Actor, deps: Pick<ConsoleDeps, 'accounts' | 'audit' | 'now'>): Promise<Appeal> {
  // An analyst records it, or the marketplace's seller relay relays it with its own service token.
  requirePermission(actor, actor.role === 'service' ? 'relay-appeal' : 'record-appeal', 'record an appeal');
  const at = deps.now().toISOString();
  const filedAt = request.receivedAt ? new Date(request.receivedAt).toISOString() : at;
  // The same plan of action recorded twice (a retried request) is one appeal.
  const appealId = `appeal_${createHash('sha256')
    .update([request.sellerId, request.rootCause, request.actionsTaken, request.prevention, filedAt].join('\n'))
    .digest('hex')
    .slice(0, 16)}`;
  let account;
  try {
    account = await updateAccount(deps.accounts, request.sellerId, (current) =>
      fileOnAccount(current, {
        appealId,
        filedAt,
        filedBy: actor.id,
        rootCause: request.rootCause,
        actionsTaken: request.actionsTaken,
        prevention: request.prevention,
      }),
    );
  } catch (error) {
    if (error instanceof AccountStateError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
  const appeal = account.appeals.find((existing) => existing.appealId === appealId);
  if (!appeal) throw new StateConflictError(`appeal ${appealId} was not recorded`);
  // A retried request records the same entry id; its first record stands.
  await recordOnce(deps.audit, {
    entryId: auditEntryIdFor({ caseId: appeal.caseId, action: 'appealed', at: appealId }),
    at,
    ...auditActor(actor),
    action: 'appealed',
    caseId: appeal.caseId,
    sellerId: request.sellerId,
    rung: 'suspend',
    reason: `plan of action received ${filedAt}`,
    evidenceIds: [],
  });
  return appeal;
}
