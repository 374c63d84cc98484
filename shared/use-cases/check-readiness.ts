/**
 * Readiness: whether each service the product depends on answers right now, each checked at once
 * and given a second; ready only when all are up. Liveness (GET /health) says the process answers;
 * this says whether it can do its work, and which dependency stops it when it cannot.
 */
import { z } from 'zod';
import type { DependencyCheck } from '../ports/readiness';

export const READINESS_TIMEOUT_MILLIS = 1_000;

export const DependencyStateSchema = z.object({
  name: z.string(),
  state: z.enum(['up', 'down']),
  /** How long the check took (up to the timeout). */
  latencyMillis: z.number().int().min(0),
  /** Why it is down: the error's name and message, or the timeout. */
  reason: z.string().optional(),
});
export type DependencyState = z.infer<typeof DependencyStateSchema>;

export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  dependencies: z.array(DependencyStateSchema),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

/** The error's name and first line, without its stack: enough to say what is down, and why. */
const why = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  const message = (error.message.split('\n')[0] ?? '').slice(0, 200);
  return `${error.name}${code}${message ? `: ${message}` : ''}`;
};

async function checkOne(dependency: DependencyCheck, timeoutMillis: number): Promise<DependencyState> {
  const started = Date.now();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The timeout first: it is the reason, whatever the aborted check then says.
      reject(new Error(`no answer within ${timeoutMillis} ms`));
      abort.abort();
    }, timeoutMillis);
  });
  try {
    await Promise.race([dependency.check(abort.signal), timedOut]);
    return { name: dependency.name, state: 'up', latencyMillis: Date.now() - started };
  } catch (error) {
    return { name: dependency.name, state: 'down', latencyMillis: Date.now() - started, reason: why(error) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(dependencies: readonly DependencyCheck[], timeoutMillis = READINESS_TIMEOUT_MILLIS): Promise<Readiness> {
  const states = await Promise.all(dependencies.map((dependency) => checkOne(dependency, timeoutMillis)));
  return { status: states.every((state) => state.state === 'up') ? 'ready' : 'not-ready', dependencies: states };
}
