/**
 * A seller's account as the ladder sees it: its strikes (one per case and rung applied, each
 * counting for 180 days), whether it is suspended and by which case, and its appeals. Pure
 * functions from one account to the next; the store writes them conditionally on `version`.
 */
import type { Rung } from './rungs';
import type { Standing, Strike } from './policy';
import { isActive, standing, strikeFor, withdrawStrikes } from './policy';

export interface Appeal {
  readonly appealId: string;
  readonly caseId: string;
  readonly filedAt: string;
  /** Who recorded it (the analyst who took in the seller's plan of action). */
  readonly filedBy: string;
  /** The plan of action: why it happened, what was fixed, how it will not happen again. */
  readonly rootCause: string;
  readonly actionsTaken: string;
  readonly prevention: string;
  readonly decision?: { readonly outcome: 'accepted' | 'rejected'; readonly by: string; readonly reason: string; readonly at: string };
}

export interface SellerAccount {
  readonly sellerId: string;
  readonly status: 'active' | 'suspended';
  /** The case that suspended the seller, and when. */
  readonly suspension?: { readonly caseId: string; readonly at: string };
  readonly strikes: readonly Strike[];
  readonly appeals: readonly Appeal[];
  /** Optimistic concurrency: 0 for an account never written. */
  readonly version: number;
}

/** A state change the account cannot make (an appeal of a seller that is not suspended...): 409. */
export class AccountStateError extends Error {
  override readonly name = 'AccountStateError';
}

/**
 * Days within which a person decides a seller's appeal (Art. 20(4) DSA asks for timely decisions
 * and names no number): the console's queue shows each pending appeal's date and its lateness.
 */
export const APPEAL_DECISION_DAYS = 14;

/** The day by which `appeal` must be decided (an instant: its filing plus APPEAL_DECISION_DAYS). */
export const appealDecideBy = (appeal: Pick<Appeal, 'filedAt'>): string => new Date(Date.parse(appeal.filedAt) + APPEAL_DECISION_DAYS * 86_400_000).toISOString();

export const newAccount = (sellerId: string): SellerAccount => ({ sellerId, status: 'active', strikes: [], appeals: [], version: 0 });

/** Records the strike of a rung applied on a case; applying the same rung of a case twice is one strike. */
export function addStrike(account: SellerAccount, caseId: string, rung: Rung, at: string): SellerAccount {
  if (account.strikes.some((strike) => strike.caseId === caseId && strike.rung === rung)) return account;
  return { ...account, strikes: [...account.strikes, strikeFor(caseId, rung, at)] };
}

export function suspend(account: SellerAccount, caseId: string, at: string): SellerAccount {
  if (account.status === 'suspended') return account;
  return { ...account, status: 'suspended', suspension: { caseId, at } };
}

const reinstated = (account: SellerAccount): SellerAccount => ({ ...account, status: 'active', suspension: undefined });

/**
 * A case dismissed as a false positive: its strikes are withdrawn and, if it is what suspended
 * the seller, the seller is reinstated.
 */
export function withdrawCase(account: SellerAccount, caseId: string, at: string): SellerAccount {
  const strikes = withdrawStrikes(account.strikes, caseId, at);
  const next = { ...account, strikes };
  return account.suspension?.caseId === caseId ? reinstated(next) : next;
}

export function fileAppeal(account: SellerAccount, appeal: Omit<Appeal, 'decision' | 'caseId'>): SellerAccount {
  if (account.status !== 'suspended' || !account.suspension) {
    throw new AccountStateError(`seller ${account.sellerId} is not suspended: there is nothing to appeal`);
  }
  if (account.appeals.some((existing) => existing.appealId === appeal.appealId)) return account;
  if (account.appeals.some((existing) => existing.decision === undefined)) {
    throw new AccountStateError(`seller ${account.sellerId} already has an appeal waiting for a decision`);
  }
  return { ...account, appeals: [...account.appeals, { ...appeal, caseId: account.suspension.caseId }] };
}

/** Decides a pending appeal: accepted reinstates the seller, rejected leaves the suspension standing. */
export function decideAppeal(
  account: SellerAccount,
  appealId: string,
  decision: NonNullable<Appeal['decision']>,
): SellerAccount {
  const appeal = account.appeals.find((existing) => existing.appealId === appealId);
  if (!appeal) throw new AccountStateError(`seller ${account.sellerId} has no appeal ${appealId}`);
  if (appeal.decision) throw new AccountStateError(`appeal ${appealId} was already ${appeal.decision.outcome}`);
  const appeals = account.appeals.map((existing) => (existing.appealId === appealId ? { ...existing, decision } : existing));
  const next = { ...account, appeals };
  return decision.outcome === 'accepted' ? reinstated(next) : next;
}

/** What the console shows of a seller: standing, and the strikes that count now with their expiry. */
export function accountView(account: SellerAccount, at: string) {
  return {
    sellerId: account.sellerId,
    status: account.status,
    standing: standing(account.strikes, account.status === 'suspended', at) satisfies Standing,
    ...(account.suspension ? { suspension: account.suspension } : {}),
    activeStrikes: account.strikes.filter((strike) => isActive(strike, at)),
    strikes: account.strikes,
    appeals: account.appeals,
  };
}
