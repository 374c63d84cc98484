/**
 * Submits issued statements of reasons to the DSA Transparency Database (Art. 24(5) DSA), in
 * batches of at most 100 (the API's multiple endpoint). Idempotent by puid: a statement the
 * database already holds counts as submitted, so a retried batch never creates a second one. A
 * statement the database refuses by its rules is a defect of ours: it is reported (on AWS the
 * record goes to the dead-letter queue, whose alarm calls a person), the others go on.
 */
import type { StatementOfReasons } from '../domain/dsa/transparency-database';
import { MAX_STATEMENTS_PER_CALL } from '../domain/dsa/transparency-database';
import type { SubmissionResult, TransparencyDatabase } from '../ports/transparency-database';

export async function submitStatements(statements: readonly StatementOfReasons[], database: TransparencyDatabase): Promise<SubmissionResult> {
  const created: string[] = [];
  const alreadyKnown: string[] = [];
  const refused: SubmissionResult['refused'][number][] = [];
  // The same puid twice in one call is refused as a duplicate: send each once.
  const unique = [...new Map(statements.map((statement) => [statement.puid, statement])).values()];
  for (let from = 0; from < unique.length; from += MAX_STATEMENTS_PER_CALL) {
    const result = await database.submit(unique.slice(from, from + MAX_STATEMENTS_PER_CALL));
    created.push(...result.created);
    alreadyKnown.push(...result.alreadyKnown);
    refused.push(...result.refused);
  }
  return { created, alreadyKnown, refused };
}
