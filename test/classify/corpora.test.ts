/**
 * One predicate, `isFrozenBlind`, decides which corpora no trainer, evaluation default, bench or
 * test reads: every messages-blind-* set except the eight retired into training (v1-v4, v9a/b, v10a/b).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETIRED_BLIND, TRAIN_SPLIT, TRAIN_WHOLE, isDev, isFrozenBlind, present } from '../../tools/classifier-corpora';
import { DEFAULT_SETS } from '../../tools/eval-classify';

const CORPUS = join(__dirname, '..', '..', 'events', 'corpus');

describe('isFrozenBlind', () => {
  it('freezes blind v5, v6-core, v6-other, v8a/b, v11 and any later blind set, by name or path', () => {
    for (const name of ['messages-blind-v5.jsonl', 'messages-blind-v6-core.jsonl', 'messages-blind-v6-other.jsonl', 'messages-blind-v7.jsonl', 'messages-blind-v8a.jsonl', 'messages-blind-v8b.jsonl', 'messages-blind-v9.jsonl', 'messages-blind-v10c.jsonl', 'messages-blind-v11.jsonl', 'messages-blind-v11a.jsonl', 'messages-blind-v12-ja.jsonl', '/x/events/corpus/messages-blind-v5.jsonl', '/x/events/corpus/messages-blind-v11.jsonl', 'messages-blind-v5.README.md'])
      expect(isFrozenBlind(name), name).toBe(true);
  });

  it('does not freeze the retired blind sets v1-v4, v9a/b, v10a/b nor the training sets', () => {
    for (const name of [...RETIRED_BLIND, ...TRAIN_WHOLE, ...TRAIN_SPLIT, 'messages-train-v7a.jsonl', 'events/corpus/messages-blind-v4.jsonl', 'events/corpus/messages-blind-v10b.jsonl'])
      expect(isFrozenBlind(name), name).toBe(false);
  });

  it('trains on the retired blind sets as split sets (a dev quarter each), never whole', () => {
    for (const name of ['messages-blind-v9a.jsonl', 'messages-blind-v9b.jsonl', 'messages-blind-v10a.jsonl', 'messages-blind-v10b.jsonl']) {
      expect(TRAIN_SPLIT as readonly string[], name).toContain(name);
      expect(TRAIN_WHOLE as readonly string[], name).not.toContain(name);
    }
  });

  it('refuses to hand out a frozen set for training or tests', () => {
    expect(() => present(CORPUS, ['messages-train-v2.jsonl', 'messages-blind-v5.jsonl'])).toThrow(/frozen blind/);
    expect(present(CORPUS, ['messages-train-v2.jsonl'])).toHaveLength(1);
  });

  it('leaves every frozen set out of the evaluation defaults and the training lists', () => {
    expect(DEFAULT_SETS.filter((s) => isFrozenBlind(s.file))).toEqual([]);
    expect([...TRAIN_WHOLE, ...TRAIN_SPLIT].filter(isFrozenBlind)).toEqual([]);
    // every blind set in the repository is either retired (and trained on) or frozen
    for (const name of readdirSync(CORPUS).filter((n) => n.startsWith('messages-blind-') && n.endsWith('.jsonl')))
      expect(isFrozenBlind(name) || (TRAIN_SPLIT as readonly string[]).includes(name), name).toBe(true);
  });
});

describe('isDev', () => {
  it('puts about a quarter of the ids in the dev part, the same on every run', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `t-${i}`);
    const dev = ids.filter(isDev).length;
    expect(dev).toBeGreaterThan(900);
    expect(dev).toBeLessThan(1100);
    expect(ids.filter(isDev)).toEqual(ids.filter(isDev));
  });
});
