/**
 * Who is calling the console. On AWS, API Gateway's JWT authorizer has already checked a Cognito
 * token and hands the handler its claims; on this machine the local host checks a development
 * token itself (`npx offside token --role ...`), signed with a key that exists only here, under an
 * issuer no deployed authorizer trusts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../../domain/ladder/roles';
import { ROLES } from '../../domain/ladder/roles';


export interface Principal {
  readonly id: string;
  readonly roles: readonly Role[];
}

/** The development signing key: public by design, accepted only by the local platform. */
const DEVELOPMENT_KEY = 'offside-local-development-signing-key: accepted by npm start only, never deployed';
export const DEVELOPMENT_ISSUER = 'offside-local';
export const CONSOLE_AUDIENCE = 'offside-console';
const DEFAULT_TOKEN_HOURS = 12;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const signature = (input: string) => createHmac('sha256', DEVELOPMENT_KEY).update(input).digest();

/** A development token for a role (HS256). */
export function developmentToken(role: Role, options: { subject?: string; now?: Date; hours?: number } = {}): string {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: DEVELOPMENT_ISSUER,
      aud: CONSOLE_AUDIENCE,
      sub: options.subject ?? `local-${role}`,
      'cognito:groups': [role],
      iat: issuedAt,
      exp: issuedAt + (options.hours ?? DEFAULT_TOKEN_HOURS) * 3600,
    }),
  );
  return `${header}.${payload}.${base64url(signature(`${header}.${payload}`))}`;
}

/** The token could not be accepted: 401, with the reason. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

const Header = z.object({ alg: z.literal('HS256') });
const Claims = z.object({
  iss: z.literal(DEVELOPMENT_ISSUER),
  aud: z.literal(CONSOLE_AUDIENCE),
  sub: z.string().min(1),
  exp: z.number(),
  'cognito:groups': z.unknown(),
});

/** Checks a development bearer token: signature, issuer, audience, expiry. */
export function verifyDevelopmentToken(authorization: string | undefined, now = new Date()): Principal {
  if (!authorization) throw new UnauthenticatedError('no bearer token: send Authorization: Bearer <token>');
  const match = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/u.exec(authorization.trim());
  if (!match) throw new UnauthenticatedError('the Authorization header is not a bearer JWT');
  const [, header = '', payload = '', sig = ''] = match;
  const expected = signature(`${header}.${payload}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthenticatedError('the token signature is not valid');
  let claims: z.infer<typeof Claims>;
  try {
    Header.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
    claims = Claims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch (error) {
    throw new UnauthenticatedError('the token is not a console token', { cause: error });
  }
  if (claims.exp * 1000 <= now.getTime()) throw new UnauthenticatedError('the token has expired');
  return { id: claims.sub, roles: rolesOf(claims['cognito:groups']) };
}

/**
 * The roles in a `cognito:groups` claim: an array in a JWT, and, as API Gateway's HTTP API hands
 * claims to Lambda, a string such as "[analyst legal]". Groups that are not roles are ignored.
 */
export function rolesOf(groups: unknown): Role[] {
  const names = Array.isArray(groups)
    ? groups.filter((group): group is string => typeof group === 'string')
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/gu, '').split(/[\s,]+/u)
      : [];
  return ROLES.filter((role) => names.includes(role));
}

/** The principal API Gateway's JWT authorizer vouched for, from its claims. */
export function principalFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Principal {
  const subject = claims?.sub;
  if (typeof subject !== 'string' || subject === '') throw new UnauthenticatedError('no verified subject in the request');
  const email = claims?.email;
  return { id: typeof email === 'string' && email !== '' ? email : subject, roles: rolesOf(claims?.['cognito:groups']) };
}
