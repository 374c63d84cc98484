/** `offside token --role analyst|legal|admin`: a development token for the local console API (./commands/token.ts). */
import type { Role } from '../../shared/domain/ladder/roles';
import { developmentToken } from '../local/development-token';
import type { CliIo } from './command';

export interface TokenCommandOptions {
  readonly role: Role;
  /** The token's subject. @default `local-<role>` */
  readonly user?: string;
  /** How long the token lives. @default DEFAULT_TOKEN_HOURS */
  readonly hours?: number;
}

export async function printToken(options: TokenCommandOptions, io: Pick<CliIo, 'stdout'>): Promise<number> {
  const { role, user, hours } = options;
  io.stdout.write(`${await developmentToken(role, { ...(user ? { subject: user } : {}), ...(hours ? { hours } : {}) })}\n`);
  return 0;
}
