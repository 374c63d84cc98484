/**
 * A service the product cannot work without (a database, a queue, the mail service), as readiness
 * sees it: `check` resolves when the service answers and rejects, with why, when it does not.
 */
export interface DependencyCheck {
  /** As the readiness answer names it: `dynamodb`, `sqs`, `ses`. */
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}
