/**
 * Detection through the real consumer handlers with the in-memory adapters: the same path as
 * `offside replay`, one behaviour per test.
 */
import { describe, expect, it } from 'vitest';
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { makeHandler as makeReportsHandler } from '../../functions/ingest-report-downloads/make-handler';
import { makeHandler as makeReviewsHandler } from '../../functions/ingest-reviews/make-handler';
import { memoryProduct } from '../../shared/composition/memory';
import { lambdaContext } from '../../tools/local/lambda-context';
import { fileComplaint } from '../../shared/use-cases/file-complaint';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted } from '../support/events';
import { sqsEvent } from '../support/sqs-events';

const context = () => lambdaContext('test');

function pipeline() {
  const deps = memoryProduct().consumer();
  return {
    deps,
    reviews: (...events: unknown[]) => makeReviewsHandler(deps)(sqsEvent(...events), context()),
    messages: (...events: unknown[]) => makeMessagesHandler(deps)(sqsEvent(...events), context()),
    reports: (...events: unknown[]) => makeReportsHandler(deps)(sqsEvent(...events), context()),
  };
}

describe('detection on ingestion', () => {
  it('finds a targeted look-up whichever of the review and the download arrives first', async () => {
    const review = reviewPosted({ sellerId: 'S-T', orderId: 'O-T', rating: 1 }, '2026-03-01T10:00:00Z');
    const download = reportDownloaded({ sellerId: 'S-T', orderIds: ['O-T'] }, '2026-03-02T10:00:00Z');

    const inOrder = pipeline();
    await inOrder.reviews(review);
    await inOrder.reports(download);
    const reversed = pipeline();
    await reversed.reports(download);
    await reversed.reviews(review);

    const a = await inOrder.deps.cases.sellerSignals('S-T');
    const b = await reversed.deps.cases.sellerSignals('S-T');
    expect(a.map((s) => s.signalId)).toEqual([`targeted-lookup:${download.id}`]);
    expect(b).toEqual(a);
  });

  it('opens a case on a look-up followed by a silent flip, whichever arrives first', async () => {
    const review = reviewPosted({ sellerId: 'S-LF', orderId: 'O-LF', buyerId: 'B-LF', rating: 1 }, '2026-03-01T10:00:00Z');
    const download = reportDownloaded({ sellerId: 'S-LF', orderIds: ['O-LF'] }, '2026-03-02T10:00:00Z');
    const flip = reviewEdited(review, { rating: 5 }, '2026-03-08T10:00:00Z');
    const rulesOf = async (deps: ReturnType<typeof pipeline>['deps']) =>
      (await deps.cases.listCases({ sellerId: 'S-LF' })).flatMap((item) => item.signals.map((signal) => signal.rule)).sort();

    const inOrder = pipeline();
    await inOrder.reviews(review);
    await inOrder.reports(download);
    await inOrder.reviews(flip);
    const late = pipeline();
    await late.reviews(review, flip);
    await late.reports(download);

    expect(await rulesOf(inOrder.deps)).toEqual(['lookup-then-flip', 'targeted-lookup']);
    expect(await rulesOf(late.deps)).toEqual(['lookup-then-flip', 'targeted-lookup']);
  });

  it('opens one case when a seller keeps asking buyers to remove reviews, and lists the evidence', async () => {
    const { deps, messages } = pipeline();
    const first = messageSent({ sellerId: 'S-M', body: 'I will refund you in full if you delete your 1-star review.' }, '2026-03-01T10:00:00Z');
    const second = messageSent({ sellerId: 'S-M', body: 'Please change your rating to 5 stars and we send you a gift card.' }, '2026-03-02T10:00:00Z');
    await messages(first, second);
    const cases = await deps.cases.listCases({ sellerId: 'S-M' });
    expect(cases).toHaveLength(1);
    expect(cases[0]?.requestedRung).toBe('warn');
    expect(cases[0]?.signals.flatMap((s) => s.evidenceIds).sort()).toEqual([first.id, second.id].sort());
  });

  it('leaves an honest seller who refunds on-platform without strings clean', async () => {
    const { deps, messages, reviews } = pipeline();
    await reviews(reviewPosted({ sellerId: 'S-H', rating: 1 }, '2026-03-01T10:00:00Z'));
    await messages(
      messageSent({ sellerId: 'S-H', body: 'So sorry about this. We have refunded you in full, no need to return anything.' }, '2026-03-02T10:00:00Z'),
      messageSent({ sellerId: 'S-H', body: 'Your replacement ships tomorrow, tracking 1Z999AA10123456784.' }, '2026-03-03T10:00:00Z'),
    );
    expect(await deps.cases.sellerSignals('S-H')).toEqual([]);
    expect(await deps.cases.listCases()).toEqual([]);
  });

  it('links two sellers that write the same off-platform address into a ring', async () => {
    const { deps, messages } = pipeline();
    await messages(
      messageSent({ sellerId: 'S-R1', body: 'Write to refunds.desk@proton.me for your gift.' }, '2026-03-01T10:00:00Z'),
      messageSent({ sellerId: 'S-R2', body: 'Contact refunds.desk [at] proton [dot] me please' }, '2026-03-05T10:00:00Z'),
    );
    const rings = [...(await deps.cases.sellerSignals('S-R1')), ...(await deps.cases.sellerSignals('S-R2'))].filter((s) => s.rule === 'ring');
    expect(rings.map((s) => s.sellerId).sort()).toEqual(['S-R1', 'S-R2']);
    expect(JSON.stringify(rings)).not.toContain('refunds.desk');
  });

  it('counts a corroborated buyer complaint, and a repeated complaint once', async () => {
    const { deps, reviews } = pipeline();
    await reviews(reviewPosted({ sellerId: 'S-C', buyerId: 'B-C', orderId: 'O-C', rating: 1 }, '2026-03-01T10:00:00Z'));
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
    const signals = await deps.cases.sellerSignals('S-C');
    expect(signals.map((s) => [s.rule, s.points])).toEqual([['buyer-complaint', deps.config.buyerComplaint.corroboratedPoints]]);
    expect((await deps.cases.listCases({ sellerId: 'S-C' }))[0]?.requestedRung).toBe('warn');
    expect(JSON.stringify(await deps.store.sellerComplaints('S-C'))).not.toContain('oilspray-care');
  });
});
