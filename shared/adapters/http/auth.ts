/**
 * Who is calling the console. On AWS, API Gateway's JWT authorizer has already checked a Cognito
 * token and hands the handler its claims; the product reads them here. On this machine the local
 * host checks a development token itself (tools/local/development-token.ts) and answers with the
 * same Principal.
 */
import type { Role } from '../../domain/ladder/roles';
import { PERSON_ROLES, SERVICE_ROLE, SERVICE_SCOPE } from '../../domain/ladder/roles';

export interface Principal {
  /** The immutable identity: the token's subject (Cognito's `sub`), which the audit keeps as the actor. */
  readonly id: string;
  readonly roles: readonly Role[];
  /** A name for people to read (Cognito's username), when the token carries one. */
  readonly name?: string;
}

/** Who calls cannot be told (no token, a token refused, no verified subject): 401, with the reason. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

/**
 * The person roles in a `cognito:groups` claim: an array in a JWT, and, as API Gateway's HTTP API hands
 * claims to Lambda, a string such as "[analyst legal]". Groups that are not roles are ignored.
 */
export function rolesOf(groups: unknown): Role[] {
  const names = Array.isArray(groups)
    ? groups.filter((group): group is string => typeof group === 'string')
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/gu, '').split(/[\s,]+/u)
      : [];
  // A group grants a person's role only: the service role comes with a service's own token (below).
  return PERSON_ROLES.filter((role) => names.includes(role));
}

/**
 * The principal API Gateway's JWT authorizer vouched for, from its claims. The actor is the `sub`,
 * never the `email`: a Cognito user can change their own e-mail attribute, and so could pass for
 * someone else in the audit. The username (which cannot be changed) is kept for display.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>> | undefined): Principal {
  const subject = claims?.sub;
  if (typeof subject !== 'string' || subject === '') throw new UnauthenticatedError('no verified subject in the request');
  // A client-credentials token (a machine: the help centre, the seller relay) carries the service
  // scope and its client id, and no person's groups.
  const scopes = typeof claims?.scope === 'string' ? claims.scope.split(/\s+/u) : [];
  if (scopes.includes(SERVICE_SCOPE)) {
    const client = claims?.client_id;
    return { id: `service:${typeof client === 'string' && client !== '' ? client : subject}`, roles: [SERVICE_ROLE] };
  }
  const username = claims?.['cognito:username'] ?? claims?.username;
  return {
    id: subject,
    roles: rolesOf(claims?.['cognito:groups']),
    ...(typeof username === 'string' && username !== '' && username !== subject ? { name: username } : {}),
  };
}
