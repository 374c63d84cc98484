/**
 * What a person may do to a case from the console, and why not when they may not: the policy's
 * permissions (./policy.ts) read together with the case's state, so the console offers exactly
 * what the API would accept and says why it offers nothing else.
 */
import type { Case } from '../cases/case';
import type { Rung } from './rungs';
import type { ConsoleAction } from './policy';
import type { Role } from './roles';
import { PERMITTED, permits } from './policy';

export const CASE_ACTIONS = ['decide-suspension', 'decide-legal-hold', 'record-coaching', 'escalate', 'dismiss'] as const satisfies readonly ConsoleAction[];
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface ActionAvailability {
  readonly action: CaseAction;
  readonly allowed: boolean;
  /** Why it is not allowed, as a sentence a person reads. */
  readonly why?: string;
}

const DOING: Readonly<Record<CaseAction, string>> = {
  'decide-suspension': 'approve or deny a suspension',
  'decide-legal-hold': 'approve or deny a legal hold',
  'record-coaching': 'record a completed coaching course',
  escalate: 'ask for the next rung',
  dismiss: 'dismiss a case',
};

/** Is the ladder waiting for a person's approval of `rung` on this case? */
export const awaitsApproval = (item: Pick<Case, 'status' | 'waiting'>, rung: Rung): boolean =>
  item.status === 'open' && item.waiting?.kind === 'approval' && item.waiting.rung === rung;

function blockedBy(item: Pick<Case, 'status' | 'waiting' | 'requestedRung'>, action: CaseAction): string | undefined {
  if (item.status !== 'open') return `the case is ${item.status}`;
  switch (action) {
    case 'decide-suspension':
      return awaitsApproval(item, 'suspend') ? undefined : 'the case is not waiting for a suspension decision';
    case 'decide-legal-hold':
      return awaitsApproval(item, 'legal-hold') ? undefined : 'the case is not waiting for a legal-hold decision';
    case 'record-coaching':
      return item.waiting?.kind === 'coaching' ? undefined : 'the ladder is not waiting for a coaching course';
    case 'escalate':
      return item.requestedRung === 'legal-hold' ? 'the case already asks for a legal hold, the top rung' : undefined;
    case 'dismiss':
      return undefined;
  }
}

const roleList = (roles: readonly Role[]) => (roles.length === 1 ? `the ${roles[0]} role` : `the ${roles.slice(0, -1).join(', ')} or ${roles.at(-1)} roles`);

/** Every case action for someone in `role`: allowed, or not and why (their role first, then the case). */
export function caseActions(item: Pick<Case, 'status' | 'waiting' | 'requestedRung'>, role: Role): ActionAvailability[] {
  return CASE_ACTIONS.map((action) => {
    if (!permits(role, action)) return { action, allowed: false, why: `only ${roleList(PERMITTED[action])} may ${DOING[action]}` };
    const why = blockedBy(item, action);
    return why === undefined ? { action, allowed: true } : { action, allowed: false, why };
  });
}
