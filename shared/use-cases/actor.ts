import type { Role } from '../domain/ladder/policy';

/** A person acting through the console: who (the token's subject) and in which role. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
}
