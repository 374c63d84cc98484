import type { ConsoleAction } from '../domain/ladder/policy';
import type { Role } from '../domain/ladder/roles';
import { permits } from '../domain/ladder/policy';
import { ForbiddenError } from './errors';

/** A person acting through the console: who (the token's subject) and in which role. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
}

/** Refuses (403) what the actor's role may not do, by the policy's one table of permissions. */
export function requirePermission(actor: Actor, action: ConsoleAction, what: string): void {
  if (!permits(actor.role, action)) throw new ForbiddenError(`the ${actor.role} role may not ${what}`);
}
