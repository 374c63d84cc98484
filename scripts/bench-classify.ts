/**
 * Classifier throughput against a floor: NFKC normalisation + toLowerCase of the same texts.
 *
 *   npx tsx scripts/bench-classify.ts [corpus.jsonl ...] [--passes N] [--json]
 *
 * Both are measured in this one process over every text of the corpora (default: all corpus files
 * in events/corpus), after a warm-up, as the best of several rounds of N passes. Prints µs/message
 * for each and their ratio; exits 1 when the classifier is more than 10x slower than the floor on the
 * corpus texts (the target). A second figure, not gating, is for a realistic traffic mix: texts
 * rendered from the simulator's templates (shared/sim/texts.ts), mostly honest seller and buyer
 * messages with about 5% violations, as in real traffic where most messages are clean.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyMessage } from '../shared/domain/classify/classify';
import { HONEST_SELLER, renderAll } from '../test/classify/sim-render';

type Item = { text: string; lang?: string };

/** About 95% honest (seller, buyer, Q&A) and 5% violating simulator texts. */
function realisticMix(): Item[] {
  const all = renderAll(40, 7);
  const honest = all.filter((r) => r.kind === 'qa' || r.kind.startsWith('buyer') || (HONEST_SELLER as readonly string[]).includes(r.kind));
  const bad = all.filter((r) => !honest.includes(r));
  const nBad = Math.round((honest.length * 5) / 95);
  return [...honest, ...bad.slice(0, nBad)].map((r) => ({ text: r.text, lang: r.lang }));
}

const TARGET_RATIO = 10;

function readTexts(paths: readonly string[]): Item[] {
  const out: Item[] = [];
  for (const path of paths) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed = JSON.parse(line) as { text?: unknown; lang?: unknown };
      if (typeof parsed.text !== 'string') continue;
      out.push(typeof parsed.lang === 'string' ? { text: parsed.text, lang: parsed.lang } : { text: parsed.text });
    }
  }
  return out;
}

/** Best time (ms) of `rounds` rounds of `passes` passes of `fn` over all items. */
function time(rounds: number, passes: number, fn: () => number): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r += 1) {
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p += 1) sink += fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms < best) best = ms;
  }
  if (sink === -1) process.stdout.write(''); // keep the work observable
  return best;
}

const ROUNDS = 5;
interface Measured {
  floorUs: number;
  classifyUs: number;
  ratio: number;
}

function measure(items: readonly Item[], passes: number): Measured {
  const texts = items.map((i) => i.text);
  const floor = (): number => {
    let n = 0;
    for (const t of texts) n += t.normalize('NFKC').toLowerCase().length;
    return n;
  };
  const classify = (): number => {
    let n = 0;
    for (const item of items) n += classifyMessage(item.text, item.lang).labels.length;
    return n;
  };
  // warm-up (JIT, regex compilation, caches)
  time(1, Math.max(5, passes), floor);
  time(1, Math.max(5, passes), classify);
  const perMsg = (ms: number) => (ms * 1000) / (passes * items.length);
  const floorUs = perMsg(time(ROUNDS, passes, floor));
  const classifyUs = perMsg(time(ROUNDS, passes, classify));
  return { floorUs, classifyUs, ratio: classifyUs / floorUs };
}

function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const passesAt = argv.indexOf('--passes');
  const passes = passesAt >= 0 ? Number(argv[passesAt + 1]) : 20;
  const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--passes');
  const dir = fileURLToPath(new URL('../events/corpus/', import.meta.url));
  const paths = files.length > 0 ? files : readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
  const items = readTexts(paths);

  const corpus = measure(items, passes);
  const mixItems = realisticMix();
  const mix = measure(mixItems, passes);
  const ok = corpus.ratio <= TARGET_RATIO;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ messages: items.length, passes, floorUsPerMsg: corpus.floorUs, classifyUsPerMsg: corpus.classifyUs, ratio: corpus.ratio, target: TARGET_RATIO, ok, realisticMix: { messages: mixItems.length, ...mix } })}\n`,
    );
  } else {
    const fmt = (title: string, n: number, m: Measured, gate: boolean) =>
      [
        `${title}: ${n} messages, ${passes} passes, best of ${ROUNDS} rounds`,
        `  floor (NFKC + toLowerCase): ${m.floorUs.toFixed(3)} µs/msg`,
        `  classifyMessage:            ${m.classifyUs.toFixed(3)} µs/msg`,
        `  ratio: ${m.ratio.toFixed(1)}x${gate ? ` (target <= ${TARGET_RATIO}x) ${m.ratio <= TARGET_RATIO ? 'ok' : 'MISSED'}` : ' (not gating)'}`,
      ].join('\n');
    process.stdout.write(
      `${fmt(`corpus texts (${paths.length} file(s))`, items.length, corpus, true)}\n${fmt('realistic mix (simulator, ~95% honest)', mixItems.length, mix, false)}\n`,
    );
  }
  return ok ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
