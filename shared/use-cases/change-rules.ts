/**
 * Changing detection's rules (admins, with a reason): a new version is stored (validated, numbered
 * by the store, never edited afterwards), then made live in a step of its own; each step is
 * recorded with who, why and the diff. The consumers pick the live version up within their cache
 * period (./live-rules.ts), with no deploy.
 */
import type { DetectionConfigDraft } from '../domain/detection/config';
import type { ConfigChange } from '../domain/detection/config-diff';
import { diffConfigs } from '../domain/detection/config-diff';
import type { RulesChange } from '../ports/rules-store';
import { RulesConflictError, RulesVersionNotFoundError } from '../ports/rules-store';
import type { Actor } from './actor';
import { auditActor, requirePermission } from './actor';
import type { ConsoleDeps } from './console-deps';
import { NotFoundError, StateConflictError } from './errors';

type Deps = Pick<ConsoleDeps, 'rulesStore' | 'now'>;

const by = (actor: Actor, reason: string, deps: Deps) => {
  const who = auditActor(actor);
  return { actor: who.actor, ...(who.actorName !== undefined ? { actorName: who.actorName } : {}), reason, at: deps.now().toISOString() };
};

/** Stores `config` as the next version (not live yet); its diff is against the live version. */
export async function createRulesVersion(
  input: { readonly config: DetectionConfigDraft; readonly reason: string },
  actor: Actor,
  deps: Deps,
): Promise<{ version: number; comparedWith: number; diff: ConfigChange[] }> {
  requirePermission(actor, 'change-rules', 'change detection rules');
  const live = await deps.rulesStore.live();
  const { version: _ignored, ...draft } = input.config;
  const diff = diffConfigs(live, draft);
  try {
    const stored = await deps.rulesStore.create(draft, by(actor, input.reason, deps), diff, live.version);
    return { version: stored.config.version, comparedWith: live.version, diff };
  } catch (error) {
    if (error instanceof RulesConflictError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
}

/** Makes a stored version live; the change records the diff from the version it replaces. */
export async function makeRulesLive(input: { readonly version: number; readonly reason: string }, actor: Actor, deps: Deps): Promise<RulesChange> {
  requirePermission(actor, 'change-rules', 'change detection rules');
  const [live, next] = await Promise.all([deps.rulesStore.live(), deps.rulesStore.version(input.version)]);
  if (!next) throw new NotFoundError(`no rules version ${input.version}`);
  if (live.version === input.version) throw new StateConflictError(`version ${input.version} is already live`);
  try {
    return await deps.rulesStore.makeLive(input.version, by(actor, input.reason, deps), diffConfigs(live, next.config));
  } catch (error) {
    if (error instanceof RulesVersionNotFoundError) throw new NotFoundError(error.message, { cause: error });
    if (error instanceof RulesConflictError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
}

/**
 * Sets the shadow pointer (a stored version, not the live one, judged beside the live rules on
 * live traffic and acted on by nothing), or clears it (`version: null`); recorded in the change
 * log with who, why and, when set, the diff from the live version.
 */
export async function setShadowRules(input: { readonly version: number | null; readonly reason: string }, actor: Actor, deps: Deps): Promise<RulesChange> {
  requirePermission(actor, 'change-rules', 'change detection rules');
  const [live, current, next] = await Promise.all([
    deps.rulesStore.live(),
    deps.rulesStore.shadow(),
    input.version === null ? undefined : deps.rulesStore.version(input.version),
  ]);
  if (input.version === null) {
    if (!current) throw new StateConflictError('no shadow version is set');
  } else {
    if (!next) throw new NotFoundError(`no rules version ${input.version}`);
    if (live.version === input.version) throw new StateConflictError(`version ${input.version} is live; a shadow is another version judged beside it`);
    if (current?.version === input.version) throw new StateConflictError(`version ${input.version} is already the shadow`);
  }
  try {
    return await deps.rulesStore.setShadow(input.version, by(actor, input.reason, deps), next ? diffConfigs(live, next.config) : []);
  } catch (error) {
    if (error instanceof RulesVersionNotFoundError) throw new NotFoundError(error.message, { cause: error });
    if (error instanceof RulesConflictError) throw new StateConflictError(error.message, { cause: error });
    throw error;
  }
}
