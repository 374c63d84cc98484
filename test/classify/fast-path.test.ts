/**
 * The classifier decides most messages from the model's logits in one pass (classify.ts,
 * `decideByLogits`) and scores sentence by sentence only when it must; `explainMessage` always
 * scores in full. The two must agree on every message: these tests hold them side by side on
 * every training corpus line and on messages whose logits sit near a threshold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyMessage, explainMessage } from '../../shared/domain/classify/classify';
import { decidedAbove } from '../../shared/domain/classify/model';
import { HOSTILE_TEXTS } from '../../tools/bench/hostile-texts';
import { TRAIN_SPLIT, TRAIN_WHOLE, present } from '../../tools/classifier-corpora';

const CORPUS = join(__dirname, '..', '..', 'events', 'corpus');
const Line = z.object({ id: z.string(), lang: z.string().optional(), text: z.string() });
const logit = (p: number) => Math.log(p / (1 - p));

describe('decidedAbove', () => {
  it('says above or below only when the logit is clear of the threshold by more than rounding could move it', () => {
    expect(decidedAbove(logit(0.9) + 0.001, 0.9)).toBe(true);
    expect(decidedAbove(logit(0.9) - 0.001, 0.9)).toBe(false);
    expect(decidedAbove(logit(0.9) + 1e-9, 0.9)).toBeUndefined();
    expect(decidedAbove(logit(0.9), 0.9)).toBeUndefined();
  });

  it('leaves thresholds of 0 and 1 (always, never) to the full scoring', () => {
    expect(decidedAbove(50, 1)).toBeUndefined();
    expect(decidedAbove(-50, 0)).toBeUndefined();
  });
});

describe('the one-pass decision and the full scoring', () => {
  const files = present(CORPUS, [...TRAIN_WHOLE, ...TRAIN_SPLIT]);

  it.each(files.map((path) => [path.split('/').pop() ?? path, path]))('agree on every message of %s (labels and spans)', (_name, path) => {
    const rows = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => Line.parse(JSON.parse(line)));
    const disagreements = rows.flatMap((row) => {
      const fast = classifyMessage(row.text, row.lang);
      const full = explainMessage(row.text, row.lang);
      return JSON.stringify(fast.evidence) === JSON.stringify(full.evidence) ? [] : [row.id];
    });
    expect(disagreements).toEqual([]);
  });

  it('agree on the hostile texts', () => {
    for (const h of HOSTILE_TEXTS) {
      const text = h.make(3000);
      expect(classifyMessage(text).evidence, h.name).toEqual(explainMessage(text).evidence);
    }
  });

  it('agree where the model alone labels a message (the full scoring gives its sentence)', () => {
    // found by the model alone in the training corpora: a label without a rule behind it
    const rows = files.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => Line.parse(JSON.parse(line))),
    );
    const byModel = rows.filter((row) => explainMessage(row.text, row.lang).evidenceDetails.some((e) => e.source === 'model'));
    expect(byModel.length).toBeGreaterThan(10);
    for (const row of byModel) expect(classifyMessage(row.text, row.lang).evidence, row.id).toEqual(explainMessage(row.text, row.lang).evidence);
  }, 120_000); // explains every training line (thousands, with v12a): about 15 s alone, several times that under load
});
