/**
 * The DSA Transparency Database API over HTTPS (`POST /api/v1/statements`, up to 100 a call, with
 * `Authorization: Bearer <token>`), as its documentation and controllers describe it (see
 * shared/domain/dsa/transparency-database.ts for the commit). What it answers:
 *
 * - 201: every statement created.
 * - 422 with `errors.statement_<i>`: those statements break a rule and none was created; the
 *   others are sent again without them.
 * - 422 with `errors.existing_puids`: the database already holds those puids (a resubmission);
 *   they count as submitted and the others are sent again without them.
 * - 429, 5xx or no answer: retried with exponential backoff, then TransparencyDatabaseUnavailableError.
 * - 401/403: a configuration fault (the token), thrown as is.
 */
import { z } from 'zod';
import type { StatementErrors, StatementOfReasons } from '../../domain/dsa/transparency-database';
import { MAX_STATEMENTS_PER_CALL } from '../../domain/dsa/transparency-database';
import type { SubmissionResult, TransparencyDatabase } from '../../ports/transparency-database';
import { TransparencyDatabaseUnavailableError } from '../../ports/transparency-database';

export interface ApiClientOptions {
  /** The API's base URL, e.g. https://transparency.dsa.ec.europa.eu */
  readonly endpoint: string;
  /** The platform's API token (from Secrets Manager on AWS), read when first needed. */
  readonly token: () => Promise<string>;
  /** @default 4 */
  readonly attempts?: number;
  /** @default 200 (ms, doubled each attempt) */
  readonly backoffMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

const Refusal = z.object({
  errors: z.record(z.string(), z.unknown()).optional(),
});
const FieldErrors = z.record(z.string(), z.array(z.string()));

/** A call refused for its credentials: retrying will not help. */
export class TransparencyDatabaseAuthError extends Error {
  override readonly name = 'TransparencyDatabaseAuthError';
}

export class TransparencyDatabaseApi implements TransparencyDatabase {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 200;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async submit(statements: readonly StatementOfReasons[]): Promise<SubmissionResult> {
    if (statements.length > MAX_STATEMENTS_PER_CALL) throw new RangeError(`at most ${MAX_STATEMENTS_PER_CALL} statements a call`);
    const created: string[] = [];
    const alreadyKnown: string[] = [];
    const refused: { puid: string; errors: StatementErrors }[] = [];
    let pending = [...statements];
    // Each round settles at least one statement (created, known or refused), so this ends.
    while (pending.length > 0) {
      const { status, body } = await this.post(pending);
      if (status === 201) {
        created.push(...pending.map((statement) => statement.puid));
        break;
      }
      const errors = Refusal.parse(body).errors ?? {};
      const known = z.array(z.string()).safeParse(errors.existing_puids);
      const settled = new Set<string>();
      if (known.success) {
        for (const puid of known.data) settled.add(puid);
        alreadyKnown.push(...pending.filter((statement) => settled.has(statement.puid)).map((statement) => statement.puid));
      }
      pending.forEach((statement, index) => {
        const fieldErrors = FieldErrors.safeParse(errors[`statement_${index}`]);
        if (fieldErrors.success) {
          settled.add(statement.puid);
          refused.push({ puid: statement.puid, errors: fieldErrors.data });
        }
      });
      if (settled.size === 0) throw new Error(`the Transparency Database refused the batch without saying which statement: ${JSON.stringify(body).slice(0, 500)}`);
      pending = pending.filter((statement) => !settled.has(statement.puid));
    }
    return { created, alreadyKnown, refused };
  }

  private async post(statements: readonly StatementOfReasons[]): Promise<{ status: number; body: unknown }> {
    const url = new URL('/api/v1/statements', this.options.endpoint);
    let last = 'no attempt made';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 2)));
      let response: Response;
      try {
        response = await this.fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${await this.options.token()}`, accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ statements }),
        });
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
        continue;
      }
      if (response.status === 401 || response.status === 403) throw new TransparencyDatabaseAuthError(`the Transparency Database refused the token (${response.status})`);
      if (response.status === 429 || response.status >= 500) {
        last = `HTTP ${response.status}`;
        continue;
      }
      const body: unknown = await response.json().catch(() => ({}));
      if (response.status === 201 || response.status === 422) return { status: response.status, body };
      throw new Error(`the Transparency Database answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    }
    throw new TransparencyDatabaseUnavailableError(`the Transparency Database did not take the batch after ${this.attempts} attempts: ${last}`);
  }
}
