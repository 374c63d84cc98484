/**
 * The enforcement ladder's transitions, one row per rung: what applies it, whether a person must
 * approve it first and who, where a denial sends the case, and whether the ladder then waits for
 * the seller (coaching) and where a timeout goes. The state machine (infra/constructs/
 * enforcement-ladder.ts) is built from this table and the ladder's steps read it, so a rule of
 * the ladder is changed here or nowhere.
 */
import type { Role } from './roles';
import type { Rung } from './rungs';

/**
 * What the workflow asks the ladder's step to do (its input contract): apply a rung, wait for a
 * person (the seller's coaching, an approval), or record how the wait ended.
 */
export const LADDER_ACTIONS = [
  'apply-warning',
  'assign-coaching',
  'await-coaching',
  'coaching-completed',
  'coaching-timed-out',
  'request-approval',
  'record-denial',
  'apply-suspension',
  'apply-legal-hold',
] as const;
export type LadderAction = (typeof LADDER_ACTIONS)[number];

/** The actions that apply a rung. */
export type ApplyAction = Extract<LadderAction, 'apply-warning' | 'assign-coaching' | 'apply-suspension' | 'apply-legal-hold'>;

/** How long a seller has to complete a coaching course before the ladder escalates. */
export const COACHING_WINDOW_DAYS = 14;

export interface RungTransitions {
  /** The step that applies the rung. */
  readonly apply: ApplyAction;
  /**
   * Applied only after a person's approval: who approves, and where a denial sends the case
   * (null: things stay as they stand and the execution ends).
   */
  readonly approval?: { readonly by: Role; readonly onDenial: Rung | null };
  /**
   * Once applied, the ladder waits this long for the seller to complete a course; a completion
   * ends the execution, and so does a timeout unless `onTimeout` names a rung to go on to.
   */
  readonly coaching?: { readonly windowDays: number; readonly onTimeout: Rung | null };
}

/**
 * No seller is ever suspended or put on legal hold without a recorded human approval. A denied
 * suspension sends the case back to coaching (it is asked again only by new evidence or an
 * analyst); a denied legal hold leaves the suspension as it stands. A coaching the seller does not
 * complete asks for nothing by itself: a suspension is asked for by new evidence after the
 * coaching (or by an analyst), never by the clock alone.
 */
export const LADDER: Readonly<Record<Rung, RungTransitions>> = {
  warn: { apply: 'apply-warning' },
  coach: { apply: 'assign-coaching', coaching: { windowDays: COACHING_WINDOW_DAYS, onTimeout: null } },
  suspend: { apply: 'apply-suspension', approval: { by: 'analyst', onDenial: 'coach' } },
  'legal-hold': { apply: 'apply-legal-hold', approval: { by: 'legal', onDenial: null } },
};

/** A human's decision on a rung that waits for one. */
export type Decision = 'approve' | 'deny';

/**
 * How a denial reaches the waiting workflow: the approval's task fails with this error (an
 * approval succeeds it), so the state machine routes a decision by the task's own outcome, with
 * no Choice state (a billed transition that does no work) between the wait and what follows.
 */
export const RUNG_DENIED_ERROR = 'RungDenied';

/**
 * Where the ladder goes after a decision: an approved rung is applied; a denied one goes where
 * its row says.
 */
export function afterDecision(rung: Rung, decision: Decision): { readonly apply: Rung | null; readonly next: Rung | null } {
  if (decision === 'approve') return { apply: rung, next: null };
  return { apply: null, next: LADDER[rung].approval?.onDenial ?? null };
}

/** Where the ladder goes when the seller lets the coaching of `rung` time out (null: it has none). */
export const afterCoachingTimeout = (rung: Rung): Rung | null => LADDER[rung].coaching?.onTimeout ?? null;
