/**
 * The rules in force as the consumers read them (the live configuration, and the shadow's when a
 * candidate is set to run beside it): the rules store through a short cache, so that a
 * change made on the console is live everywhere within `maxAgeMs` (60 s at most on AWS) without a
 * deploy, and a batch of events costs one read of the store, not one per event. A failed read
 * keeps serving the last configuration read (a store outage must not stop detection) until the
 * next attempt; with nothing read yet it fails, and the event is retried.
 */
import type { DetectionRules, RulesInForce, RulesStore } from '../ports/rules-store';

/** How long a configuration read from the store is used before it is read again. */
export const RULES_CACHE_MS = 30_000;

export function cachedRules(store: Pick<RulesStore, 'inForce'>, options: { readonly maxAgeMs?: number; readonly now?: () => number } = {}): DetectionRules {
  const maxAge = options.maxAgeMs ?? RULES_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { readonly rules: RulesInForce; readonly at: number } | undefined;
  let reading: Promise<RulesInForce> | undefined;
  return {
    inForce: () => {
      if (cached && now() - cached.at < maxAge) return Promise.resolve(cached.rules);
      reading ??= store
        .inForce()
        .then((rules) => {
          cached = { rules, at: now() };
          return rules;
        })
        .catch((error: unknown) => {
          if (cached) {
            // Try again at the next event, not after a whole cache period.
            cached = { rules: cached.rules, at: now() - maxAge };
            return cached.rules;
          }
          throw error;
        })
        .finally(() => {
          reading = undefined;
        });
      return reading;
    },
  };
}
