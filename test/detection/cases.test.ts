/**
 * What a seller's signals mean together (domain/detection/assessment.ts) and the case they open
 * (domain/cases/case.ts): corroboration before a warning, new evidence for every later rung, and an
 * answer that follows from the signals' own times whatever order they come in.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/cases/case';
import { askForNextRung, caseHistory, caseIdFor, decideCase } from '../../shared/domain/cases/case';
import { nextRungToRun } from '../../shared/domain/ladder/policy';
import { episodeOf, kindsOf, warrantsWarning } from '../../shared/domain/detection/assessment';
import { configVersionOf, DETECTION_CONFIG as config } from '../../shared/domain/detection/config';
import type { RuleName, Signal } from '../../shared/domain/detection/signals';
import { addDays } from '../../shared/domain/time';

let counter = 0;
const T0 = '2026-01-01T00:00:00.000Z';
const signal = (days: number, rule: RuleName, tags: string[] = [], extra: Partial<Signal> = {}): Signal => ({
  signalId: `${rule}:${++counter}`,
  sellerId: 'S-1',
  rule,
  time: addDays(T0, days),
  points: 25,
  explanation: `${rule} ${counter}.`,
  evidenceIds: [`evt-${counter}`],
  tags,
  configVersion: configVersionOf(config),
  ...extra,
});
const lookup = (days: number, buyers: string[] = []) => signal(days, 'targeted-lookup', ['targeted-lookup', ...buyers.map((buyer) => `buyer:${buyer}`)]);
const contact = (days: number, buyer = 'B-1') => signal(days, 'seller-message', ['off_platform_contact', 'handle', `buyer:${buyer}`]);
const solicitation = (days: number) => signal(days, 'seller-message', ['review_manipulation', 'explicit', 'buyer:B-9']);
const complaint = (days: number, buyer: string) => signal(days, 'buyer-complaint', ['buyer-complaint', `buyer:${buyer}`]);

const opened = (signals: Signal[]): Case => {
  const decision = decideCase('S-1', signals, undefined, config);
  if (decision.action !== 'open') throw new Error(`expected a case to open, got ${decision.action}`);
  return decision.case;
};

describe('what warrants a warning', () => {
  it('never a lone look-up, nor one classifier hit other than an explicit request', () => {
    expect(warrantsWarning([lookup(0)], config)).toBeUndefined();
    expect(warrantsWarning([contact(0)], config)).toBeUndefined();
    expect(warrantsWarning([signal(0, 'seller-message', ['intimidation', 'buyer:B-1'])], config)).toBeUndefined();
    expect(warrantsWarning([signal(0, 'unexplained-flips', ['unexplained-flips'])], config)).toBeUndefined();
  });

  it('never two labels of one message: one classifier hit is not two kinds of evidence', () => {
    const both = signal(0, 'seller-message', ['off_platform_contact', 'intimidation', 'handle', 'buyer:B-1']);
    expect(kindsOf(both)).toEqual(['contact', 'pressure']);
    expect(warrantsWarning([both], config)).toBeUndefined();
  });

  it('one explicit request to change a review, by itself', () => {
    expect(warrantsWarning([solicitation(0)], config)).toMatch(/^An explicit request to change a review/u);
  });

  it("never the classifier's model alone reading a request: one classifier hit, which needs corroboration", () => {
    const modelOnly = signal(0, 'seller-message', ['review_manipulation', 'buyer:B-9']);
    expect(kindsOf(modelOnly)).toEqual(['solicitation']);
    expect(warrantsWarning([modelOnly], config)).toBeUndefined();
    expect(warrantsWarning([modelOnly, lookup(2)], config)).toMatch(/^Two independent kinds of evidence: a request to change a review/u);
  });

  it('a look-up of a buyer whose review then flipped, beside the seller’s improbable unexplained flips: two kinds', () => {
    const lookupThenFlip = signal(3, 'lookup-then-flip', ['lookup-then-flip']);
    expect(warrantsWarning([lookupThenFlip], config)).toBeUndefined();
    expect(warrantsWarning([lookupThenFlip, signal(3, 'unexplained-flips', ['unexplained-flips'])], config)).toMatch(/^Two independent kinds of evidence: a targeted look-up .*; and unexplained flips/u);
  });

  it('two independent kinds of evidence, each named', () => {
    const because = warrantsWarning([lookup(0), signal(3, 'unexplained-flips', ['unexplained-flips'])], config);
    expect(because).toMatch(/^Two independent kinds of evidence: a targeted look-up \(.*\); and unexplained flips \(.*\)$/u);
  });

  it('a pattern decisive by itself: look-ups followed by flips', () => {
    expect(warrantsWarning([signal(0, 'lookup-then-flip', ['lookup-then-flip', 'decisive'])], config)).toMatch(/^A pattern decisive by itself/u);
  });

  it('flips no chance explains are one kind of evidence: a case for review alone, a warning with a second kind', () => {
    expect(config.cases.corroboration.flipsWarnAlone).toBe(false);
    const flips = (days: number) => signal(days, 'unexplained-flips', ['unexplained-flips', 'decisive']);
    expect(warrantsWarning([flips(0)], config)).toBeUndefined();
    expect(warrantsWarning([lookup(0), flips(3)], config)).toMatch(/^Two independent kinds of evidence: a targeted look-up \(.*\); and unexplained flips/u);
    const lone = episodeOf([flips(0)], undefined, config);
    expect(lone?.requests).toEqual([]);
    expect(lone?.review?.because).toMatch(/^One kind of evidence, not corroborated: unexplained flips/u);
    // Versions written before the field keep their meaning: such flips warn by themselves.
    const { flipsWarnAlone: _left, ...before } = config.cases.corroboration;
    const older = { ...config, cases: { ...config.cases, corroboration: before } };
    expect(warrantsWarning([flips(0)], older)).toMatch(/^A pattern decisive by itself/u);
  });

  it('independent witnesses of one practice: off-platform handles sent to several buyers, complaints from several harassed buyers', () => {
    const buyers = Array.from({ length: config.cases.corroboration.contactPracticeBuyers }, (_, i) => `B-${i}`);
    expect(warrantsWarning(buyers.slice(0, -1).map((buyer, i) => contact(i, buyer)), config)).toBeUndefined();
    expect(warrantsWarning(buyers.map((buyer, i) => contact(i, buyer)), config)).toMatch(/sent to 3 different buyers/u);
    expect(warrantsWarning([complaint(0, 'B-1'), complaint(4, 'B-1')], config)).toBeUndefined();
    expect(warrantsWarning([complaint(0, 'B-1'), complaint(4, 'B-2')], config)).toMatch(/2 buyers the seller could have harassed complained independently/u);
  });

  it('one-off pulls of different negative reviewers in separate reports: a practice, not one look-up', () => {
    const pull = (days: number, rule: RuleName, buyer: string) => signal(days, rule, [rule === 'targeted-lookup' ? 'targeted-lookup' : 'outside-routine', 'one-off-pull', `buyer:${buyer}`]);
    const later = (days: number) => signal(days, 'outside-routine-report', ['outside-routine', 'buyer:B-5'], { points: 0 });
    const pulls = [pull(0, 'outside-routine-report', 'B-1'), pull(20, 'targeted-lookup', 'B-2')];
    // Only final pulls count: the second is younger than the routine's forward days (a report of its
    // type in the next two weeks would make it routine), so the warning waits for evidence after that.
    const forward = config.signals['targeted-lookup'].routineForwardDays;
    expect(config.signals['targeted-lookup'].oneOffPullFinal).toBe(true);
    expect(warrantsWarning(pulls, config)).toBeUndefined();
    expect(warrantsWarning([...pulls, later(20 + forward - 1)], config)).toBeUndefined();
    expect(warrantsWarning([...pulls, later(20 + forward)], config)).toMatch(/One-off pulls of 2 different negative reviewers' data in 2 reports/u);
    // Without the field (older versions), the pulls count as they come.
    const older = { ...config, signals: { ...config.signals, 'targeted-lookup': { ...config.signals['targeted-lookup'], oneOffPullFinal: undefined } } };
    expect(warrantsWarning(pulls, older)).toMatch(/One-off pulls of 2 different negative reviewers' data in 2 reports/u);
    // Two pulls outside the routine, neither targeted by itself: context, not a decision's facts.
    expect(warrantsWarning([pull(0, 'outside-routine-report', 'B-1'), pull(20, 'outside-routine-report', 'B-2')], config)).toBeUndefined();
    // One pull, or two pulls of the same buyer, is one look-up.
    expect(warrantsWarning([pull(0, 'targeted-lookup', 'B-1')], config)).toBeUndefined();
    expect(warrantsWarning([pull(0, 'outside-routine-report', 'B-1'), pull(20, 'targeted-lookup', 'B-1')], config)).toBeUndefined();
    // Reports outside a routine type (a returns processor's fuller returns reports) are no one-off pulls.
    const routineType = (days: number, buyer: string) => signal(days, 'outside-routine-report', ['outside-routine', `buyer:${buyer}`]);
    expect(warrantsWarning([routineType(0, 'B-1'), routineType(1, 'B-2'), lookup(2, ['B-3'])], config)).toBeUndefined();
  });

  it('a one-off pull opens a case for review, never a warning; other reports outside the routine open nothing', () => {
    const pull = signal(0, 'outside-routine-report', ['outside-routine', 'one-off-pull', 'buyer:B-3'], { points: 0 });
    const episode = episodeOf([pull], undefined, config);
    expect(episode?.requests).toEqual([]);
    expect(episode?.openedAt).toBe(pull.time);
    expect(episode?.review?.because).toMatch(/^No evidence yet, a one-off pull: a report of a type the seller never downloads otherwise/u);
    expect(episodeOf([signal(0, 'outside-routine-report', ['outside-routine', 'buyer:B-3'], { points: 0 })], undefined, config)).toBeUndefined();
    const older = { ...config, signals: { ...config.signals, 'outside-routine-report': { enabled: true, points: 0 } } };
    expect(episodeOf([pull], undefined, older)).toBeUndefined();
    // With a message to that buyer after it, the same case asks for a warning, opened at the pull.
    const later = episodeOf([pull, contact(2, 'B-3')], undefined, config);
    expect(later?.requests.map((request) => request.rung)).toEqual(['warn']);
    expect(later?.openedAt).toBe(pull.time);
  });

  it('a look-up of a buyer outside the routine, then a flagged message to the same buyer (or the buyer’s complaint)', () => {
    const outside = signal(0, 'outside-routine-report', ['outside-routine', 'buyer:B-7'], { points: 0 });
    expect(kindsOf(outside)).toEqual([]);
    expect(warrantsWarning([outside, contact(1, 'B-8')], config)).toBeUndefined();
    expect(warrantsWarning([outside, contact(1, 'B-7')], config)).toMatch(/^Buyer B-7's data was downloaded outside the seller's routine/u);
    expect(warrantsWarning([contact(0, 'B-7'), signal(1, 'outside-routine-report', ['outside-routine', 'buyer:B-7'])], config)).toBeUndefined();
    // Any message the classifier flags, even one only its model read as a request.
    const modelOnly = signal(2, 'seller-message', ['review_manipulation', 'buyer:B-7']);
    expect(warrantsWarning([modelOnly], config)).toBeUndefined();
    expect(warrantsWarning([outside, modelOnly], config)).toMatch(/^Buyer B-7's data was downloaded outside the seller's routine .*was sent a message the classifier flags/u);
  });
});

describe('the episode a seller’s signals make', () => {
  it('asks for a warning at the event time of the evidence that crossed, not of the first or the latest; opens for review at the first', () => {
    const signals = [lookup(0), contact(5), lookup(9)];
    const episode = episodeOf(signals, undefined, config);
    expect(episode?.requests.map((request) => [request.rung, request.at])).toEqual([['warn', addDays(T0, 5)]]);
    expect(episode?.review?.at).toBe(addDays(T0, 0));
    expect(episode?.openedAt).toBe(addDays(T0, 0));
  });

  it('opens for review on one kind of evidence, uncorroborated, asking for no rung, and says so in one sentence', () => {
    const episode = episodeOf([lookup(0), lookup(3)], undefined, config);
    expect(episode?.requests).toEqual([]);
    expect(episode?.openedAt).toBe(addDays(T0, 0));
    expect(episode?.review?.because).toMatch(/^One kind of evidence, not corroborated: a targeted look-up \(targeted-lookup \d+\)$/u);
    // Two labels of one message are one classifier hit, named as one.
    const both = signal(1, 'seller-message', ['off_platform_contact', 'intimidation', 'handle', 'buyer:B-1']);
    expect(episodeOf([both], undefined, config)?.review?.because).toMatch(/^One kind of evidence, not corroborated: one classifier hit showing a move off the platform and pressure on the buyer/u);
  });

  it('opens no review for context alone (a report outside the routine), nor when the first evidence warrants a warning by itself', () => {
    expect(episodeOf([signal(0, 'outside-routine-report', ['buyer:B-1'])], undefined, config)).toBeUndefined();
    const decisive = episodeOf([solicitation(0), lookup(3)], undefined, config);
    expect(decisive?.review).toBeUndefined();
    expect(decisive?.openedAt).toBe(addDays(T0, 0));
  });

  it('is the same whatever order the signals are given in', () => {
    const signals = [lookup(0), contact(5), solicitation(20), contact(30, 'B-2'), lookup(41)];
    const shuffled = [signals[3], signals[0], signals[4], signals[2], signals[1]].filter((item): item is Signal => item !== undefined);
    expect(episodeOf(shuffled, undefined, config)).toEqual(episodeOf(signals, undefined, config));
  });

  it('asks for each later rung only on new evidence dated the grace period or more after the previous request', () => {
    const grace = config.cases.escalationGraceDays;
    const episode = episodeOf([solicitation(0), solicitation(1), solicitation(grace + 1), solicitation(grace + 2), solicitation(2 * grace + 2)], undefined, config);
    expect(episode?.requests.map((request) => [request.rung, request.at])).toEqual([
      ['warn', addDays(T0, 0)],
      ['coach', addDays(T0, grace + 1)],
      ['suspend', addDays(T0, 2 * grace + 2)],
    ]);
    expect(episode?.requests[1]?.because).toMatch(/^New evidence 7 days or more after the warn was asked for/u);
  });

  it('never counts a withdrawn signal, nor evidence from before the seller’s last case ended', () => {
    expect(episodeOf([{ ...solicitation(0), withdrawn: true }], undefined, config)).toBeUndefined();
    expect(episodeOf([solicitation(0)], addDays(T0, 1), config)).toBeUndefined();
  });

  it('counts evidence for the window only: a look-up and a contact half a year apart are not corroboration', () => {
    const episode = episodeOf([lookup(0), contact(config.evidence.windowDays + 10)], undefined, config);
    expect(episode?.requests).toEqual([]);
    expect(episode?.review?.at).toBe(addDays(T0, 0));
  });
});

describe('case decisions', () => {
  it('opens nothing without evidence', () => {
    expect(decideCase('S-1', [signal(0, 'outside-routine-report', ['buyer:B-1'])], undefined, config)).toEqual({ action: 'none' });
  });

  it('opens a case for review on a lone look-up: no rung asked for, nothing for the ladder to run', () => {
    const item = opened([lookup(0)]);
    expect(item).toMatchObject({ caseId: caseIdFor('S-1', 1), status: 'open', requestedRung: null, rungRequestedAt: null, openedAt: addDays(T0, 0), rungRequests: [] });
    expect(item.openedRung).toBeUndefined();
    expect(item.review?.because).toMatch(/^One kind of evidence, not corroborated: a targeted look-up/u);
    expect(nextRungToRun(item)).toBeNull();
  });

  it('turns the same case for review into a warning when a second kind of evidence comes, as of that evidence', () => {
    const first = lookup(0, ['B-1']);
    const review = opened([first]);
    const second = contact(4, 'B-2');
    const update = decideCase('S-1', [first, second], review, config);
    if (update.action !== 'update') throw new Error(`expected an update, got ${update.action}`);
    expect(update.case).toMatchObject({ caseId: review.caseId, openedAt: addDays(T0, 0), requestedRung: 'warn', rungRequestedAt: second.time, openedRung: 'warn', review: review.review });
    expect(update.case.rungRequests?.[0]).toMatchObject({ rung: 'warn', at: second.time, signalId: second.signalId });
    expect(update.case.rungRequests?.[0]?.because).toMatch(/^Two independent kinds of evidence/u);
    expect(nextRungToRun(update.case)).toBe('warn');
    // Decided on all the signals at once, the same case.
    expect(opened([second, first])).toEqual({ ...update.case, version: 1, updatedAt: update.case.updatedAt });
  });

  it('opens a case at the warning, without a review, when its first evidence warrants one, with its id from the seller and which of its cases it is', () => {
    const item = opened([lookup(0, ['B-1']), contact(0, 'B-1')]);
    expect(item).toMatchObject({ caseId: caseIdFor('S-1', 1), status: 'open', requestedRung: 'warn', openedRung: 'warn', openedAt: addDays(T0, 0), version: 1 });
    expect(item.review).toBeUndefined();
    expect(caseIdFor('S-1', 2)).not.toBe(item.caseId);
  });

  it('drops the review when a late, earlier event warrants a warning from the start, keeping the id', () => {
    const review = opened([lookup(5)]);
    const update = decideCase('S-1', [lookup(5), solicitation(2)], review, config);
    if (update.action !== 'update') throw new Error(`expected an update, got ${update.action}`);
    expect(update.case).toMatchObject({ caseId: review.caseId, openedAt: addDays(T0, 2), requestedRung: 'warn', openedRung: 'warn' });
    expect(update.case.review).toBeUndefined();
  });

  it('an analyst asking for a warning on a case for review starts the ladder at warn, and later evidence never lowers it', () => {
    const first = lookup(0);
    const asked = askForNextRung(opened([first]), addDays(T0, 1));
    expect(asked).toMatchObject({ requestedRung: 'warn', rungRequestedAt: addDays(T0, 1), openedRung: 'warn' });
    expect(nextRungToRun(asked)).toBe('warn');
    const later = decideCase('S-1', [first, lookup(2)], asked, config);
    expect(later.action === 'update' ? later.case.requestedRung : asked.requestedRung).toBe('warn');
  });

  it('a dismissed case for review ends the episode: its evidence opens nothing again, later evidence opens the next case', () => {
    const review = opened([lookup(0)]);
    const history = caseHistory([{ ...review, status: 'dismissed', closure: { by: 'ana', role: 'analyst', reason: 'routine', at: addDays(T0, 3), category: 'insufficient-evidence' } }]);
    expect(decideCase('S-1', [lookup(0)], undefined, config, history)).toEqual({ action: 'none' });
    const next = decideCase('S-1', [lookup(0), contact(5)], undefined, config, history);
    expect(next.action === 'open' && next.case).toMatchObject({ caseId: caseIdFor('S-1', 2), requestedRung: null, openedAt: addDays(T0, 5) });
  });

  it('brings the open case up to what later evidence asks for, and changes nothing when nothing changed', () => {
    const first = solicitation(0);
    const item = opened([first]);
    const later = solicitation(config.cases.escalationGraceDays + 1);
    const update = decideCase('S-1', [first, later], item, config);
    expect(update.action === 'update' && update.case).toMatchObject({ version: 2, requestedRung: 'coach', rungRequestedAt: later.time });
    expect(decideCase('S-1', [first], item, config)).toEqual({ action: 'none' });
  });

  it('moves the opening time of the open case when an earlier event arrives late, keeping its id', () => {
    const crossing = contact(10);
    const late = opened([lookup(8), crossing, lookup(12)]);
    const update = decideCase('S-1', [lookup(8), crossing, lookup(12), solicitation(3)], late, config);
    expect(update.action === 'update' && update.case).toMatchObject({ caseId: late.caseId, openedAt: addDays(T0, 3) });
  });

  it('never lowers the rung a case asks for', () => {
    const item = { ...opened([solicitation(0)]), requestedRung: 'suspend' as const };
    const update = decideCase('S-1', [solicitation(0), solicitation(1)], item, config);
    expect(update.action === 'update' ? update.case.requestedRung : item.requestedRung).toBe('suspend');
  });

  it('numbers the seller’s cases: a case after a closed one is the next episode, counting evidence after it only', () => {
    const history = caseHistory([{ status: 'dismissed', closure: { by: 'ana', role: 'analyst', reason: 'false positive', at: addDays(T0, 10) }, updatedAt: addDays(T0, 10) }]);
    expect(history).toEqual({ episode: 2, since: addDays(T0, 10) });
    expect(decideCase('S-1', [solicitation(0)], undefined, config, history)).toEqual({ action: 'none' });
    const next = decideCase('S-1', [solicitation(0), solicitation(11)], undefined, config, history);
    expect(next.action === 'open' && next.case.caseId).toBe(caseIdFor('S-1', 2));
  });
});

describe('the kill switch', () => {
  const without = (rule: RuleName) => ({ ...config, version: 2, signals: { ...config.signals, [rule]: { ...config.signals[rule], enabled: false } } });

  it("a disabled rule's signals open no case, and the others still do", () => {
    expect(decideCase('S-1', [solicitation(0)], undefined, without('seller-message'))).toEqual({ action: 'none' });
    expect(decideCase('S-1', [solicitation(0)], undefined, without('ring')).action).toBe('open');
  });

  it("a disabled rule's signals no longer count towards corroboration", () => {
    const pair = [lookup(0, ['B-1']), contact(1, 'B-1')];
    expect(decideCase('S-1', pair, undefined, config).action).toBe('open');
    const alone = decideCase('S-1', pair, undefined, without('targeted-lookup'));
    expect(alone.action === 'open' && alone.case).toMatchObject({ requestedRung: null, openedAt: addDays(T0, 1) });
  });

  it('a disabled rule escalates no open case, and the case it opened stays open, at its rung', () => {
    const warned = opened([solicitation(0)]);
    const later = [solicitation(0), solicitation(30)];
    const escalated = decideCase('S-1', later, warned, config);
    expect(escalated.action === 'update' ? escalated.case.requestedRung : undefined).toBe('coach');
    const switchedOff = decideCase('S-1', later, warned, without('seller-message'));
    expect(switchedOff).toEqual({ action: 'none' });
  });
});
