/**
 * The submitter's batch (functions/submit-statements): statements of reasons from the statements
 * queue, sent to the Transparency Database in one call (./submit-statements.ts). What fails is
 * reported by record, so SQS retries only those and moves them to the dead-letter queue (whose
 * alarm calls a person) after the queue's last receive:
 * - a body that is not a statement by the API's rules: a defect of ours, never sent;
 * - a statement the database refuses: its field and reason are logged;
 * - the database out of reach after the client's retries, or refusing the token: the whole batch.
 */
import type { StatementOfReasons } from '../domain/dsa/transparency-database';
import { validateStatement } from '../domain/dsa/transparency-database';
import type { TransparencyDatabase } from '../ports/transparency-database';
import { submitStatements } from './submit-statements';

/** What the submitter logs through (the host's logger: Powertools' on AWS and locally). */
export interface SubmitterLog {
  info(message: string, details: Record<string, unknown>): void;
  error(message: string, details: Record<string, unknown>): void;
}

export interface SubmitQueuedStatementsDeps {
  readonly database: TransparencyDatabase;
  readonly logger: SubmitterLog;
}

export interface QueuedStatement {
  readonly messageId: string;
  readonly body: string;
}

/** Answers the message ids that failed (none when all were submitted or already known). */
export async function submitQueuedStatements(records: readonly QueuedStatement[], deps: SubmitQueuedStatementsDeps): Promise<string[]> {
  const failed: string[] = [];
  const byPuid = new Map<string, string[]>();
  const statements: StatementOfReasons[] = [];
  for (const record of records) {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      deps.logger.error('a queued statement is not JSON', { messageId: record.messageId });
      failed.push(record.messageId);
      continue;
    }
    const result = validateStatement(body);
    if (!result.ok) {
      deps.logger.error('a queued statement breaks the Transparency Database rules', { messageId: record.messageId, errors: result.errors });
      failed.push(record.messageId);
      continue;
    }
    const ids = byPuid.get(result.statement.puid);
    if (ids) ids.push(record.messageId);
    else {
      byPuid.set(result.statement.puid, [record.messageId]);
      statements.push(result.statement);
    }
  }
  if (statements.length === 0) return failed;
  const result = await submitStatements(statements, deps.database);
  for (const refusal of result.refused) {
    deps.logger.error('the Transparency Database refused a statement', { puid: refusal.puid, errors: refusal.errors });
    failed.push(...(byPuid.get(refusal.puid) ?? []));
  }
  deps.logger.info('statements submitted', { created: result.created.length, alreadyKnown: result.alreadyKnown.length, refused: result.refused.length });
  return failed;
}
