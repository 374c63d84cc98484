/**
 * The enforcement ladder's rules, independent of how the workflow runs them: who may approve a
 * rung and do what on the console, how strikes decay, what a seller's standing is, and which rung
 * a case runs next. The ladder's transitions themselves are in ./transitions.ts.
 */
import type { Case } from '../cases/case';
import { addDays } from '../time';
import type { Role } from './roles';
import { PERSON_ROLES, ROLES, SERVICE_ROLE } from './roles';
import type { Rung } from './rungs';
import { RUNGS, rungAbove, rungIndex } from './rungs';
import { LADDER } from './transitions';

/** May someone in `role` approve `rung`? Admins may approve anything an analyst may. */
export function mayApprove(role: Role, rung: Rung): boolean {
  const needed = LADDER[rung].approval?.by;
  if (needed === undefined) return false;
  return role === needed || (role === 'admin' && needed === 'analyst');
}

/** What people do through the console. */
export type ConsoleAction =
  | 'read'
  | 'decide-suspension'
  | 'decide-legal-hold'
  | 'dismiss'
  | 'escalate'
  | 'record-coaching'
  | 'record-appeal'
  | 'decide-appeal'
  | 'file-complaint'
  /** The help centre relays a buyer's complaint (a notice, Art. 16 DSA). */
  | 'relay-complaint'
  /** The marketplace relays a suspended seller's appeal (Art. 20 DSA). */
  | 'relay-appeal'
  /** Read, create and make live versions of detection's rules (issue 17). */
  | 'change-rules'
  /** A buyer contests an Art. 23 decision about their complaints: an agent records it, the help centre relays it. */
  | 'record-notifier-contest'
  | 'relay-notifier-contest'
  | 'decide-notifier-contest';

const approvers = (rung: Rung): readonly Role[] => ROLES.filter((role) => mayApprove(role, rung));
/** Working cases: the analysts, and the admins who may do whatever an analyst may. */
const CASE_WORKERS: readonly Role[] = ['analyst', 'admin'];

/**
 * Who may do what, in one table: the console's routes are guarded by it and the use cases check
 * it, so a person's powers are decided here and nowhere else.
 */
export const PERMITTED: Readonly<Record<ConsoleAction, readonly Role[]>> = {
  read: PERSON_ROLES,
  'decide-suspension': approvers('suspend'),
  'decide-legal-hold': approvers('legal-hold'),
  dismiss: CASE_WORKERS,
  escalate: CASE_WORKERS,
  'record-coaching': CASE_WORKERS,
  'record-appeal': CASE_WORKERS,
  'decide-appeal': CASE_WORKERS,
  'file-complaint': CASE_WORKERS,
  // Machines relay; they read nothing and decide nothing.
  'relay-complaint': [SERVICE_ROLE],
  'relay-appeal': [SERVICE_ROLE],
  // Detection's rules decide who is warned: only admins change them, or read their drafts.
  'change-rules': ['admin'],
  'record-notifier-contest': CASE_WORKERS,
  'relay-notifier-contest': [SERVICE_ROLE],
  'decide-notifier-contest': CASE_WORKERS,
};

export const permits = (role: Role, action: ConsoleAction): boolean => PERMITTED[action].includes(role);

/** Strikes count for this long, as the marketplace's account-health practice does. */
export const STRIKE_LIFETIME_DAYS = 180;

export interface Strike {
  readonly caseId: string;
  readonly rung: Rung;
  readonly appliedAt: string;
  readonly expiresAt: string;
  /** Set when the case was dismissed as a false positive: the strike no longer counts. */
  readonly withdrawnAt?: string;
}

export function strikeFor(caseId: string, rung: Rung, appliedAt: string): Strike {
  return { caseId, rung, appliedAt, expiresAt: addDays(appliedAt, STRIKE_LIFETIME_DAYS) };
}

export const isActive = (strike: Strike, at: string): boolean =>
  strike.withdrawnAt === undefined && strike.appliedAt <= at && at < strike.expiresAt;

/** Withdraws a case's strikes (dismissal as a false positive). */
export function withdrawStrikes(strikes: readonly Strike[], caseId: string, at: string): Strike[] {
  return strikes.map((strike) => (strike.caseId === caseId && strike.withdrawnAt === undefined ? { ...strike, withdrawnAt: at } : strike));
}

export type Standing = 'good' | 'warned' | 'coached' | 'suspended';

/**
 * A seller's standing at `at`: suspended while a suspension stands; otherwise the highest rung
 * among its active strikes; good once every strike has expired or been withdrawn.
 */
export function standing(strikes: readonly Strike[], suspended: boolean, at: string): Standing {
  if (suspended) return 'suspended';
  const active = strikes.filter((strike) => isActive(strike, at));
  if (active.some((strike) => strike.rung === 'coach' || strike.rung === 'suspend' || strike.rung === 'legal-hold')) return 'coached';
  if (active.some((strike) => strike.rung === 'warn')) return 'warned';
  return 'good';
}

/**
 * Step Functions execution names are unique per state machine for 90 days, so a name derived from
 * the case, the rung and when the case asked for it makes a duplicate start of the same request a
 * no-op, while a later request for the same rung (after a denial and new evidence) runs anew.
 * Names allow 80 characters of letters, digits, `-` and `_`.
 */
export function executionName(caseId: string, rung: Rung, requestedAt: string): string {
  const tail = `-${rung}-${requestedAt.replace(/[^0-9]/gu, '').slice(0, 17)}`;
  return `${caseId.replace(/[^A-Za-z0-9_-]/gu, '_').slice(0, 80 - tail.length)}${tail}`;
}

const EXECUTION_TAIL = new RegExp(`-(${RUNGS.join('|')})-[0-9]*$`, 'u');

/**
 * The rung an execution named by `executionName` started at: each rung has a state machine of its
 * own (one that starts at that rung, so no execution pays for a Choice of where to start), and an
 * execution is stopped on the machine it was started on, whatever rung it has moved to since (a
 * denied suspension goes back to coaching in the same execution).
 */
export function startingRungOf(name: string): Rung {
  const rung = RUNGS.find((candidate) => candidate === EXECUTION_TAIL.exec(name)?.[1]);
  if (rung === undefined) throw new Error(`${name} is not a ladder execution name (<case>-<rung>-<requested at>)`);
  return rung;
}

/**
 * The rung the ladder should run next for a case, or null when it has done all the case asks for:
 * a case starts at the rung it opened at, then climbs one rung above the last one applied, up to
 * the rung its evidence asks for. A case for review asks for none: the ladder never starts for it.
 */
export function nextRungToRun(item: Pick<Case, 'status' | 'applied' | 'openedRung' | 'requestedRung'>): Rung | null {
  if (item.status !== 'open' || item.requestedRung === null) return null;
  const next = item.applied ? rungAbove(item.applied.rung) : (item.openedRung ?? item.requestedRung);
  if (next === null) return null;
  return rungIndex(next) <= rungIndex(item.requestedRung) ? next : null;
}
