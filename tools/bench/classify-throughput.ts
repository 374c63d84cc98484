/**
 * Classifier throughput against a floor: Unicode NFKC normalisation + toLowerCase of the same texts.
 * Both are timed in this one process after a warm-up, as the best of three rounds, each round
 * going over the texts as many times as it takes to classify about 20,000 messages (fewer when
 * asked: a quick run).
 *
 * Two sets of texts:
 * - the message bodies of the benchmark stream (what replay classifies: simulated traffic, mostly
 *   honest seller and buyer messages);
 * - the labelled corpora in events/corpus/ (dense in violations and hard negatives), except the
 *   frozen blind sets (`isFrozenBlind`), which only the lead's evaluation reads.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMessage } from '../../shared/domain/classify/classify';
import { parseEventJson } from '../../events/v1/parse';
import { isFrozenBlind } from '../classifier-corpora';
import { ROOT, readLines } from './stream';

export const CLASSIFY_TARGET_RATIO = 20;

export interface ClassifyItem {
  readonly text: string;
  readonly lang?: string;
}

export interface ClassifyThroughput {
  readonly texts: string;
  readonly messages: number;
  readonly floorMicrosPerMessage: number;
  readonly classifyMicrosPerMessage: number;
  /** classify µs / floor µs. */
  readonly ratio: number;
  readonly target: number;
  readonly pass: boolean;
}

const ROUNDS = 3;
const MESSAGES_PER_ROUND = 20_000;

/** Message bodies (and language tags) of the message.sent events of a stream. */
export async function streamMessages(path: string): Promise<ClassifyItem[]> {
  const items: ClassifyItem[] = [];
  for await (const line of readLines(path)) {
    if (!line.includes('"message.sent"')) continue;
    const parsed = parseEventJson(line);
    if (!parsed.ok || parsed.event.type !== 'message.sent') continue;
    const { body, language } = parsed.event.data;
    items.push(language === undefined ? { text: body } : { text: body, lang: language });
  }
  return items;
}

/** Every text of the corpus files in events/corpus/ ({"text","lang"?} per line). */
export function corpusMessages(): ClassifyItem[] {
  const dir = join(ROOT, 'events', 'corpus');
  const items: ClassifyItem[] = [];
  // A frozen blind set is read by the lead's evaluation only, never by anything else.
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl') && !isFrozenBlind(name)).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || !('text' in parsed) || typeof parsed.text !== 'string') continue;
      const lang = 'lang' in parsed && typeof parsed.lang === 'string' ? parsed.lang : undefined;
      items.push(lang === undefined ? { text: parsed.text } : { text: parsed.text, lang });
    }
  }
  return items;
}

/** Best time (ms) of `rounds` rounds of `passes` passes of `work`. */
function best(rounds: number, passes: number, work: () => number): number {
  let fastest = Infinity;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let pass = 0; pass < passes; pass++) sink += work();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e6);
  }
  // Keep the results observable so the work is not optimised away.
  if (sink === -1) process.stderr.write('');
  return fastest;
}

export function measureClassifier(label: string, items: readonly ClassifyItem[], messagesPerRound = MESSAGES_PER_ROUND): ClassifyThroughput {
  if (items.length === 0) throw new Error(`classifier bench: no texts in ${label}`);
  const texts = items.map((item) => item.text);
  const floor = (): number => {
    let n = 0;
    for (const text of texts) n += text.normalize('NFKC').toLowerCase().length;
    return n;
  };
  const classify = (): number => {
    let n = 0;
    for (const item of items) n += classifyMessage(item.text, item.lang).labels.length;
    return n;
  };
  const passes = Math.max(1, Math.ceil(messagesPerRound / items.length));
  // Warm-up: JIT, regular expressions, caches.
  best(1, passes, floor);
  best(1, passes, classify);
  const perMessage = (ms: number) => (ms * 1000) / (passes * items.length);
  const floorMicrosPerMessage = perMessage(best(ROUNDS, passes, floor));
  const classifyMicrosPerMessage = perMessage(best(ROUNDS, passes, classify));
  const ratio = classifyMicrosPerMessage / floorMicrosPerMessage;
  return {
    texts: label,
    messages: items.length,
    floorMicrosPerMessage,
    classifyMicrosPerMessage,
    ratio,
    target: CLASSIFY_TARGET_RATIO,
    pass: ratio <= CLASSIFY_TARGET_RATIO,
  };
}
