/**
 * The console API's one handler, whatever hosts it (API Gateway and Lambda on AWS, a Node HTTP
 * server locally): it matches the route, authenticates, checks the role, parses the input with
 * the route's schemas, calls the use case, and maps every error to its HTTP answer, here and
 * nowhere else.
 */
import type { z } from 'zod';
import type { Role } from '../../domain/ladder/roles';
import { InvalidAuditPageError } from '../../ports/audit-log';
import type { ConsoleDeps } from '../../use-cases/console-deps';
import { BadRequestError, ForbiddenError, NotFoundError, StateConflictError } from '../../use-cases/errors';
import type { Principal } from './auth';
import { UnauthenticatedError } from './auth';
import { openApiDocument } from './openapi';
import type { Route } from './routes';
import { ROUTES } from './routes';

export interface ConsoleRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The raw body, if any. */
  readonly body?: string;
}

export interface ConsoleResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Resolves who calls: throws UnauthenticatedError when it cannot tell. Only called on routes that need it. */
export type Authenticate = () => Principal | Promise<Principal>;

export interface ConsoleLogger {
  error(message: string, details: Record<string, unknown>): void;
}

const json = (status: number, body: unknown): ConsoleResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const problem = (status: number, error: string, message: string, extra: Record<string, unknown> = {}) => json(status, { error, message, ...extra });

const compiled = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/gu, '(?<$1>[^/]+)')}$`, 'u'),
}));

/** Field paths and reasons, as `body.reason: must not be empty`. */
function validationIssues(where: 'path' | 'query' | 'body', error: z.ZodError) {
  return error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join('.'), reason: issue.message }));
}

export class ConsoleApi {
  /** Built on the first request for it: most cold starts never serve the document. */
  private openapi: ReturnType<typeof openApiDocument> | undefined;

  constructor(
    private readonly deps: ConsoleDeps,
    private readonly logger: ConsoleLogger = { error: (message, details) => console.error(message, details) },
  ) {}

  async handle(request: ConsoleRequest, authenticate: Authenticate): Promise<ConsoleResponse> {
    const method = request.method.toUpperCase();
    if (method === 'GET' && request.path === '/openapi.json') return json(200, (this.openapi ??= openApiDocument()));
    const matches = compiled.map(({ route, pattern }) => ({ route, match: pattern.exec(request.path) })).filter(({ match }) => match !== null);
    if (matches.length === 0) return problem(404, 'not_found', `no route for ${method} ${request.path}`);
    const found = matches.find(({ route }) => route.method === method);
    if (!found) {
      const allowed = matches.map(({ route }) => route.method).join(', ');
      return { ...problem(405, 'method_not_allowed', `${request.path} answers ${allowed}`), headers: { 'content-type': 'application/json; charset=utf-8', allow: allowed } };
    }
    try {
      return await this.run(found.route, decodeParams(found.match?.groups ?? {}), request, authenticate);
    } catch (error) {
      return this.answer(error, method, request.path);
    }
  }

  private async run(route: Route, rawParams: Record<string, string>, request: ConsoleRequest, authenticate: Authenticate): Promise<ConsoleResponse> {
    let role: Role | undefined;
    let principal: Principal | undefined;
    if (route.roles !== 'public') {
      principal = await authenticate();
      const held = principal.roles;
      role = route.roles.find((allowed) => held.includes(allowed));
      if (role === undefined) {
        throw new ForbiddenError(`${route.operationId} needs one of the roles ${route.roles.join(', ')}; the token has ${held.length > 0 ? held.join(', ') : 'none'}`);
      }
    }
    const params = parse('path', route.params, rawParams);
    const query = parse('query', route.query, request.query);
    let body: unknown;
    if (route.body) {
      let raw: unknown;
      try {
        raw = request.body === undefined || request.body === '' ? {} : JSON.parse(request.body);
      } catch {
        return problem(400, 'invalid_request', 'the body is not valid JSON', { issues: [{ field: 'body', reason: 'not valid JSON' }] });
      }
      body = parse('body', route.body, raw);
    }
    const actor = principal && role ? { id: principal.id, role, ...(principal.name ? { name: principal.name } : {}) } : { id: 'anonymous', role: 'analyst' as const };
    const result = await route.handle({ params, query, body, actor }, this.deps);
    return json(result.status, result.body);
  }

  private answer(error: unknown, method: string, path: string): ConsoleResponse {
    if (error instanceof InputError) return problem(400, 'invalid_request', 'the request is not valid', { issues: error.issues });
    if (error instanceof UnauthenticatedError) return problem(401, 'unauthenticated', error.message);
    if (error instanceof ForbiddenError) return problem(403, 'forbidden', error.message);
    if (error instanceof NotFoundError) return problem(404, 'not_found', error.message);
    if (error instanceof StateConflictError) return problem(409, 'conflict', error.message);
    if (error instanceof BadRequestError || error instanceof InvalidAuditPageError) {
      return problem(400, 'invalid_request', error.message, { issues: [{ field: 'query.cursor', reason: error.message }] });
    }
    this.logger.error('console request failed', { method, path, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    return problem(500, 'internal_error', 'the request failed; it has been logged');
  }
}

class InputError extends Error {
  constructor(readonly issues: { field: string; reason: string }[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '));
  }
}

function parse(where: 'path' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError(validationIssues(where, result.error));
  return result.data;
}

function decodeParams(groups: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      decoded[name] = value;
    }
  }
  return decoded;
}
