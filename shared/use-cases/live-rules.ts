/**
 * The live rules as the consumers read them: the rules store through a short cache, so that a
 * change made on the console is live everywhere within `maxAgeMs` (60 s at most on AWS) without a
 * deploy, and a batch of events costs one read of the store, not one per event. A failed read
 * keeps serving the last configuration read (a store outage must not stop detection) until the
 * next attempt; with nothing read yet it fails, and the event is retried.
 */
import type { DetectionConfig } from '../domain/detection/config';
import type { DetectionRules, RulesStore } from '../ports/rules-store';

/** How long a configuration read from the store is used before it is read again. */
export const RULES_CACHE_MS = 30_000;

export function cachedRules(store: Pick<RulesStore, 'live'>, options: { readonly maxAgeMs?: number; readonly now?: () => number } = {}): DetectionRules {
  const maxAge = options.maxAgeMs ?? RULES_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { readonly config: DetectionConfig; readonly at: number } | undefined;
  let reading: Promise<DetectionConfig> | undefined;
  return {
    live: () => {
      if (cached && now() - cached.at < maxAge) return Promise.resolve(cached.config);
      reading ??= store
        .live()
        .then((config) => {
          cached = { config, at: now() };
          return config;
        })
        .catch((error: unknown) => {
          if (cached) {
            // Try again at the next event, not after a whole cache period.
            cached = { config: cached.config, at: now() - maxAge };
            return cached.config;
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
