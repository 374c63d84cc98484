/** The messages between a partitioned replay's dispatcher and its workers (structured-clone data only). */
import type { StatementOfReasons } from '../../domain/dsa/transparency-database';
import type { ApprovalMode } from './approval-modes';
import type { ReceivedComplaint } from './complaints-file';
import type { BatchRecord, Consumer, EngineResult } from './replay-engine';

export interface WorkerInit {
  readonly approvals: ApprovalMode;
}

/**
 * One call of the control flow that concerns a worker: a batch of its sellers' lines, one of its
 * sellers' complaints (each with the clock of the replay's last settle before it, and the clock to
 * settle at after it), or an eviction (every worker's).
 */
export type Op =
  | readonly [kind: 'f', consumer: Consumer, records: readonly BatchRecord[], since: string, clock: string]
  | readonly [kind: 'c', complaint: ReceivedComplaint, since: string, clock: string]
  | readonly [kind: 'e', before: string]
  | readonly [kind: 'n', since: string, clock: string];

/**
 * Calls in order; `finish` ends a pass (the worker answers with its result); `reset` starts the
 * next pass on a fresh engine in the same worker (no second start-up of the worker's code).
 */
export type ToWorker = { readonly t: 'ops'; readonly ops: readonly Op[] } | { readonly t: 'finish'; readonly clock: string } | { readonly t: 'reset' };

export interface WorkerStatement {
  readonly sellerId: string;
  readonly issuedAt: string;
  readonly statement: StatementOfReasons;
}

export type FromWorker =
  | { readonly t: 'ready' }
  | { readonly t: 'ack' }
  | { readonly t: 'error'; readonly message: string }
  | {
      readonly t: 'result';
      readonly result: EngineResult;
      /** Every ring key the worker's sellers are linked to, with those sellers. */
      readonly keys: readonly (readonly [key: string, sellerIds: readonly string[]])[];
      readonly statements: readonly WorkerStatement[];
    };
