/**
 * Readiness: each dependency checked at once and given a second; ready only when every one answers.
 */
import { describe, expect, it } from 'vitest';
import type { DependencyCheck } from '../../shared/ports/readiness';
import { checkReadiness } from '../../shared/use-cases/check-readiness';

const up = (name: string): DependencyCheck => ({ name, check: async () => undefined });
const refused = (name: string): DependencyCheck => ({
  name,
  check: async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
  },
});
const hung = (name: string): DependencyCheck => ({ name, check: (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) });

describe('readiness', () => {
  it('is ready when every dependency answers', async () => {
    expect(await checkReadiness([up('dynamodb'), up('sqs')])).toMatchObject({
      status: 'ready',
      dependencies: [
        { name: 'dynamodb', state: 'up' },
        { name: 'sqs', state: 'up' },
      ],
    });
  });

  it('names the dependency that is down, and why', async () => {
    const readiness = await checkReadiness([up('sqs'), refused('dynamodb')]);
    expect(readiness.status).toBe('not-ready');
    expect(readiness.dependencies).toEqual([
      expect.objectContaining({ name: 'sqs', state: 'up' }),
      expect.objectContaining({ name: 'dynamodb', state: 'down', reason: 'Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:8000' }),
    ]);
  });

  it('counts a dependency that does not answer in time as down, and gives up on it then', async () => {
    const started = Date.now();
    const readiness = await checkReadiness([hung('ses'), up('sqs')], 100);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(readiness.dependencies[0]).toMatchObject({ name: 'ses', state: 'down', reason: 'Error: no answer within 100 ms' });
  });
});
