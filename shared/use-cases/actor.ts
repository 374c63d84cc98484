import type { ConsoleAction } from '../domain/ladder/policy';
import type { Role } from '../domain/ladder/roles';
import { permits } from '../domain/ladder/policy';
import { ForbiddenError } from './errors';

/** A person acting through the console: who (the token's subject) and in which role. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** A name for people to read (the username), when the token carries one; the audit keeps `id`. */
  readonly name?: string;
}

/** Who did it, as an audit entry records a person: the immutable id, and the name for display. */
export function auditActor(actor: Actor): { readonly actor: string; readonly role: Role; readonly actorName?: string } {
  return { actor: actor.id, role: actor.role, ...(actor.name !== undefined && actor.name !== actor.id ? { actorName: actor.name } : {}) };
}

/** Refuses (403) what the actor's role may not do, by the policy's one table of permissions. */
export function requirePermission(actor: Actor, action: ConsoleAction, what: string): void {
  if (!permits(actor.role, action)) throw new ForbiddenError(`the ${actor.role} role may not ${what}`);
}
