import { createHmac } from 'node:crypto';
import type { HandleHasher } from '../../domain/evidence';

/**
 * HMAC-SHA256 of a canonical handle, truncated to 128 bits (hex). Keyed, so a leaked table does not
 * let anyone confirm a guessed address by hashing it; stable, so one handle matches across sellers.
 */
export function hmacHandleHasher(key: string): HandleHasher {
  if (key.length < 32) throw new RangeError('the handle hash key must be at least 32 characters');
  return (canonical) => createHmac('sha256', key).update(canonical).digest('hex').slice(0, 32);
}
