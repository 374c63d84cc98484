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
import { decideNotifierContest, fileNotifierContest } from '../../shared/use-cases/notifier-contest';
import { receiveNotice } from '../../shared/use-cases/receive-notice';
import { makeHandler as makeMessagesHandler } from '../../functions/ingest-messages/make-handler';
import { makeHandler as makeReviewsHandler } from '../../functions/ingest-reviews/make-handler';
import { lambdaContext } from '../../shared/adapters/lambda/lambda-context';
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
    // The seller's handle alone is one kind of evidence: a case for review, no warning asked.
    expect((await product.cases.openCase('seller-9'))?.requestedRung ?? null).toBeNull();
    await twoComplaints(deps, 'buyer-y', 'seller-9', '2026-04-20');
    expect(await product.cases.openCase('seller-9')).toMatchObject({ requestedRung: 'warn' });

    const audit = (await product.audit.bySeller('seller-2')).entries.map((entry) => entry.action);
    expect(audit).toContain('notifier-restricted');
    expect((await product.audit.bySeller('seller-1')).entries.map((entry) => entry.action)).toContain('notifier-warned');
    const notices = product.notifier.delivered.filter((notice) => notice.to === 'buyer-x@buyers.marketplace.example').map((notice) => notice.subject);
    expect(notices).toContain('Your reports will not be acted on for a period');
    expect(notices).toContain('About your reports to us');
  });
});

describe('a buyer contesting an Art. 23 decision', () => {
  const helpCentre = { id: 'service:help-centre', role: 'service' as const };
  const secondAnalyst = { id: 'bea@marketplace.example', role: 'analyst' as const };

  /** buyer-x warned (2 dismissals), then restricted (the third), as in the test above. */
  async function restricted() {
    const setup = platform();
    for (const [index, day] of ['2026-04-01', '2026-04-05', '2026-04-09'].entries()) {
      await twoComplaints(setup.deps, 'buyer-x', `seller-${index}`, day);
      const open = await setup.product.cases.openCase(`seller-${index}`);
      setup.at(`${day}T12:00:00.000Z`);
      await dismissCase({ caseId: open?.caseId ?? '', reason: 'no contact found after review', category: 'insufficient-evidence' }, analyst, setup.deps);
    }
    return setup;
  }

  it('through the help centre’s route, decided by a person: upheld, the restriction ends, audited and told in the buyer’s language', async () => {
    const { deps, product, at } = await restricted();
    const call = (principal: { id: string; roles: readonly ('analyst' | 'service')[] }, method: string, path: string, body?: unknown) =>
      product.consoleApi().handle({ method, path, query: {}, ...(body === undefined ? {} : { contentType: 'application/json', body: JSON.stringify(body) }) }, () => principal);
    at('2026-04-15T09:00:00.000Z');
    const filed = await call({ id: helpCentre.id, roles: ['service'] }, 'POST', '/v1/service/notifiers/buyer-x/contests', { reason: 'The sellers did write to me; I have the e-mails', language: 'de' });
    expect(filed.status, filed.body).toBe(201);
    expect(JSON.parse(filed.body)).toMatchObject({ counted: false, contest: { of: 'restriction', filedBy: 'service:help-centre' } });
    // A machine decides nothing; a second contest waits for the first.
    expect((await call({ id: helpCentre.id, roles: ['service'] }, 'POST', '/v1/notifiers/buyer-x/contest-decision', { outcome: 'upheld', reason: 'machine' })).status).toBe(403);
    expect((await call({ id: helpCentre.id, roles: ['service'] }, 'POST', '/v1/service/notifiers/buyer-x/contests', { reason: 'again please' })).status).toBe(409);

    at('2026-04-16T09:00:00.000Z');
    const decided = await call({ id: secondAnalyst.id, roles: ['analyst'] }, 'POST', '/v1/notifiers/buyer-x/contest-decision', { outcome: 'upheld', reason: 'the e-mails show the contact' });
    expect(decided.status, decided.body).toBe(200);
    expect(JSON.parse(decided.body)).toMatchObject({ counted: true, unfoundedComplaints: 0, restriction: { until: '2026-04-16T09:00:00.000Z' }, contest: { decision: { outcome: 'upheld', by: secondAnalyst.id } } });

    // Their complaints move cases again.
    const counted = await twoComplaints(deps, 'buyer-x', 'seller-9', '2026-04-20');
    expect(counted.counted).toBe(true);
    expect(await product.cases.openCase('seller-9')).toBeDefined();

    const audit = (await product.audit.bySeller('seller-2')).entries;
    expect(audit.map((entry) => `${entry.actor}:${entry.action}`)).toEqual(expect.arrayContaining(['service:help-centre:notifier-contested', `${secondAnalyst.id}:notifier-contest-upheld`]));
    const told = product.notifier.delivered.filter((notice) => notice.to === 'buyer-x@buyers.marketplace.example' && notice.noticeId.endsWith(':decided'));
    expect(told.map((notice) => notice.subject)).toEqual(['Ihr Einspruch: Wir haben die Entscheidung aufgehoben']);
    expect(told[0]?.text).toContain('the e-mails show the contact');
  });

  it('rejected by an agent’s record and a person’s decision, the restriction stands and the buyer is told where to go next', async () => {
    const { deps, product, at } = await restricted();
    at('2026-04-15T09:00:00.000Z');
    await fileNotifierContest({ buyerId: 'buyer-x', reason: 'I was right every time' }, analyst, deps);
    const after = await decideNotifierContest({ buyerId: 'buyer-x', outcome: 'rejected', reason: 'no contact found in any of the cases' }, secondAnalyst, deps);
    expect(after).toMatchObject({ counted: false, restriction: { until: '2026-07-08T12:00:00.000Z' }, contest: { decision: { outcome: 'rejected' } } });
    expect((await product.audit.bySeller('seller-2')).entries.map((entry) => entry.action)).toContain('notifier-contest-rejected');
    expect(product.notifier.delivered.at(-1)?.subject).toBe('Your contest: the decision stands');
    await expect(decideNotifierContest({ buyerId: 'buyer-x', outcome: 'upheld', reason: 'twice' }, secondAnalyst, deps)).rejects.toThrow(/no contest waiting/);
  });

  it('is refused (409) for a buyer with no sanction, and the standing is readable by the console', async () => {
    const { deps, product } = platform();
    await expect(fileNotifierContest({ buyerId: 'buyer-clean', reason: 'why not' }, analyst, deps)).rejects.toThrow(/nothing to contest/);
    const read = await product.consoleApi().handle({ method: 'GET', path: '/v1/notifiers/buyer-clean', query: {} }, () => ({ id: analyst.id, roles: ['analyst'] }));
    expect(JSON.parse(read.body)).toEqual({ buyerId: 'buyer-clean', unfoundedComplaints: 0, counted: true });
  });
});
