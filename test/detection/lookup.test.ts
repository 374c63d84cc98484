/**
 * Was a report a look-up of negative reviewers (domain/detection/lookup.ts)? Judged against the
 * seller's own baseline: what its reports usually cover, never a fixed share. Pure: evidence in,
 * a verdict out.
 */
import { describe, expect, it } from 'vitest';
import { DETECTION_CONFIG as config, DetectionConfigSchema } from '../../shared/domain/detection/config';
import type { ReportBaseline } from '../../shared/domain/detection/lookup';
import { familywiseBar, judgeReport, lookupWindowBefore, mayCoverNegative, reportSignal } from '../../shared/domain/detection/lookup';
import type { ReportDownloadEvidence, ReviewEvidence } from '../../shared/domain/evidence';
import { reportDownloadEvidence, reviewEvidence } from '../../shared/domain/evidence';
import { addDays } from '../../shared/domain/time';
import { reportDownloaded, reviewPosted } from '../support/events';

const hash = (canonical: string) => `h${canonical.length}`;
const T0 = '2026-03-01T08:00:00.000Z';
const at = (days: number, hours = 0) => new Date(Date.parse(addDays(T0, days)) + hours * 3_600_000).toISOString();

/** One seller's evidence, built day by day. */
class Shop {
  readonly reviews: ReviewEvidence[] = [];
  readonly downloads: ReportDownloadEvidence[] = [];
  private orders = 0;

  newOrders(count: number): string[] {
    return Array.from({ length: count }, () => `O-${++this.orders}`);
  }

  review(orderId: string, rating: number, time: string): ReviewEvidence {
    const record = reviewEvidence(reviewPosted({ sellerId: 'S-1', orderId, rating }, time), hash);
    this.reviews.push(record);
    return record;
  }

  report(orderIds: readonly string[], time: string, reportType = 'orders'): ReportDownloadEvidence {
    const record = reportDownloadEvidence(reportDownloaded({ sellerId: 'S-1', orderIds: [...orderIds], reportType }, time));
    this.downloads.push(record);
    return record;
  }

  baseline(): ReportBaseline {
    return { reviews: this.reviews, downloads: this.downloads, messages: [] };
  }
}

describe('a report that covers no negatively reviewed order', () => {
  it('is no look-up at all', () => {
    const shop = new Shop();
    const [a, b] = shop.newOrders(2);
    shop.review(a ?? '', 5, at(0));
    const report = shop.report([a ?? '', b ?? ''], at(1));
    expect(judgeReport(report, shop.baseline(), config).kind).toBe('no-negative');
  });
});

describe('a report of every recent order', () => {
  it('is routine whatever its negative share: it covers every order the seller’s reports showed since its oldest', () => {
    const shop = new Shop();
    const window: string[] = [];
    let last: ReportDownloadEvidence | undefined;
    for (let day = 0; day < 20; day++) {
      window.push(...shop.newOrders(3));
      // Each morning, every order of the last seven days (about twenty), buyer data included.
      last = shop.report(window.slice(-21), at(day));
      if (day === 15) for (const orderId of window.slice(-9, -5)) shop.review(orderId, 1, at(day, 2));
    }
    const verdict = judgeReport(last ?? shop.report([], at(30)), shop.baseline(), config);
    expect(verdict.kind).toBe('routine');
    expect(verdict.negatives).toHaveLength(4);
    expect(verdict.because).toMatch(/it covers (\d+) of the \1 orders the seller's reports showed since/u);
  });
});

describe('a report of a type the seller downloads routinely', () => {
  /** A shop with a daily returns report; returned orders draw negative reviews, about half of them. */
  function returnsShop(): { shop: Shop; day: number } {
    const shop = new Shop();
    for (let day = 0; day < 30; day++) {
      shop.report(shop.newOrders(4), at(day, -2));
      const returned = shop.newOrders(2);
      shop.review(returned[0] ?? '', 1, at(day, -6));
      if (day % 3 !== 0) shop.review(returned[1] ?? '', 2, at(day, -5));
      shop.report(day % 4 === 0 ? [] : returned, at(day), 'returns');
    }
    return { shop, day: 30 };
  }

  it('is routine when it holds what that type usually holds, however negative: the returns report is full of negative reviews', () => {
    const { shop, day } = returnsShop();
    const returned = shop.newOrders(2);
    for (const orderId of returned) shop.review(orderId, 1, at(day, -6));
    const verdict = judgeReport(shop.report(returned, at(day), 'returns'), shop.baseline(), config);
    expect(verdict.kind).toBe('routine');
    expect(verdict.because).toMatch(/as the seller's routine returns reports do/u);
    expect(reportSignal(shop.report(returned, at(day), 'returns'), verdict, config)).toBeUndefined();
  });

  it('is targeted when it holds far more negative reviews than that type ever does (binomial tail at the type’s share)', () => {
    const shop = new Shop();
    for (let day = 0; day < 40; day++) shop.report(shop.newOrders(3), at(day));
    const looked = shop.newOrders(4);
    for (const orderId of looked) shop.review(orderId, 1, at(40, -30));
    const report = shop.report(looked, at(40));
    const verdict = judgeReport(report, shop.baseline(), config);
    expect(verdict.kind).toBe('targeted');
    expect(verdict.because).toMatch(/far more than the seller's routine orders reports hold/u);
    expect(reportSignal(report, verdict, config)).toMatchObject({ rule: 'targeted-lookup', points: config.signals['targeted-lookup'].points });
  });

  it('is outside the routine, without being targeted by itself, when it holds somewhat more than usual', () => {
    const shop = new Shop();
    for (let day = 0; day < 20; day++) shop.report(shop.newOrders(2), at(day));
    const [looked = ''] = shop.newOrders(1);
    shop.review(looked, 1, at(20, -30));
    const report = shop.report([looked], at(20));
    const verdict = judgeReport(report, shop.baseline(), config);
    expect(verdict.kind).toBe('outside-routine');
    expect(reportSignal(report, verdict, config)).toMatchObject({ rule: 'outside-routine-report', points: 0 });
  });

  /** Forty daily returns reports of four returned orders, one of them negatively reviewed two days in three (a sixth), and the report under test. */
  function dailyReturns(negativeOfUnderTest: number, ordersOfUnderTest: number): { shop: Shop; report: ReportDownloadEvidence } {
    const shop = new Shop();
    for (let day = 0; day < 40; day++) {
      const returned = shop.newOrders(4);
      if (day % 3 !== 0) shop.review(returned[0] ?? '', 1, at(day, -6));
      shop.report(returned, at(day), 'returns');
    }
    const returned = shop.newOrders(ordersOfUnderTest);
    for (const orderId of returned.slice(0, negativeOfUnderTest)) shop.review(orderId, 2, at(40, -6));
    return { shop, report: shop.report(returned, at(40), 'returns') };
  }

  it('is judged against the whole routine, not one report: a tail one of forty daily reports reaches by chance is outside the routine, not targeted', () => {
    // 4 of 4 negative at a sixth's share: p ≈ 0.0008, under alpha (0.01), but above the bar for
    // one of 41 reports (1 - 0.99^(1/41) ≈ 0.00025): a daily routine gets there by chance.
    const { shop, report } = dailyReturns(4, 4);
    const verdict = judgeReport(report, shop.baseline(), config);
    expect(verdict.p ?? 1).toBeLessThan(config.signals['targeted-lookup'].alpha);
    expect(verdict.kind).toBe('outside-routine');
    expect(verdict.because).toMatch(/for one of its 41 returns reports in the window the bar is/u);
    // The versions written before the family-wise bar judged each report at alpha.
    const older = { ...config, signals: { ...config.signals, 'targeted-lookup': { ...config.signals['targeted-lookup'], familywise: undefined } } };
    expect(judgeReport(report, shop.baseline(), older).kind).toBe('targeted');
  });

  it('is still targeted by itself when no routine of that size explains it', () => {
    // 10 of 10 negative at a sixth's share: p ≈ 2e-8, under the bar for one of 41 reports.
    const { shop, report } = dailyReturns(10, 10);
    const verdict = judgeReport(report, shop.baseline(), config);
    expect(verdict.kind).toBe('targeted');
    expect(verdict.because).toMatch(/under [^,]+, the bar for one of its 41 returns reports/u);
  });

  it('takes the family-wise bar from Šidák: one report at alpha, m reports at 1 - (1 - alpha)^(1/m)', () => {
    expect(familywiseBar(0.01, 1)).toBe(0.01);
    expect(familywiseBar(0.01, 41)).toBeCloseTo(1 - 0.99 ** (1 / 41), 12);
    expect(1 - (1 - familywiseBar(0.01, 60)) ** 60).toBeCloseTo(0.01, 12);
  });

  it('counts the type’s reports of the weeks after it too: a first report of a routine is routine', () => {
    const shop = new Shop();
    for (let day = -10; day < 10; day++) shop.report(shop.newOrders(5), at(day, -3));
    const first = shop.newOrders(2);
    for (const orderId of first) shop.review(orderId, 1, at(0, -5));
    const report = shop.report(first, at(0), 'returns');
    const before = judgeReport(report, shop.baseline(), config);
    for (let day = 1; day < 12; day++) {
      const returned = day % 3 === 0 ? [] : shop.newOrders(2);
      if (returned[0]) shop.review(returned[0], 1, at(day, -5));
      shop.report(returned, at(day), 'returns');
    }
    const after = judgeReport(report, shop.baseline(), config);
    expect(before.kind).not.toBe('routine');
    expect(after.kind).toBe('routine');
  });
});

describe('a report of a type the seller has no routine of', () => {
  function shopWithOrders(): Shop {
    const shop = new Shop();
    for (let day = 0; day < 30; day++) {
      const orders = shop.newOrders(2);
      shop.report(orders, at(day));
      if (day % 10 === 5) shop.review(orders[0] ?? '', 1, at(day, 30));
      else shop.review(orders[1] ?? '', 5, at(day, 30));
    }
    return shop;
  }

  it('is no targeted look-up by itself when it covers one negative reviewer of a small shop: a small sample is not enough', () => {
    const shop = shopWithOrders();
    const [order = ''] = shop.newOrders(1);
    shop.review(order, 1, at(30, -20));
    const verdict = judgeReport(shop.report([order], at(31), 'customer-contacts'), shop.baseline(), config);
    expect(verdict.kind).toBe('outside-routine');
    expect(verdict.because).toMatch(/hypergeometric|picked at random/u);
  });

  it('is tagged a one-off pull when it holds only negative reviewers, and not when other orders pad it', () => {
    const shop = shopWithOrders();
    const [order = '', other = ''] = shop.newOrders(2);
    shop.review(order, 1, at(30, -20));
    const download = shop.report([order], at(31), 'customer-contacts');
    expect(reportSignal(download, judgeReport(download, shop.baseline(), config), config)?.tags).toContain('one-off-pull');
    const padded = shop.report([order, other], at(31, 1), 'customer-contacts');
    expect(reportSignal(padded, judgeReport(padded, shop.baseline(), config), config)?.tags ?? []).not.toContain('one-off-pull');
  });

  it('is targeted when the seller’s reports outside its routine, together, pick negative reviewers again and again', () => {
    const shop = shopWithOrders();
    const outside = new Set<string>();
    let verdict = judgeReport(shop.report([], at(30), 'customer-contacts'), shop.baseline(), config);
    for (let i = 0; i < 3; i++) {
      const [order = ''] = shop.newOrders(1);
      shop.review(order, 1, at(31 + 5 * i, -20));
      const report = shop.report([order], at(31 + 5 * i), 'customer-contacts');
      verdict = judgeReport(report, shop.baseline(), config, outside);
      outside.add(report.eventId);
    }
    expect(verdict.kind).toBe('targeted');
    expect(verdict.pattern).toHaveLength(2);
    expect(verdict.p).toBeLessThanOrEqual(config.signals['targeted-lookup'].alpha);
  });

  it('is routine when nothing about it is selective: it covers every order the seller had', () => {
    const shop = new Shop();
    const orders = shop.newOrders(6);
    shop.review(orders[0] ?? '', 1, at(0));
    shop.review(orders[1] ?? '', 5, at(0));
    const verdict = judgeReport(shop.report(orders, at(1), 'invoices'), shop.baseline(), config);
    expect(verdict.kind).toBe('routine');
    expect(verdict.because).toMatch(/nothing selective/u);
  });
});

describe('the quick question a report asks of the negative postings index', () => {
  const max = config.signals['targeted-lookup'].maxDaysAfterReview;
  const negatives = (shop: Shop) =>
    shop.reviews.filter((review) => review.action === 'posted' && (review.rating ?? 5) <= config.evidence.negativeMaxRating);

  it('says a report may cover a negative review when one of its orders was negatively reviewed in the look-up window before it', () => {
    const shop = new Shop();
    const [inside, early, late, fine] = shop.newOrders(4) as [string, string, string, string];
    shop.review(inside, 1, at(-3));
    shop.review(early, 2, at(-(max + 1)));
    shop.review(fine, 5, at(-2));
    const report = shop.report([inside, early, late, fine], at(0));
    shop.review(late, 1, at(1));
    expect(mayCoverNegative(report, negatives(shop), config)).toBe(true);
    expect(judgeReport(report, shop.baseline(), config).kind).not.toBe('no-negative');
    const without = shop.report([early, late, fine], at(0, 1));
    expect(mayCoverNegative(without, negatives(shop), config)).toBe(false);
    expect(judgeReport(without, shop.baseline(), config).kind).toBe('no-negative');
  });

  it('never says no where the verdict on every review finds a negative one: over many random shops', () => {
    let random = 7;
    const next = () => (random = (random * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round++) {
      const shop = new Shop();
      const orders = shop.newOrders(30);
      // Some orders reviewed twice (an earlier negative posting outside the window, a later one inside).
      for (const orderId of orders) {
        for (let n = next() < 0.2 ? 2 : 1; n > 0; n--) {
          if (next() < 0.6) shop.review(orderId, 1 + Math.floor(next() * 5), at(-Math.floor(next() * 120), Math.floor(next() * 24)));
        }
      }
      const report = shop.report(orders.filter(() => next() < 0.2), at(0));
      const window = lookupWindowBefore(report, config);
      const indexed = negatives(shop).filter((review) => review.time >= window.from && review.time <= window.to);
      if (!mayCoverNegative(report, indexed, config)) expect(judgeReport(report, shop.baseline(), config).kind).toBe('no-negative');
    }
  });
});

describe('several reports outside the routine, none improbable by itself (pooled, rule 4)', () => {
  const withoutPooling = (() => {
    const { pooled: _dropped, ...lookup } = config.signals['targeted-lookup'];
    return DetectionConfigSchema.parse({ ...config, signals: { ...config.signals, 'targeted-lookup': lookup } });
  })();

  /**
   * A shop that downloads its new orders and its shipments each morning (two orders each), then
   * looks up negative reviewers every three days, each padded with two recent orders, alternating
   * the report type. `sameReviewer`: every look-up is of one and the same reviewer.
   */
  function lookingUpShop(judgedBy = config, sameReviewer = false) {
    const shop = new Shop();
    const daily: ReportDownloadEvidence[] = [];
    for (let day = 0; day < 60; day++) {
      for (const type of ['orders', 'shipments']) daily.push(shop.report(shop.newOrders(2), at(day, -3), type));
    }
    const outside = new Set<string>();
    const verdicts: ReturnType<typeof judgeReport>[] = [];
    const reports: ReportDownloadEvidence[] = [];
    const oldOrders = daily.filter((report) => report.reportType === 'orders' && report.time < at(5));
    for (let i = 0; i < 4; i++) {
      const day = 30 + 3 * i;
      const reviewed = oldOrders[sameReviewer ? 0 : i]?.orderIds[0] ?? '';
      if (!sameReviewer || i === 0) shop.review(reviewed, 1, at(day, -20));
      const padding = daily.filter((report) => report.time < at(day)).slice(-6).flatMap((report) => report.orderIds).slice(-2);
      const report = shop.report([reviewed, ...padding], at(day), i % 2 === 0 ? 'orders' : 'shipments');
      const verdict = judgeReport(report, shop.baseline(), judgedBy, outside);
      if (verdict.kind === 'targeted' || verdict.kind === 'outside-routine') outside.add(report.eventId);
      verdicts.push(verdict);
      reports.push(report);
    }
    return { verdicts, reports };
  }

  it('is a targeted look-up when the routine would seldom give as many, and says which reports, what they held, against what', () => {
    const { verdicts, reports } = lookingUpShop();
    expect(verdicts.slice(0, 3).map((verdict) => verdict.kind)).toEqual(['outside-routine', 'outside-routine', 'outside-routine']);
    const last = verdicts[3];
    const report = reports[3];
    if (!last || !report) throw new Error('four look-ups');
    expect(last).toMatchObject({ kind: 'targeted', pooled: true });
    expect(last.p).toBeLessThanOrEqual(config.signals['targeted-lookup'].pooled?.alpha ?? 0);
    expect(last.pattern).toEqual(reports.slice(0, 3).map((other) => other.eventId));
    for (const other of reports.slice(0, 3)) expect(last.because).toContain(other.downloadId);
    expect(last.because).toMatch(/4 of its \d+ routine orders\/shipments reports fell outside the routine, each with a negative reviewer none of the others held/u);
    expect(last.because).toMatch(/would give about \d+\.\d .*orders \d+\.\d%, shipments \d+\.\d%\): as many with p = /u);
    const signal = reportSignal(report, last, config);
    expect(signal).toMatchObject({ rule: 'targeted-lookup', p: last.p });
    expect(signal?.tags).toContain('pooled');
    expect(signal?.evidenceIds).toEqual(expect.arrayContaining(reports.slice(0, 3).map((other) => other.eventId)));
  });

  it('counts one reviewer once: the same review in several reports is one piece of evidence', () => {
    const { verdicts } = lookingUpShop(config, true);
    expect(verdicts.some((verdict) => verdict.pooled === true)).toBe(false);
    expect(verdicts.filter((verdict) => verdict.kind === 'outside-routine').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the meaning of versions written before it: without `pooled`, each report is judged by itself', () => {
    expect(withoutPooling.signals['targeted-lookup'].pooled).toBeUndefined();
    const { verdicts } = lookingUpShop(withoutPooling);
    expect(verdicts.map((verdict) => verdict.kind)).toEqual(['outside-routine', 'outside-routine', 'outside-routine', 'outside-routine']);
  });

  it('does not fire on a returns processor: its daily returns reports fall outside the routine now and then, as chance has them', () => {
    // Every day the orders returned, each negatively reviewed about half the time (a fixed
    // pseudo-random sequence), and the returns report of them.
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const shop = new Shop();
    const outside = new Set<string>();
    const kinds: string[] = [];
    for (let day = 0; day < 90; day++) {
      shop.report(shop.newOrders(6), at(day, -3));
      const returned = shop.newOrders(1 + Math.floor(next() * 5));
      for (const orderId of returned) if (next() < 0.45) shop.review(orderId, 1, at(day, -6));
      const report = shop.report(returned, at(day), 'returns');
      const verdict = judgeReport(report, shop.baseline(), config, outside);
      if (verdict.kind === 'targeted' || verdict.kind === 'outside-routine') outside.add(report.eventId);
      kinds.push(verdict.pooled ? 'pooled' : verdict.kind);
    }
    expect(kinds.filter((kind) => kind === 'outside-routine').length).toBeGreaterThanOrEqual(2);
    expect(kinds).not.toContain('pooled');
  });
});
