/**
 * Development tokens for the console API on this machine (`npx offside token --role ...`, checked
 * by the local console host). They are JWTs signed with jose (HS256) under a key that exists only
 * here and an issuer no deployed authorizer trusts: on AWS, API Gateway's JWT authorizer checks
 * Cognito's tokens and the product only reads the claims it vouched for
 * (shared/adapters/http/auth.ts).
 *
 * The check is strict: HS256 only, a canonical signature, the issuer and the audience, `exp`,
 * `nbf` when present and `iat` (never in the future), each with a few seconds of clock tolerance.
 */
import { SignJWT, base64url, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Principal } from '../../shared/adapters/http/auth';
import { UnauthenticatedError, principalFromClaims } from '../../shared/adapters/http/auth';
import { SERVICE_ROLE, SERVICE_SCOPE } from '../../shared/domain/ladder/roles';
import type { Role } from '../../shared/domain/ladder/roles';

/** The development signing key: public by design (tests forge tokens with it), accepted only by the local platform. */
export const DEVELOPMENT_KEY = new TextEncoder().encode('offside-local-development-signing-key: accepted by npm start only, never deployed');
export const DEVELOPMENT_ISSUER = 'offside-local';
export const CONSOLE_AUDIENCE = 'offside-console';
const ALGORITHM = 'HS256';
export const DEFAULT_TOKEN_HOURS = 12;
/** The longest a development token may live (`offside token --hours`), and so the oldest `iat` accepted. */
export const MAX_TOKEN_HOURS = 24 * 30;
/** The token and the host run on the same machine: a few seconds cover a token used the moment it is made. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface DevelopmentTokenOptions {
  /** @default `local-<role>` */
  readonly subject?: string;
  /** @default the current time */
  readonly now?: Date;
  /** @default DEFAULT_TOKEN_HOURS */
  readonly hours?: number;
}

/** A development token for a role: `iss`, `aud`, `sub`, `cognito:groups`, `iat`, `exp`. */
export async function developmentToken(role: Role, options: DevelopmentTokenOptions = {}): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    iss: DEVELOPMENT_ISSUER,
    aud: CONSOLE_AUDIENCE,
    sub: options.subject ?? `local-${role}`,
    // A service gets a machine token, as Cognito's client-credentials grant issues it: the
    // service scope and a client id, no groups.
    ...(role === SERVICE_ROLE ? { scope: SERVICE_SCOPE, client_id: options.subject ?? 'local-help-centre' } : { 'cognito:groups': [role] }),
    iat: issuedAt,
    exp: issuedAt + (options.hours ?? DEFAULT_TOKEN_HOURS) * 3600,
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .sign(DEVELOPMENT_KEY);
}

const Claims = z.looseObject({ sub: z.string().min(1) });

/** `Bearer <header>.<payload>.<signature>`, the scheme in any case (RFC 9110: schemes are case-insensitive). */
const BEARER = /^bearer\s+([\w-]+\.[\w-]+\.([\w-]+))$/iu;

/**
 * Base64url has several spellings of the same bytes (the unused low bits of the last character),
 * and jose decodes them all alike: a token with the last character of its signature changed from
 * `o` to `p`, `q` or `r` still verifies. Only the canonical spelling (what re-encoding the decoded
 * bytes gives) is accepted here.
 */
function canonical(segment: string): boolean {
  try {
    return base64url.encode(base64url.decode(segment)) === segment;
  } catch {
    return false;
  }
}

/** Checks a development bearer token and answers who it names; UnauthenticatedError with the reason otherwise. */
export async function verifyDevelopmentToken(authorization: string | undefined, now = new Date()): Promise<Principal> {
  if (!authorization) throw new UnauthenticatedError('no bearer token: send Authorization: Bearer <token>');
  const match = BEARER.exec(authorization.trim());
  if (!match) throw new UnauthenticatedError('the Authorization header is not a bearer JWT');
  const [, token = '', signature = ''] = match;
  if (!canonical(signature)) throw new UnauthenticatedError('the token signature is not valid');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, DEVELOPMENT_KEY, {
      algorithms: [ALGORITHM],
      typ: 'JWT',
      issuer: DEVELOPMENT_ISSUER,
      audience: CONSOLE_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: MAX_TOKEN_HOURS * 3600,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    throw new UnauthenticatedError(reason(error), { cause: error });
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new UnauthenticatedError('the token is not a console token', { cause: claims.error });
  return principalFromClaims(claims.data);
}

/** What a 401 says about a token jose refused. */
function reason(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'the token was issued too long ago' : 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `the token is not a console token (no ${error.claim} claim)`;
    if (error.claim === 'nbf') return 'the token is not valid yet';
    if (error.claim === 'iat') return 'the token was issued in the future';
    return `the token is not a console token (${error.claim}: ${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  return 'the token is not a console token';
}
