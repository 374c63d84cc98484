/**
 * Flips (domain/detection/flips.ts): negative reviews removed or raised with no on-platform
 * message that explains them, judged against the base rate with the binomial tail.
 */
import { describe, expect, it } from 'vitest';
import { DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { FlipEvidence, LookupRecord } from '../../shared/domain/detection/flips';
import { flipSignalsAt, negativeReviews } from '../../shared/domain/detection/flips';
import type { MessageEvidence, ReviewEvidence } from '../../shared/domain/evidence';
import { messageEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { addDays } from '../../shared/domain/time';
import { messageSent, reviewEdited, reviewPosted, reviewRemoved } from '../support/events';

const hash = (canonical: string) => `h${canonical.length}`;
const T0 = '2026-02-01T10:00:00.000Z';

/** `negatives` negative reviews over as many hours, `flipped` of them (spread evenly) flipped a few days later. */
function reviews(negatives: number, flipped: number, start = T0): ReviewEvidence[] {
  const every = flipped === 0 ? Infinity : Math.floor(negatives / flipped);
  return Array.from({ length: negatives }, (_, i) => {
    const posted = reviewPosted({ sellerId: 'S-1', buyerId: `B-${i}`, orderId: `O-${i}`, rating: 1 }, addDays(start, i / 24));
    const records = [reviewEvidence(posted, hash)];
    if (i % every === 0 && i / every < flipped) records.push(reviewEvidence(i % 2 === 0 ? reviewEdited(posted, { rating: 5 }, addDays(start, 30 + i / 24)) : reviewRemoved(posted, addDays(start, 30 + i / 24)), hash));
    return records;
  }).flat();
}

const judgeLatest = (evidence: FlipEvidence) => {
  const all = negativeReviews(evidence, config);
  const latest = all.filter((review) => review.flip).sort((a, b) => ((a.flip?.time ?? '') < (b.flip?.time ?? '') ? -1 : 1)).at(-1);
  if (!latest) throw new Error('no flip');
  return flipSignalsAt('S-1', latest, all, config, 1);
};

const message = (buyerId: string, body: string, time: string): MessageEvidence =>
  messageEvidence(messageSent({ sellerId: 'S-1', buyerId, body }, time), hash);

describe('unexplained flips', () => {
  it('are no evidence at the base rate: a very large seller’s handful of flips among hundreds of negative reviews', () => {
    const { flips } = judgeLatest({ reviews: reviews(200, 6), messages: [], lookups: [] });
    expect(flips).toBeUndefined();
  });

  it('corroborate other evidence when improbable at the base rate and across honest shops’ spread of flip rates, and are decisive only when far more so', () => {
    const three = judgeLatest({ reviews: reviews(8, 3), messages: [], lookups: [] }).flips;
    expect(three).toMatchObject({ rule: 'unexplained-flips', tags: ['unexplained-flips'] });
    expect(three?.p).toBeLessThanOrEqual(config.signals['unexplained-flips'].corroborating.alpha);
    expect(three?.explanation).toMatch(/3 of the 8 negative reviews .*an honest shop whose buyers flip on their own at any rate from 2\.0% to 8\.0% would see as many with p = 0\.007/u);
    const many = judgeLatest({ reviews: reviews(10, 5), messages: [], lookups: [] }).flips;
    expect(many?.tags).toContain('decisive');
    expect(many?.explanation).toMatch(/5 of the 10 negative reviews .*binomial tail p = .*no chance explains it/u);
  });

  it('do not corroborate when improbable at the base rate only: a shop whose buyers flip at 6% shows as many often', () => {
    // 2 of 5: p = 0.008 at 3%, but 0.025 across honest shops' 2-8% (0.054 at 8%).
    expect(judgeLatest({ reviews: reviews(5, 2), messages: [], lookups: [] }).flips).toBeUndefined();
    // A version that names no spread (written before it) judges them at the base rate alone, as it did.
    const { honestFlipRateMin: _dropped, ...evidence } = config.evidence;
    const before = { ...config, evidence };
    const all = negativeReviews({ reviews: reviews(5, 2), messages: [], lookups: [] }, before);
    const latest = all.filter((review) => review.flip).at(-1);
    if (!latest) throw new Error('no flip');
    expect(flipSignalsAt('S-1', latest, all, before, 1).flips).toMatchObject({ rule: 'unexplained-flips', tags: ['unexplained-flips'] });
  });

  it('are explained by a clean on-platform message to the buyer between the review and the flip', () => {
    const evidence = { reviews: reviews(5, 2), messages: [message('B-0', 'So sorry, we refunded you in full through the platform.', addDays(T0, 2))], lookups: [] };
    expect(negativeReviews(evidence, config).find((review) => review.posted.buyerId === 'B-0')?.unexplained).toBe(false);
    expect(judgeLatest(evidence).flips).toBeUndefined();
  });

  it('are not explained by a message that moves the buyer off the platform: that message is evidence itself', () => {
    const evidence = { reviews: reviews(5, 2), messages: [message('B-0', 'Please write to us at refunds.desk@proton.me about your review.', addDays(T0, 2))], lookups: [] };
    expect(negativeReviews(evidence, config).find((review) => review.posted.buyerId === 'B-0')?.unexplained).toBe(true);
  });
});

describe('flips after look-ups outside the routine', () => {
  const lookupOf = (postings: readonly ReviewEvidence[], time: string, p?: number, oneOffPull = false): LookupRecord => ({
    signalId: `outside-routine-report:${time}`,
    time,
    postingIds: postings.map((posting) => posting.eventId),
    downloadId: `D-${time.slice(0, 10)}`,
    targeted: false,
    ...(p !== undefined ? { p } : {}),
    ...(oneOffPull ? { oneOffPull } : {}),
  });

  it('are decisive with one flip after a one-off pull: a report of a type the seller never downloads, holding only that negative reviewer', () => {
    const records = reviews(1, 1);
    const [posting] = records;
    if (!posting) throw new Error('no posting');
    const pulled = judgeLatest({ reviews: records, messages: [], lookups: [lookupOf([posting], addDays(posting.time, 1), 0.1, true)] }).afterLookup;
    expect(pulled).toMatchObject({ rule: 'lookup-then-flip', tags: ['lookup-then-flip', 'one-off-pull', 'decisive'], points: config.signals['lookup-then-flip'].oneOffPull.points });
    expect(pulled?.explanation).toMatch(/a type the seller never downloads otherwise and held only negative reviewers/u);
  });

  it('are nothing after a routine type’s report outside the routine, however negative (a returns report), with one flip', () => {
    const records = reviews(1, 1);
    const [posting] = records;
    if (!posting) throw new Error('no posting');
    expect(judgeLatest({ reviews: records, messages: [], lookups: [lookupOf([posting], addDays(posting.time, 1), 0.1, false)] }).afterLookup).toBeUndefined();
  });

  it('are nothing after a one-off pull when the flip is explained by a clean message to the buyer', () => {
    const records = reviews(1, 1);
    const [posting] = records;
    if (!posting) throw new Error('no posting');
    const messages = [message(posting.buyerId, 'So sorry, we sent a replacement through the platform.', addDays(posting.time, 2))];
    expect(judgeLatest({ reviews: records, messages, lookups: [lookupOf([posting], addDays(posting.time, 1), 0.1, true)] }).afterLookup).toBeUndefined();
  });

  it('are nothing after a one-off pull when the rule is switched off', () => {
    const records = reviews(1, 1);
    const [posting] = records;
    if (!posting) throw new Error('no posting');
    const off = { ...config, signals: { ...config.signals, 'lookup-then-flip': { ...config.signals['lookup-then-flip'], oneOffPull: { enabled: false, points: 50 } } } };
    const all = negativeReviews({ reviews: records, messages: [], lookups: [lookupOf([posting], addDays(posting.time, 1), 0.1, true)] }, off);
    const latest = all.find((review) => review.flip);
    if (!latest) throw new Error('no flip');
    expect(flipSignalsAt('S-1', latest, all, off, 1).afterLookup).toBeUndefined();
  });

  it('are decisive when improbably many of the looked-up reviews flipped', () => {
    const records = reviews(3, 3);
    const postings = records.filter((record) => record.action === 'posted');
    const lookups = postings.map((posting) => lookupOf([posting], addDays(posting.time, 1)));
    const { afterLookup } = judgeLatest({ reviews: records, messages: [], lookups });
    expect(afterLookup).toMatchObject({ rule: 'lookup-then-flip', tags: ['lookup-then-flip', 'decisive'] });
    expect(afterLookup?.explanation).toMatch(/3 of those reviews were then removed or raised/u);
  });

  it('are decisive when a selective look-up and the flip after it are improbable together (Fisher), and not when the look-up was not selective', () => {
    const records = reviews(1, 1);
    const [posting] = records;
    if (!posting) throw new Error('no posting');
    const selective = judgeLatest({ reviews: records, messages: [], lookups: [lookupOf([posting], addDays(posting.time, 1), 0.01)] }).afterLookup;
    expect(selective?.explanation).toMatch(/together p = /u);
    const loose = judgeLatest({ reviews: records, messages: [], lookups: [lookupOf([posting], addDays(posting.time, 1), 0.4)] }).afterLookup;
    expect(loose).toBeUndefined();
  });

  it('corroborate the seller’s improbable unexplained flips when the flipped buyer was looked up before, without being decisive', () => {
    // Two of two negative reviews flipped (improbable at the base rate, not decisive); one of them
    // looked up outside the routine, by a report that was not selective by itself.
    const records = reviews(2, 2);
    const postings = records.filter((record) => record.action === 'posted');
    const latest = postings.at(-1);
    if (!latest) throw new Error('no posting');
    const { flips, afterLookup } = judgeLatest({ reviews: records, messages: [], lookups: [lookupOf([latest], addDays(latest.time, 1), 0.4)] });
    expect(flips?.tags).toEqual(['unexplained-flips']);
    expect(afterLookup).toMatchObject({ rule: 'lookup-then-flip', tags: ['lookup-then-flip'] });
    expect(afterLookup?.explanation).toMatch(/pulled this buyer's data outside its routine before the flip/u);
    // Without the seller's flips being improbable, the same look-up and flip are nothing.
    const alone = judgeLatest({ reviews: reviews(40, 1), messages: [], lookups: [] });
    expect(alone.flips).toBeUndefined();
  });

  it('never count a look-up after the flip', () => {
    const records = reviews(2, 2);
    const postings = records.filter((record) => record.action === 'posted');
    const lookups = postings.map((posting) => lookupOf([posting], addDays(posting.time, 40)));
    expect(judgeLatest({ reviews: records, messages: [], lookups }).afterLookup).toBeUndefined();
  });
});
