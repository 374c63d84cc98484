import { describe, expect, it } from 'vitest';
import { DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import { buyerComplaintSignal, ringSignal } from '../../shared/domain/detection/complaint-and-ring';
import {
  countUnexplainedFlips,
  lookupThenFlipSignal,
  sellerMessageSignal,
  targetedLookupSignal,
  unexplainedFlipsSignal,
} from '../../shared/domain/detection/signals';
import type { ReviewEvidence } from '../../shared/domain/evidence';
import { complaintEvidence, messageEvidence, reportDownloadEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted, reviewRemoved } from '../support/events';

const hash = (canonical: string) => `h${canonical.length}`;
const posted = (rating: number, time: string, overrides = {}) =>
  reviewEvidence(reviewPosted({ sellerId: 'S-1', rating, ...overrides }, time), hash);

describe('seller message signal', () => {
  it('turns a seller message asking to remove a review for a refund into points with the words quoted', () => {
    const message = messageEvidence(
      messageSent({ body: 'We will refund you in full if you remove the review you left.' }),
      hash,
    );
    const signal = sellerMessageSignal(message, config);
    expect(signal?.rule).toBe('seller-message');
    expect(signal?.points).toBeGreaterThanOrEqual(config.sellerMessage.points.review_manipulation);
    expect(signal?.explanation).toMatch(/asks to remove or change a review/);
    expect(signal?.evidenceIds).toEqual([message.eventId]);
  });

  it('ignores a clean seller message', () => {
    const message = messageEvidence(messageSent({ body: 'Your parcel left our warehouse today.' }), hash);
    expect(sellerMessageSignal(message, config)).toBeUndefined();
  });

  it('never counts a buyer’s own message against the seller', () => {
    const message = messageEvidence(
      messageSent({ sender: 'buyer', body: 'Email me at jane.doe@gmail.com about the refund.' }),
      hash,
    );
    expect(message.labels).toContain('off_platform_contact');
    expect(sellerMessageSignal(message, config)).toBeUndefined();
  });
});

describe('targeted look-up signal', () => {
  const negative = posted(1, '2026-03-01T10:00:00Z', { orderId: 'O-neg' });

  it('fires on a buyer-data report downloaded after an order’s negative review and covering it', () => {
    const download = reportDownloadEvidence(
      reportDownloaded({ sellerId: 'S-1', orderIds: ['O-neg'], reportType: 'customer-contacts', appId: 'APP-X' }, '2026-03-03T10:00:00Z'),
    );
    const signal = targetedLookupSignal(download, [[negative]], config);
    expect(signal?.points).toBe(config.targetedLookup.points);
    expect(signal?.tags).toContain('app:APP-X');
    expect(signal?.evidenceIds).toEqual([download.eventId, negative.eventId]);
  });

  it('does not fire on a routine daily report of new orders', () => {
    const routine = reportDownloadEvidence(
      reportDownloaded({ sellerId: 'S-1', orderIds: ['O-new-1', 'O-new-2', 'O-new-3'] }, '2026-03-03T07:00:00Z'),
    );
    expect(targetedLookupSignal(routine, [[negative]], config)).toBeUndefined();
  });

  it('does not fire on a report without buyer data', () => {
    const returns = reportDownloadEvidence(
      reportDownloaded({ sellerId: 'S-1', orderIds: ['O-neg'], containsBuyerPii: false, reportType: 'returns' }, '2026-03-03T07:00:00Z'),
    );
    expect(targetedLookupSignal(returns, [[negative]], config)).toBeUndefined();
  });

  it('does not fire when the download came before the review', () => {
    const before = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-neg'] }, '2026-02-28T07:00:00Z'));
    expect(targetedLookupSignal(before, [[negative]], config)).toBeUndefined();
  });

  it('does not fire when the review is older than the look-up horizon', () => {
    const late = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-neg'] }, '2026-05-01T07:00:00Z'));
    expect(targetedLookupSignal(late, [[negative]], config)).toBeUndefined();
  });

  it('does not fire on a large report where the reviewed order is incidental', () => {
    const big = Array.from({ length: 500 }, (_, i) => `O-${i}`);
    const bulk = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: [...big, 'O-neg'] }, '2026-03-03T07:00:00Z'));
    expect(targetedLookupSignal(bulk, [[negative]], config)).toBeUndefined();
  });

  it('ignores positive reviews on the covered orders', () => {
    const happy = posted(5, '2026-03-01T10:00:00Z', { orderId: 'O-happy' });
    const download = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-happy'] }, '2026-03-03T07:00:00Z'));
    expect(targetedLookupSignal(download, [[happy]], config)).toBeUndefined();
  });
});

describe('unexplained flips signal', () => {
  let day = 0;
  /** A negative review and, optionally, its flip a week later, for buyer `buyerId`. */
  function history(flip: 'raise' | 'remove' | 'none', buyerId = `B-${day}`): ReviewEvidence[] {
    day++;
    const time = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();
    const post = reviewPosted({ sellerId: 'S-1', rating: 1, buyerId }, time);
    const later = new Date(Date.parse(time) + 7 * 86_400_000).toISOString();
    const records = [reviewEvidence(post, hash)];
    if (flip === 'raise') records.push(reviewEvidence(reviewEdited(post, { rating: 5 }, later), hash));
    if (flip === 'remove') records.push(reviewEvidence(reviewRemoved(post, later), hash));
    return records;
  }

  it('never fires on one flip of a small seller', () => {
    const count = countUnexplainedFlips([history('raise'), history('none'), history('none')], [], config);
    expect(count.unexplained).toHaveLength(1);
    expect(unexplainedFlipsSignal('S-1', '2026-03-01T00:00:00.000Z', count, config)).toBeUndefined();
  });

  it('does not fire for a large seller flipping at the platform’s base rate', () => {
    const histories = Array.from({ length: 200 }, (_, i) => history(i % 33 === 0 ? 'raise' : 'none'));
    const count = countUnexplainedFlips(histories, [], config);
    expect(count.unexplained.length).toBe(7);
    expect(unexplainedFlipsSignal('S-1', '2026-09-01T00:00:00.000Z', count, config)).toBeUndefined();
  });

  it('fires when a seller’s flip rate is several times the base rate', () => {
    const histories = Array.from({ length: 20 }, (_, i) => history(i % 3 === 0 ? (i % 2 === 0 ? 'raise' : 'remove') : 'none'));
    const count = countUnexplainedFlips(histories, [], config);
    const signal = unexplainedFlipsSignal('S-1', '2026-03-01T00:00:00.000Z', count, config);
    expect(count.unexplained).toHaveLength(7);
    expect(signal?.points).toBe(config.unexplainedFlips.points);
    expect(signal?.explanation).toMatch(/^7 of 20 negative reviews/);
    expect(signal?.signalId).toBe('unexplained-flips:S-1:2026-03');
  });

  it('does not count a flip that followed an on-platform message from the seller', () => {
    const flipped = history('raise', 'B-helped');
    const posting = flipped[0];
    const between = new Date(Date.parse(posting?.time ?? '') + 86_400_000).toISOString();
    const help = messageEvidence(messageSent({ sellerId: 'S-1', buyerId: 'B-helped', body: 'Sorry! A replacement is on its way.' }, between), hash);
    expect(countUnexplainedFlips([flipped], [help], config).unexplained).toHaveLength(0);
  });

  it('does not count a removal by the platform', () => {
    const post = reviewPosted({ sellerId: 'S-1', rating: 2 }, '2026-01-01T00:00:00Z');
    const removal = reviewRemoved(post, '2026-01-05T00:00:00Z');
    const byPlatform = { ...removal, data: { ...removal.data, removedBy: 'platform' as const } };
    const count = countUnexplainedFlips([[reviewEvidence(post, hash), reviewEvidence(byPlatform, hash)]], [], config);
    expect(count).toEqual({ negatives: 1, unexplained: [] });
  });
});

describe('buyer complaint signal', () => {
  const complaint = complaintEvidence(
    { buyerId: 'B-9', sellerId: 'S-1', orderId: 'O-9', channel: 'email', summary: 'They keep emailing me.', receivedAt: '2026-03-20T12:00:00Z' },
    hash,
  );

  it('is worth more when the buyer had left this seller a negative review', () => {
    const review = posted(1, '2026-03-01T00:00:00Z', { buyerId: 'B-9', orderId: 'O-9' });
    expect(buyerComplaintSignal(complaint, review, config).points).toBe(config.buyerComplaint.corroboratedPoints);
    expect(buyerComplaintSignal(complaint, undefined, config).points).toBe(config.buyerComplaint.points);
  });

  it('explains what the buyer reported', () => {
    expect(buyerComplaintSignal(complaint, undefined, config).explanation).toBe(
      'Buyer B-9 complained of contact by email outside the platform about order O-9.',
    );
  });
});

describe('ring signal', () => {
  const members = [
    { sellerId: 'S-1', evidenceId: 'e1', time: '2026-01-01T00:00:00.000Z' },
    { sellerId: 'S-2', evidenceId: 'e2', time: '2026-02-01T00:00:00.000Z' },
  ];

  it('ties each seller to the others behind one contact handle, from when the ring formed', () => {
    const signal = ringSignal('S-1', 'handle', 'email:abc', members, config);
    expect(signal?.time).toBe('2026-02-01T00:00:00.000Z');
    expect(signal?.explanation).toBe('Shares the off-platform contact handle email:abc with 1 other seller (S-2).');
    expect(signal?.tags).toContain('ring');
  });

  it('needs at least two sellers', () => {
    expect(ringSignal('S-1', 'app', 'APP-X', members.slice(0, 1), config)).toBeUndefined();
  });
});

describe('look-up then flip signal', () => {
  const post = reviewPosted({ sellerId: 'S-1', rating: 1, orderId: 'O-L', buyerId: 'B-L' }, '2026-03-01T10:00:00Z');
  const lookup = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-L'] }, '2026-03-02T10:00:00Z'));
  const raised = [reviewEvidence(post, hash), reviewEvidence(reviewEdited(post, { rating: 5 }, '2026-03-09T10:00:00Z'), hash)];

  it('fires when a negative reviewer was looked up and the review then flipped with no message in between', () => {
    const signal = lookupThenFlipSignal(raised, [lookup], [], config);
    expect(signal?.evidenceIds).toEqual([raised[0]?.eventId, lookup.eventId, raised[1]?.eventId]);
    expect(signal?.explanation).toMatch(/raised it to 5 stars on 2026-03-09 with no on-platform message/);
  });

  it('does not fire when the seller wrote to the buyer on the platform in between', () => {
    const help = messageEvidence(messageSent({ sellerId: 'S-1', buyerId: 'B-L', body: 'A replacement is on its way.' }, '2026-03-05T10:00:00Z'), hash);
    expect(lookupThenFlipSignal(raised, [lookup], [help], config)).toBeUndefined();
  });

  it('does not fire when the review did not flip', () => {
    expect(lookupThenFlipSignal(raised.slice(0, 1), [lookup], [], config)).toBeUndefined();
  });
});
