import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import type { DependencyCheck } from '../../ports/readiness';
import { isDependencyUnavailable } from '../unavailable';

/**
 * SES is up when it answers GetAccount, even with a refusal: what readiness asks is whether the
 * service is reachable (the local emulator answers GetAccount 400 unless told of an account).
 */
export function sesAccountCheck(client: SESv2Client): DependencyCheck {
  return {
    name: 'ses',
    async check(signal) {
      try {
        await client.send(new GetAccountCommand({}), { abortSignal: signal });
      } catch (error) {
        if (isDependencyUnavailable(error) || signal.aborted || !hasStatus(error)) throw error;
      }
    },
  };
}

/** An error that came back from the service as an HTTP answer (not a connection that failed). */
const hasStatus = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && '$metadata' in error && typeof (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode === 'number';
