/**
 * What changed between two detection configurations, field by field: the audit of a rules change
 * and what an admin reviews before making a version live.
 */
import { z } from 'zod';

export const ConfigChangeSchema = z.object({
  /** The field's dotted path, e.g. `signals.ring.enabled`. */
  path: z.string(),
  /** Absent when the field was added. */
  from: z.unknown().optional(),
  /** Absent when the field was removed. */
  to: z.unknown().optional(),
});
export type ConfigChange = z.infer<typeof ConfigChangeSchema>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The leaves that differ, in key order; `version` itself is not a change of the rules. */
export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const walk = (a: unknown, b: unknown, path: readonly string[]) => {
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        if (path.length === 0 && key === 'version') continue;
        walk(a[key], b[key], [...path, key]);
      }
      return;
    }
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    changes.push({ path: path.join('.'), ...(a !== undefined ? { from: a } : {}), ...(b !== undefined ? { to: b } : {}) });
  };
  walk(before, after, []);
  return changes;
}
