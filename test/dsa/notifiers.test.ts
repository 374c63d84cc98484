/**
 * Buyers' complaints as notices (Art. 16 DSA) and the misuse rule (Art. 23): the buyer is
 * acknowledged at once with a reference, in their language, through the buyer relay; told the
 * decision once; and a buyer whose complaints keep being found unfounded is warned, then stops
 * moving cases for a period, with the decision in the audit.
 */
import { describe, expect, it } from 'vitest';
import type { BuyerComplaintInput } from '../../events/v1/complaint';
import { memoryProduct } from '../../shared/composition/memory';
import { dismissCase } from '../../shared/use-cases/dismiss-case';
import { ladderStep } from '../../shared/use-cases/ladder-step';
import { receiveNotice } from '../../shared/use-cases/receive-notice';
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { makeHandler as makeReviewsHandler } from '../../functions/ingest-reviews/make-handler';
import { lambdaContext } from '../../tools/local/lambda-context';
import { messageSent, reviewPosted } from '../support/events';
import { sqsEvent } from '../support/sqs-events';

const analyst = { id: 'analyst@marketplace.example', role: 'analyst' as const };

function platform() {
  let now = new Date('2026-04-01T10:00:00.000Z');
  const product = memoryProduct({ now: () => now });
  const deps = { ...product, appealAddress: 'appeals@marketplace.example', readiness: [] };
  return { product, deps, at: (time: string) => (now = new Date(time)) };
}

const complaint = (over: Partial<BuyerComplaintInput> = {}): BuyerComplaintInput => ({
  buyerId: 'buyer-1',
  sellerId: 'seller-1',
  channel: 'email',
  summary: 'The seller e-mailed me at my private address after my review',
  receivedAt: '2026-04-01T09:00:00Z',
  ...over,
});

/**
 * A buyer the seller could have harassed (a negative review, then a message from the seller with
 * an off-platform handle), and that buyer's two complaints: a move off the platform and a credible
 * complaint, two independent kinds of evidence, open a case. The message alone opens none.
 */
async function twoComplaints(deps: ReturnType<typeof platform>['deps'], buyerId: string, sellerId: string, day: string) {
  const consumer = deps.consumer();
  const handlers = { reviews: makeReviewsHandler(consumer), messages: makeMessagesHandler(consumer) };
  await handlers.reviews(sqsEvent(reviewPosted({ sellerId, buyerId, rating: 1 }, `${day}T06:00:00Z`)), lambdaContext('test'));
  await handlers.messages(sqsEvent(messageSent({ sellerId, buyerId, body: `Sorry about that, write to me at help.desk.${sellerId}@gmail.com and we sort it out.` }, `${day}T07:00:00Z`)), lambdaContext('test'));
  await receiveNotice(complaint({ buyerId, sellerId, receivedAt: `${day}T09:00:00Z` }), deps);
  return receiveNotice(complaint({ buyerId, sellerId, receivedAt: `${day}T10:00:00Z`, summary: 'And again by phone' }), deps);
}

describe('a buyer’s complaint as a notice', () => {
  it('is acknowledged at once with its reference, in the buyer’s language, through the buyer relay', async () => {
    const { deps, product } = platform();
    const received = await receiveNotice(complaint({ language: 'fr-FR' }), deps);
    const [ack] = product.notifier.delivered;
    expect(ack).toMatchObject({ noticeId: `${received.reference}:acknowledged`, to: 'buyer-1@buyers.marketplace.example' });
    expect(ack?.subject).toBe(`Nous avons bien reçu votre signalement (référence ${received.reference})`);
    expect(ack?.text).not.toContain('private address');
  });

  it('filed twice is acknowledged once', async () => {
    const { deps, product } = platform();
    await receiveNotice(complaint(), deps);
    await receiveNotice(complaint(), deps);
    expect(product.notifier.delivered).toHaveLength(1);
  });

  it('tells the buyer once when the case it joined reaches a decision, without naming the sanction', async () => {
    const { deps, product, at } = platform();
    const received = await twoComplaints(deps, 'buyer-1', 'seller-1', '2026-04-01');
    const open = await product.cases.openCase('seller-1');
    expect(open).toBeDefined();
    at('2026-04-02T10:00:00.000Z');
    await ladderStep({ action: 'apply-warning', caseId: open?.caseId ?? '', sellerId: 'seller-1', rung: 'warn' }, product.ladderStep());
    const outcomes = () => product.notifier.delivered.filter((notice) => notice.noticeId.endsWith(':outcome'));
    expect(outcomes().map((notice) => notice.noticeId).sort()).toContain(`${received.reference}:outcome`);
    expect(outcomes()[0]?.text).toContain("took action on the seller's account under our policies");
    expect(outcomes()[0]?.text).not.toMatch(/warn|suspend/i);
    const told = outcomes().length;
    await dismissCase({ caseId: open?.caseId ?? '', reason: 'second look: a misunderstanding', category: 'other' }, analyst, deps);
    expect(outcomes()).toHaveLength(told);
  });
});

describe('a notifier whose complaints are repeatedly found unfounded (Art. 23)', () => {
  it('is warned, then restricted: their complaints stop moving cases, and the audit says so', async () => {
    const { deps, product, at } = platform();
    const days = ['2026-04-01', '2026-04-05', '2026-04-09'];
    for (const [index, day] of days.entries()) {
      await twoComplaints(deps, 'buyer-x', `seller-${index}`, day);
      const open = await product.cases.openCase(`seller-${index}`);
      expect(open, `a case on seller-${index}`).toBeDefined();
      at(`${day}T12:00:00.000Z`);
      await dismissCase({ caseId: open?.caseId ?? '', reason: 'no contact found after review', category: 'insufficient-evidence' }, analyst, deps);
    }
    const standing = await product.notifiers.standing('buyer-x');
    expect(standing.warnedAt).toBe('2026-04-05T12:00:00.000Z');
    expect(standing.restriction).toEqual({ from: '2026-04-09T12:00:00.000Z', until: '2026-07-08T12:00:00.000Z' });

    at('2026-04-20T12:00:00.000Z');
    const ignored = await twoComplaints(deps, 'buyer-x', 'seller-9', '2026-04-20');
    expect(ignored.counted).toBe(false);
    expect(await product.cases.openCase('seller-9')).toBeUndefined();
    await twoComplaints(deps, 'buyer-y', 'seller-9', '2026-04-20');
    expect(await product.cases.openCase('seller-9')).toBeDefined();

    const audit = (await product.audit.bySeller('seller-2')).entries.map((entry) => entry.action);
    expect(audit).toContain('notifier-restricted');
    expect((await product.audit.bySeller('seller-1')).entries.map((entry) => entry.action)).toContain('notifier-warned');
    const notices = product.notifier.delivered.filter((notice) => notice.to === 'buyer-x@buyers.marketplace.example').map((notice) => notice.subject);
    expect(notices).toContain('Your reports will not be acted on for a period');
    expect(notices).toContain('About your reports to us');
  });
});
