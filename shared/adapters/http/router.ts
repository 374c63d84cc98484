/**
 * The console API's one handler, whatever hosts it (API Gateway and Lambda on AWS, a Node HTTP
 * server locally): it matches the route, authenticates, checks the role, parses the input with
 * the route's schemas, calls the use case, and maps every error to its HTTP answer, here and
 * nowhere else.
 *
 * In that order: nobody's body is read, or even looked at, before the caller is known and may
 * call the route; a body that is not `application/json` is refused (415) unread.
 */
import type { z } from 'zod';
import { formatPath } from '../../../events/v1/parse';
import { illFormedReason, illFormedStrings } from '../../../events/v1/unicode';
import type { Role } from '../../domain/ladder/roles';
import { InvalidAuditPageError } from '../../ports/audit-log';
import type { ConsoleDeps } from '../../use-cases/console-deps';
import { BadRequestError, ForbiddenError, NotFoundError, StateConflictError } from '../../use-cases/errors';
import { isDependencyUnavailable } from '../unavailable';
import type { Principal } from './auth';
import { UnauthenticatedError } from './auth';
import { openApiDocument } from './openapi';
import type { Route } from './routes';
import { ROUTES } from './routes';

export interface ConsoleRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The request's `content-type` header, if any. */
  readonly contentType?: string;
  /**
   * The raw body, if any: the text, or what reads it (a local host's stream), which is called
   * only once the caller may call a route that takes a body. It may throw PayloadTooLargeError.
   */
  readonly body?: string | (() => Promise<string>);
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

/** A body larger than its host takes (413), thrown by the host's body reader. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** The media type every body must have (parameters such as `charset` aside). */
export const JSON_MEDIA_TYPE = 'application/json';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ConsoleResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

const problem = (status: number, error: string, message: string, extra: Record<string, unknown> = {}) => json(status, { error, message, ...extra });

const compiled = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/gu, '(?<$1>[^/]+)')}$`, 'u'),
}));

interface Issue {
  readonly field: string;
  readonly reason: string;
}

/** Field paths and reasons, as `body.reason: must not be empty`. */
function validationIssues(where: 'path' | 'query' | 'body', error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join('.'), reason: issue.message }));
}

/** The media type of a content-type header, lower case, without its parameters. */
const mediaType = (header: string | undefined): string | undefined => header?.split(';')[0]?.trim().toLowerCase() || undefined;

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
      return await this.run(found.route, found.match?.groups ?? {}, request, authenticate);
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
    const params = parse('path', route.params, decodeParams(rawParams));
    const query = parse('query', route.query, request.query);
    let body: unknown;
    if (route.body) {
      const type = mediaType(request.contentType);
      if (type !== undefined && type !== JSON_MEDIA_TYPE) {
        return problem(415, 'unsupported_media_type', `the body must be ${JSON_MEDIA_TYPE}, not ${type}`, { issues: [{ field: 'header.content-type', reason: `must be ${JSON_MEDIA_TYPE}` }] });
      }
      const text = typeof request.body === 'function' ? await request.body() : (request.body ?? '');
      if (text !== '' && type === undefined) {
        return problem(415, 'unsupported_media_type', `a body needs the content type ${JSON_MEDIA_TYPE}`, { issues: [{ field: 'header.content-type', reason: `must be ${JSON_MEDIA_TYPE}` }] });
      }
      let raw: unknown;
      try {
        raw = text === '' ? {} : JSON.parse(text);
      } catch {
        return problem(400, 'invalid_request', 'the body is not valid JSON', { issues: [{ field: 'body', reason: 'not valid JSON' }] });
      }
      body = parse('body', route.body, raw);
    }
    const actor = principal && role ? { id: principal.id, role, ...(principal.name ? { name: principal.name } : {}) } : { id: 'anonymous', role: 'analyst' as const };
    const result = await route.handle({ params, query, body, actor }, this.deps);
    return json(result.status, result.body, result.headers);
  }

  private answer(error: unknown, method: string, path: string): ConsoleResponse {
    if (error instanceof InputError) return problem(400, 'invalid_request', 'the request is not valid', { issues: error.issues });
    if (error instanceof UnauthenticatedError) return problem(401, 'unauthenticated', error.message);
    if (error instanceof ForbiddenError) return problem(403, 'forbidden', error.message);
    if (error instanceof NotFoundError) return problem(404, 'not_found', error.message);
    if (error instanceof StateConflictError) return problem(409, 'conflict', error.message);
    if (error instanceof PayloadTooLargeError) return problem(413, 'payload_too_large', error.message);
    if (error instanceof BadRequestError || error instanceof InvalidAuditPageError) {
      return problem(400, 'invalid_request', error.message, { issues: [{ field: 'query.cursor', reason: error.message }] });
    }
    const details = { method, path, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) };
    if (isDependencyUnavailable(error)) {
      this.logger.error('console request failed: a dependency is unavailable', details);
      return json(503, { error: 'unavailable', message: 'a service the console depends on is unavailable; try again shortly (GET /ready says which)' }, { 'retry-after': '5' });
    }
    this.logger.error('console request failed', details);
    return problem(500, 'internal_error', 'the request failed; it has been logged');
  }
}

class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; '));
  }
}

function parse(where: 'path' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return {};
  // No store, queue or URL can carry an unpaired surrogate: refuse it here, with its field.
  const illFormed = illFormedStrings(value);
  if (illFormed.length > 0) {
    throw new InputError(illFormed.map(({ path, index }) => ({ field: `${where}.${formatPath(path)}`, reason: illFormedReason(index) })));
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError(validationIssues(where, result.error));
  return result.data;
}

function decodeParams(groups: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(groups)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      issues.push({ field: `path.${name}`, reason: 'must be percent-encoded UTF-8' });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return decoded;
}
