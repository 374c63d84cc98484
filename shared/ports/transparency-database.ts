/**
 * The DSA Transparency Database (Art. 24(5) DSA), where statements of reasons are submitted. A
 * submission is idempotent by `puid`: a statement the database already holds counts as submitted.
 */
import type { StatementErrors, StatementOfReasons } from '../domain/dsa/transparency-database';

export interface SubmissionResult {
  /** Puids the database took now. */
  readonly created: readonly string[];
  /** Puids it already held (a resubmission): nothing was created, and nothing is owed. */
  readonly alreadyKnown: readonly string[];
  /** Statements it refused by its rules: retrying them will not help. */
  readonly refused: readonly { readonly puid: string; readonly errors: StatementErrors }[];
}

export interface TransparencyDatabase {
  /** Submits up to 100 statements in one call (the API's multiple endpoint). */
  submit(statements: readonly StatementOfReasons[]): Promise<SubmissionResult>;
}

/** The database could not be reached or answered 429/5xx after the retries: try the batch again later. */
export class TransparencyDatabaseUnavailableError extends Error {
  override readonly name = 'TransparencyDatabaseUnavailableError';
}
