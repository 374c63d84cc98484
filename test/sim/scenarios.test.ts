/**
 * The scenarios of issue 12, as `offside simulate` (the default preset) writes them: each later
 * kind has the properties its description promises, seen only through what the platform sees (the
 * events and the complaints the console takes in) and the simulator's own truth. Nothing here runs
 * detection, so a change to detection cannot make these pass or fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BuyerComplaintInput } from '../../events/v1/complaint';
import { parseEventJson } from '../../events/v1/parse';
import type { MessageSent, OffsideEvent, ReportDownloaded } from '../../events/v1/schemas';
import { visible } from '../../tools/sim/expectations';
import { simulateMarketplace } from '../../tools/sim/marketplace';
import type { Simulation } from '../../tools/sim/marketplace';
import { POPULAR_APPS } from '../../tools/sim/operations';
import { HONEST_KINDS, SELLER_KINDS, VIOLATOR_KINDS } from '../../tools/sim/truth';
import type { SellerKind, TruthSeller } from '../../tools/sim/truth';

const DAY = 86_400_000;
/** The measured configuration (docs/detection-scenarios.md): 500 sellers, 120 days, seed 1. */
const DAYS = 120;
const at = (event: { time: string }) => Date.parse(event.time);

interface Posting {
  readonly sellerId: string;
  readonly buyerId: string;
  readonly rating: number;
  readonly time: number;
  /** When the buyer removed it or raised it to 4-5 stars, if they did. */
  flippedAt?: number;
}

/** What the platform saw, indexed for the checks below. */
class Seen {
  readonly events: OffsideEvent[] = [];
  invalid = 0;
  readonly postingByOrder = new Map<string, Posting>();
  readonly postingsBySeller = new Map<string, Posting[]>();
  readonly reportsBySeller = new Map<string, ReportDownloaded[]>();
  readonly sellerMessages = new Map<string, MessageSent[]>();
  readonly buyersBySeller = new Map<string, Set<string>>();

  constructor(sim: Simulation) {
    const ids = new Set<string>();
    for (const line of sim.lines()) {
      const parsed = parseEventJson(line);
      if (!parsed.ok) {
        this.invalid++;
        continue;
      }
      if (ids.has(parsed.event.id)) continue;
      ids.add(parsed.event.id);
      this.events.push(parsed.event);
    }
    this.events.sort((a, b) => at(a) - at(b));
    for (const e of this.events) {
      const buyers = this.buyersBySeller.get(e.data.sellerId) ?? new Set<string>();
      this.buyersBySeller.set(e.data.sellerId, buyers);
      if (e.type !== 'report.downloaded') buyers.add(e.data.buyerId);
      if (e.type === 'review.posted') {
        const posting = { sellerId: e.data.sellerId, buyerId: e.data.buyerId, rating: e.data.rating, time: at(e) };
        this.postingByOrder.set(e.data.orderId, posting);
        push(this.postingsBySeller, e.data.sellerId, posting);
      } else if (e.type === 'review.edited' || e.type === 'review.removed') {
        const posting = this.postingByOrder.get(e.data.orderId);
        const flip = e.type === 'review.edited' ? e.data.rating >= 4 : e.data.removedBy === 'buyer';
        if (posting && posting.rating <= 2 && flip && posting.flippedAt === undefined) posting.flippedAt = at(e);
      } else if (e.type === 'report.downloaded') {
        push(this.reportsBySeller, e.data.sellerId, e);
      } else if (e.data.sender === 'seller') {
        push(this.sellerMessages, e.data.sellerId, e);
      }
    }
  }

  reports(sellerId: string, pii = true): ReportDownloaded[] {
    return (this.reportsBySeller.get(sellerId) ?? []).filter((r) => r.data.containsBuyerPii === pii);
  }

  /** The report's orders that had a 1-2 star review before it was downloaded. */
  negativeBefore(report: ReportDownloaded): string[] {
    return report.data.orderIds.filter((o) => {
      const posting = this.postingByOrder.get(o);
      return posting !== undefined && posting.rating <= 2 && posting.time < at(report);
    });
  }

  /** Seller messages to the buyer inside [from, to]. */
  messagesTo(sellerId: string, buyerId: string, from: number, to: number): MessageSent[] {
    return (this.sellerMessages.get(sellerId) ?? []).filter((m) => m.data.buyerId === buyerId && at(m) >= from && at(m) <= to);
  }

  negatives(sellerId: string): Posting[] {
    return (this.postingsBySeller.get(sellerId) ?? []).filter((p) => p.rating <= 2);
  }

  /** The buyer's reviews of the seller posted before t. */
  reviewsBy(sellerId: string, buyerId: string, before: number): Posting[] {
    return (this.postingsBySeller.get(sellerId) ?? []).filter((p) => p.buyerId === buyerId && p.time < before);
  }

  /** Negative reviews flipped with no seller message to the buyer in between. */
  unexplainedFlips(sellerId: string): Posting[] {
    return this.negatives(sellerId).filter((p) => p.flippedAt !== undefined && this.messagesTo(sellerId, p.buyerId, p.time, p.flippedAt).length === 0);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const sum = <T,>(items: readonly T[], f: (item: T) => number) => items.reduce((n, item) => n + f(item), 0);
const localDays = (reports: readonly ReportDownloaded[]) => new Set(reports.map((r) => r.time.slice(0, 10))).size;

describe('offside simulate (the default preset): the scenarios of issue 12', () => {
  let sim: Simulation;
  let seen: Seen;
  let complaints: BuyerComplaintInput[];
  const ofKind = (kind: SellerKind): TruthSeller[] => sim.truth.sellers.filter((s) => s.kind === kind);
  const kindOf = (sellerId: string) => sim.truth.sellers.find((s) => s.sellerId === sellerId)?.kind;

  beforeAll(() => {
    sim = simulateMarketplace({ sellers: 500, days: DAYS, seed: 1 });
    seen = new Seen(sim);
    complaints = [...sim.complaintLines()].map((line) => BuyerComplaintInput.parse(JSON.parse(line)));
  }, 120_000);

  it('writes contract-valid events and complaints the console intake accepts, in the order received', () => {
    expect(seen.invalid).toBe(0);
    expect(seen.events).toHaveLength(sim.truth.counts.events);
    expect(complaints).toHaveLength(sim.truth.counts.complaints);
    const times = complaints.map((c) => Date.parse(c.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const start = Date.parse(sim.options.start);
    for (const t of times) expect(t >= start && t < start + DAYS * DAY).toBe(true);
  });

  it('has enough sellers of every kind to measure a 1% rate per honest kind, and about 30% violators', () => {
    for (const kind of HONEST_KINDS) expect(ofKind(kind).length, kind).toBeGreaterThanOrEqual(30);
    for (const kind of VIOLATOR_KINDS) expect(ofKind(kind).length, kind).toBeGreaterThanOrEqual(12);
    const violators = sim.truth.sellers.filter((s) => s.violator).length;
    expect(violators / sim.truth.sellers.length).toBeGreaterThanOrEqual(0.25);
    expect(violators / sim.truth.sellers.length).toBeLessThanOrEqual(1 / 3);
    expect(new Set(sim.truth.sellers.map((s) => s.kind))).toEqual(new Set(SELLER_KINDS));
  });

  it('merchant-fulfilled: every recent order with buyer data each morning, already negatively reviewed ones included', () => {
    const sellers = ofKind('merchant-fulfilled');
    let coveringNegatives = 0;
    let covered = 0;
    let negative = 0;
    for (const s of sellers) {
      const reports = seen.reports(s.sellerId).filter((r) => r.data.reportType === 'orders');
      // Every morning, but for Sundays at some and the odd day off.
      expect(localDays(reports), s.sellerId).toBeGreaterThanOrEqual(DAYS * 0.75);
      // Each morning's report repeats most of yesterday's: a window of recent orders, not new ones.
      const overlaps = reports.slice(1).flatMap((r, i) => {
        if (r.data.orderIds.length === 0) return [];
        const before = new Set(reports[i]?.data.orderIds ?? []);
        return [r.data.orderIds.filter((o) => before.has(o)).length / r.data.orderIds.length];
      });
      expect(sum(overlaps, (x) => x) / overlaps.length, s.sellerId).toBeGreaterThan(0.5);
      const withNegative = reports.filter((r) => seen.negativeBefore(r).length > 0);
      if (withNegative.length > 0) coveringNegatives++;
      covered += sum(withNegative, (r) => r.data.orderIds.length);
      negative += sum(withNegative, (r) => seen.negativeBefore(r).length);
    }
    expect(coveringNegatives / sellers.length).toBeGreaterThan(0.5);
    // Chosen by date, not by review: even the reports that hold a negative review are mostly other orders.
    expect(negative / covered).toBeLessThan(0.3);
  });

  it('returns-processor: a returns report with buyer data the morning after returns arrive, skewed to negative reviews but chosen by return', () => {
    const sellers = ofKind('returns-processor');
    let covered = 0;
    let negative = 0;
    let negativesCovered = 0;
    for (const s of sellers) {
      const reports = seen.reports(s.sellerId).filter((r) => r.data.reportType === 'returns');
      expect(reports.length, s.sellerId).toBeGreaterThan(0);
      // One a morning at most.
      expect(localDays(reports)).toBe(reports.length);
      const ids = new Set(reports.flatMap((r) => r.data.orderIds));
      for (const r of reports) {
        covered += r.data.orderIds.length;
        negative += seen.negativeBefore(r).length;
      }
      negativesCovered += [...ids].filter((o) => (seen.postingByOrder.get(o)?.rating ?? 5) <= 2).length;
    }
    const negativeShareOfOrders = sum(sellers, (s) => s.acts.negativeReviews) / sum(sellers, (s) => s.acts.orders);
    // Returned orders draw most negative reviews: reports full of them (about half the returned
    // orders are reviewed, most of those 1-2 stars, most before the parcel is back)...
    expect(negative / covered).toBeGreaterThan(0.15);
    expect(negative / covered).toBeGreaterThan(4 * negativeShareOfOrders);
    // ...though the report is every return, reviewed or not.
    expect(negative / covered).toBeLessThan(0.75);
    // And most negative reviews are of returned orders.
    expect(negativesCovered / sum(sellers, (s) => s.acts.negativeReviews)).toBeGreaterThan(0.4);
  });

  it('onplatform-resolver: nearly every negative review answered on the platform, many raised afterwards, never a violating message', () => {
    const sellers = ofKind('onplatform-resolver');
    let negatives = 0;
    let answered = 0;
    let flippedAfterAnswer = 0;
    for (const s of sellers) {
      expect(s.acts.violatingMessages).toBe(0);
      for (const p of seen.negatives(s.sellerId)) {
        negatives++;
        const answers = seen.messagesTo(s.sellerId, p.buyerId, p.time, p.time + 3 * DAY);
        if (answers.length === 0) continue;
        answered++;
        if (p.flippedAt !== undefined && p.flippedAt > at(answers[0] ?? { time: '' })) flippedAfterAnswer++;
      }
    }
    expect(answered / negatives).toBeGreaterThan(0.8);
    expect(flippedAfterAnswer / answered).toBeGreaterThan(0.15);
    expect(sum(sellers, (s) => s.acts.spontaneousFlips)).toBeGreaterThan(0);
  });

  it('very-large: hundreds of orders a day, negative reviews flipping at the base rate, many flips in all', () => {
    const sellers = ofKind('very-large');
    for (const s of sellers) expect(s.ordersPerDay).toBeGreaterThanOrEqual(80);
    const negatives = sum(sellers, (s) => seen.negatives(s.sellerId).length);
    const flips = sum(sellers, (s) => seen.unexplainedFlips(s.sellerId).length);
    expect(negatives / sellers.length).toBeGreaterThan(50);
    expect(flips / negatives).toBeGreaterThan(0.015);
    expect(flips / negatives).toBeLessThan(0.05);
    expect(flips).toBeGreaterThan(sellers.length);
    expect(sum(sellers, (s) => s.acts.inducedFlips + s.acts.violatingMessages + s.acts.targetedLookups)).toBe(0);
  });

  it('popular-app-user: each popular app runs the daily reports of ten or more honest sellers, and a ring looks its victims up through it', () => {
    for (const app of POPULAR_APPS) {
      const users = new Map<string, ReportDownloaded[]>();
      for (const [sellerId, reports] of seen.reportsBySeller) {
        const viaApp = reports.filter((r) => r.data.appId === app);
        if (viaApp.length > 0) users.set(sellerId, viaApp);
      }
      const honest = [...users.keys()].filter((id) => kindOf(id) === 'popular-app-user');
      expect(honest.length, app).toBeGreaterThanOrEqual(10);
      // Daily: a report every day there is something to report.
      const days = honest.map((id) => localDays(users.get(id) ?? [])).sort((a, b) => a - b);
      expect(days[Math.floor(days.length / 2)] ?? 0, app).toBeGreaterThanOrEqual(DAYS * 0.6);
      const ring = sim.truth.rings.find((r) => r.appId === app);
      expect(ring, app).toBeDefined();
      const ringLookups = (ring?.members ?? []).flatMap((m) => (users.get(m) ?? []).filter((r) => seen.negativeBefore(r).length > 0));
      expect(ringLookups.length, app).toBeGreaterThan(0);
      // The ring's app look-ups are small and mostly negative reviewers; the honest users' reports are routine.
      for (const r of ringLookups) expect(r.data.orderIds.length).toBeLessThanOrEqual(12);
    }
    expect(sim.truth.sharedApps).toEqual(expect.arrayContaining([...POPULAR_APPS]));
  });

  it('false-complaint-target: waves of several complaints in a week, from buyers without an order or a review there', () => {
    const sellers = ofKind('false-complaint-target');
    let fromStrangers = 0;
    let total = 0;
    for (const s of sellers) {
      const against = complaints.filter((c) => c.sellerId === s.sellerId);
      expect(against.length, s.sellerId).toBe(s.acts.falseComplaints);
      if (against.length === 0) continue;
      // Some week holds at least three of them.
      const times = against.map((c) => Date.parse(c.receivedAt)).sort((a, b) => a - b);
      expect(times.some((t) => times.filter((u) => u >= t && u < t + 7 * DAY).length >= 3), s.sellerId).toBe(true);
      for (const c of against) {
        total++;
        expect(seen.reviewsBy(s.sellerId, c.buyerId, Date.parse(c.receivedAt)), `${s.sellerId} ${c.buyerId}`).toEqual([]);
        if (!seen.buyersBySeller.get(s.sellerId)?.has(c.buyerId)) fromStrangers++;
      }
    }
    expect(total).toBeGreaterThanOrEqual(sellers.length * 2);
    expect(fromStrangers / total).toBeGreaterThan(0.5);
  });

  it('complaints carry signal both ways: harassed buyers complain too, each after reviewing the seller; other honest kinds get none', () => {
    const fromVictims = complaints.filter((c) => VIOLATOR_KINDS.has(kindOf(c.sellerId) ?? 'honest'));
    expect(fromVictims.length).toBeGreaterThanOrEqual(10);
    expect(fromVictims.length).toBe(sum(sim.truth.sellers, (s) => s.acts.victimComplaints));
    // Harassers also look up the odd 3-star reviewer, so not every complainant left 1-2 stars.
    const reviews = fromVictims.map((c) => seen.reviewsBy(c.sellerId, c.buyerId, Date.parse(c.receivedAt)));
    for (const [i, r] of reviews.entries()) expect(r.length, fromVictims[i]?.buyerId).toBeGreaterThan(0);
    expect(reviews.filter((r) => r.some((p) => p.rating <= 2)).length / reviews.length).toBeGreaterThan(0.8);
    const others = complaints.filter((c) => !VIOLATOR_KINDS.has(kindOf(c.sellerId) ?? 'honest') && kindOf(c.sellerId) !== 'false-complaint-target');
    expect(others).toEqual([]);
  });

  it('bulk-cover-harasser: large reports of every recent order, where negative reviewers are a small share, and then their flips', () => {
    const sellers = ofKind('bulk-cover-harasser');
    const shares: number[] = [];
    for (const s of sellers) {
      const reports = seen.reports(s.sellerId);
      expect(localDays(reports), s.sellerId).toBeGreaterThanOrEqual(DAYS * 0.75);
      for (const r of reports.filter((x) => at(x) > Date.parse(sim.options.start) + 30 * DAY)) {
        expect(r.data.orderIds.length).toBeGreaterThan(25);
        shares.push(seen.negativeBefore(r).length / r.data.orderIds.length);
      }
    }
    expect(sum(shares, (x) => x) / shares.length).toBeLessThan(0.1);
    expect(shares.filter((x) => x >= 0.2).length / shares.length).toBeLessThan(0.05);
    const negatives = sum(sellers, (s) => seen.negatives(s.sellerId).length);
    expect(sum(sellers, (s) => seen.unexplainedFlips(s.sellerId).length) / negatives).toBeGreaterThan(0.12);
  });

  it('thin-spreader: one negative reviewer per look-up among dozens of other orders, days to weeks later, in changing report types', () => {
    const sellers = ofKind('thin-spreader');
    const shares: number[] = [];
    let lookups = 0;
    let late = 0;
    for (const s of sellers) {
      const targeted = seen.reports(s.sellerId).filter((r) => r.data.orderIds.length >= 26 && seen.negativeBefore(r).length > 0 && r.data.reportType !== 'orders');
      const all = seen.reports(s.sellerId).filter((r) => r.data.orderIds.length >= 26);
      if (all.length >= 5) expect(new Set(all.map((r) => r.data.reportType)).size, s.sellerId).toBeGreaterThanOrEqual(3);
      for (const r of targeted) {
        lookups++;
        shares.push(seen.negativeBefore(r).length / r.data.orderIds.length);
        const latest = Math.max(...seen.negativeBefore(r).map((o) => seen.postingByOrder.get(o)?.time ?? 0));
        if (at(r) - latest > 7 * DAY) late++;
      }
    }
    expect(lookups).toBeGreaterThanOrEqual(sellers.length);
    expect(late / lookups).toBeGreaterThan(0.2);
    expect(sum(shares, (x) => x) / shares.length).toBeLessThan(0.1);
    expect(shares.filter((x) => x >= 0.2).length / shares.length).toBeLessThan(0.05);
  });

  it('funnel-obfuscator: the funnel on the platform, never a plain address or outside link, never a report', () => {
    const carriers = /^(www\.)?(ups\.com|tools\.usps\.com|laposte\.fr|dhl\.de|correos\.es|brt\.it|marketplace\.example|help\.marketplace\.example)$/u;
    for (const s of ofKind('funnel-obfuscator')) {
      expect(seen.reportsBySeller.get(s.sellerId) ?? []).toEqual([]);
      expect(s.acts.violatingMessages, s.sellerId).toBeGreaterThan(0);
      for (const m of seen.sellerMessages.get(s.sellerId) ?? []) {
        expect(m.data.body).not.toMatch(/[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/iu);
        for (const [, host] of m.data.body.matchAll(/https?:\/\/([^/\s?]+)/gu)) expect(host).toMatch(carriers);
      }
    }
  });

  it("euphemism-solicitor: asks on the platform without a plain request's words", () => {
    const plain = /remove (your|the)|delete|5 stars|five stars|gift card|take down|supprimer|retirer|5 étoiles|carte cadeau|löschen|entfernen|5 Sterne|Gutschein|borrar|eliminar|5 estrellas|tarjeta regalo|cancellare|rimuov|5 stelle|buono regalo/iu;
    for (const s of ofKind('euphemism-solicitor')) {
      for (const m of seen.sellerMessages.get(s.sellerId) ?? []) expect(m.data.body, s.sellerId).not.toMatch(plain);
    }
    expect(ofKind('euphemism-solicitor').filter((s) => s.acts.violatingMessages > 0).length).toBeGreaterThan(ofKind('euphemism-solicitor').length / 2);
  });

  it('slow-burner: one one-order look-up every few weeks at most', () => {
    let lookups = 0;
    for (const s of ofKind('slow-burner')) {
      const targeted = seen.reports(s.sellerId).filter((r) => seen.negativeBefore(r).length > 0);
      lookups += targeted.length;
      for (const r of targeted) expect(r.data.orderIds).toHaveLength(1);
      targeted.slice(1).forEach((r, i) => expect(at(r) - at(targeted[i] ?? r), s.sellerId).toBeGreaterThan(14 * DAY));
    }
    expect(lookups).toBeGreaterThanOrEqual(ofKind('slow-burner').length / 2);
  });

  it('leaves most sellers of each evasive kind a trace the platform can see, and none of the honest kinds an act', () => {
    for (const kind of ['bulk-cover-harasser', 'thin-spreader', 'funnel-obfuscator', 'euphemism-solicitor', 'slow-burner'] as const) {
      const sellers = ofKind(kind);
      expect(sellers.filter(visible).length / sellers.length, kind).toBeGreaterThan(0.5);
    }
    for (const kind of HONEST_KINDS) {
      for (const s of ofKind(kind)) {
        const { targetedLookups, hiddenLookups, violatingMessages, offPlatformContacts, inducedFlips, victimComplaints } = s.acts;
        expect(targetedLookups + hiddenLookups + violatingMessages + offPlatformContacts + inducedFlips + victimComplaints, `${kind} ${s.sellerId}`).toBe(0);
        expect(s.firstViolationAt).toBeUndefined();
      }
    }
  });

  it("keeps the original honest kinds' reports with buyer data routine: only orders not reviewed yet", () => {
    for (const kind of ['honest', 'honest-refunder'] as const) {
      for (const s of ofKind(kind)) for (const r of seen.reports(s.sellerId)) expect(seen.negativeBefore(r)).toEqual([]);
    }
  });

  it('produces roughly 160k-260k events for 500 sellers over 120 days', () => {
    expect(sim.truth.counts.events).toBeGreaterThan(160_000);
    expect(sim.truth.counts.events).toBeLessThan(260_000);
  });
});
