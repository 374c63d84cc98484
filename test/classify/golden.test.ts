/**
 * The classifier's decisions on every corpus line the classifier's engineers may read (the training
 * sets whole and the v3 sets' train and dev parts; a blind set never), and on the bench's hostile
 * texts: labels and evidence spans, one line per message. Work on speed must leave this file as it
 * is; a change of decision (new rules, a retrained model) re-records it on purpose
 * (`npx vitest run test/classify/golden.test.ts -u`), and its diff shows which messages moved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyMessage } from '../../shared/domain/classify/classify';
import type { Classification } from '../../shared/domain/classify/classify';
import { HOSTILE_TEXTS } from '../../tools/bench/hostile-texts';
import { TRAIN_SPLIT, TRAIN_WHOLE, present } from '../../tools/classifier-corpora';

const CORPUS = join(__dirname, '..', '..', 'events', 'corpus');
const Line = z.object({ id: z.string(), lang: z.string().optional(), text: z.string() });

/** "id labels | label start-end ..." (offsets only: the texts, and any contact data in them, stay in the corpus). */
function decision(id: string, c: Classification): string {
  const spans = c.evidence.map((e) => `${e.label.slice(0, 3)} ${e.start}-${e.end}`).join(', ');
  return `${id} ${c.labels.join(',') || '-'}${spans === '' ? '' : ` | ${spans}`}`;
}

describe('the classifier on every corpus line it may be read on', () => {
  const files = present(CORPUS, [...TRAIN_WHOLE, ...TRAIN_SPLIT]);

  it('finds every training corpus', () => {
    expect(files).toHaveLength(TRAIN_WHOLE.length + TRAIN_SPLIT.length);
  });

  it.each(files.map((path) => [path.split('/').pop() ?? path, path]))('gives the recorded labels and spans on %s', async (name, path) => {
    const out = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => Line.parse(JSON.parse(line)))
      .map((row) => decision(row.id, classifyMessage(row.text, row.lang)));
    await expect(`${out.join('\n')}\n`).toMatchFileSnapshot(join('..', 'fixtures', 'classify-golden', name.replace(/\.jsonl$/, '.txt')));
  });

  it('gives the recorded labels and spans on the hostile texts (2,000 and 20,000 characters)', async () => {
    const out = HOSTILE_TEXTS.flatMap((h) => [2000, 20_000].map((length) => decision(`${h.name} (${length})`, classifyMessage(h.make(length)))));
    await expect(`${out.join('\n')}\n`).toMatchFileSnapshot(join('..', 'fixtures', 'classify-golden', 'hostile.txt'));
  });
});
