/**
 * How detection judges a new piece of evidence (domain/detection/judgement.ts): what it is read
 * together with, and what the rules make of the two. Pure: no store, no handler.
 */
import { describe, expect, it } from 'vitest';
import { ringSignals } from '../../shared/domain/detection/complaint-and-ring';
import { DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import {
  corroboratingReview,
  coveredFlipMessagesWindow,
  coveredFlipSignals,
  flipReads,
  flipSignals,
  flipTime,
  judgeDownload,
  lateLookupsOf,
  lateLookupsWindow,
  lookupReviewsWindow,
  needsOwnHistory,
  ringHandlesOf,
} from '../../shared/domain/detection/judgement';
import { isNegativeRating } from '../../shared/domain/detection/signals';
import { complaintEvidence, messageEvidence, reportDownloadEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { messageSent, reportDownloaded, reviewEdited, reviewPosted, reviewRemoved } from '../support/events';

const hash = (canonical: string) => `h${canonical.length}`;
const negative = reviewPosted({ sellerId: 'S-1', orderId: 'O-1', buyerId: 'B-1', rating: 1 }, '2026-03-01T10:00:00Z');
const posted = reviewEvidence(negative, hash);
const raised = reviewEvidence(reviewEdited(negative, { rating: 5 }, '2026-03-10T10:00:00Z'), hash);
const lookup = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-1'] }, '2026-03-03T07:00:00Z'));

describe('what detection counts as negative', () => {
  it('counts a rating at or below the threshold as negative, and a review without a rating as not', () => {
    expect(isNegativeRating(2, 2)).toBe(true);
    expect(isNegativeRating(3, 2)).toBe(false);
    expect(isNegativeRating(undefined, 2)).toBe(false);
  });
});

describe('judging a report download', () => {
  it('never judges a download without buyer data, and judges one with it against the 45 days of reviews before it', () => {
    const noData = reportDownloadEvidence(reportDownloaded({ containsBuyerPii: false }, '2026-03-03T07:00:00Z'));
    expect(lookupReviewsWindow(noData, config)).toBeUndefined();
    expect(lookupReviewsWindow(lookup, config)).toEqual({ from: '2026-01-17T07:00:00.000Z' });
  });

  it('finds a look-up of a negative reviewer, and the review it covered that has flipped since', () => {
    const judged = judgeDownload(lookup, [posted, raised], config);
    expect(judged.lookup?.rule).toBe('targeted-lookup');
    expect(judged.covered).toEqual([{ history: [posted, raised], posted, flip: raised }]);
  });

  it('looks at no flip when the download is no look-up', () => {
    const routine = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-9'] }, '2026-03-03T07:00:00Z'));
    expect(judgeDownload(routine, [posted, raised], config)).toEqual({ lookup: undefined, covered: [] });
  });

  it('reads the messages from the earliest covered posting to the latest flip, and none when nothing flipped', () => {
    const { covered } = judgeDownload(lookup, [posted, raised], config);
    expect(coveredFlipMessagesWindow(covered)).toEqual({ from: posted.time, to: raised.time });
    expect(coveredFlipMessagesWindow([])).toBeUndefined();
  });

  it('makes a look-up followed by a flip with no message between a chain, and a message between breaks it', () => {
    const { covered } = judgeDownload(lookup, [posted, raised], config);
    expect(coveredFlipSignals(lookup, covered, [], config).map((signal) => signal.rule)).toEqual(['lookup-then-flip']);
    const wrote = messageEvidence(messageSent({ sellerId: 'S-1', buyerId: 'B-1', body: 'Sorry about the bottle.' }, '2026-03-05T10:00:00Z'), hash);
    expect(coveredFlipSignals(lookup, covered, [wrote], config)).toEqual([]);
  });
});

describe('judging a review', () => {
  it('looks forward 45 days for downloads only after a negative posting', () => {
    expect(lateLookupsWindow(posted, config)).toEqual({ from: posted.time, to: '2026-04-15T10:00:00.000Z' });
    expect(lateLookupsWindow(reviewEvidence(reviewPosted({ rating: 5 }), hash), config)).toBeUndefined();
    expect(lateLookupsWindow(raised, config)).toBeUndefined();
  });

  it('judges again only downloads with buyer data that cover the review’s order', () => {
    const other = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-2'] }, '2026-03-03T07:00:00Z'));
    const noData = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: ['O-1'], containsBuyerPii: false }, '2026-03-03T07:00:00Z'));
    expect(lateLookupsOf(posted, [lookup, other, noData])).toEqual([lookup]);
  });

  it('takes an edit up or a buyer’s removal of a negative review as a flip at its own time', () => {
    const removed = reviewEvidence(reviewRemoved(negative, '2026-03-11T10:00:00Z'), hash);
    expect(flipTime(raised, [], config)).toBe(raised.time);
    expect(flipTime(removed, [], config)).toBe(removed.time);
    const fromPositive = reviewEvidence(reviewEdited(reviewPosted({ rating: 4 }), { rating: 5 }), hash);
    expect(flipTime(fromPositive, [], config)).toBeUndefined();
  });

  it('takes a negative posting that arrives after its flip as a flip at the flip’s time', () => {
    expect(flipTime(posted, [posted, raised], config)).toBe(raised.time);
    expect(flipTime(posted, [posted], config)).toBeUndefined();
  });

  it('reads a review’s own history only for a negative posting or a flip', () => {
    expect(needsOwnHistory(posted, config)).toBe(true);
    expect(needsOwnHistory(raised, config)).toBe(true);
    expect(needsOwnHistory(reviewEvidence(reviewPosted({ rating: 5 }), hash), config)).toBe(false);
  });

  it('judges a flip against the 180 days before it, and its own look-ups between its posting and its flip', () => {
    expect(flipReads(raised.time, [posted, raised], config)).toEqual({
      reviews: { from: '2025-09-11T10:00:00.000Z', to: raised.time },
      messages: { from: '2025-09-11T10:00:00.000Z', to: raised.time },
      lookups: { orderId: 'O-1', window: { from: posted.time, to: raised.time } },
    });
    expect(flipReads(raised.time, [raised], config).lookups).toBeUndefined();
  });

  it('reads the messages back to a posting older than the window, so a flip long after its review is still judged', () => {
    const old = reviewEvidence(reviewPosted({ sellerId: 'S-1', orderId: 'O-7', rating: 1 }, '2025-06-01T10:00:00Z'), hash);
    expect(flipReads(raised.time, [old, raised], config).messages.from).toBe(old.time);
  });

  it('makes a look-up of the flipped review’s buyer with no message between a chain', () => {
    const signals = flipSignals('S-1', raised.time, [posted, raised], { reviews: [posted, raised], messages: [], lookups: [lookup] }, config);
    expect(signals.map((signal) => signal.rule)).toEqual(['lookup-then-flip']);
    expect(flipSignals('S-1', raised.time, [posted, raised], { reviews: [posted, raised], messages: [], lookups: [] }, config)).toEqual([]);
  });
});

describe('judging a complaint and a ring', () => {
  const complaint = (orderId?: string) =>
    complaintEvidence(
      { buyerId: 'B-1', sellerId: 'S-1', ...(orderId ? { orderId } : {}), channel: 'email', summary: 'wrote to me', receivedAt: '2026-03-20T10:00:00Z' },
      hash,
    );

  it('is corroborated by a negative review the complainant left, on the order complained about when one is named', () => {
    expect(corroboratingReview(complaint(), [posted], config)).toBe(posted);
    expect(corroboratingReview(complaint('O-1'), [posted], config)).toBe(posted);
    expect(corroboratingReview(complaint('O-2'), [posted], config)).toBeUndefined();
    expect(corroboratingReview(complaint(), [reviewEvidence(reviewPosted({ buyerId: 'B-1', rating: 5 }), hash)], config)).toBeUndefined();
  });

  it('keys a ring on the handles a seller wrote, once each, and never on a buyer’s', () => {
    const seller = messageEvidence(messageSent({ body: 'Write to jane.doe@gmail.com or jane.doe@gmail.com' }), hash);
    expect(ringHandlesOf(seller)).toHaveLength(1);
    expect(ringHandlesOf(messageEvidence(messageSent({ sender: 'buyer', body: 'Write to jane.doe@gmail.com' }), hash))).toEqual([]);
  });

  it('makes a ring only of enough sellers', () => {
    const member = (sellerId: string) => ({ sellerId, evidenceId: `evt-${sellerId}`, time: '2026-03-01T10:00:00.000Z' });
    expect(ringSignals('handle', 'email:h1', [member('S-1')], config)).toEqual([]);
    expect(ringSignals('handle', 'email:h1', [member('S-1'), member('S-2')], config).map((signal) => signal.sellerId)).toEqual(['S-1', 'S-2']);
  });
});
