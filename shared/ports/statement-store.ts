/**
 * Statements of reasons, stored with the case they explain (Art. 17 DSA): one per restriction,
 * and its revision when the restriction ends. Keyed by `puid`: issuing the same statement again
 * (a retried step) stores nothing new.
 */
import type { StatementOfReasons } from '../domain/dsa/transparency-database';

export interface IssuedStatement {
  readonly caseId: string;
  readonly sellerId: string;
  readonly issuedAt: string;
  /** The puid of the statement this one revises (the restriction's end revises its start). */
  readonly revises?: string;
  /** Exactly the Transparency Database API's body. */
  readonly statement: StatementOfReasons;
}

export interface StatementStore {
  /** Stores the statement unless one with its puid is stored; answers whether it was new. */
  put(issued: IssuedStatement): Promise<{ readonly stored: boolean }>;
  /** The case's statements, oldest first. */
  byCase(caseId: string): Promise<IssuedStatement[]>;
}
