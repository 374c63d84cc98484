/**
 * A stand-in for the DSA Transparency Database API (locally and in tests), answering as the API
 * does (digital-services-act/transparency-database at the commit in
 * shared/domain/dsa/transparency-database.ts: routes/api_v1.php, StatementAPIController,
 * StatementMultipleAPIController, the PUID exceptions):
 *
 * - `POST /api/v1/statement`: one statement; 201 with it and its `uuid`, 422 `{message, errors}`
 *   on a rule broken or a puid already used (`existing: {puid}`).
 * - `POST /api/v1/statements`: `{statements: [...]}`, 1 to 100; 201 `{statements: [...]}`, or 422
 *   with errors keyed `statement_<i>` (then none is stored), or 422 listing `existing_puids`.
 * - `GET /api/v1/statement/existing-puid/<puid>`: 302 when known, 404 otherwise.
 * - Without `Authorization: Bearer <token>`, or with another token: 401.
 *
 * The validation is the product's own schema of the API's rules, the one the statement builder is
 * held to, so "the stand-in accepts it" means "the rules as read accept it".
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StatementOfReasons } from '../../shared/domain/dsa/transparency-database';
import { MAX_STATEMENTS_PER_CALL, errorSummary, validateStatement } from '../../shared/domain/dsa/transparency-database';

export const DEVELOPMENT_TRANSPARENCY_TOKEN = 'development-transparency-database-token';

export interface TransparencyDatabaseStandIn {
  readonly url: string;
  /** Every statement accepted, in order. */
  readonly accepted: readonly StatementOfReasons[];
  /** How many calls were refused (401, 422), for tests of retries. */
  readonly refused: number;
  close(): Promise<void>;
}

const uuidOf = (puid: string) => {
  const hex = createHash('sha256').update(puid).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

const answer = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

export interface StandInOptions {
  /** @default an ephemeral port */
  readonly port?: number;
  /** @default DEVELOPMENT_TRANSPARENCY_TOKEN */
  readonly token?: string;
  /** Answer 503 to this many calls first (an outage, for tests of retries). @default 0 */
  readonly unavailableFor?: number;
}

export async function startTransparencyDatabase(options: StandInOptions = {}): Promise<TransparencyDatabaseStandIn> {
  const token = options.token ?? DEVELOPMENT_TRANSPARENCY_TOKEN;
  const accepted: StatementOfReasons[] = [];
  const puids = new Set<string>();
  let refused = 0;
  let outage = options.unavailableFor ?? 0;
  const refuse = (response: ServerResponse, status: number, body: unknown) => {
    refused++;
    answer(response, status, body);
  };
  const created = (statement: StatementOfReasons) => {
    puids.add(statement.puid);
    accepted.push(statement);
    return { ...statement, uuid: uuidOf(statement.puid) };
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
      if (outage > 0) {
        outage--;
        return refuse(response, 503, { message: 'Service Unavailable' });
      }
      if (request.headers.authorization !== `Bearer ${token}`) return refuse(response, 401, { message: 'Unauthenticated.' });
      const existing = /^\/api\/v1\/statement\/existing-puid\/([^/]+)$/.exec(path);
      if (request.method === 'GET' && existing) {
        const puid = decodeURIComponent(existing[1] ?? '');
        return puids.has(puid)
          ? answer(response, 302, { message: 'statement of reason found', puid })
          : answer(response, 404, { message: 'statement of reason not found', puid });
      }
      if (request.method !== 'POST' || (path !== '/api/v1/statement' && path !== '/api/v1/statements')) {
        return answer(response, 404, { message: 'Not Found' });
      }
      let body: unknown;
      try {
        body = await readJson(request);
      } catch {
        return refuse(response, 400, { message: 'The request body is not JSON.' });
      }
      if (path === '/api/v1/statement') {
        const result = validateStatement(body);
        if (!result.ok) return refuse(response, 422, { message: errorSummary(result.errors), errors: result.errors });
        if (puids.has(result.statement.puid)) {
          const message = 'The identifier given is not unique within this platform.';
          return refuse(response, 422, { message, errors: { puid: [message] }, existing: { puid: result.statement.puid } });
        }
        return answer(response, 201, created(result.statement));
      }
      const list = typeof body === 'object' && body !== null && 'statements' in body ? body.statements : undefined;
      if (!Array.isArray(list) || list.length < 1 || list.length > MAX_STATEMENTS_PER_CALL) {
        const message = Array.isArray(list) && list.length > 0 ? `The statements field must have between 1 and ${MAX_STATEMENTS_PER_CALL} items.` : 'The statements field is required.';
        return refuse(response, 422, { message, errors: { statements: [message] } });
      }
      const errors: Record<string, Record<string, string[]>> = {};
      const statements: StatementOfReasons[] = [];
      list.forEach((item: unknown, index) => {
        const result = validateStatement(item);
        if (result.ok) statements.push(result.statement);
        else errors[`statement_${index}`] = result.errors;
      });
      if (Object.keys(errors).length > 0) return refuse(response, 422, { errors });
      const seen = new Set<string>();
      const duplicates = statements.map((statement) => statement.puid).filter((puid) => puids.has(puid) || (seen.has(puid) ? true : (seen.add(puid), false)));
      if (duplicates.length > 0) {
        const message = 'The platform identifier(s) are not all unique within this call.';
        return refuse(response, 422, { message, errors: { puid: [message], existing_puids: duplicates } });
      }
      return answer(response, 201, { statements: statements.map(created) });
    })().catch((error: unknown) => answer(response, 500, { message: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    get refused() {
      return refused;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
