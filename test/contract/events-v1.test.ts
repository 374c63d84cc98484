import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEvent, parseEventJson } from '../../events/v1/parse';

const fixtures = join(import.meta.dirname, '../../events/v1/fixtures');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const filesIn = (dir: string) => readdirSync(join(fixtures, dir)).filter((name) => name.endsWith('.json'));

const InvalidFixture = z.object({ description: z.string(), errorPaths: z.array(z.string()).min(1), event: z.unknown() });

describe('v1 event contract', () => {
  it.each(filesIn('valid'))('accepts the valid fixture %s', (name) => {
    const result = parseEvent(readJson(join(fixtures, 'valid', name)));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(filesIn('invalid'))('rejects the invalid fixture %s at the named fields', (name) => {
    const fixture = InvalidFixture.parse(readJson(join(fixtures, 'invalid', name)));
    const result = parseEvent(fixture.event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path).sort()).toEqual([...fixture.errorPaths].sort());
    for (const issue of result.issues) expect(issue.reason.length).toBeGreaterThan(3);
  });

  it('has fixtures for every event type, valid and invalid', () => {
    const types = (dir: string) =>
      new Set(
        filesIn(dir).map((name) => {
          const value = readJson(join(fixtures, dir, name));
          const event = dir === 'invalid' ? InvalidFixture.parse(value).event : value;
          return z.object({ type: z.string() }).parse(event).type;
        }),
      );
    const all = ['review.posted', 'review.edited', 'review.removed', 'message.sent', 'report.downloaded'];
    expect([...types('valid')].sort()).toEqual(all.sort());
    for (const type of ['review.posted', 'review.edited', 'review.removed', 'message.sent', 'report.downloaded']) {
      expect(types('invalid')).toContain(type);
    }
  });

  it('keeps fields it does not know about', () => {
    const result = parseEvent(readJson(join(fixtures, 'valid', 'extra-fields-are-allowed.json')));
    expect(result.ok && result.event.data).toMatchObject({ helpfulVotes: 4 });
  });

  it('names a missing field as required', () => {
    const result = parseEventJson(
      '{"specversion":"1.0","id":"e1","source":"s","type":"message.sent","time":"2026-01-01T00:00:00Z","data":{"threadId":"t","sellerId":"s","buyerId":"b","sender":"seller","body":"hi"}}',
    );
    expect(result.ok ? [] : result.issues).toEqual([{ path: 'data.messageId', reason: 'required (expected string)' }]);
  });

  it('reports text that is not JSON at the root', () => {
    const result = parseEventJson('{"specversion": "1.0",');
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.issues[0]?.path).toBe('(root)');
  });

  it('reports the rest of the envelope even when the type is unknown', () => {
    const result = parseEventJson('{"specversion":"2.0","id":"e","source":"s","type":"order.placed","time":"2026-01-01T00:00:00Z","data":{}}');
    expect(result.ok ? [] : result.issues.map((issue) => issue.path).sort()).toEqual(['specversion', 'type']);
  });
});
