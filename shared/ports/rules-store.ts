/**
 * The rules store: detection's configuration as immutable versions (1, 2, ...), one of them live.
 * Versions are never edited: a change is a new version, made live in its own step, so what every
 * signal and case records (its configuration's version) can always be read back. Every change is
 * recorded with who made it, why, and what it changed (the diff against the version it replaced).
 */
import { z } from 'zod';
import type { DetectionConfig } from '../domain/detection/config';
import { DetectionConfigSchema } from '../domain/detection/config';
import { ConfigChangeSchema } from '../domain/detection/config-diff';

/** Who made a change and why (the audit of rules). */
export interface RulesChangeBy {
  readonly actor: string;
  readonly actorName?: string;
  readonly reason: string;
  readonly at: string;
}

export const RULES_CHANGE_KINDS = ['version-created', 'made-live', 'seeded', 'shadow-set', 'shadow-cleared'] as const;

/** One change to the rules, as its audit keeps it. */
export const RulesChangeSchema = z.object({
  kind: z.enum(RULES_CHANGE_KINDS),
  version: z.number().int().min(1),
  /**
   * The live version before a `made-live`, the version a created one was compared with, or the
   * shadow version replaced by a `shadow-set` (absent when none was set).
   */
  previousVersion: z.number().int().min(1).optional(),
  actor: z.string(),
  actorName: z.string().optional(),
  reason: z.string(),
  at: z.string(),
  /** What changed, field by field, against `previousVersion`. */
  diff: z.array(ConfigChangeSchema),
});
export type RulesChange = z.infer<typeof RulesChangeSchema>;

/** A stored version: the document, and when and by whom it was created. */
export const RulesVersionSchema = z.object({
  config: DetectionConfigSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  reason: z.string(),
});
export type RulesVersion = z.infer<typeof RulesVersionSchema>;

/**
 * The shadow pointer: a candidate version judged beside the live one on live traffic, whose
 * judgements are recorded apart and acted on by nothing (README, Rule operations: Shadow).
 */
export const ShadowPointerSchema = z.object({
  version: z.number().int().min(1),
  /** When it was set (the shadow has judged the events detected since). */
  since: z.string(),
  actor: z.string(),
  actorName: z.string().optional(),
  reason: z.string(),
});
export type ShadowPointer = z.infer<typeof ShadowPointerSchema>;

/** The rules detection judges under: the live configuration, and the shadow's when one is set. */
export interface RulesInForce {
  readonly live: DetectionConfig;
  readonly shadow?: { readonly config: DetectionConfig; readonly since: string };
}

/** A seller the shadow judged an event of, and when it first did. */
export interface ShadowSeller {
  readonly sellerId: string;
  readonly at: string;
}

export interface RulesStore {
  /** The live configuration; on first use (an empty store) `seed` is stored as version 1 and made live. */
  live(): Promise<DetectionConfig>;
  /**
   * The live configuration and the shadow's, if set: what the consumers judge under. Costs what
   * reading the live configuration alone did when no shadow is set (both pointers in one read).
   */
  inForce(): Promise<RulesInForce>;
  /** The shadow pointer, if set. */
  shadow(): Promise<ShadowPointer | undefined>;
  /**
   * Sets the shadow pointer to an existing version (`version`), or clears it (`null`), recording
   * the change; conditional on the pointer being where it was read (RulesConflictError otherwise).
   * Throws RulesVersionNotFoundError for an unknown version.
   */
  setShadow(version: number | null, by: RulesChangeBy, diff: RulesChange['diff']): Promise<RulesChange>;
  /** Records that the shadow `version` judged an event of the seller (the first time is kept). */
  markShadowJudged(version: number, sellerId: string, at: string): Promise<void>;
  /** Every seller the shadow `version` judged an event of. */
  shadowSellers(version: number): Promise<ShadowSeller[]>;
  version(version: number): Promise<RulesVersion | undefined>;
  /** Every version, oldest first. */
  versions(): Promise<RulesVersion[]>;
  /** The live version's number (seeding the store when empty). */
  liveVersion(): Promise<number>;
  /** Stores `config` as the next version (its own `version` is replaced by that number); resolves to the stored version. */
  create(config: Omit<DetectionConfig, 'version'>, by: RulesChangeBy, diff: RulesChange['diff'], comparedWith: number): Promise<RulesVersion>;
  /** Makes an existing version live, recording the change; throws RulesVersionNotFoundError for an unknown version. */
  makeLive(version: number, by: RulesChangeBy, diff: RulesChange['diff']): Promise<RulesChange>;
  /** Every change, newest first. */
  changes(): Promise<RulesChange[]>;
}

export class RulesVersionNotFoundError extends Error {
  override readonly name = 'RulesVersionNotFoundError';
}

/** Two writers raced for the same version number or the live pointer; the loser may retry. */
export class RulesConflictError extends Error {
  override readonly name = 'RulesConflictError';
}

/** Where detection reads its configuration: the rules store through a short cache, or one fixed document. */
export interface DetectionRules {
  inForce(): Promise<RulesInForce>;
}

/** One configuration for ever, no shadow (replay, unit tests). */
export const fixedRules = (config: DetectionConfig): DetectionRules => ({ inForce: () => Promise.resolve({ live: config }) });

/**
 * What setting (`version`) or clearing (`null`) the shadow records, and the pointer it leaves (none
 * when cleared), after `previous`: one reading for every store. Clearing when none is set is a
 * RulesVersionNotFoundError; whether `version` exists is the store's to check.
 */
export function shadowChange(version: number | null, previous: ShadowPointer | undefined, by: RulesChangeBy, diff: RulesChange['diff']): { readonly change: RulesChange; readonly pointer: ShadowPointer | undefined } {
  if (version === null && !previous) throw new RulesVersionNotFoundError('no shadow version is set');
  const change = RulesChangeSchema.parse({
    kind: version === null ? 'shadow-cleared' : 'shadow-set',
    version: version ?? previous?.version,
    ...(previous ? { previousVersion: previous.version } : {}),
    ...by,
    diff,
  });
  const pointer =
    version === null
      ? undefined
      : ShadowPointerSchema.parse({ version, since: by.at, actor: by.actor, ...(by.actorName !== undefined ? { actorName: by.actorName } : {}), reason: by.reason });
  return { change, pointer };
}
