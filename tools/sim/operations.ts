/**
 * Honest operations that a naive rule mistakes for harassment (issue 12), each the routine of a
 * real business: sellers who ship themselves and download every recent order each morning,
 * returns processed the day after they arrive, resolvers whose buyers raise their rating on their
 * own, a popular app that a ring uses too, coordinated false complaints against an honest shop.
 */
import { ORDER_PREFIXES } from './cast';
import type { Order, Review, SellerSim } from './seller-sim';
import { complaintTemplates, complaintText } from './texts';
import { DAY, HOUR, MIN, localMidnight } from './time';

export interface Actor {
  readonly actorId: string;
  readonly appId?: string;
}

/** Apps that many honest sellers use for routine reports; a ring uses each of them too. */
export const POPULAR_APPS = ['APP-ORDERDESK', 'APP-FULFILNET'] as const;
export type PopularApp = (typeof POPULAR_APPS)[number];
/** An order tool: syncs the last few days' orders, buyer data included, every night. */
export const ORDER_TOOL: PopularApp = 'APP-ORDERDESK';
/** A fulfilment provider: pulls new orders to ship and the returns it received, every morning. */
export const FULFILMENT_APP: PopularApp = 'APP-FULFILNET';
/** A returns app some returns processors use. */
export const RETURNS_APP = 'APP-RETURNDESK';

export const appActor = (appId: string): Actor => ({ actorId: appId, appId });

/**
 * A report of every order placed in the last `windowDays` days, buyer data included, each
 * morning: what a seller that ships itself prints its labels and packing lists from. It covers
 * the orders that have been reviewed since, negative reviews included. Returns the report times.
 */
export function recentOrdersReports(
  sim: SellerSim,
  plan: { readonly windowDays: number; readonly hour: number; readonly jitterMinutes: number; readonly actor: Actor; readonly skipSundays: boolean },
): number[] {
  const times: number[] = [];
  sim.eachMorning(plan.hour, plan.jitterMinutes, (weekday) => plan.skipSundays && weekday === 0, (t) => {
    // Downloaded every morning out of habit (or by schedule), even when it is empty.
    const covered = sim.placedBetween(t - plan.windowDays * DAY, t).map((o) => o.orderId);
    if (sim.report(t, 'orders', true, covered, plan.actor)) times.push(t);
  });
  return times;
}

/**
 * A returns report, buyer data included, each morning, of the returns received since the last
 * one (normally: yesterday's). Returned orders draw most negative reviews, so these reports are
 * full of negatively reviewed orders, though they were chosen by return, not by review.
 */
export function returnsReports(sim: SellerSim, plan: { readonly hour: number; readonly actor: Actor; readonly skipSundays: boolean }) {
  const { rng, s } = sim;
  const returned = sim.orders
    .filter((o): o is Order & { returnReceivedAt: number } => o.returnReceivedAt !== undefined)
    .sort((a, b) => a.returnReceivedAt - b.returnReceivedAt);
  let since = -Infinity;
  let next = 0;
  sim.eachMorning(plan.hour, 40, (weekday) => plan.skipSundays && weekday === 0, (t) => {
    const today = localMidnight(s.market, t);
    while (next < returned.length && (returned[next]?.returnReceivedAt ?? Infinity) < since) next++;
    const covered: string[] = [];
    let i = next;
    for (; i < returned.length; i++) {
      const o = returned[i];
      if (!o || o.returnReceivedAt >= today) break;
      covered.push(o.orderId);
    }
    next = i;
    since = today;
    if (covered.length > 0 || rng.chance(0.2)) sim.report(t, 'returns', true, covered, plan.actor);
  });
}

/**
 * An on-platform resolver: answers nearly every negative review in the platform's messaging with
 * help, a replacement or a refund through the platform, never a word about changing the review;
 * many buyers then raise or remove it on their own. Unanswered ones flip at the base rate.
 */
export function resolve(sim: SellerSim, negatives: readonly Review[], mid: readonly Review[]) {
  const { rng, w } = sim;
  const rates = w.options.rates;
  const answerRate = rng.uniform(rates.resolveRate[0], rates.resolveRate[1]);
  const flipRate = rng.uniform(rates.resolveFlipRate[0], rates.resolveFlipRate[1]);
  for (const review of negatives) {
    const order = review.order;
    if (rng.chance(sim.spontaneousFlipRate) || !rng.chance(answerRate)) {
      // Left alone (or a change of mind before any answer): an ordinary shop's negative review.
      sim.ordinaryNegative(review, []);
      continue;
    }
    const tm = sim.officeHours(review.postedAt + rng.logUniform(40 * MIN, 30 * HOUR));
    if (!sim.sellerMessage(order, tm, 'resolve')) continue;
    if (rng.chance(0.5)) sim.buyerMessage(order, tm + rng.logUniform(20 * MIN, 30 * HOUR), 'buyerThanks');
    if (rng.chance(0.35)) sim.sellerMessage(order, sim.officeHours(tm + rng.logUniform(3 * DAY, 8 * DAY)), 'resolveFollowup');
    if (rng.chance(flipRate)) sim.flip(review, sim.awake(tm + rng.logUniform(DAY, 14 * DAY)), 'afterMessage', 0.3);
  }
  for (const review of mid) {
    if (rng.chance(0.5)) sim.sellerMessage(review.order, sim.officeHours(review.postedAt + rng.logUniform(HOUR, 30 * HOUR)), 'resolve');
  }
}

/**
 * Coordinated false complaints: in each wave, several buyers complain within a week of off-platform
 * contact that never happened, in near-identical words. Most never ordered from the seller; the
 * others did and left no review.
 */
export function falseComplaints(sim: SellerSim) {
  const { rng, w, s } = sim;
  const rates = w.options.rates;
  const days = (w.end - w.start) / DAY;
  const waves = rng.int(rates.falseComplaintWaves[0], rates.falseComplaintWaves[1]);
  for (let wave = 0; wave < waves; wave++) {
    const from = w.start + rng.uniform(Math.min(7, days / 4), Math.max(days / 4, days - 10)) * DAY;
    const template = rng.int(0, complaintTemplates(s.lang) - 1);
    const count = rng.int(rates.falseComplaintsPerWave[0], rates.falseComplaintsPerWave[1]);
    for (let k = 0; k < count; k++) {
      const t = sim.awake(from + rng.uniform(0, 7) * DAY);
      const unreviewed = sim.orders.filter((o) => o.placedAt < t - 3 * DAY && o.placedAt > t - 60 * DAY && (o.review === undefined || o.review.postedAt > t));
      const anyOrder = sim.orders[rng.int(0, sim.orders.length - 1)];
      if (!anyOrder) return;
      let buyerId: string;
      let orderId: string | undefined;
      let about: Order;
      if (unreviewed.length > 0 && rng.chance(0.3)) {
        about = rng.pick(unreviewed);
        buyerId = about.buyerId;
        orderId = rng.chance(0.7) ? about.orderId : undefined;
      } else {
        buyerId = w.strangerBuyer(rng, s.market, sim.buyers);
        // Some cite an order number; it is not one of theirs.
        const made = w.unique(() => `${rng.pick(ORDER_PREFIXES[s.market])}-${rng.digits(7)}-${rng.digits(7)}`);
        orderId = rng.chance(0.35) ? made : undefined;
        about = { ...anyOrder, orderId: made };
      }
      const copy = complaintText(rng, sim.ctx(about), template);
      if (sim.complaint(buyerId, t, copy, orderId)) sim.acts.falseComplaints++;
    }
  }
}
