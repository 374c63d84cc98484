/** `offside token --role analyst|legal|admin`: a development token for the local console API. */
import { parseArgs } from 'node:util';
import { developmentToken } from '../../shared/adapters/http/auth';
import { ROLES } from '../../shared/domain/ladder/roles';

export function runToken(args: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): number {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: { role: { type: 'string' }, user: { type: 'string' }, hours: { type: 'string' } }, strict: true }));
  } catch (error) {
    err.write(`offside token: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const role = ROLES.find((known) => known === values.role);
  if (!role) {
    err.write(`offside token: --role must be one of ${ROLES.join(', ')}${values.role ? `, not ${values.role}` : ''}\n`);
    return 2;
  }
  const hours = values.hours === undefined ? undefined : Number(values.hours);
  if (hours !== undefined && (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)) {
    err.write('offside token: --hours must be a number of hours from 0 to 720\n');
    return 2;
  }
  out.write(`${developmentToken(role, { ...(values.user ? { subject: values.user } : {}), ...(hours ? { hours } : {}) })}\n`);
  return 0;
}
