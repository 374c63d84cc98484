import { describe, expect, it } from 'vitest';
import { InMemoryRulesStore } from '../../shared/adapters/memory/rules-store';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { diffConfigs } from '../../shared/domain/detection/config-diff';
import { cachedRules } from '../../shared/use-cases/live-rules';

const by = { actor: 'u-1', reason: 'tuning the ring rule', at: '2026-03-01T10:00:00.000Z' };

function countingStore(configs: DetectionConfig[]) {
  let reads = 0;
  let failing = false;
  return {
    get reads() {
      return reads;
    },
    fail: (value: boolean) => void (failing = value),
    inForce: () => {
      reads++;
      if (failing) return Promise.reject(new Error('the store is down'));
      return Promise.resolve({ live: configs[Math.min(reads - 1, configs.length - 1)] ?? DETECTION_CONFIG });
    },
  };
}

describe('the live rules, cached', () => {
  it('reads the store once per period, then again', async () => {
    let clock = 0;
    const store = countingStore([DETECTION_CONFIG, { ...DETECTION_CONFIG, version: 2 }]);
    const rules = cachedRules(store, { maxAgeMs: 30_000, now: () => clock });
    expect((await rules.inForce()).live.version).toBe(1);
    clock = 29_999;
    expect((await rules.inForce()).live.version).toBe(1);
    expect(store.reads).toBe(1);
    clock = 30_000;
    expect((await rules.inForce()).live.version).toBe(2);
    expect(store.reads).toBe(2);
  });

  it('shares one read between concurrent events', async () => {
    const store = countingStore([DETECTION_CONFIG]);
    const rules = cachedRules(store, { now: () => 0 });
    await Promise.all([rules.inForce(), rules.inForce(), rules.inForce()]);
    expect(store.reads).toBe(1);
  });

  it('keeps the last rules while the store is down, and fails only with none read yet', async () => {
    let clock = 0;
    const store = countingStore([DETECTION_CONFIG]);
    const rules = cachedRules(store, { maxAgeMs: 1_000, now: () => clock });
    store.fail(true);
    await expect(rules.inForce()).rejects.toThrow(/down/u);
    store.fail(false);
    await rules.inForce();
    store.fail(true);
    clock = 5_000;
    expect((await rules.inForce()).live.version).toBe(1);
    // and it tries the store again at the next event
    await rules.inForce();
    expect(store.reads).toBe(4);
  });
});

describe('the rules store (in memory)', () => {
  it('starts with the shipped configuration as version 1, live; versions are numbered by the store and never change', async () => {
    const store = new InMemoryRulesStore(DETECTION_CONFIG);
    expect(await store.live()).toEqual(DETECTION_CONFIG);
    const { version: _version, ...draft } = { ...DETECTION_CONFIG, cases: { ...DETECTION_CONFIG.cases, escalationGraceDays: 10 } };
    const created = await store.create(draft, by, [], 1);
    expect(created.config.version).toBe(2);
    expect((await store.live()).version).toBe(1);
    await store.makeLive(2, by, []);
    expect((await store.live()).cases.escalationGraceDays).toBe(10);
    expect((await store.version(1))?.config).toEqual(DETECTION_CONFIG);
    expect((await store.changes()).map((change) => change.kind)).toEqual(['made-live', 'version-created', 'seeded']);
  });
});

describe('the diff of two configurations', () => {
  it('names each changed leaf by its path, not the version', () => {
    const after = { ...DETECTION_CONFIG, version: 7, signals: { ...DETECTION_CONFIG.signals, ring: { ...DETECTION_CONFIG.signals.ring, enabled: false, points: 10 } } };
    expect(diffConfigs(DETECTION_CONFIG, after)).toEqual([
      { path: 'signals.ring.enabled', from: true, to: false },
      { path: 'signals.ring.points', from: 40, to: 10 },
    ]);
    expect(diffConfigs(DETECTION_CONFIG, { ...DETECTION_CONFIG, marketplaces: { DE: { cases: { escalationGraceDays: 14 } } } })).toEqual([
      { path: 'marketplaces', to: { DE: { cases: { escalationGraceDays: 14 } } } },
    ]);
  });
});
