/**
 * One specification for every EvidenceStore adapter: the in-memory store runs it as a unit test,
 * the DynamoDB store against DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { messageEvidence, reportDownloadEvidence, reviewEvidence } from '../../shared/domain/evidence';
import type { EvidenceStore } from '../../shared/ports/evidence-store';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted, reviewRemoved } from './events';

const hash = (canonical: string) => `h(${canonical.length})`;
let sellerCounter = 0;
const newSeller = () => `S-contract-${Date.now().toString(36)}-${++sellerCounter}`;

export function describeEvidenceStore(name: string, makeStore: () => EvidenceStore) {
  describe(`${name} evidence store`, () => {
    it('returns a review history in time order whatever order it was written in', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      const posted = reviewPosted({ sellerId, reviewId: 'R-1', rating: 2 }, '2026-02-01T08:00:00Z');
      const edited = reviewEdited(posted, { rating: 4 }, '2026-02-03T08:00:00+01:00');
      const removed = reviewRemoved(posted, '2026-02-05T08:00:00Z');
      for (const event of [removed, posted, edited]) await store.put(reviewEvidence(event, hash));
      const history = await store.reviewHistory(sellerId, 'R-1');
      expect(history.map((record) => [record.action, record.time])).toEqual([
        ['posted', '2026-02-01T08:00:00.000Z'],
        ['edited', '2026-02-03T07:00:00.000Z'],
        ['removed', '2026-02-05T08:00:00.000Z'],
      ]);
    });

    it('holds every record of a seller for a legal hold, in time order, and nothing of another seller', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      const other = newSeller();
      const review = reviewEvidence(reviewPosted({ sellerId }, '2026-02-01T08:00:00Z'), hash);
      const message = messageEvidence(messageSent({ sellerId }, '2026-02-02T08:00:00Z'), hash);
      const download = reportDownloadEvidence(reportDownloaded({ sellerId }, '2026-02-03T08:00:00Z'));
      for (const record of [download, message, review]) await store.put(record);
      await store.put(messageEvidence(messageSent({ sellerId: other }), hash));
      const held = await store.holdSeller(sellerId);
      expect(held.map((record) => record.eventId)).toEqual([review.eventId, message.eventId, download.eventId]);
      expect(await store.holdSeller(sellerId)).toEqual(held);
      expect(await store.sellerEvidence(sellerId)).toEqual(held);
    });

    it('keeps one record when the same event is stored twice', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      const message = messageEvidence(messageSent({ sellerId }), hash);
      const review = reviewEvidence(reviewPosted({ sellerId }), hash);
      const download = reportDownloadEvidence(reportDownloaded({ sellerId }));
      for (let i = 0; i < 2; i++) {
        await store.put(message);
        await store.put(review);
        await store.put(download);
      }
      expect(await store.sellerMessages(sellerId)).toEqual([message]);
      expect(await store.sellerReviews(sellerId)).toEqual([review]);
      expect(await store.sellerReportDownloads(sellerId)).toEqual([download]);
    });

    it('keeps sellers apart, even when an id contains the key separator', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      await store.put(reviewEvidence(reviewPosted({ sellerId, reviewId: 'R#2' }), hash));
      await store.put(reviewEvidence(reviewPosted({ sellerId, reviewId: 'R' }), hash));
      await store.put(reviewEvidence(reviewPosted({ sellerId: `${sellerId}#x`, reviewId: 'R' }), hash));
      expect((await store.reviewHistory(sellerId, 'R')).map((record) => record.reviewId)).toEqual(['R']);
      expect(await store.sellerReviews(sellerId)).toHaveLength(2);
    });

    it('lists a seller’s negative postings in an inclusive time window, in time order: postings only, by their rating', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      const one = reviewPosted({ sellerId, rating: 1 }, '2026-01-03T00:00:00Z');
      const two = reviewPosted({ sellerId, rating: 2 }, '2026-01-02T00:00:00Z');
      const five = reviewPosted({ sellerId, rating: 5 }, '2026-01-02T12:00:00Z');
      const lowered = reviewEdited(five, { rating: 1 }, '2026-01-04T00:00:00Z');
      const before = reviewPosted({ sellerId, rating: 1 }, '2025-12-31T23:59:59Z');
      for (const event of [one, two, five, lowered, before, reviewPosted({ sellerId: `${sellerId}#x`, rating: 1 }, '2026-01-02T00:00:00Z')]) {
        await store.put(reviewEvidence(event, hash));
        if (event === one) await store.put(reviewEvidence(event, hash));
      }
      const window = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-04T00:00:00.000Z' };
      const listed = (event: typeof one) => ({ eventId: event.id, reviewId: event.data.reviewId, orderId: event.data.orderId, time: new Date(event.time).toISOString(), rating: event.data.rating });
      // A store may keep no index (the method absent, or undefined): then the caller reads the reviews.
      if (!store.negativePostings) return;
      expect(await store.negativePostings(sellerId, window, 2)).toEqual([listed(two), listed(one)]);
      expect(await store.negativePostings(sellerId, window, 1)).toEqual([listed(one)]);
      expect(await store.negativePostings(sellerId, { from: '2026-01-03T00:00:00.001Z', to: '2026-02-01T00:00:00.000Z' }, 2)).toEqual([]);
    });

    it('selects messages and downloads by an inclusive time window', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      for (const time of ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z']) {
        await store.put(messageEvidence(messageSent({ sellerId }, time), hash));
        await store.put(reportDownloadEvidence(reportDownloaded({ sellerId }, time)));
      }
      const window = { from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
      expect((await store.sellerMessages(sellerId, window)).map((m) => m.time)).toEqual([
        '2026-01-02T00:00:00.000Z',
        '2026-01-03T00:00:00.000Z',
      ]);
      expect((await store.sellerReportDownloads(sellerId, { to: '2026-01-01T23:59:59.999Z' })).map((d) => d.time)).toEqual([
        '2026-01-01T00:00:00.000Z',
      ]);
    });

    it('finds the reports that covered an order, even in a 5,000-order report', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      const big = Array.from({ length: 5_000 }, (_, i) => `112-${String(i).padStart(7, '0')}-0000000`);
      const target = big[4_321] ?? '';
      const routine = reportDownloaded({ sellerId, orderIds: big, appId: 'APP-BULK' }, '2026-01-05T07:00:00Z');
      const unrelated = reportDownloaded({ sellerId, orderIds: ['O-other'] }, '2026-01-06T07:00:00Z');
      await store.put(reportDownloadEvidence(routine));
      await store.put(reportDownloadEvidence(unrelated));
      expect(await store.reportsCoveringOrder(sellerId, target)).toEqual([
        expect.objectContaining({ eventId: routine.id, appId: 'APP-BULK', orderCount: 5_000 }),
      ]);
      expect(await store.reportsCoveringOrder(sellerId, target, { from: '2026-01-05T07:00:00.001Z' })).toEqual([]);
      const [stored] = await store.sellerReportDownloads(sellerId, { to: '2026-01-05T23:00:00.000Z' });
      expect(stored?.orderIds).toHaveLength(5_000);
      expect(stored?.orderIds).toContain(target);
    });

    it('gathers an order’s review history and the messages tied to it', async () => {
      const store = makeStore();
      const sellerId = newSeller();
      const posted = reviewPosted({ sellerId, orderId: 'O-1' }, '2026-01-02T00:00:00Z');
      await store.put(reviewEvidence(posted, hash));
      await store.put(messageEvidence(messageSent({ sellerId, orderId: 'O-1' }, '2026-01-01T00:00:00Z'), hash));
      await store.put(messageEvidence(messageSent({ sellerId, orderId: 'O-2' }, '2026-01-01T00:00:00Z'), hash));
      await store.put(messageEvidence(messageSent({ sellerId }, '2026-01-01T00:00:00Z'), hash));
      const evidence = await store.orderEvidence(sellerId, 'O-1');
      expect(evidence.map((record) => record.kind)).toEqual(['message', 'review']);
    });
  });
}
