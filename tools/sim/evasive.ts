/**
 * Evasive violators: sellers who harass or solicit reviewers while keeping out of the obvious
 * rules' way. Each still leaves a trace the platform can see (tools/sim/expectations.ts, `visible`):
 * flips after its reports far above the base rate, its own messages, or a complaint.
 */
import type { Actor } from './operations';
import { recentOrdersReports } from './operations';
import type { Order, Review, SellerSim } from './seller-sim';
import { DAY, HOUR, MIN } from './time';

/** The off-platform contact of a looked-up reviewer (invisible), and maybe the flip that follows. */
function contactAndMaybeFlip(sim: SellerSim, review: Review, contact: number, flipRate: number) {
  const { rng, w } = sim;
  const order = review.order;
  if (w.inWindow(contact)) {
    sim.acts.offPlatformContacts++;
    sim.violation(contact);
    sim.maybeVictimComplaint(order, contact);
  }
  if (rng.chance(flipRate)) {
    const tf = sim.awake(contact + rng.logUniform(12 * HOUR, 10 * DAY));
    order.quiet = { from: review.postedAt, to: tf };
    sim.flip(review, tf, 'induced', 0.55);
  } else if (rng.chance(0.1)) {
    sim.buyerMessage(order, contact + rng.logUniform(HOUR, 2 * DAY), 'buyerRefuse');
  }
}

/**
 * Hides its look-ups inside large routine-looking reports: every morning, every order of the last
 * three to four weeks, buyer data included (so no share-based test sees a selection); then writes
 * only to the negative reviewers among them, off the platform.
 */
export function bulkCover(sim: SellerSim, negatives: readonly Review[], actor: Actor) {
  const { rng, w } = sim;
  const rates = w.options.rates;
  // Long enough that a report always holds a few dozen orders: no "small report" test applies.
  const windowDays = Math.min(60, Math.max(rng.int(21, 30), Math.ceil(36 / sim.s.ordersPerDay)));
  const times = recentOrdersReports(sim, { windowDays, hour: rng.int(6, 9), jitterMinutes: 50, actor, skipSundays: rng.chance(0.5) });
  const targetRate = rng.uniform(rates.targetRate[0], rates.targetRate[1]);
  const flipRate = rng.uniform(rates.harasserFlipRate[0], rates.harasserFlipRate[1]);
  const used = new Set<number>();
  for (const review of negatives) {
    // The first morning report after the review that still covers its order.
    const t = times.find((x) => x > review.postedAt);
    if (t === undefined || review.order.placedAt < t - windowDays * DAY || !rng.chance(targetRate)) {
      sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.1 }]);
      continue;
    }
    if (!used.has(t)) {
      used.add(t);
      sim.acts.hiddenLookups++;
    }
    contactAndMaybeFlip(sim, review, t + rng.logUniform(HOUR, 2 * DAY), flipRate);
  }
}

const SPREAD_TYPES = ['shipments', 'returns', 'customer-contacts', 'orders', 'invoices'] as const;

/**
 * Spreads its look-ups thinly over time and report types: one reviewer at a time, one to thirty
 * days after the review, padded with 26 to 45 other recent orders, each time another report type.
 */
export function thinSpread(sim: SellerSim, negatives: readonly Review[]) {
  const { rng, w, s } = sim;
  const rates = w.options.rates;
  const targetRate = rng.uniform(0.5, 0.8);
  const flipRate = rng.uniform(rates.harasserFlipRate[0], rates.harasserFlipRate[1]);
  let type = rng.int(0, SPREAD_TYPES.length - 1);
  for (const review of negatives) {
    if (!rng.chance(targetRate)) {
      sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.1 }]);
      continue;
    }
    const t = sim.officeHours(review.postedAt + rng.logUniform(DAY, 30 * DAY));
    const others = (from: number) => sim.placedBetween(from, t).filter((o) => o !== review.order);
    let pool: Order[] = others(t - 30 * DAY);
    if (pool.length < 26) pool = others(t - 90 * DAY);
    const padding = rng.shuffle([...pool]).slice(0, rng.int(26, 45));
    const orderIds = rng.shuffle([review.order.orderId, ...padding.map((o) => o.orderId)]);
    const reportType = SPREAD_TYPES[type++ % SPREAD_TYPES.length] ?? 'orders';
    if (!sim.report(t, reportType, true, orderIds, { actorId: s.owner })) continue;
    sim.acts.hiddenLookups++;
    sim.violation(t);
    contactAndMaybeFlip(sim, review, t + rng.logUniform(HOUR, 2 * DAY), flipRate);
  }
}

/**
 * The gift/warranty funnel on the platform, with its site and contact handle only ever written
 * obfuscated, and never a report downloaded: buyers who register hand over their e-mail, and
 * those who later leave a negative review hear from the seller off the platform.
 */
export function obfuscatedFunnel(sim: SellerSim, negatives: readonly Review[]) {
  const { rng, w } = sim;
  const rates = w.options.rates;
  const share = rng.uniform(0.3, 0.7);
  const flipRate = rng.uniform(rates.harasserFlipRate[0], rates.harasserFlipRate[1]);
  const registered = new Set<Order>();
  for (const order of sim.orders) {
    if (!rng.chance(share)) continue;
    const t = order.deliveredAt + rng.logUniform(30 * MIN, 30 * HOUR);
    // Buyers from before the period may have registered too; only messages inside it are seen.
    sim.sellerMessage(order, t, 'giftFunnelHidden');
    if (rng.chance(0.55)) registered.add(order);
  }
  for (const review of negatives) {
    if (!registered.has(review.order) || !rng.chance(0.85)) {
      sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.1 }]);
      continue;
    }
    contactAndMaybeFlip(sim, review, review.postedAt + rng.logUniform(6 * HOUR, 3 * DAY), flipRate);
  }
}

/** Solicits on the platform in euphemisms: money or a replacement, and a hint the review should follow. */
export function euphemisms(sim: SellerSim, negatives: readonly Review[], mid: readonly Review[]) {
  const { rng, w } = sim;
  const rates = w.options.rates;
  const rate = rng.uniform(0.5, 0.85);
  const ask = (review: Review) => {
    const order = review.order;
    const t = sim.officeHours(review.postedAt + rng.logUniform(3 * HOUR, 3 * DAY));
    if (!sim.sellerMessage(order, t, 'euphemism')) return;
    if (review.firstRating > 2) return;
    const r = rng.next();
    if (r < rates.solicitFlipRate) {
      const tf = sim.awake(t + rng.logUniform(2 * HOUR, 6 * DAY));
      if (rng.chance(0.3)) sim.buyerMessage(order, tf + rng.logUniform(2 * MIN, 3 * HOUR), 'buyerAccept');
      sim.flip(review, tf, 'afterMessage', 0.4);
    } else if (r < rates.solicitFlipRate + 0.3) {
      sim.buyerMessage(order, t + rng.logUniform(HOUR, 2 * DAY), 'buyerRefuse');
    } else if (rng.chance(0.4)) {
      sim.sellerMessage(order, sim.officeHours(t + rng.logUniform(2 * DAY, 5 * DAY)), 'euphemism');
    }
  };
  for (const review of negatives) {
    if (rng.chance(rate)) ask(review);
    else sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.15 }]);
  }
  for (const review of mid) if (rng.chance(0.2)) ask(review);
}

/**
 * A slow burner: every three to six weeks, one small look-up of its latest negative reviewer and
 * an off-platform offer that usually works; a flip every few weeks and nothing in between.
 */
export function slowBurn(sim: SellerSim, negatives: readonly Review[]) {
  const { rng, w, s } = sim;
  const flipRate = rng.uniform(0.6, 0.85);
  const targeted = new Set<Review>();
  for (let next = w.start + rng.uniform(0, 21) * DAY; next < w.end; next += rng.uniform(21, 42) * DAY) {
    const recent = negatives.filter((r) => r.postedAt < next && r.postedAt >= next - 12 * DAY && !targeted.has(r));
    const review = recent[recent.length - 1];
    if (!review) continue;
    targeted.add(review);
    const t = sim.officeHours(next);
    if (!sim.report(t, rng.chance(0.5) ? 'customer-contacts' : 'orders', true, [review.order.orderId], { actorId: s.owner })) continue;
    sim.acts.targetedLookups++;
    sim.violation(t);
    contactAndMaybeFlip(sim, review, t + rng.logUniform(HOUR, DAY), flipRate);
  }
  for (const review of negatives) if (!targeted.has(review)) sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.2 }]);
}
