/**
 * The evaluation reads each corpus with what it is; the blind set's code path is tested on a
 * fixture of our own in a temporary directory (the real blind set is only ever read by the lead).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateDirectory } from '../../tools/eval-classify';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (id: string, lang: string, text: string, labels: string[]) => JSON.stringify({ id, lang, text, labels });

function fixture(files: Record<string, string[]>): string {
  dir = mkdtempSync(join(tmpdir(), 'offside-eval-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return dir;
}

describe('evaluateDirectory', () => {
  it('labels the train set "tuned on", the dev set "dev (tuned on)" and a blind set "blind"', () => {
    const lines = [line('a', 'en', 'Could you please delete your review?', ['review_manipulation']), line('b', 'fr', 'Votre colis arrive demain.', [])];
    const reports = evaluateDirectory(
      fixture({ 'messages-train-v2.jsonl': lines, 'messages-dev-v2.jsonl': lines, 'messages-blind-v2.jsonl': lines }),
    );
    expect(reports.map((r) => [r.corpus.split('/').pop(), r.status])).toEqual([
      ['messages-train-v2.jsonl', 'tuned on'],
      ['messages-dev-v2.jsonl', 'dev (tuned on)'],
      ['messages-blind-v2.jsonl', 'blind'],
    ]);
  });

  it('reports a blind set per label and per language', () => {
    const [blind] = evaluateDirectory(
      fixture({
        'messages-blind-v2.jsonl': [
          line('1', 'de', 'Bitte löschen Sie Ihre Bewertung.', ['review_manipulation']),
          line('2', 'de', 'Ihr Paket kommt morgen.', ['review_manipulation']),
          line('3', 'sv', 'Skriv till mig på WhatsApp: +46 70 123 45 67', ['off_platform_contact']),
        ],
      }),
    );
    expect(blind?.status).toBe('blind');
    expect(Object.keys(blind?.byLanguage ?? {})).toEqual(['de', 'sv']);
    expect(blind?.byLanguage.de?.review_manipulation).toMatchObject({ tp: 1, fn: 1, support: 2, recall: 0.5 });
    expect(blind?.failures).toContain('de review_manipulation recall 0.500 < 0.95');
  });

  it('reads a blind set without a language tag as "unknown"', () => {
    const [blind] = evaluateDirectory(fixture({ 'messages-blind-v2.jsonl': [JSON.stringify({ id: 'x', text: 'Hallo', labels: [] })] }));
    expect(Object.keys(blind?.byLanguage ?? {})).toEqual(['unknown']);
  });

  it('skips the sets that do not exist', () => {
    expect(evaluateDirectory(fixture({}))).toEqual([]);
  });
});
