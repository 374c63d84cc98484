/**
 * Work per message is linear in its length: hostile texts four times as long take at most about
 * four times as long (a quadratic scan takes sixteen; before the fix, "a.b " repeated took 1.9 s at
 * 40,000 characters). Twenty milliseconds of slack absorb timer and garbage-collector noise.
 */
import { describe, expect, it } from 'vitest';
import { findContactHandles } from '../../shared/domain/contact-handles';
import { classifyMessage } from '../../shared/domain/classify/classify';
import { HOSTILE_TEXTS } from '../../tools/bench/hostile-texts';

/** Best of five, in milliseconds. */
function time(work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const SMALL = 20_000;
const LARGE = 80_000;

describe.each([
  ['findContactHandles', (text: string) => findContactHandles(text)],
  ['classifyMessage', (text: string) => classifyMessage(text)],
])('%s takes time linear in the text', (_, run) => {
  // retried: on a loaded machine one sample can be slow; a quadratic scan is slow every time
  it.each(HOSTILE_TEXTS.map((h) => [h.name, h.make] as const))('%s', { retry: 3 }, (_name, make) => {
    const small = make(SMALL);
    const large = make(LARGE);
    run(small); // warm-up
    const small4 = 4 * time(() => run(small));
    expect(time(() => run(large))).toBeLessThan(2.25 * small4 + 20);
  });
});
