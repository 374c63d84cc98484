/**
 * Hostile events through the real queues of the local platform, while something keeps asking
 * `/health`: one event must never hold up the others or the process. A `review.posted` with a
 * 244 KB body (`"a.b "` repeated: once 113 s of frozen process) goes to the dead-letter queue with
 * its reason; events of the maximum size the contract allows, in every shape that makes a text
 * scanner backtrack or rescan, are stored like any other; and `/health` answers within a second
 * all along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BODY, MAX_REPORT_ORDERS, MAX_REVIEW_BODY, MAX_REVIEW_TITLE } from '../../events/v1/schemas';
import type { OffsideEvent } from '../../events/v1/schemas';
import { EVIDENCE_TABLE } from '../../shared/adapters/dynamodb/tables';
import { HOSTILE_TEXTS } from '../../tools/bench/hostile-texts';
import type { LocalPlatform } from '../../tools/local/platform';
import { startLocalPlatform } from '../../tools/local/platform';
import { messageSent, reportDownloaded, reviewPosted } from '../support/events';
import { freePort } from '../support/free-port';
import { scanTable, sendToQueues } from '../support/platform-io';

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startLocalPlatform({ port: await freePort() });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Asks /health every 50 ms until stopped; resolves to each answer's latency in milliseconds. */
function healthProbe() {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const answer = await fetch(`${platform.consoleUrl}/health`);
      await answer.text();
      if (answer.status !== 200) throw new Error(`/health answered ${answer.status}`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

describe('hostile events on the local platform', () => {
  it('dead-letters a 244 KB review body with its reason, stores maximum-size hostile events and the rest of the batch, and /health answers within a second throughout', async () => {
    const tooLong = reviewPosted({ sellerId: 'S-HOSTILE-1', body: repeat('a.b ', 244_000) });
    const oversized: OffsideEvent[] = [
      tooLong,
      reviewPosted({ sellerId: 'S-HOSTILE-1', title: repeat('a.b ', MAX_REVIEW_TITLE + 1) }),
      messageSent({ sellerId: 'S-HOSTILE-1', body: repeat('a@b.', MAX_MESSAGE_BODY + 1) }),
    ];
    const notJson = repeat('{"a.b ', 200_000);
    // The most the contract allows, in every hostile shape.
    const maximal: OffsideEvent[] = [
      ...HOSTILE_TEXTS.map((hostile, i) => messageSent({ sellerId: `S-HOSTILE-${i % 4}`, body: hostile.make(MAX_MESSAGE_BODY) })),
      ...HOSTILE_TEXTS.slice(0, 6).map((hostile, i) =>
        reviewPosted({ sellerId: `S-HOSTILE-${i % 4}`, title: hostile.make(MAX_REVIEW_TITLE), body: hostile.make(MAX_REVIEW_BODY) }),
      ),
      messageSent({
        sellerId: 'S-HOSTILE-2',
        body: repeat('see the attached ', MAX_MESSAGE_BODY),
        attachments: Array.from({ length: 400 }, (_, i) => ({ name: `${repeat('a.b ', 400)}${i}.pdf`, contentType: 'application/pdf' })),
      }),
      reportDownloaded({ sellerId: 'S-HOSTILE-3', orderIds: Array.from({ length: MAX_REPORT_ORDERS }, (_, i) => `112-${String(i).padStart(7, '0')}-0000001`) }),
    ];
    const ordinary: OffsideEvent[] = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? reviewPosted({ sellerId: 'S-ORDINARY', body: 'Works as described.' }) : messageSent({ sellerId: 'S-ORDINARY', body: 'Your parcel left today.' }),
    );

    const probe = healthProbe();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    // Interleaved, so the hostile ones share batches with ordinary ones.
    const all = [...oversized, ...maximal].flatMap((event, i) => [event, ...(ordinary[i] ? [ordinary[i]] : [])]);
    await sendToQueues(platform, [...all, { raw: notJson, queue: 'offside-messages' }]);
    await platform.drained(120_000);
    const processingMillis = Date.now() - started;
    const latencies = await probe.stop();

    expect(latencies.length, 'health answers while the events were processed').toBeGreaterThan(5);
    expect(Math.max(...latencies), `slowest /health answer in ${processingMillis} ms of processing`).toBeLessThan(1_000);

    const dead = await platform.deadLetters();
    expect(dead['offside-reviews']?.map((letter) => letter.reason).sort()).toEqual([`data.body: must be at most ${MAX_REVIEW_BODY} characters`, `data.title: must be at most ${MAX_REVIEW_TITLE} characters`]);
    expect(dead['offside-reviews']?.some((letter) => letter.body === JSON.stringify(tooLong))).toBe(true);
    expect(dead['offside-messages']?.map((letter) => letter.reason).sort()).toEqual([
      "(root): not valid JSON (expected ':' after property name at position 8)",
      `data.body: must be at most ${MAX_MESSAGE_BODY} characters`,
    ]);

    const stored = new Set((await scanTable(platform.clients.dynamodb, EVIDENCE_TABLE.name)).map((item) => String(item.eventId)));
    for (const event of [...maximal, ...ordinary]) expect(stored.has(event.id), `${event.type} ${event.id} stored`).toBe(true);
    for (const event of oversized) expect(stored.has(event.id), `${event.id} not stored`).toBe(false);
  }, 180_000);
});
