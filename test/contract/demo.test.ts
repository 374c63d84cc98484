import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CAST } from '../../events/demo/cast';
import { parseEventJson } from '../../events/v1/parse';
import { Id } from '../../events/v1/schemas';
import type { OffsideEvent } from '../../events/v1/schemas';
import { generateDemo } from '../../tools/demo/make-demo';

const dir = join(import.meta.dirname, '../../events/demo');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const linesOf = (text: string) => text.split('\n').filter((line) => line.length > 0);

/** The console-intake complaint (CONTRACTS.md, "Buyer complaints"). */
const Complaint = z.object({
  buyerId: Id,
  sellerId: Id,
  orderId: Id.optional(),
  channel: z.enum(['email', 'phone', 'sms', 'social', 'other']),
  summary: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
});

const marketplaceLines = linesOf(read('marketplace.jsonl'));

let parsed: OffsideEvent[] | undefined;
function parsedEvents(): OffsideEvent[] {
  return (parsed ??= marketplaceLines.map((line, i) => {
    const result = parseEventJson(line);
    if (!result.ok) throw new Error(`line ${i + 1}: ${JSON.stringify(result.issues)}`);
    return result.event;
  }));
}

const timeOf = (iso: string) => Date.parse(iso);

describe('demo stream (events/demo)', () => {
  it('has a realistic size and every line passes the v1 contract', () => {
    expect(marketplaceLines.length).toBeGreaterThan(300);
    expect(marketplaceLines.length).toBeLessThanOrEqual(2000);
    for (const [i, line] of marketplaceLines.entries()) {
      const result = parseEventJson(line);
      expect(result.ok ? [] : result.issues, `line ${i + 1}`).toEqual([]);
    }
  });

  it('has malformed lines that all fail the contract', () => {
    const lines = linesOf(read('malformed.jsonl'));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const paths = new Set<string>();
    for (const line of lines) {
      const result = parseEventJson(line);
      expect(result.ok, line).toBe(false);
      if (!result.ok) for (const issue of result.issues) paths.add(issue.path);
    }
    // Different ways to break the contract: bad JSON, missing field, rating, type, time.
    expect([...paths]).toEqual(expect.arrayContaining(['(root)', 'data.buyerId', 'data.rating', 'type', 'time']));
  });

  it('tells the seed story: 1-star review, a later PII look-up covering her order, then her complaint', () => {
    const events = parsedEvents();
    const { seed } = DEMO_CAST;
    const review = events.find((e) => e.type === 'review.posted' && e.data.reviewId === seed.reviewId);
    expect(review?.type).toBe('review.posted');
    if (review?.type !== 'review.posted') return;
    expect(review.data).toMatchObject({
      sellerId: seed.sellerId,
      buyerId: seed.buyerId,
      orderId: seed.orderId,
      productId: seed.productId,
      rating: 1,
      marketplace: 'US',
    });
    expect(review.data.body).toMatch(/mist, not oil/);
    const reviewedAt = timeOf(review.time);

    const lookups = events.filter(
      (e) =>
        e.type === 'report.downloaded' &&
        e.data.sellerId === seed.sellerId &&
        e.data.containsBuyerPii &&
        e.data.orderIds.includes(seed.orderId) &&
        timeOf(e.time) > reviewedAt,
    );
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(lookups.map((e) => (e.type === 'report.downloaded' ? e.data.appId : undefined))).toContain(seed.lookupAppId);

    // The free-gift message came before the review; nothing on the platform after it; the review stays.
    const toHer = events.filter(
      (e) => e.type === 'message.sent' && e.data.buyerId === seed.buyerId && e.data.sender === 'seller',
    );
    expect(toHer.length).toBeGreaterThanOrEqual(1);
    for (const message of toHer) expect(timeOf(message.time)).toBeLessThan(reviewedAt);
    const changes = events.filter(
      (e) => (e.type === 'review.edited' || e.type === 'review.removed') && e.data.reviewId === seed.reviewId,
    );
    expect(changes).toEqual([]);

    const complaints = z.array(Complaint).parse(JSON.parse(read('complaints.json')));
    const complaint = complaints.find((c) => c.buyerId === seed.buyerId && c.sellerId === seed.sellerId);
    expect(complaint?.orderId).toBe(seed.orderId);
    expect(timeOf(complaint?.receivedAt ?? '')).toBeGreaterThan(reviewedAt);
    expect(timeOf(complaint?.receivedAt ?? '')).toBeGreaterThan(Math.max(...lookups.map((e) => timeOf(e.time))));
  });

  it('delivers like a queue: duplicate ids with identical lines, and lines out of time order', () => {
    const seen = new Map<string, string>();
    let duplicates = 0;
    for (const line of marketplaceLines) {
      const { id } = z.object({ id: z.string() }).parse(JSON.parse(line));
      const first = seen.get(id);
      if (first === undefined) seen.set(id, line);
      else {
        duplicates++;
        expect(line).toBe(first);
      }
    }
    expect(duplicates).toBeGreaterThanOrEqual(1);

    const times = parsedEvents().map((e) => timeOf(e.time));
    const outOfOrder = times.filter((t, i) => i > 0 && t < (times[i - 1] ?? t));
    expect(outOfOrder.length).toBeGreaterThanOrEqual(1);
  });

  it('has complaints that match the console-intake contract', () => {
    const complaints = z.array(Complaint).min(1).parse(JSON.parse(read('complaints.json')));
    const sellerIds = new Set<string>(DEMO_CAST.sellers.map((s) => s.sellerId));
    for (const complaint of complaints) expect(sellerIds.has(complaint.sellerId)).toBe(true);
  });

  it('matches the cast: every seller is cast, the ring app serves only the ring, honest sellers pull PII only for new orders', () => {
    const events = parsedEvents();
    const cast = new Set<string>(DEMO_CAST.sellers.map((s) => s.sellerId));
    expect(new Set(events.map((e) => e.data.sellerId))).toEqual(cast);

    const ringUsers = new Set(
      events.filter((e) => e.type === 'report.downloaded' && e.data.appId === DEMO_CAST.ring.appId).map((e) => e.data.sellerId),
    );
    expect([...ringUsers].sort()).toEqual([...DEMO_CAST.ring.sellerIds].sort());

    const firstReview = new Map<string, number>();
    for (const e of events) {
      if (e.type !== 'review.posted') continue;
      const t = timeOf(e.time);
      firstReview.set(e.data.orderId, Math.min(t, firstReview.get(e.data.orderId) ?? t));
    }
    const honest = new Set<string>(DEMO_CAST.honestSellerIds);
    for (const e of events) {
      if (e.type !== 'report.downloaded' || !honest.has(e.data.sellerId) || !e.data.containsBuyerPii) continue;
      for (const orderId of e.data.orderIds) {
        const reviewed = firstReview.get(orderId);
        expect(reviewed === undefined || reviewed > timeOf(e.time), `${e.data.downloadId} covers ${orderId}`).toBe(true);
      }
    }

    for (const flip of DEMO_CAST.seedSellerFlips) {
      const lookup = events.find((e) => e.type === 'report.downloaded' && e.data.downloadId === flip.afterDownloadId);
      const change = events.find(
        (e) => (e.type === 'review.edited' || e.type === 'review.removed') && e.data.reviewId === flip.reviewId,
      );
      expect(lookup?.type === 'report.downloaded' && lookup.data.orderIds.includes(flip.orderId)).toBe(true);
      expect(timeOf(change?.time ?? '')).toBeGreaterThan(timeOf(lookup?.time ?? ''));
    }
  });

  it('regenerates to exactly the committed bytes', () => {
    const files = generateDemo();
    expect(files.marketplace).toBe(read('marketplace.jsonl'));
    expect(files.complaints).toBe(read('complaints.json'));
    expect(files.malformed).toBe(read('malformed.jsonl'));
  });
});
