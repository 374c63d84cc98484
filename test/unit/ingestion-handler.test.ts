import { describe, expect, it } from 'vitest';
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { makeHandler as makeReportsHandler } from '../../functions/ingest-report-downloads/make-handler';
import { makeHandler as makeReviewsHandler } from '../../functions/ingest-reviews/make-handler';
import type { Evidence } from '../../shared/domain/evidence';
import { memoryProduct } from '../../shared/composition/memory';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted, reviewRemoved } from '../support/events';
import { capturingLogs } from '../support/captured-logs';
import { sqsEvent } from '../support/sqs-events';

const context = () => lambdaContext('test-consumer');

describe('ingestion consumers', () => {
  it('stores a valid review and reports no failures', async () => {
    const deps = memoryProduct().consumer();
    const review = reviewPosted({ sellerId: 'S-A', reviewId: 'R-A' });
    const response = await makeReviewsHandler(deps)(sqsEvent(review), context());
    expect(response.batchItemFailures).toEqual([]);
    expect(await deps.store.reviewHistory('S-A', 'R-A')).toMatchObject([{ eventId: review.id, rating: 1, action: 'posted' }]);
  });

  it('changes nothing when the same event id is delivered again', async () => {
    const deps = memoryProduct().consumer();
    const handler = makeMessagesHandler(deps);
    const message = messageSent({ sellerId: 'S-D' });
    await handler(sqsEvent(message), context());
    const before = await deps.store.sellerMessages('S-D');
    const again = await handler(sqsEvent(message, message), context());
    expect(again.batchItemFailures).toEqual([]);
    expect(await deps.store.sellerMessages('S-D')).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('sends an invalid event to the dead-letter sink with its reason, without failing the record', async () => {
    const deps = memoryProduct().consumer();
    const bad = { ...reviewPosted(), data: { ...reviewPosted().data, rating: 9 } };
    const good = reviewPosted({ sellerId: 'S-B' });
    const event = sqsEvent(bad, 'not json at all', good);
    const response = await makeReviewsHandler(deps)(event, context());
    expect(response.batchItemFailures).toEqual([]);
    expect(deps.rejected.rejected.map((r) => [r.sourceMessageId, r.reason])).toEqual([
      [event.Records[0]?.messageId, 'data.rating: must be an integer from 1 to 5'],
      [event.Records[1]?.messageId, expect.stringMatching(/^\(root\): not valid JSON/)],
    ]);
    expect(deps.rejected.rejected[1]?.body).toBe('not json at all');
    expect(await deps.store.sellerReviews('S-B')).toHaveLength(1);
  });

  it('never quotes a body that is not JSON, in the reason it stores or in what it logs', async () => {
    const { result: deps, lines } = await capturingLogs(async (logger) => {
      const consumer = memoryProduct({ logger }).consumer();
      await makeReviewsHandler(consumer)(sqsEvent('zqs@gmail.com', '{"note": "call +44 7700 900123" x}', '{"a": '), context());
      return consumer;
    });
    const reasons = deps.rejected.rejected.map((r) => r.reason);
    expect(reasons).toEqual([
      '(root): not valid JSON (a character that cannot start or continue a JSON value)',
      "(root): not valid JSON (expected ',' or '}' after property value at position 32)",
      '(root): not valid JSON (it ends too early)',
    ]);
    expect(lines.filter((line) => line.includes('event rejected'))).toHaveLength(3);
    for (const text of [...reasons, ...lines]) expect(text).not.toMatch(/zqs|gmail|7700|900123/u);
  });

  it('sends an event with an unpaired surrogate in its seller id to the dead-letter sink at once, with the field', async () => {
    const deps = memoryProduct().consumer();
    const fine = reviewPosted({ sellerId: 'S-F' });
    const lone = JSON.stringify(reviewPosted({ sellerId: 'S-\ud800' }));
    const response = await makeReviewsHandler(deps)(sqsEvent(lone, fine), context());
    expect(response.batchItemFailures).toEqual([]);
    expect(deps.rejected.rejected.map((r) => r.reason)).toEqual([
      'subject: must be well-formed Unicode text (an unpaired UTF-16 surrogate at character 3); data.sellerId: must be well-formed Unicode text (an unpaired UTF-16 surrogate at character 3)',
    ]);
    expect(await deps.store.sellerReviews('S-F')).toHaveLength(1);
  });

  it('rejects an event of a type its queue does not carry', async () => {
    const deps = memoryProduct().consumer();
    const response = await makeReviewsHandler(deps)(sqsEvent(messageSent()), context());
    expect(response.batchItemFailures).toEqual([]);
    expect(deps.rejected.rejected[0]?.reason).toBe(
      'type: message.sent is not accepted by ingest-reviews (accepts review.posted, review.edited, review.removed)',
    );
  });

  it('fails only the record whose write fails, so SQS retries just that one', async () => {
    const deps = memoryProduct().consumer();
    const flaky = reviewPosted({ sellerId: 'S-C', reviewId: 'R-flaky' });
    const fine = reviewPosted({ sellerId: 'S-C', reviewId: 'R-fine' });
    const put = deps.store.put.bind(deps.store);
    let throttled = false;
    deps.store.put = async (evidence: Evidence) => {
      if (evidence.eventId === flaky.id && !throttled) {
        throttled = true;
        throw Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
      }
      return put(evidence);
    };
    const handler = makeReviewsHandler(deps);
    const event = sqsEvent(flaky, fine);
    const first = await handler(event, context());
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(await deps.store.reviewHistory('S-C', 'R-fine')).toHaveLength(1);
    expect(await deps.store.reviewHistory('S-C', 'R-flaky')).toHaveLength(0);

    // The redelivery succeeds and stores what the failed attempt could not.
    const retry = await handler(sqsEvent(flaky), context());
    expect(retry.batchItemFailures).toEqual([]);
    expect(await deps.store.reviewHistory('S-C', 'R-flaky')).toHaveLength(1);
  });

  it('dead-letters a record that fails on its last receive, with the failure as its reason, instead of leaving SQS to move it without one', async () => {
    const deps = { ...memoryProduct().consumer(), maxReceiveCount: 5 };
    deps.store.put = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    };
    const handler = makeReviewsHandler(deps);
    const attempt = (receives: number) => {
      const event = sqsEvent(reviewPosted({ sellerId: 'S-G' }));
      const record = event.Records[0];
      if (record) record.attributes.ApproximateReceiveCount = String(receives);
      return { event, messageId: record?.messageId };
    };

    const fourth = attempt(4);
    expect((await handler(fourth.event, context())).batchItemFailures).toEqual([{ itemIdentifier: fourth.messageId }]);
    expect(deps.rejected.rejected).toEqual([]);

    const fifth = attempt(5);
    expect((await handler(fifth.event, context())).batchItemFailures).toEqual([]);
    expect(deps.rejected.rejected.map((r) => [r.sourceMessageId, r.reason])).toEqual([
      [fifth.messageId, "failed on each of its 5 receives (the queue's maxReceiveCount); last: Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:8000"],
    ]);
  });

  it('works on one record of a batch at a time, so no record’s work queues up behind another’s in the same instant', async () => {
    const deps = memoryProduct().consumer();
    const steps: string[] = [];
    const put = deps.store.put.bind(deps.store);
    deps.store.put = async (evidence: Evidence) => {
      steps.push(`start ${evidence.eventId}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await put(evidence);
      steps.push(`end ${evidence.eventId}`);
    };
    const [a, b, c] = [messageSent({ sellerId: 'S-H' }), messageSent({ sellerId: 'S-H' }), messageSent({ sellerId: 'S-H' })];
    expect((await makeMessagesHandler(deps)(sqsEvent(a, b, c), context())).batchItemFailures).toEqual([]);
    expect(steps).toEqual([a, b, c].flatMap((event) => [`start ${event.id}`, `end ${event.id}`]));
  });

  it('records review history, messages and report coverage through their own consumers', async () => {
    const deps = memoryProduct().consumer();
    const posted = reviewPosted({ sellerId: 'S-E', reviewId: 'R-E', orderId: 'O-E' }, '2026-03-01T10:00:00Z');
    const edited = reviewEdited(posted, { rating: 5 }, '2026-03-09T10:00:00Z');
    const removed = reviewRemoved(posted, '2026-03-12T10:00:00Z');
    await makeReviewsHandler(deps)(sqsEvent(removed, edited, posted), context());
    await makeReportsHandler(deps)(
      sqsEvent(reportDownloaded({ sellerId: 'S-E', orderIds: ['O-E', 'O-X'], appId: 'APP-1' }, '2026-03-05T00:00:00Z')),
      context(),
    );
    expect((await deps.store.reviewHistory('S-E', 'R-E')).map((r) => [r.action, r.rating ?? null])).toEqual([
      ['posted', 1],
      ['edited', 5],
      ['removed', null],
    ]);
    expect(await deps.store.reportsCoveringOrder('S-E', 'O-E', { from: '2026-03-01T10:00:00.000Z' })).toMatchObject([
      { appId: 'APP-1', orderCount: 2, containsBuyerPii: true },
    ]);
    expect(await deps.store.reportsCoveringOrder('S-E', 'O-E', { from: '2026-03-06T00:00:00.000Z' })).toEqual([]);
  });
});

describe('redelivery without an idempotency record', () => {
  it('runs detection again on a redelivered event and changes no signal, ring link or case', async () => {
    const deps = memoryProduct().consumer();
    const handler = makeMessagesHandler(deps);
    const solicit = messageSent({ sellerId: 'S-J', body: 'Remove your review and I refund you. Mail me: jane.doe [at] gmail [dot] com' });
    const other = messageSent({ sellerId: 'S-K', body: 'Write to jane.doe [at] gmail [dot] com for a refund' }, '2026-03-02T11:00:00Z');
    await handler(sqsEvent(solicit, other), context());
    const state = async () => ({
      signals: [...(await deps.cases.sellerSignals('S-J')), ...(await deps.cases.sellerSignals('S-K'))],
      cases: await deps.cases.listCases(),
      messages: await deps.store.sellerMessages('S-J'),
    });
    const before = await state();
    expect(before.signals.length).toBeGreaterThan(0);
    const again = await handler(sqsEvent(other, solicit, solicit), context());
    expect(again.batchItemFailures).toEqual([]);
    expect(await state()).toEqual(before);
  });
});
