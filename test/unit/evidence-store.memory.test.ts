import { InMemoryEvidenceStore } from '../../shared/adapters/memory/evidence-store';
import { describe, expect, it } from 'vitest';
import { messageEvidence, reportDownloadEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { describeEvidenceStore } from '../support/evidence-store-contract';
import { messageSent, reportDownloaded, reviewPosted } from '../support/events';

describeEvidenceStore('in-memory', () => new InMemoryEvidenceStore());

describe('in-memory evidence store for replay', () => {
  it('drops message text when told to, keeping what detection derived from it', async () => {
    const store = new InMemoryEvidenceStore({ keepText: false });
    const message = messageEvidence(messageSent({ sellerId: 'S-T', body: 'Refund if you delete the review' }), (v) => v);
    await store.put(message);
    const [stored] = await store.sellerMessages('S-T');
    expect(stored?.body).toBe('');
    expect(stored?.labels).toEqual(message.labels);
  });

  it('evicts settled evidence before a time and keeps the rest', async () => {
    const store = new InMemoryEvidenceStore();
    const old = reviewPosted({ sellerId: 'S-E' }, '2025-01-01T00:00:00Z');
    const recent = reviewPosted({ sellerId: 'S-E' }, '2026-01-01T00:00:00Z');
    await store.put(reviewEvidence(old, (v) => v));
    await store.put(reviewEvidence(recent, (v) => v));
    await store.put(reportDownloadEvidence(reportDownloaded({ sellerId: 'S-E' }, '2025-02-01T00:00:00Z')));
    expect(await store.evictBefore('2025-06-01T00:00:00.000Z')).toBe(2);
    expect((await store.sellerReviews('S-E')).map((r) => r.eventId)).toEqual([recent.id]);
    expect(await store.sellerReportDownloads('S-E')).toEqual([]);
  });

  it('reads a window of reviews put out of order, and redelivered, as the whole history filtered and sorted by time', async () => {
    const store = new InMemoryEvidenceStore();
    const days = [9, 3, 7, 1, 5, 3, 8, 2];
    const posted = days.map((day) => reviewEvidence(reviewPosted({ sellerId: 'S-W' }, `2026-03-0${day}T10:00:00Z`), (v) => v));
    for (const record of [...posted, ...posted.slice(0, 3)]) await store.put(record);
    const sorted = [...posted].sort((a, b) => (a.time === b.time ? (a.eventId < b.eventId ? -1 : 1) : a.time < b.time ? -1 : 1));
    expect((await store.sellerReviews('S-W')).map((r) => r.eventId)).toEqual(sorted.map((r) => r.eventId));
    const window = { from: '2026-03-03T10:00:00.000Z', to: '2026-03-08T10:00:00.000Z' };
    const inWindow = sorted.filter((r) => r.time >= window.from && r.time <= window.to);
    expect(inWindow.length).toBe(5);
    expect((await store.sellerReviews('S-W', window)).map((r) => r.eventId)).toEqual(inWindow.map((r) => r.eventId));
    expect(await store.sellerReviews('S-W', { from: '2026-03-09T11:00:00.000Z' })).toEqual([]);
    expect(await store.sellerReviews('S-W', { from: window.to, to: window.from })).toEqual([]);
  });

  it('reads a window of messages and reports put out of order, redelivered and replaced, as the whole history filtered and sorted by time', async () => {
    const store = new InMemoryEvidenceStore();
    const days = [9, 3, 7, 1, 5, 3, 8, 2];
    const downloads = days.map((day) => reportDownloadEvidence(reportDownloaded({ sellerId: 'S-O' }, `2026-03-0${day}T10:00:00Z`)));
    const messages = days.map((day) => messageEvidence(messageSent({ sellerId: 'S-O' }, `2026-03-0${day}T11:00:00Z`), (v) => v));
    // The same report under another event id: it replaces the one stored under its key.
    const replaced = { ...(downloads[2] ?? downloads[0]!), eventId: 'a-later-delivery' };
    for (const record of [...downloads, ...messages, ...downloads.slice(0, 3), ...messages.slice(0, 3), replaced]) await store.put(record);
    const expected = <T extends { time: string; eventId: string }>(records: T[], window: { from?: string; to?: string } = {}) =>
      records
        .filter((r) => (window.from === undefined || r.time >= window.from) && (window.to === undefined || r.time <= window.to))
        .sort((a, b) => (a.time === b.time ? (a.eventId < b.eventId ? -1 : 1) : a.time < b.time ? -1 : 1))
        .map((r) => r.eventId);
    const stored = downloads.map((d, i) => (i === 2 ? replaced : d));
    expect((await store.sellerReportDownloads('S-O')).map((r) => r.eventId)).toEqual(expected(stored));
    expect((await store.sellerMessages('S-O')).map((r) => r.eventId)).toEqual(expected(messages));
    const window = { from: '2026-03-03T10:00:00.000Z', to: '2026-03-08T10:00:00.000Z' };
    expect((await store.sellerReportDownloads('S-O', window)).map((r) => r.eventId)).toEqual(expected(stored, window));
    expect((await store.sellerMessages('S-O', window)).map((r) => r.eventId)).toEqual(expected(messages, window));
    expect(await store.sellerReportDownloads('S-O', { from: window.to, to: window.from })).toEqual([]);
    expect(await store.evictBefore('2026-03-05T00:00:00.000Z')).toBe(8);
    expect((await store.sellerReportDownloads('S-O')).map((r) => r.eventId)).toEqual(expected(stored, { from: '2026-03-05T00:00:00.000Z' }));
    expect((await store.sellerMessages('S-O')).map((r) => r.eventId)).toEqual(expected(messages, { from: '2026-03-05T00:00:00.000Z' }));
  });

  it('lists negative postings put out of order and redelivered, as reading the reviews would, until their reviews are evicted', async () => {
    const store = new InMemoryEvidenceStore({ keepText: false });
    const ratings = [1, 5, 2, 3, 1, 4, 2, 2];
    const days = [9, 3, 7, 1, 5, 3, 8, 2];
    const posted = days.map((day, i) => reviewEvidence(reviewPosted({ sellerId: 'S-N', rating: ratings[i] ?? 5 }, `2026-03-0${day}T10:00:00Z`), (v) => v));
    for (const record of [...posted, ...posted.slice(0, 3)]) await store.put(record);
    const byReading = async (maxRating: number, window: { from?: string; to?: string } = {}) =>
      (await store.sellerReviews('S-N', window)).filter((r) => r.action === 'posted' && r.rating !== undefined && r.rating <= maxRating).map((r) => r.eventId);
    const listed = async (maxRating: number, window: { from?: string; to?: string } = {}) => ((await store.negativePostings('S-N', window, maxRating)) ?? []).map((p) => p.eventId);
    const window = { from: '2026-03-02T10:00:00.000Z', to: '2026-03-08T10:00:00.000Z' };
    for (const maxRating of [1, 2, 3]) {
      expect(await listed(maxRating), `up to ${maxRating}`).toEqual(await byReading(maxRating));
      expect(await listed(maxRating, window), `up to ${maxRating} in the window`).toEqual(await byReading(maxRating, window));
    }
    expect((await listed(2)).length).toBe(5);
    await store.evictBefore('2026-03-06T00:00:00.000Z');
    expect(await listed(2)).toEqual(await byReading(2));
    expect((await listed(2)).length).toBe(3);
  });
});
