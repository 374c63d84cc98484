/**
 * The evaluation reads each corpus with what it is; the blind set's code path is tested on a
 * fixture of our own in a temporary directory (the real frozen blind sets are only ever read by
 * the lead).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDev } from '../../tools/classifier-corpora';
import { evaluate, evaluateDirectory, givenStatus } from '../../tools/eval-classify';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (id: string, lang: string, text: string, labels: string[]) => JSON.stringify({ id, lang, text, labels });

function fixture(files: Record<string, string[]>): string {
  dir = mkdtempSync(join(tmpdir(), 'offside-eval-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return dir;
}

/** Ids of both parts of a split set. */
const devId = Array.from({ length: 50 }, (_, i) => `m${i}`).find(isDev) ?? 'none';
const trainId = Array.from({ length: 50 }, (_, i) => `m${i}`).find((id) => !isDev(id)) ?? 'none';

describe('evaluateDirectory', () => {
  it('labels the whole sets "tuned on" / "dev (tuned on)", a split set by its parts, and never reads a frozen blind set', () => {
    const lines = [line(devId, 'en', 'Could you please delete your review?', ['review_manipulation']), line(trainId, 'fr', 'Votre colis arrive demain.', [])];
    const reports = evaluateDirectory(
      fixture({
        'messages-train-v2.jsonl': lines,
        'messages-dev-v2.jsonl': lines,
        'messages-train-v4a.jsonl': lines,
        'messages-blind-v2.jsonl': lines,
        'messages-blind-v5.jsonl': lines,
        'messages-blind-v9-core.jsonl': lines,
      }),
    );
    expect(reports.map((r) => [r.corpus.split('/').pop(), r.status, r.messages])).toEqual([
      ['messages-train-v2.jsonl', 'tuned on', 2],
      ['messages-dev-v2.jsonl', 'dev (tuned on)', 2],
      ['messages-train-v4a.jsonl (train part)', 'train part (tuned on)', 1],
      ['messages-train-v4a.jsonl (dev quarter)', 'dev', 1],
      ['messages-blind-v2.jsonl (train part)', 'train part (tuned on)', 1],
      ['messages-blind-v2.jsonl (dev quarter)', 'dev', 1],
    ]);
  });

  it('with --dev, reports the dev quarters, each and all together', () => {
    const lines = [line(devId, 'en', 'Could you please delete your review?', ['review_manipulation']), line(trainId, 'fr', 'Votre colis arrive demain.', [])];
    const reports = evaluateDirectory(fixture({ 'messages-train-v4a.jsonl': lines, 'messages-train-v6a.jsonl': lines }), true);
    expect(reports.map((r) => [r.corpus.split('/').pop(), r.status, r.messages])).toEqual([
      ['messages-train-v4a.jsonl (dev quarter)', 'dev', 1],
      ['messages-train-v6a.jsonl (dev quarter)', 'dev', 1],
      ['all 2 dev quarters', 'dev', 2],
    ]);
    expect(reports[2]?.overall.review_manipulation).toMatchObject({ tp: 2, support: 2 });
  });

  it('skips the sets that do not exist', () => {
    expect(evaluateDirectory(fixture({}))).toEqual([]);
  });
});

describe('a frozen blind set given on the command line', () => {
  it('is reported as "blind", per label and per language', () => {
    const path = join(
      fixture({
        'messages-blind-v9.jsonl': [
          line('1', 'de', 'Bitte löschen Sie Ihre Bewertung.', ['review_manipulation']),
          line('2', 'de', 'Ihr Paket kommt morgen.', ['review_manipulation']),
          line('3', 'sv', 'Skriv till mig på WhatsApp: +46 70 123 45 67', ['off_platform_contact']),
        ],
      }),
      'messages-blind-v9.jsonl',
    );
    expect(givenStatus(path)).toBe('blind');
    const blind = evaluate(path, givenStatus(path));
    expect(blind.status).toBe('blind');
    expect(Object.keys(blind.byLanguage)).toEqual(['de', 'sv']);
    expect(blind.byLanguage.de?.review_manipulation).toMatchObject({ tp: 1, fn: 1, support: 2, recall: 0.5 });
    expect(blind.failures).toContain('de review_manipulation recall 0.500 < 0.95');
  });

  it('reads a line without a language tag as "unknown"; another file is "given"', () => {
    const d = fixture({ 'messages-blind-v9.jsonl': [JSON.stringify({ id: 'x', text: 'Hallo', labels: [] })], 'mine.jsonl': [] });
    expect(Object.keys(evaluate(join(d, 'messages-blind-v9.jsonl'), 'blind').byLanguage)).toEqual(['unknown']);
    expect(givenStatus(join(d, 'mine.jsonl'))).toBe('given');
    expect(givenStatus(join(d, 'messages-blind-v3.jsonl'))).toBe('given');
  });
});
