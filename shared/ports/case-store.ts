import type { Case, CaseStatus } from '../domain/cases/case';
import type { Rung } from '../domain/ladder/rungs';
import type { RuleName, Signal } from '../domain/detection/signals';
import type { TimeWindow } from '../domain/time';

/** A write lost a race: the case changed since it was read. The record is retried. */
export class CaseConflictError extends Error {
  override readonly name = 'CaseConflictError';
}

export interface CaseQuery {
  readonly status?: CaseStatus;
  readonly rung?: Rung;
  readonly sellerId?: string;
  readonly openedFrom?: string;
  readonly openedTo?: string;
  readonly rule?: RuleName;
}

/** Signals and cases. Signal writes are idempotent by signal id. */
export interface CaseStore {
  /**
   * Stores a signal, or replaces the one stored under its id with a judgement on at least as large
   * a basis (the evidence behind a judgement only grows, so a stale judgement never replaces a
   * fresher one, whichever consumer writes last). Resolves to false when it was not written.
   */
  putSignal(signal: Signal): Promise<boolean>;
  sellerSignals(sellerId: string, window?: TimeWindow): Promise<Signal[]>;
  /** The seller's open case, if any. */
  openCase(sellerId: string): Promise<Case | undefined>;
  /**
   * Writes a case. A new case (version 1) is refused when the seller already has an open case; an
   * update is refused unless the stored version is `next.version - 1`. Both throw CaseConflictError.
   */
  saveCase(next: Case): Promise<void>;
  getCase(caseId: string): Promise<Case | undefined>;
  /** Cases matching the query, newest opened first. */
  listCases(query?: CaseQuery): Promise<Case[]>;
}
