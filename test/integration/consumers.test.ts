/**
 * The ingestion consumers against DynamoDB Local and fauxqs, through real queues with redrive to
 * dead-letter queues, drained the way Lambda's event source mapping drains them.
 */
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsumerHarness } from '../support/consumer-harness';
import { startConsumerHarness } from '../support/consumer-harness';
import { emulatorClients } from '../support/aws-clients';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted, reviewRemoved } from '../support/events';
import { NEGATIVE_INDEX_MAX_RATING } from '../../shared/domain/evidence';

/** The evidence records among the table's items: a negative posting also writes an index item (NEGATIVE#). */
const records = (items: readonly Record<string, unknown>[]) => items.filter((item) => !String(item.sk).startsWith('NEGATIVE#'));
const indexItems = (items: readonly Record<string, unknown>[]) => items.filter((item) => String(item.sk).startsWith('NEGATIVE#'));
/** How many of the events are review postings the index lists. */
const negativePostings = (events: readonly { readonly type: string; readonly data: object }[]) =>
  events.filter((event) => event.type === 'review.posted' && 'rating' in event.data && Number(event.data.rating) <= NEGATIVE_INDEX_MAX_RATING).length;

let harness: ConsumerHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/**
 * Makes DynamoDB refuse the evidence write of one event `times` times, as a throttle that outlived
 * the SDK's own retries would. This is injected below the adapter: the adapter, the handler and
 * the queue all see a real ProvisionedThroughputExceededException.
 */
function throttleWritesOf(client: DynamoDBClient, eventId: string, times: number) {
  let remaining = times;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Item?: { eventId?: { S?: string } } };
      if (context.commandName === 'PutItemCommand' && input.Item?.eventId?.S === eventId && remaining > 0) {
        remaining--;
        throw new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });
      }
      return next(args);
    },
    { step: 'initialize', name: `throttle-${eventId}` },
  );
  return { get attemptsRefused() { return times - remaining; } };
}

const sellerEvents = (sellerId: string) => {
  const posted = reviewPosted({ sellerId, rating: 1, orderId: `${sellerId}-O1` }, '2026-02-01T10:00:00Z');
  return [
    posted,
    reviewEdited(posted, { rating: 5 }, '2026-02-09T10:00:00Z'),
    reviewRemoved(posted, '2026-02-12T10:00:00Z'),
    reviewPosted({ sellerId, rating: 5 }, '2026-02-02T10:00:00Z'),
    messageSent({ sellerId, body: 'Write to me at jane.doe [at] gmail [dot] com', orderId: `${sellerId}-O1` }, '2026-02-03T10:00:00Z'),
    // An explicit request to change the review: the one piece of evidence that opens a case alone (issue 12).
    messageSent({ sellerId, body: 'We will refund you in full if you remove your 1-star review.', orderId: `${sellerId}-O1` }, '2026-02-05T10:00:00Z'),
    messageSent({ sellerId, sender: 'buyer', body: 'It arrived broken.' }, '2026-02-03T11:00:00Z'),
    reportDownloaded({ sellerId, orderIds: [`${sellerId}-O1`, `${sellerId}-O2`], appId: 'APP-X' }, '2026-02-04T07:00:00Z'),
  ];
};

/** Fisher-Yates with a small linear congruential generator: the same permutation every run. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed;
  for (let i = items.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

describe('ingestion consumers on DynamoDB Local and fauxqs', () => {
  it('stores every valid event, dead-letters each malformed one with its reason, and stores a throttled one after retry', async () => {
    const clients = emulatorClients();
    harness = await startConsumerHarness({ clients });
    const valid = [reviewPosted({ sellerId: 'S-mix' }), reviewPosted({ sellerId: 'S-mix' }), reviewPosted({ sellerId: 'S-mix' })];
    const throttled = reviewPosted({ sellerId: 'S-mix', reviewId: 'R-throttled' });
    const wellFormed = reviewPosted({ sellerId: 'S-mix' });
    const badRating = { ...wellFormed, data: { ...wellFormed.data, rating: 0 } };
    const throttle = throttleWritesOf(clients.dynamodb, throttled.id, 1);

    await harness.send(
      [valid[0], '{"specversion": "1.0", "id": ', badRating, throttled, valid[1], messageSent({ sellerId: 'S-mix' }), valid[2]],
      'ingest-reviews',
    );
    await harness.drained();

    const stored = records(await harness.evidenceItems());
    expect(stored.map((item) => item.eventId).sort()).toEqual([...valid, throttled].map((event) => event.id).sort());
    expect(throttle.attemptsRefused).toBe(1);

    const dead = await harness.deadLetters('ingest-reviews');
    const reasons = dead.map((message) => message.MessageAttributes?.['offside-rejection-reason']?.StringValue).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^\(root\): not valid JSON/),
      'data.rating: must be an integer from 1 to 5',
      'type: message.sent is not accepted by ingest-reviews (accepts review.posted, review.edited, review.removed)',
    ]);
    expect(dead.map((message) => message.Body)).toContain(JSON.stringify(badRating));
  });

  it('moves an event that keeps failing to the dead-letter queue after maxReceiveCount, keeping its body', async () => {
    const clients = emulatorClients();
    harness = await startConsumerHarness({ clients, maxReceiveCount: 2 });
    const poison = reviewPosted({ sellerId: 'S-poison' });
    throttleWritesOf(clients.dynamodb, poison.id, Number.POSITIVE_INFINITY);
    await harness.send([poison]);
    await harness.drained();
    const dead = await harness.deadLetters('ingest-reviews');
    expect(dead.map((message) => message.Body)).toEqual([JSON.stringify(poison)]);
    expect(await harness.evidenceItems()).toEqual([]);
  });

  it('changes nothing when events are delivered again: evidence, signals, ring links and cases', async () => {
    harness = await startConsumerHarness();
    const events = sellerEvents('S-dup');
    await harness.send(events);
    await harness.drained();
    const once = { evidence: await harness.evidenceItems(), cases: await harness.casesItems() };
    // Detection runs again on each redelivery (no idempotency record): its writes must be no-ops.
    await harness.send([...events, ...events]);
    await harness.drained();
    expect({ evidence: await harness.evidenceItems(), cases: await harness.casesItems() }).toEqual(once);
    expect(records(once.evidence)).toHaveLength(events.length);
    expect(indexItems(once.evidence)).toHaveLength(negativePostings(events));
    expect(once.cases.filter((item) => String(item.sk).startsWith('SIGNAL#')).length).toBeGreaterThan(0);
  });

  it('ends a batch that partly failed and was delivered again in the state of one that never failed', async () => {
    const clients = emulatorClients();
    const clean = await startConsumerHarness();
    const faulty = await startConsumerHarness({ clients });
    try {
      const events = sellerEvents('S-partial');
      // The first signal write of the batch is refused after its evidence is stored: the record
      // fails half done, and its redelivery (and the rest of the batch's) must finish the work.
      let refused = 0;
      clients.dynamodb.middlewareStack.add(
        (next, context) => async (args) => {
          const input = args.input as { TableName?: string; Item?: { sk?: { S?: string } } };
          if (context.commandName === 'PutItemCommand' && input.TableName?.endsWith('-cases') && input.Item?.sk?.S?.startsWith('SIGNAL#') && refused === 0) {
            refused++;
            throw new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });
          }
          return next(args);
        },
        { step: 'initialize', name: 'refuse-first-signal' },
      );
      await Promise.all([clean.send(events), faulty.send(events)]);
      await Promise.all([clean.drained(), faulty.drained()]);
      expect(refused).toBe(1);
      // The evidence, the signals, the ring links and the cases they open (case ids and opening
      // times follow from the events' own times, whatever the order of assessment).
      const settled = async (h: ConsumerHarness) => {
        const items = await h.casesItems();
        return {
          evidence: await h.evidenceItems(),
          signalsAndRings: items.filter((item) => String(item.sk).startsWith('SIGNAL#') || String(item.pk).startsWith('RING#')),
          caseCount: items.filter((item) => item.sk === 'CASE').length,
          cases: items.filter((item) => item.sk === 'CASE').map((item) => ({ pk: item.pk, ...Object.fromEntries(Object.entries(item).filter(([name]) => /opened/iu.test(name))) })),
        };
      };
      const [a, b] = await Promise.all([settled(clean), settled(faulty)]);
      expect(b).toEqual(a);
      expect(a.signalsAndRings.some((item) => String(item.sk).startsWith('SIGNAL#'))).toBe(true);
      expect(a.caseCount).toBeGreaterThan(0);
      expect(Object.keys(a.cases[0] ?? {}).length, 'a case and when it opened').toBeGreaterThan(1);
      expect(await faulty.deadLetters('ingest-reviews')).toEqual([]);
      expect(await faulty.deadLetters('ingest-messages')).toEqual([]);
      expect(await faulty.deadLetters('ingest-report-downloads')).toEqual([]);
    } finally {
      await Promise.all([clean.stop(), faulty.stop()]);
    }
  });

  it('ends in the same state whatever order the events arrive in', async () => {
    const events = [...sellerEvents('S-order-1'), ...sellerEvents('S-order-2')];
    const inOrder = await startConsumerHarness();
    const shuffled = await startConsumerHarness();
    try {
      await inOrder.send(events);
      // Reversed, then a fixed pseudo-random shuffle: edits and removals arrive before the reviews they change.
      const reordered = shuffle([...events].reverse(), 20260301);
      for (const event of reordered) await shuffled.send([event]);
      await Promise.all([inOrder.drained(), shuffled.drained()]);
      const [a, b] = await Promise.all([inOrder.evidenceItems(), shuffled.evidenceItems()]);
      expect(b).toEqual(a);
      expect(records(a)).toHaveLength(events.length);
      expect(indexItems(a)).toHaveLength(negativePostings(events));
    } finally {
      await Promise.all([inOrder.stop(), shuffled.stop()]);
    }
  });

  it('stores message bodies with contact handles replaced by their keyed hash', async () => {
    harness = await startConsumerHarness();
    const message = messageSent({ sellerId: 'S-hash', body: 'Write to me at jane.doe [at] gmail [dot] com or +1 212 555 0187' });
    await harness.send([message]);
    await harness.drained();
    const [item] = await harness.evidenceItems();
    expect(item?.body).toMatch(/^Write to me at \[email:[0-9a-f]{32}\] or \[phone:[0-9a-f]{32}\]$/);
    expect(JSON.stringify(item)).not.toContain('jane.doe');
    expect(JSON.stringify(item)).not.toContain('555');
    expect(item?.expiresAt).toBe(Math.floor(Date.parse(message.time) / 1000) + 400 * 86_400);
  });
});
