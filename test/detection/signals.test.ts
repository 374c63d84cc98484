import { describe, expect, it } from 'vitest';
import { DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import { burstOf, complainantsNegativeReview, judgeComplaint, ringSignal, usesAppForLookups } from '../../shared/domain/detection/complaint-and-ring';
import { sellerMessageSignal } from '../../shared/domain/detection/signals';
import type { ComplaintEvidence } from '../../shared/domain/evidence';
import { complaintEvidence, messageEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { messageSent, reviewPosted } from '../support/events';

const hash = (canonical: string) => `h${canonical.length}`;

describe('seller message signal', () => {
  it('turns a seller message asking to remove a review for a refund into a signal with the words quoted', () => {
    const message = messageEvidence(messageSent({ body: 'We will refund you in full if you remove the review you left.' }), hash);
    const signal = sellerMessageSignal(message, config);
    expect(signal?.rule).toBe('seller-message');
    expect(signal?.points).toBeGreaterThanOrEqual(config.signals['seller-message'].points.review_manipulation);
    expect(signal?.explanation).toMatch(/asks to remove or change a review/u);
    expect(signal?.tags).toEqual(expect.arrayContaining(['review_manipulation', `buyer:${message.buyerId}`]));
  });

  it("marks an explicit request (the classifier's rules read it in the words), and says when only its model did", () => {
    const explicit = sellerMessageSignal(messageEvidence(messageSent({ body: 'We will refund you in full if you remove the review you left.' }), hash), config);
    expect(explicit?.tags).toContain('explicit');
    const message = messageEvidence(messageSent({ body: 'Whatever you decide about your review is up to you.' }), hash);
    const modelOnly = sellerMessageSignal({ ...message, labels: ['review_manipulation'], matches: [{ label: 'review_manipulation', match: 'about your review', source: 'model' }] }, config);
    expect(modelOnly?.tags ?? []).not.toContain('explicit');
    expect(modelOnly?.explanation).toMatch(/statistical model alone/u);
  });

  it('ignores a clean seller message', () => {
    expect(sellerMessageSignal(messageEvidence(messageSent({ body: 'Your parcel left our warehouse today.' }), hash), config)).toBeUndefined();
  });

  it('never counts a buyer’s own message against the seller', () => {
    const message = messageEvidence(messageSent({ sender: 'buyer', body: 'Email me at jane.doe@gmail.com about the refund.' }), hash);
    expect(message.labels).toContain('off_platform_contact');
    expect(sellerMessageSignal(message, config)).toBeUndefined();
  });

  it('marks an off-platform move with a concrete handle, and weighs a phrase without one less', () => {
    const handle = sellerMessageSignal(messageEvidence(messageSent({ body: 'Write to refunds.desk@proton.me for your gift.' }), hash), config);
    const phrase = sellerMessageSignal(messageEvidence(messageSent({ body: "What's your personal e-mail? We would like to send you something." }), hash), config);
    expect(handle?.tags).toContain('handle');
    expect(phrase?.tags ?? []).not.toContain('handle');
    expect(phrase?.points ?? 0).toBeLessThan(handle?.points ?? 0);
  });
});

describe('buyer complaints', () => {
  const complaint = (buyerId: string, receivedAt: string, summary = 'The seller e-mailed my private address after my review and offered $20 to delete it.', orderId?: string): ComplaintEvidence =>
    complaintEvidence({ buyerId, sellerId: 'S-1', channel: 'email', summary, receivedAt, ...(orderId ? { orderId } : {}) }, hash);
  const negative = reviewEvidence(reviewPosted({ sellerId: 'S-1', buyerId: 'B-neg', orderId: 'O-neg', rating: 1 }, '2026-03-01T10:00:00Z'), hash);

  it('count from a buyer the seller could have harassed: one who left it a negative review before complaining', () => {
    const filed = complaint('B-neg', '2026-03-05T10:00:00Z');
    const judged = judgeComplaint(filed, complainantsNegativeReview(filed, [negative], config), [filed], config, 2);
    expect(judged.counts).toBe(true);
    expect(judged.signal).toMatchObject({ rule: 'buyer-complaint', tags: ['buyer-complaint', 'buyer:B-neg'] });
  });

  it('do not count from a buyer without a negative review of the seller, nor about an order that is not that review’s', () => {
    const stranger = complaint('B-stranger', '2026-03-05T10:00:00Z');
    expect(judgeComplaint(stranger, complainantsNegativeReview(stranger, [negative], config), [stranger], config, 2)).toMatchObject({ counts: false, signal: undefined });
    const otherOrder = complaint('B-neg', '2026-03-05T10:00:00Z', undefined, 'O-other');
    expect(complainantsNegativeReview(otherOrder, [negative], config)).toBeUndefined();
  });

  it('do not count when they are one of a burst of near-identical complaints within days: a campaign, not witnesses', () => {
    const wave = ['B-neg', 'B-2', 'B-3', 'B-4'].map((buyer, i) =>
      complaint(buyer, `2026-03-0${i + 5}T10:00:00Z`, `Someone from Oak Gear called me about order 11${i}-555 and asked me to remove my review.`),
    );
    const [first] = wave;
    if (!first) throw new Error('no complaint');
    const burst = burstOf(first, wave, config);
    expect(burst).toHaveLength(4);
    expect(judgeComplaint(first, complainantsNegativeReview(first, [negative], config), burst, config, 5)).toMatchObject({ counts: false });
    expect(judgeComplaint(first, negative, burst, config, 5).because).toMatch(/4 near-identical complaints/u);
  });

  it('are no burst when their words differ, however many arrive', () => {
    const texts = ['The seller e-mailed me a refund offer for deleting my review.', 'Someone phoned me at home about my rating.', 'I got text messages offering a gift card for five stars.'];
    const filed = texts.map((text, i) => complaint(`B-${i}`, `2026-03-0${i + 5}T10:00:00Z`, text));
    expect(burstOf(filed[0] ?? complaint('B-x', '2026-03-05T10:00:00Z'), filed, config)).toHaveLength(1);
  });
});

describe('rings', () => {
  it('tie a seller to the others behind the same key, once enough sellers share it', () => {
    const members = [
      { sellerId: 'S-1', evidenceId: 'e1', time: '2026-03-01T00:00:00Z' },
      { sellerId: 'S-2', evidenceId: 'e2', time: '2026-03-04T00:00:00Z' },
    ];
    const ring = ringSignal('S-1', 'handle', 'email:h1', members, config);
    expect(ring?.time).toBe('2026-03-04T00:00:00Z');
    expect(ring?.explanation).toMatch(/with 1 other seller \(S-2\)/u);
    expect(ringSignal('S-1', 'handle', 'email:h1', members.slice(0, 1), config)).toBeUndefined();
  });

  it('count an app by what the seller uses it for: look-ups, not routine reports', () => {
    const min = config.signals.ring.appMinLookups;
    expect(usesAppForLookups(min, 1, min, config)).toBe(true);
    expect(usesAppForLookups(min, 1, 100, config)).toBe(false);
    expect(usesAppForLookups(min, 0, min, config)).toBe(false);
    expect(usesAppForLookups(min - 1, 1, min - 1, config)).toBe(false);
  });
});
