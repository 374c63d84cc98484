/**
 * Detection through the real consumer handlers with the in-memory adapters: the same path as
 * `offside replay`, one behaviour per test.
 */
import { describe, expect, it } from 'vitest';
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { makeHandler as makeReportsHandler } from '../../functions/ingest-report-downloads/make-handler';
import { makeHandler as makeReviewsHandler } from '../../functions/ingest-reviews/make-handler';
import { memoryProduct } from '../../shared/composition/memory';
import { addDays } from '../../shared/domain/time';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
import { fileComplaint } from '../../shared/use-cases/file-complaint';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted, reviewRemoved } from '../support/events';
import { sqsEvent } from '../support/sqs-events';

const context = () => lambdaContext('test');
const T0 = '2026-03-01T10:00:00.000Z';

function pipeline() {
  const deps = memoryProduct().consumer();
  const handlers = { reviews: makeReviewsHandler(deps), messages: makeMessagesHandler(deps), reports: makeReportsHandler(deps) };
  /** Delivers each event to the consumer of its type, one at a time, in the order given. */
  const deliver = async (...events: { type: string }[]) => {
    for (const event of events) {
      const handler = event.type === 'message.sent' ? handlers.messages : event.type === 'report.downloaded' ? handlers.reports : handlers.reviews;
      await handler(sqsEvent(event), context());
    }
  };
  return { deps, deliver };
}

/** A small shop: daily reports of new orders, a few reviews; then look-ups of two negative reviewers, one of whom flips. */
function harasserStream(sellerId: string) {
  const events: { type: string; id: string; time: string }[] = [];
  for (let day = 0; day < 20; day++) {
    const orders = [`${sellerId}-O${day}a`, `${sellerId}-O${day}b`];
    events.push(reportDownloaded({ sellerId, orderIds: orders }, addDays(T0, day)));
    events.push(reviewPosted({ sellerId, orderId: orders[0], rating: 5 }, addDays(T0, day + 3)));
  }
  const first = reviewPosted({ sellerId, orderId: `${sellerId}-O3b`, buyerId: `${sellerId}-B1`, rating: 1 }, addDays(T0, 21));
  const second = reviewPosted({ sellerId, orderId: `${sellerId}-O5b`, buyerId: `${sellerId}-B2`, rating: 1 }, addDays(T0, 26));
  events.push(first, second);
  events.push(reportDownloaded({ sellerId, orderIds: [`${sellerId}-O3b`], reportType: 'customer-contacts' }, addDays(T0, 22)));
  events.push(reportDownloaded({ sellerId, orderIds: [`${sellerId}-O5b`], reportType: 'customer-contacts' }, addDays(T0, 27)));
  events.push(reviewEdited(first, { rating: 5 }, addDays(T0, 25)));
  events.push(reviewRemoved(second, addDays(T0, 30)));
  return events;
}

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

const outcome = async (deps: ReturnType<typeof pipeline>['deps'], sellerId: string) => {
  const signals = (await deps.cases.sellerSignals(sellerId)).map(({ signalId, withdrawn, points, time, explanation }) => ({ signalId, withdrawn: withdrawn ?? false, points, time, explanation }));
  const cases = (await deps.cases.listCases({ sellerId })).map(({ caseId, openedAt, requestedRung, rungRequestedAt, rungRequests }) => ({ caseId, openedAt, requestedRung, rungRequestedAt, rungRequests }));
  return { signals: signals.filter((signal) => !signal.withdrawn).sort((a, b) => (a.signalId < b.signalId ? -1 : 1)), cases };
};

describe('detection on ingestion', () => {
  it('reaches the same signals and the same case, opened at the same time, whatever order the events arrive in', async () => {
    const events = harasserStream('S-O');
    const inOrder = pipeline();
    await inOrder.deliver(...[...events].sort((a, b) => (a.time < b.time ? -1 : 1)));
    const reversed = pipeline();
    await reversed.deliver(...[...events].reverse());
    const shuffled = pipeline();
    await shuffled.deliver(...shuffle([...events], 20261202));

    const expected = await outcome(inOrder.deps, 'S-O');
    expect(expected.cases).toHaveLength(1);
    expect(expected.signals.map((signal) => signal.signalId.split(':')[0])).toEqual(expect.arrayContaining(['lookup-then-flip']));
    expect(await outcome(reversed.deps, 'S-O')).toEqual(expected);
    expect(await outcome(shuffled.deps, 'S-O')).toEqual(expected);
  });

  it('opens one case when a seller asks buyers to remove reviews, citing the messages', async () => {
    const { deps, deliver } = pipeline();
    const first = messageSent({ sellerId: 'S-M', body: 'I will refund you in full if you delete your 1-star review.' }, '2026-03-01T10:00:00Z');
    const second = messageSent({ sellerId: 'S-M', body: 'Please change your rating to 5 stars and we send you a gift card.' }, '2026-03-02T10:00:00Z');
    await deliver(first, second);
    const cases = await deps.cases.listCases({ sellerId: 'S-M' });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ requestedRung: 'warn', openedAt: '2026-03-01T10:00:00.000Z' });
    expect(cases[0]?.rungRequests?.[0]?.because).toMatch(/^An explicit request to change a review/u);
    expect(cases[0]?.signals.flatMap((s) => s.evidenceIds).sort()).toEqual([first.id, second.id].sort());
  });

  it('warns nobody for one look-up, nor for one off-platform message: a lone signal never warns, it opens a case for review', async () => {
    const { deps, deliver } = pipeline();
    await deliver(
      reviewPosted({ sellerId: 'S-L', orderId: 'O-L', rating: 1 }, '2026-03-01T10:00:00Z'),
      reportDownloaded({ sellerId: 'S-L', orderIds: ['O-L'], reportType: 'customer-contacts' }, '2026-03-02T10:00:00Z'),
      messageSent({ sellerId: 'S-C', body: 'Write to refunds.desk@proton.me for your gift.' }, '2026-03-01T10:00:00Z'),
    );
    // The lone off-platform message goes to an analyst, for review, asking for no rung; the look-up of one order in one report is not even evidence.
    const cases = await deps.cases.listCases();
    expect(cases.map((item) => [item.sellerId, item.requestedRung])).toEqual([['S-C', null]]);
    expect(cases[0]?.review?.because).toMatch(/^One kind of evidence, not corroborated: a move off the platform/u);
  });

  it('leaves an honest seller who refunds on the platform without strings clean, however many buyers then flip', async () => {
    const { deps, deliver } = pipeline();
    for (let i = 0; i < 3; i++) {
      const review = reviewPosted({ sellerId: 'S-H', buyerId: `B-H${i}`, rating: 1 }, addDays(T0, i));
      await deliver(
        review,
        messageSent({ sellerId: 'S-H', buyerId: `B-H${i}`, body: 'So sorry about this. We have refunded you in full, no need to return anything.' }, addDays(T0, i + 1)),
        reviewEdited(review, { rating: 5 }, addDays(T0, i + 4)),
      );
    }
    expect(await deps.cases.sellerSignals('S-H')).toEqual([]);
    expect(await deps.cases.listCases()).toEqual([]);
  });

  it('links sellers that write the same off-platform address into a ring, never showing the address', async () => {
    const { deps, deliver } = pipeline();
    await deliver(
      messageSent({ sellerId: 'S-R1', body: 'Write to refunds.desk@proton.me for your gift.' }, '2026-03-01T10:00:00Z'),
      messageSent({ sellerId: 'S-R2', body: 'Contact refunds.desk [at] proton [dot] me please' }, '2026-03-05T10:00:00Z'),
    );
    const rings = [...(await deps.cases.sellerSignals('S-R1')), ...(await deps.cases.sellerSignals('S-R2'))].filter((s) => s.rule === 'ring');
    expect(rings.map((s) => s.sellerId).sort()).toEqual(['S-R1', 'S-R2']);
    expect(JSON.stringify(rings)).not.toContain('refunds.desk');
    expect((await deps.cases.listCases()).map((item) => item.sellerId).sort()).toEqual(['S-R1', 'S-R2']);
  });

  it('never links sellers that use one app for their routine reports', async () => {
    const { deps, deliver } = pipeline();
    for (const sellerId of ['S-P1', 'S-P2', 'S-P3']) {
      for (let day = 0; day < 10; day++) {
        await deliver(reviewPosted({ sellerId, orderId: `${sellerId}-O${day}`, rating: day % 4 === 0 ? 1 : 5 }, addDays(T0, day)));
        await deliver(reportDownloaded({ sellerId, orderIds: [`${sellerId}-O${day}`, `${sellerId}-N${day}`], appId: 'APP-POPULAR', actorId: 'APP-POPULAR' }, addDays(T0, day + 1)));
      }
    }
    const signals = (await Promise.all(['S-P1', 'S-P2', 'S-P3'].map((sellerId) => deps.cases.sellerSignals(sellerId)))).flat();
    expect(signals.filter((signal) => signal.rule === 'ring')).toEqual([]);
    expect(await deps.rings.members('app', 'APP-POPULAR')).toEqual([]);
  });

  it('counts a complaint from a negative reviewer once however often it is filed, and none from a buyer without a negative review', async () => {
    const { deps, deliver } = pipeline();
    await deliver(reviewPosted({ sellerId: 'S-C', buyerId: 'B-C', orderId: 'O-C', rating: 1 }, '2026-03-01T10:00:00Z'));
    const complaint = {
      buyerId: 'B-C',
      sellerId: 'S-C',
      orderId: 'O-C',
      channel: 'email' as const,
      summary: 'The seller emails me every day from help@oilspray-care.com to remove my review.',
      receivedAt: '2026-03-20T09:00:00Z',
    };
    await fileComplaint(complaint, deps);
    await fileComplaint(complaint, deps);
    await fileComplaint({ ...complaint, buyerId: 'B-stranger', orderId: undefined, summary: 'They keep calling me.' }, deps);
    expect((await deps.cases.sellerSignals('S-C')).map((s) => s.rule)).toEqual(['buyer-complaint']);
    // One complaint, once: a case for review, asking for no rung.
    expect((await deps.cases.listCases({ sellerId: 'S-C' })).map((item) => [item.requestedRung, item.signals.length])).toEqual([[null, 1]]);
    expect(JSON.stringify(await deps.store.sellerComplaints('S-C'))).not.toContain('oilspray-care');
  });
});
