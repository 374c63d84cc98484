/**
 * A consumer's work per event is linear in the event's size, all of it (parsing, the contract,
 * redaction of body and attachment names, the classifier, the evidence, detection), not only the
 * classifier's (test/classify/bounded-work.test.ts): four times the text takes at most about four
 * times as long. Best of five runs, retried on a loaded machine; a quadratic path is slow every time.
 */
import { describe, expect, it } from 'vitest';
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { memoryProduct } from '../../shared/composition/memory';
import { HOSTILE_TEXTS } from '../../tools/bench/hostile-texts';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
import { messageSent } from '../support/events';
import { sqsEvent } from '../support/sqs-events';

async function bestOfFive(work: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** One message into a fresh product: the seller's history stays the same from one run to the next. */
const consume = (body: string, attachments: { name: string; contentType: string }[] = []) =>
  makeMessagesHandler(memoryProduct({ keepText: false }).consumer())(
    sqsEvent(messageSent({ sellerId: 'S-LINEAR', body, ...(attachments.length > 0 ? { attachments } : {}) })),
    lambdaContext('ingest-messages'),
  );

const names = (count: number, make: (length: number) => string) => Array.from({ length: count }, (_, i) => ({ name: `${make(200)}${i}.pdf`, contentType: 'application/pdf' }));

describe('a consumer works in time linear in the event', () => {
  it.each(HOSTILE_TEXTS.filter((text) => ['"a.b " repeated', 'many handles', 'digit pairs', '"x at y dot " repeated', 'Japanese'].includes(text.name)).map((text) => [text.name, text.make] as const))(
    'message body: %s',
    { retry: 3 },
    async (_name, make) => {
      await consume(make(5_000));
      const small = await bestOfFive(() => consume(make(5_000)));
      const large = await bestOfFive(() => consume(make(20_000)));
      expect(large).toBeLessThan(4 * 1.5 * small + 20);
    },
  );

  it('attachment names', { retry: 3 }, async () => {
    const make = HOSTILE_TEXTS.find((text) => text.name === 'many handles')?.make ?? ((n: number) => 'x'.repeat(n));
    await consume('see attached', names(50, make));
    const small = await bestOfFive(() => consume('see attached', names(50, make)));
    const large = await bestOfFive(() => consume('see attached', names(200, make)));
    expect(large).toBeLessThan(4 * 1.5 * small + 20);
  });
});
