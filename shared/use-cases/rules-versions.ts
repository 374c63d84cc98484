/**
 * Reading detection's rules on the console (admins): the versions, one version, the changes with
 * who made them, why and what they changed.
 */
import type { DetectionConfig } from '../domain/detection/config';
import type { RulesChange } from '../ports/rules-store';
import type { ConsoleDeps } from './console-deps';
import { NotFoundError } from './errors';

export interface RulesVersionSummary {
  readonly version: number;
  readonly description?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly reason: string;
  readonly live: boolean;
}

export async function listRulesVersions(deps: Pick<ConsoleDeps, 'rulesStore'>): Promise<{ live: number; versions: RulesVersionSummary[]; changes: RulesChange[] }> {
  const [live, versions, changes] = await Promise.all([deps.rulesStore.liveVersion(), deps.rulesStore.versions(), deps.rulesStore.changes()]);
  return {
    live,
    versions: versions.map((stored) => ({
      version: stored.config.version,
      ...(stored.config.description !== undefined ? { description: stored.config.description } : {}),
      createdAt: stored.createdAt,
      createdBy: stored.createdBy,
      reason: stored.reason,
      live: stored.config.version === live,
    })),
    changes,
  };
}

export async function getRulesVersion(version: number, deps: Pick<ConsoleDeps, 'rulesStore'>): Promise<{ live: boolean; createdAt: string; createdBy: string; reason: string; config: DetectionConfig }> {
  const [stored, live] = await Promise.all([deps.rulesStore.version(version), deps.rulesStore.liveVersion()]);
  if (!stored) throw new NotFoundError(`no rules version ${version}`);
  return { live: stored.config.version === live, createdAt: stored.createdAt, createdBy: stored.createdBy, reason: stored.reason, config: stored.config };
}
