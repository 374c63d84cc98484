/** The rules store in memory (unit tests, the in-process product): the same contract as ../dynamodb/rules-store.ts. */
import type { DetectionConfig } from '../../domain/detection/config';
import { DetectionConfigSchema } from '../../domain/detection/config';
import type { RulesChange, RulesChangeBy, RulesInForce, RulesStore, RulesVersion, ShadowPointer, ShadowSeller } from '../../ports/rules-store';
import { RulesChangeSchema, RulesVersionNotFoundError, shadowChange } from '../../ports/rules-store';

export class InMemoryRulesStore implements RulesStore {
  private readonly stored: RulesVersion[] = [];
  private readonly log: RulesChange[] = [];
  private pointer: number | undefined;
  private shadowPointer: ShadowPointer | undefined;
  private readonly judged = new Map<number, Map<string, ShadowSeller>>();

  constructor(private readonly seed: DetectionConfig) {}

  live(): Promise<DetectionConfig> {
    this.seedOnce();
    const found = this.stored.find((version) => version.config.version === this.pointer);
    if (!found) return Promise.reject(new RulesVersionNotFoundError(`the live pointer names version ${this.pointer}, which is not stored`));
    return Promise.resolve(structuredClone(found.config));
  }

  async inForce(): Promise<RulesInForce> {
    const live = await this.live();
    const pointer = this.shadowPointer;
    const shadow = pointer ? await this.version(pointer.version) : undefined;
    return { live, ...(pointer && shadow ? { shadow: { config: shadow.config, since: pointer.since } } : {}) };
  }

  shadow(): Promise<ShadowPointer | undefined> {
    this.seedOnce();
    return Promise.resolve(this.shadowPointer ? structuredClone(this.shadowPointer) : undefined);
  }

  setShadow(version: number | null, by: RulesChangeBy, diff: RulesChange['diff']): Promise<RulesChange> {
    this.seedOnce();
    const previous = this.shadowPointer;
    if (version !== null && !this.stored.some((stored) => stored.config.version === version)) return Promise.reject(new RulesVersionNotFoundError(`no version ${version}`));
    try {
      const { change, pointer } = shadowChange(version, previous, by, diff);
      this.shadowPointer = pointer;
      this.log.unshift(change);
      return Promise.resolve(structuredClone(change));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  markShadowJudged(version: number, sellerId: string, at: string): Promise<void> {
    let sellers = this.judged.get(version);
    if (!sellers) this.judged.set(version, (sellers = new Map<string, ShadowSeller>()));
    if (!sellers.has(sellerId)) sellers.set(sellerId, { sellerId, at });
    return Promise.resolve();
  }

  shadowSellers(version: number): Promise<ShadowSeller[]> {
    return Promise.resolve([...(this.judged.get(version)?.values() ?? [])].map((seller) => ({ ...seller })));
  }

  liveVersion(): Promise<number> {
    this.seedOnce();
    return Promise.resolve(this.pointer ?? 1);
  }

  version(version: number): Promise<RulesVersion | undefined> {
    this.seedOnce();
    const found = this.stored.find((stored) => stored.config.version === version);
    return Promise.resolve(found ? structuredClone(found) : undefined);
  }

  versions(): Promise<RulesVersion[]> {
    this.seedOnce();
    return Promise.resolve(structuredClone(this.stored));
  }

  create(config: Omit<DetectionConfig, 'version'>, by: RulesChangeBy, diff: RulesChange['diff'], comparedWith: number): Promise<RulesVersion> {
    this.seedOnce();
    const stored: RulesVersion = {
      config: DetectionConfigSchema.parse({ ...config, version: this.stored.length + 1 }),
      createdAt: by.at,
      createdBy: by.actor,
      reason: by.reason,
    };
    this.stored.push(stored);
    this.log.unshift(RulesChangeSchema.parse({ kind: 'version-created', version: stored.config.version, previousVersion: comparedWith, ...by, diff }));
    return Promise.resolve(structuredClone(stored));
  }

  makeLive(version: number, by: RulesChangeBy, diff: RulesChange['diff']): Promise<RulesChange> {
    this.seedOnce();
    if (!this.stored.some((stored) => stored.config.version === version)) return Promise.reject(new RulesVersionNotFoundError(`no version ${version}`));
    const change = RulesChangeSchema.parse({ kind: 'made-live', version, previousVersion: this.pointer, ...by, diff });
    this.pointer = version;
    this.log.unshift(change);
    return Promise.resolve(structuredClone(change));
  }

  changes(): Promise<RulesChange[]> {
    this.seedOnce();
    return Promise.resolve(structuredClone(this.log));
  }

  private seedOnce(): void {
    if (this.pointer !== undefined) return;
    const at = new Date().toISOString();
    const reason = 'the configuration the product shipped with';
    this.stored.push({ config: DetectionConfigSchema.parse({ ...this.seed, version: 1 }), createdAt: at, createdBy: 'system', reason });
    this.log.unshift(RulesChangeSchema.parse({ kind: 'seeded', version: 1, actor: 'system', reason, at, diff: [] }));
    this.pointer = 1;
  }
}
