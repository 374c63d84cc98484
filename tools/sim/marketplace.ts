/**
 * The marketplace simulator: sellers of several kinds (honest, refunders, on-platform solicitors,
 * off-platform harassers, subtle harassers, rings), their orders, reviews, messages and report
 * downloads, as the platform's v1 events, delivered the way a queue delivers them (a little
 * shuffled, some late, some twice), plus the ground truth.
 *
 * Pure: no clock, no Math.random, no I/O. The same options give the same lines, byte for byte.
 * Orders are not events; they only show up through reports, reviews and messages.
 */
import { Rng } from './prng';
import { resolveOptions } from './options';
import type { SimulationInput, SimulationOptions } from './options';
import {
  AGENTS,
  PRODUCTS,
  VIOLATING_INTENTS,
  betterReviewBody,
  buyerText,
  canonicalHandle,
  giftSite,
  newHandle,
  questionAndAnswer,
  reviewText,
  sellerText,
  shopName,
  writeHandle,
  writeSite,
} from './texts';
import type { BuyerIntent, HandleSpec, Lang, SellerIntent, TextContext } from './texts';
import { DAY, HOUR, MIN, SEC, isoLocal, isoMs, isoZ, localMidnight, localWeekday, offsetMinutes } from './time';
import type { Market } from './time';
import { SELLER_KINDS, VIOLATOR_KINDS } from './truth';
import type { KindMix, SellerActs, SellerKind, SellerSize, SimulationTruth, TruthRing, TruthSeller } from './truth';

export interface Simulation {
  readonly options: SimulationOptions;
  readonly truth: SimulationTruth;
  /** The lines of events.jsonl, in delivery order (each without its newline). */
  lines(): Generator<string>;
}

// ---------------------------------------------------------------------------------------------
// The cast.

interface Product {
  readonly productId: string;
  readonly name: string;
}

interface RingPlan {
  readonly ringId: string;
  readonly market: Market;
  readonly members: Seller[];
  readonly handle?: HandleSpec;
  readonly appId?: string;
}

interface Seller {
  readonly sellerId: string;
  readonly kind: SellerKind;
  readonly size: SellerSize;
  readonly market: Market;
  readonly lang: Lang;
  readonly langTag: string;
  readonly tagsLanguage: boolean;
  readonly ordersPerDay: number;
  readonly reviewRate: number;
  /** Cumulative-free weights of ratings 1..5. */
  readonly ratingWeights: readonly number[];
  readonly shop: string;
  readonly agents: readonly string[];
  readonly products: readonly Product[];
  readonly rng: Rng;
  readonly owner: string;
  ring?: RingPlan;
}

const MARKET_WEIGHTS: Readonly<Record<Market, number>> = { US: 0.4, DE: 0.2, FR: 0.15, ES: 0.13, IT: 0.12 };
const MARKET_LIST: readonly Market[] = ['US', 'DE', 'FR', 'ES', 'IT'];
const LANG_OF: Readonly<Record<Market, Lang>> = { US: 'en', FR: 'fr', DE: 'de', ES: 'es', IT: 'it' };
const ORDER_PREFIXES: Readonly<Record<Market, readonly string[]>> = {
  US: ['111', '112', '113', '114'],
  FR: ['402', '403'],
  DE: ['302', '303', '304'],
  ES: ['406', '407'],
  IT: ['404', '405'],
};

/** Third-party shipping and label apps that many honest sellers use for their routine reports. */
export const SHARED_APPS: readonly string[] = ['APP-LABELPRO', 'APP-SHIPBRIDGE', 'APP-PARCELDESK', 'APP-EASYPOST-SYNC', 'APP-VATBOOKS'];

function allocate(mix: KindMix, total: number): Record<SellerKind, number> {
  const sum = SELLER_KINDS.reduce((a, k) => a + mix[k], 0);
  const exact = SELLER_KINDS.map((k) => (mix[k] / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  const at = (k: SellerKind) => counts[SELLER_KINDS.indexOf(k)] ?? 0;
  const out: Record<SellerKind, number> = {
    honest: at('honest'),
    'honest-refunder': at('honest-refunder'),
    'onplatform-solicitor': at('onplatform-solicitor'),
    'offplatform-harasser': at('offplatform-harasser'),
    'subtle-harasser': at('subtle-harasser'),
    'ring-member': at('ring-member'),
  };
  // A ring needs at least two members.
  if (out['ring-member'] === 1) {
    out['ring-member'] = 0;
    out['offplatform-harasser'] += 1;
  }
  return out;
}

function drawSize(rng: Rng): SellerSize {
  return (['small', 'medium', 'large'] as const)[rng.weighted([0.63, 0.3, 0.07])] ?? 'small';
}

function ordersPerDayOf(rng: Rng, size: SellerSize): number {
  if (size === 'small') return rng.logUniform(0.3, 1.2);
  if (size === 'medium') return rng.logUniform(1.2, 5);
  // 5 to 60 a day, most of them nearer 5: the heavy tail.
  return 5 * Math.pow(12, Math.pow(rng.next(), 2.5));
}

// ---------------------------------------------------------------------------------------------
// The world: ids, emission and delivery.

interface Rec {
  readonly d: number;
  readonly seq: number;
  readonly line: string;
}

class World {
  readonly records: Rec[] = [];
  readonly ids = new Set<string>();
  readonly buyersByMarket = new Map<Market, string[]>();
  readonly start: number;
  readonly end: number;
  readonly idRng: Rng;
  readonly deliveryRng: Rng;
  private readonly idKey: number;
  private seq = 0;
  events = 0;
  duplicates = 0;
  late = 0;

  constructor(
    readonly options: SimulationOptions,
    master: Rng,
  ) {
    this.start = Date.parse(options.start);
    this.end = this.start + options.days * DAY;
    this.idRng = master.fork('event-ids');
    this.deliveryRng = master.fork('delivery');
    this.idKey = this.idRng.u32();
  }

  inWindow(t: number): boolean {
    return t >= this.start && t < this.end;
  }

  unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  /** Writes one event if its time is inside the simulated period; true when written. */
  emit(seller: Seller, t: number, type: string, source: string, time: string, data: object): boolean {
    if (!this.inWindow(t)) return false;
    const envelope: Record<string, unknown> = {
      specversion: '1.0',
      id: this.idRng.uniqueUuid(this.events, this.idKey),
      source,
      type,
      time,
    };
    // Most producers set subject (the seller id); a few leave it out, as the contract allows.
    if (!seller.rng.chance(0.06)) envelope['subject'] = seller.sellerId;
    envelope['datacontenttype'] = 'application/json';
    envelope['data'] = data;
    this.deliver(t, JSON.stringify(envelope));
    return true;
  }

  private deliver(t: number, line: string) {
    const r = this.deliveryRng;
    const { delivery } = this.options;
    let d = t + Math.round(-Math.log(1 - r.next()) * delivery.jitterMeanSeconds * SEC);
    if (r.chance(delivery.lateShare)) {
      d = t + Math.round(r.logUniform(5 * MIN, delivery.maxLateHours * HOUR));
      this.late++;
    }
    this.events++;
    this.records.push({ d, seq: this.seq++, line });
    if (r.chance(delivery.duplicateShare)) {
      this.duplicates++;
      this.records.push({ d: d + Math.round(r.logUniform(SEC, 6 * HOUR)), seq: this.seq++, line });
    }
  }

  newBuyer(rng: Rng, market: Market, known: Set<string>): string {
    let pool = this.buyersByMarket.get(market);
    if (!pool) {
      pool = [];
      this.buyersByMarket.set(market, pool);
    }
    // Some buyers buy from several sellers.
    if (pool.length > 50 && rng.chance(0.1)) {
      const again = rng.pick(pool);
      if (!known.has(again)) {
        known.add(again);
        return again;
      }
    }
    const id = this.unique(() => `B-${market}-${rng.digits(8)}`);
    pool.push(id);
    known.add(id);
    return id;
  }
}

// ---------------------------------------------------------------------------------------------
// One seller's business.

interface Order {
  readonly orderId: string;
  readonly buyerId: string;
  readonly product: Product;
  readonly placedAt: number;
  readonly deliveredAt: number;
  threadId?: string;
  review?: Review;
  /** No ordinary seller message on this order inside [from, to] (an unexplained flip is coming). */
  quiet?: { from: number; to: number };
  /** Refunded or returned at this time (shows up in the weekly returns report). */
  returnedAt?: number;
}

interface Review {
  readonly reviewId: string;
  readonly order: Order;
  readonly postedAt: number;
  readonly firstRating: number;
  rating: number;
  removed: boolean;
}

type FlipCause = 'spontaneous' | 'induced' | 'afterMessage';

class SellerSim {
  readonly acts: SellerActs = {
    orders: 0,
    reviews: 0,
    negativeReviews: 0,
    targetedLookups: 0,
    violatingMessages: 0,
    offPlatformContacts: 0,
    inducedFlips: 0,
    spontaneousFlips: 0,
    flipsAfterMessage: 0,
  };
  firstViolation = Infinity;
  handleMessages = 0;
  readonly orders: Order[] = [];
  readonly rng: Rng;
  private readonly buyers = new Set<string>();

  constructor(
    readonly w: World,
    readonly s: Seller,
    readonly handle: HandleSpec | undefined,
    readonly lookupActor: { actorId: string; appId?: string },
    readonly giftDomain: string | undefined,
  ) {
    this.rng = s.rng;
  }

  violation(t: number) {
    if (this.w.inWindow(t) && t < this.firstViolation) this.firstViolation = t;
  }

  // --- time helpers --------------------------------------------------------------------------

  /** A moment during the seller's office hours (08:00-19:00 local) at or after t. */
  officeHours(t: number): number {
    const m = this.s.market;
    const midnight = localMidnight(m, t);
    const hour = (t - midnight) / HOUR;
    if (hour >= 8 && hour < 19 && localWeekday(m, t) !== 0) return t;
    let next = hour < 8 ? midnight : localMidnight(m, midnight + 30 * HOUR);
    if (localWeekday(m, next + 12 * HOUR) === 0) next = localMidnight(m, next + 30 * HOUR);
    return next + 8 * HOUR + this.rng.int(0, 10 * 3600) * SEC + this.rng.int(0, 999);
  }

  /** Buyers are awake 07:00-24:00 local: a night-time t moves to the morning. */
  awake(t: number): number {
    const midnight = localMidnight(this.s.market, t);
    const hour = (t - midnight) / HOUR;
    return hour >= 7 ? t : midnight + 7 * HOUR + this.rng.int(0, 4 * 3600) * SEC;
  }

  // --- events ----------------------------------------------------------------------------------

  ctx(order: Order): TextContext {
    const rng = this.rng;
    const m = this.s.market;
    const lang = this.s.lang;
    const orderId = order.orderId;
    const amountN = rng.pick([5, 10, 10, 15, 20, 20, 25, 30, 50]);
    const cents = `${rng.int(5, 129)}.${rng.pick(['99', '95', '49', '00', '90'])}`;
    const amount = m === 'US' ? `$${amountN}` : `${amountN} €`;
    const price = m === 'US' ? `$${cents}` : `${cents.replace('.', ',')} €`;
    const track = trackingFor(rng, m);
    let handleText = '';
    let channel = 'e-mail';
    if (this.handle) {
      const written = writeHandle(rng, this.handle, lang);
      handleText = written.text;
      channel = written.channel;
    }
    return {
      lang,
      product: order.product.name,
      shop: this.s.shop,
      agent: rng.pick(this.s.agents),
      amount,
      price,
      days: rng.int(2, 7),
      tracking: track.number,
      trackingUrl: track.url,
      orderId,
      site: this.giftDomain ? writeSite(rng, this.giftDomain) : '',
      handle: handleText,
      helpUrl: rng.pick([
        `https://www.marketplace.example/orders/${orderId}`,
        'https://www.marketplace.example/help/returns',
        'https://help.marketplace.example/orders',
        `https://www.marketplace.example/your-orders?ref=${orderId}`,
      ]),
      channel,
    };
  }

  thread(order: Order): string {
    order.threadId ??= this.w.unique(() => `T-${this.rng.alnum(12)}`);
    return order.threadId;
  }

  /** An ordinary or violating seller message; ordinary ones respect the order's quiet window. */
  sellerMessage(order: Order, t: number, intent: SellerIntent): boolean {
    const violating = VIOLATING_INTENTS.has(intent);
    if (!violating && order.quiet && t >= order.quiet.from && t <= order.quiet.to) return false;
    const written = this.message(order, t, 'seller', sellerText(this.rng, intent, this.ctx(order)));
    if (written && violating) {
      if (intent === 'handleContact') this.handleMessages++;
      this.acts.violatingMessages++;
      this.violation(t);
    }
    return written;
  }

  buyerMessage(order: Order, t: number, intent: BuyerIntent): boolean {
    return this.message(order, this.awake(t), 'buyer', buyerText(this.rng, intent, this.ctx(order)));
  }

  message(order: Order, t: number, sender: 'seller' | 'buyer', body: string): boolean {
    if (!this.w.inWindow(t)) return false;
    const s = this.s;
    const data: Record<string, unknown> = {
      messageId: this.w.unique(() => `M-${this.rng.alnum(12)}`),
      threadId: this.thread(order),
      sellerId: s.sellerId,
      buyerId: order.buyerId,
      orderId: order.orderId,
      sender,
      body,
    };
    if (s.tagsLanguage) data['language'] = s.langTag;
    return this.w.emit(s, t, 'message.sent', 'marketplace/messages', isoLocal(t, s.market), data);
  }

  report(t: number, reportType: string, containsBuyerPii: boolean, orderIds: readonly string[], actor: { actorId: string; appId?: string }) {
    const s = this.s;
    const ms = Math.floor(t);
    const data: Record<string, unknown> = {
      downloadId: this.w.unique(() => `D-${this.rng.alnum(10)}`),
      sellerId: s.sellerId,
      actorId: actor.actorId,
    };
    if (actor.appId !== undefined) data['appId'] = actor.appId;
    Object.assign(data, { reportType, containsBuyerPii, orderIds });
    return this.w.emit(s, ms, 'report.downloaded', 'marketplace/reports', isoMs(ms), data);
  }

  postReview(order: Order, t: number, rating: number): Review {
    const s = this.s;
    const review: Review = {
      reviewId: this.w.unique(() => `R-${this.rng.alnum(12)}`),
      order,
      postedAt: t,
      firstRating: rating,
      rating,
      removed: false,
    };
    order.review = review;
    const text = reviewText(this.rng, s.lang, rating);
    const data: Record<string, unknown> = {
      reviewId: review.reviewId,
      orderId: order.orderId,
      productId: order.product.productId,
      sellerId: s.sellerId,
      buyerId: order.buyerId,
      rating,
      marketplace: s.market,
    };
    if (text.title !== undefined) data['title'] = text.title;
    if (text.body !== undefined) data['body'] = text.body;
    if (this.w.emit(s, t, 'review.posted', 'marketplace/reviews', isoZ(t), data)) {
      this.acts.reviews++;
      if (rating <= 2) this.acts.negativeReviews++;
    }
    return review;
  }

  editReview(review: Review, t: number, rating: number, body?: string): boolean {
    if (review.removed || !this.w.inWindow(t)) return false;
    const order = review.order;
    const data: Record<string, unknown> = {
      reviewId: review.reviewId,
      orderId: order.orderId,
      productId: order.product.productId,
      sellerId: this.s.sellerId,
      buyerId: order.buyerId,
      rating,
      previousRating: review.rating,
    };
    if (body !== undefined) data['body'] = body;
    review.rating = rating;
    return this.w.emit(this.s, t, 'review.edited', 'marketplace/reviews', isoZ(t), data);
  }

  removeReview(review: Review, t: number, removedBy: 'buyer' | 'platform'): boolean {
    if (review.removed || !this.w.inWindow(t)) return false;
    const order = review.order;
    review.removed = true;
    return this.w.emit(this.s, t, 'review.removed', 'marketplace/reviews', isoZ(t), {
      reviewId: review.reviewId,
      orderId: order.orderId,
      productId: order.product.productId,
      sellerId: this.s.sellerId,
      buyerId: order.buyerId,
      previousRating: review.rating,
      removedBy,
    });
  }

  /** A negative review removed by the buyer or raised to 4-5. */
  flip(review: Review, t: number, cause: FlipCause, removeShare = 0.5): boolean {
    const done = this.rng.chance(removeShare)
      ? this.removeReview(review, t, 'buyer')
      : this.editReview(review, t, this.rng.chance(0.7) ? 5 : 4, this.rng.chance(0.6) ? betterReviewBody(this.rng, this.s.lang) : undefined);
    if (done && review.firstRating <= 2) {
      if (cause === 'spontaneous') this.acts.spontaneousFlips++;
      else if (cause === 'induced') this.acts.inducedFlips++;
      else this.acts.flipsAfterMessage++;
    }
    return done;
  }

  // --- the business ------------------------------------------------------------------------------

  makeOrders() {
    const { w, s, rng } = this;
    const first = w.start - w.options.warmupDays * DAY;
    for (let day = first; day < w.end; day += DAY) {
      const midnight = localMidnight(s.market, day + 12 * HOUR);
      const weekday = localWeekday(s.market, midnight + 12 * HOUR);
      const factor = weekday === 0 || weekday === 6 ? 0.85 : 1.06;
      const n = rng.poisson(s.ordersPerDay * factor);
      const placed: number[] = [];
      for (let i = 0; i < n; i++) {
        // More orders in the evening than at night.
        const hour = rng.weighted([1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1, 1.5, 1.8, 2, 2, 2.2, 2.1, 2, 2, 2.1, 2.4, 2.8, 3.2, 3.4, 3, 2.3, 1.6]);
        placed.push(midnight + hour * HOUR + rng.int(0, 3599) * SEC);
      }
      placed.sort((a, b) => a - b);
      for (const placedAt of placed) {
        const deliveredAt = placedAt + rng.int(2, 5) * DAY + rng.int(-4 * 3600, 4 * 3600) * SEC;
        this.orders.push({
          orderId: w.unique(() => `${rng.pick(ORDER_PREFIXES[s.market])}-${rng.digits(7)}-${rng.digits(7)}`),
          buyerId: w.newBuyer(rng, s.market, this.buyers),
          product: s.products[rng.weighted(s.products.map((_, i) => 1 / (i + 1)))] ?? rng.pick(s.products),
          placedAt,
          deliveredAt,
        });
        if (w.inWindow(placedAt)) this.acts.orders++;
      }
    }
  }

  /** Reviews posted inside the period, in time order (reviews before it are history). */
  makeReviews(): Review[] {
    const { w, s, rng } = this;
    const reviews: Review[] = [];
    for (const order of this.orders) {
      if (!rng.chance(s.reviewRate)) continue;
      const t = this.awake(order.deliveredAt + rng.logUniform(5 * HOUR, 18 * DAY));
      const rating = rng.weighted(s.ratingWeights) + 1;
      if (t < w.start || t >= w.end) continue;
      reviews.push(this.postReview(order, t, rating));
    }
    return reviews.sort((a, b) => a.postedAt - b.postedAt);
  }

  /**
   * What happens to a negative review in an ordinary shop: nothing, a spontaneous flip (the base
   * rate, no message), or a help or refund message (the first of `replies` that fires) and maybe a
   * flip after it (explained).
   */
  ordinaryNegative(review: Review, replies: readonly { readonly intent: SellerIntent; readonly rate: number }[]) {
    const { rng, w } = this;
    const rates = w.options.rates;
    const order = review.order;
    if (rng.chance(rates.spontaneousFlipRate)) {
      const t = this.awake(review.postedAt + rng.logUniform(12 * HOUR, 40 * DAY));
      order.quiet = { from: review.postedAt, to: t };
      this.flip(review, t, 'spontaneous');
      return;
    }
    const reply = replies.find((r) => rng.chance(r.rate));
    if (!reply) return;
    const tm = this.officeHours(review.postedAt + rng.logUniform(1 * HOUR, 2 * DAY));
    if (!this.sellerMessage(order, tm, reply.intent)) return;
    order.returnedAt = tm;
    if (rng.chance(0.5)) this.buyerMessage(order, tm + rng.logUniform(20 * MIN, 30 * HOUR), 'buyerThanks');
    const flipRate = reply.intent === 'refund' ? rates.refundFlipRate : rates.helpFlipRate;
    if (rng.chance(flipRate)) this.flip(review, this.awake(tm + rng.logUniform(6 * HOUR, 10 * DAY)), 'afterMessage', 0.35);
  }

  /** On-platform solicitor: a refund, gift card or discount for removing or changing the review. */
  solicit(review: Review, solicitRate: number) {
    const { rng, w } = this;
    const rates = w.options.rates;
    const order = review.order;
    if (!rng.chance(solicitRate)) {
      this.ordinaryNegative(review, [{ intent: 'help', rate: 0.15 }]);
      return;
    }
    const t = this.officeHours(review.postedAt + rng.logUniform(3 * HOUR, 3 * DAY));
    if (!this.sellerMessage(order, t, 'solicit')) return;
    const r = rng.next();
    if (r < rates.solicitFlipRate) {
      const tf = this.awake(t + rng.logUniform(2 * HOUR, 5 * DAY));
      if (rng.chance(0.4)) this.buyerMessage(order, tf + rng.logUniform(2 * MIN, 3 * HOUR), 'buyerAccept');
      this.flip(review, tf, 'afterMessage', 0.4);
      return;
    }
    let tp = t + rng.logUniform(1 * DAY, 5 * DAY);
    if (r < rates.solicitFlipRate + 0.3) {
      const tr = t + rng.logUniform(1 * HOUR, 2 * DAY);
      this.buyerMessage(order, tr, 'buyerRefuse');
      tp = Math.max(tp, tr + HOUR);
    }
    if (rng.chance(0.35)) {
      tp = this.officeHours(tp);
      this.sellerMessage(order, tp, 'pressure');
      if (rng.chance(0.15)) this.flip(review, this.awake(tp + rng.logUniform(6 * HOUR, 4 * DAY)), 'afterMessage', 0.6);
    }
  }

  // --- reports -----------------------------------------------------------------------------------

  routineReports(plan: RoutinePlan) {
    const { w, s, rng } = this;
    if (!plan.daily) return;
    let last = w.start - DAY;
    let next = 0;
    const orders = this.orders;
    for (let day = w.start; day < w.end; day += DAY) {
      const midnight = localMidnight(s.market, day + 12 * HOUR);
      const weekday = localWeekday(s.market, midnight + 12 * HOUR);
      const t = midnight + plan.hour * HOUR + rng.int(0, 50 * 60) * SEC + rng.int(0, 999);
      if (plan.skipWeekends && (weekday === 0 || weekday === 6)) continue;
      if (rng.chance(0.03)) continue; // a day off
      while (next < orders.length && (orders[next]?.placedAt ?? Infinity) <= last) next++;
      const covered: string[] = [];
      let i = next;
      for (; i < orders.length; i++) {
        const o = orders[i];
        if (!o || o.placedAt > t) break;
        // Routine: new orders only. An order reviewed already is not "new" any more.
        if (o.review === undefined || o.review.postedAt >= t) covered.push(o.orderId);
      }
      next = i;
      last = t;
      if (covered.length > 0) this.report(t, plan.reportType, true, covered, plan.actor);
    }
  }

  weeklyReports(plan: RoutinePlan) {
    const { w, s, rng } = this;
    if (!plan.weeklyReturns && plan.monthly === undefined) return;
    for (let day = w.start; day < w.end; day += DAY) {
      const midnight = localMidnight(s.market, day + 12 * HOUR);
      const weekday = localWeekday(s.market, midnight + 12 * HOUR);
      const t = midnight + (plan.hour + rng.int(1, 4)) * HOUR + rng.int(0, 3599) * SEC + rng.int(0, 999);
      if (plan.weeklyReturns && weekday === 1) {
        const covered = this.orders
          .filter((o) => (o.returnedAt !== undefined && o.returnedAt < t && o.returnedAt >= t - 7 * DAY))
          .map((o) => o.orderId);
        if (covered.length > 0 || rng.chance(0.5)) this.report(t, 'returns', false, covered, plan.userActor);
      }
      if (plan.monthly !== undefined && new Date(midnight + 12 * HOUR + offsetMinutes(s.market, midnight) * MIN).getUTCDate() === plan.monthlyDay) {
        this.report(t + rng.int(5, 90) * MIN, plan.monthly, false, [], plan.userActor);
      }
    }
  }

  // --- ordinary messages ---------------------------------------------------------------------------

  routineMessages(plan: MessagePlan) {
    const { rng } = this;
    for (const order of this.orders) {
      if (rng.chance(plan.shipped)) this.sellerMessage(order, order.placedAt + rng.logUniform(3 * HOUR, 30 * HOUR), 'shipped');
      if (rng.chance(plan.followup)) this.sellerMessage(order, order.deliveredAt + rng.logUniform(1 * HOUR, 30 * HOUR), 'followup');
      if (rng.chance(0.03)) {
        const { question, answer } = questionAndAnswer(rng, this.ctx(order));
        const tq = this.awake(order.placedAt + rng.logUniform(HOUR, 60 * HOUR));
        if (this.message(order, tq, 'buyer', question)) {
          const ta = this.officeHours(tq + rng.logUniform(10 * MIN, 10 * HOUR));
          if (!(order.quiet && ta >= order.quiet.from && ta <= order.quiet.to)) this.message(order, ta, 'seller', answer);
        }
      }
      if (rng.chance(0.012)) {
        const ti = this.awake(order.deliveredAt + rng.logUniform(3 * HOUR, 6 * DAY));
        if (order.review && order.review.postedAt <= ti) continue;
        if (this.buyerMessage(order, ti, 'buyerIssue')) {
          const ta = this.officeHours(ti + rng.logUniform(30 * MIN, 20 * HOUR));
          if (this.sellerMessage(order, ta, rng.chance(0.3) ? 'keepHere' : 'help')) {
            order.returnedAt = ta;
            if (rng.chance(0.5)) this.buyerMessage(order, ta + rng.logUniform(30 * MIN, 20 * HOUR), 'buyerThanks');
          }
        }
      }
    }
  }

  /** Ordinary churn of non-negative reviews: small edits, the odd downgrade, platform removals. */
  reviewChurn(reviews: readonly Review[]) {
    const { rng, s } = this;
    for (const review of reviews) {
      const later = review.postedAt + rng.logUniform(2 * DAY, 45 * DAY);
      // Reviews already flipped or removed are left alone.
      if (review.removed || review.rating !== review.firstRating) continue;
      if (review.firstRating <= 2) {
        // Raised to 3: not a flip.
        if (rng.chance(0.015)) this.editReview(review, this.awake(later), 3, betterReviewBody(rng, s.lang));
        continue;
      }
      if (rng.chance(0.004)) {
        this.removeReview(review, review.postedAt + rng.logUniform(2 * HOUR, 3 * DAY), 'platform');
      } else if (review.firstRating >= 4 && rng.chance(0.04)) {
        this.editReview(review, this.awake(later), review.firstRating === 5 ? 4 : 5);
      } else if (review.firstRating >= 3 && rng.chance(0.01)) {
        this.editReview(review, this.awake(later), rng.int(1, 2), reviewText(rng, s.lang, 1).body);
      } else if (review.firstRating === 3 && rng.chance(0.04)) {
        this.editReview(review, this.awake(later), rng.int(4, 5));
      }
    }
  }
}

interface RoutinePlan {
  readonly daily: boolean;
  readonly reportType: string;
  readonly actor: { actorId: string; appId?: string };
  readonly userActor: { actorId: string };
  readonly hour: number;
  readonly skipWeekends: boolean;
  readonly weeklyReturns: boolean;
  readonly monthly?: string;
  readonly monthlyDay: number;
}

interface MessagePlan {
  readonly shipped: number;
  readonly followup: number;
}

function trackingFor(rng: Rng, market: Market): { number: string; url: string } {
  switch (market) {
    case 'US':
      if (rng.chance(0.5)) {
        const n = `1Z${rng.alnum(6)}${rng.digits(10)}`;
        return { number: n, url: `https://www.ups.com/track?tracknum=${n}` };
      } else {
        const n = `9400${rng.digits(18)}`;
        return { number: n, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` };
      }
    case 'FR': {
      const n = `6A${rng.digits(11)}`;
      return { number: n, url: `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}` };
    }
    case 'DE': {
      const n = `00340434${rng.digits(12)}`;
      return { number: n, url: `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${n}` };
    }
    case 'ES': {
      const n = `PQ${rng.digits(10)}ES`;
      return { number: n, url: `https://www.correos.es/es/es/herramientas/localizador/envios?numero=${n}` };
    }
    case 'IT': {
      const n = rng.digits(12);
      return { number: n, url: `https://www.brt.it/it/tracking?code=${n}` };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Off-platform harassment: targeted look-ups, invisible contacts, flips.

function harass(sim: SellerSim, negatives: readonly Review[], mid: readonly Review[]) {
  const { rng, w, s } = sim;
  const rates = w.options.rates;
  const targetRate = rng.uniform(rates.targetRate[0], rates.targetRate[1]);
  const flipRate = rng.uniform(rates.harasserFlipRate[0], rates.harasserFlipRate[1]);
  const handleRate = s.kind === 'ring-member' && s.ring?.handle ? 0.2 : sim.handle ? 0.08 : 0;
  const preferred = rng.chance(0.6) ? 'customer-contacts' : 'orders';

  const targeted: Review[] = [];
  for (const review of negatives) {
    if (rng.chance(targetRate)) targeted.push(review);
    else sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.1 }]);
  }
  // Now and then a 3-star reviewer is looked up too (only along with negative ones).
  for (const review of mid) if (rng.chance(0.25)) targeted.push(review);
  targeted.sort((a, b) => a.postedAt - b.postedAt);

  // Batch the look-ups: a look-up covers every targeted review posted before it that is still waiting.
  const batches: { t: number; reviews: Review[] }[] = [];
  for (const review of targeted) {
    const open = batches[batches.length - 1];
    if (open && open.t > review.postedAt + 20 * MIN && open.reviews.length < 8) open.reviews.push(review);
    else if (review.firstRating <= 2) batches.push({ t: review.postedAt + Math.round(rng.logUniform(2 * HOUR, 4 * DAY)), reviews: [review] });
  }
  for (const batch of batches) {
    const orderIds = batch.reviews.map((r) => r.order.orderId);
    if (rng.chance(0.25)) {
      // Padding: a few recent orders without a review.
      const recent = sim.orders.filter((o) => o.placedAt < batch.t && o.placedAt > batch.t - 20 * DAY && o.review === undefined);
      for (let k = rng.int(1, 3); k > 0 && recent.length > 0; k--) orderIds.push(rng.pick(recent).orderId);
    }
    rng.shuffle(orderIds);
    const type = rng.chance(0.8) ? preferred : preferred === 'orders' ? 'customer-contacts' : 'orders';
    if (sim.report(batch.t, type, true, [...new Set(orderIds)], sim.lookupActor)) {
      sim.acts.targetedLookups++;
      sim.violation(batch.t);
    }
    for (const review of batch.reviews) {
      const order = review.order;
      // The off-platform e-mails (invisible), then maybe the flip.
      const contact = batch.t + rng.logUniform(1 * HOUR, 3 * DAY);
      if (w.inWindow(contact)) sim.acts.offPlatformContacts++;
      if (handleRate > 0 && rng.chance(handleRate)) sim.sellerMessage(order, sim.officeHours(batch.t + rng.logUniform(HOUR, 2 * DAY)), 'handleContact');
      if (review.firstRating <= 2 && rng.chance(flipRate)) {
        const tf = sim.awake(contact + rng.logUniform(12 * HOUR, 10 * DAY));
        order.quiet = { from: review.postedAt, to: tf };
        sim.flip(review, tf, 'induced', 0.55);
      } else if (rng.chance(0.1)) {
        // Some buyers answer on the platform, which is where they want to be.
        sim.buyerMessage(order, contact + rng.logUniform(HOUR, 2 * DAY), 'buyerRefuse');
      }
    }
  }
}

function subtle(sim: SellerSim, negatives: readonly Review[]) {
  const { rng, w } = sim;
  const rates = w.options.rates;
  const flipRate = rng.uniform(rates.subtleFlipRate[0], rates.subtleFlipRate[1]);
  const contactRate = Math.min(1, flipRate / 0.6);
  for (const review of negatives) {
    if (!rng.chance(contactRate)) {
      sim.ordinaryNegative(review, [{ intent: 'help', rate: 0.1 }]);
      continue;
    }
    const contact = review.postedAt + rng.logUniform(6 * HOUR, 4 * DAY);
    if (w.inWindow(contact)) sim.acts.offPlatformContacts++;
    if (rng.chance(flipRate / contactRate)) {
      const tf = sim.awake(contact + rng.logUniform(12 * HOUR, 8 * DAY));
      review.order.quiet = { from: review.postedAt, to: tf };
      if (sim.flip(review, tf, 'induced', 0.5)) sim.violation(contact);
    }
  }
}

// ---------------------------------------------------------------------------------------------

export function simulateMarketplace(input: SimulationInput = {}): Simulation {
  const options = resolveOptions(input);
  const master = new Rng(options.seed, 'offside-simulate-v1');
  const castRng = master.fork('cast');
  const w = new World(options, master);

  // Kinds, shuffled so that ids and positions say nothing about them.
  const counts = allocate(options.mix, options.sellers);
  const kinds: SellerKind[] = [];
  for (const k of SELLER_KINDS) for (let i = 0; i < counts[k]; i++) kinds.push(k);
  castRng.shuffle(kinds);

  // Rings: groups of 2-4 ring members, each in one marketplace.
  const ringSizes: number[] = [];
  for (let left = counts['ring-member']; left > 0; ) {
    let size = left <= 4 ? left : castRng.int(2, 4);
    if (left - size === 1) size = size === 4 ? 3 : size + 1;
    ringSizes.push(size);
    left -= size;
  }
  const rings: RingPlan[] = ringSizes.map((_, i) => {
    const market = MARKET_LIST[castRng.weighted(MARKET_LIST.map((m) => MARKET_WEIGHTS[m]))] ?? 'US';
    const variant = castRng.weighted([0.4, 0.3, 0.3]);
    const plan: { ringId: string; market: Market; members: Seller[]; handle?: HandleSpec; appId?: string } = {
      ringId: `ring-${i + 1}`,
      market,
      members: [],
    };
    if (variant !== 1) plan.handle = newHandle(castRng, market);
    if (variant !== 0) plan.appId = w.unique(() => `APP-${castRng.alnum(8)}`);
    return plan;
  });
  const ringSlots: RingPlan[] = [];
  rings.forEach((ring, i) => {
    for (let k = 0; k < (ringSizes[i] ?? 0); k++) ringSlots.push(ring);
  });

  let subtleIndex = 0;
  const sellers: Seller[] = kinds.map((kind, i) => {
    const rng = master.fork(`seller-${i}`);
    const ring = kind === 'ring-member' ? ringSlots.shift() : undefined;
    const market = ring?.market ?? MARKET_LIST[rng.weighted(MARKET_LIST.map((m) => MARKET_WEIGHTS[m]))] ?? 'US';
    const lang = LANG_OF[market];
    // Subtle harassers come in all sizes, on purpose: the small ones are hard to catch.
    const size: SellerSize = kind === 'subtle-harasser' ? (['large', 'small', 'medium', 'small'] as const)[subtleIndex++ % 4] ?? 'small' : drawSize(rng);
    const negative = rng.uniform(options.rates.negativeShare[0], options.rates.negativeShare[1]);
    const three = rng.uniform(0.05, 0.1);
    const four = rng.uniform(0.18, 0.3);
    const productCount = size === 'large' ? rng.int(4, 12) : size === 'medium' ? rng.int(2, 6) : rng.int(1, 3);
    const names = rng.shuffle([...PRODUCTS[lang]]).slice(0, productCount);
    const sellerId = w.unique(() => `S-${rng.alnum(10)}`);
    const seller: Seller = {
      sellerId,
      kind,
      size,
      market,
      lang,
      langTag: rng.chance(0.65) ? `${lang}-${market}` : lang,
      tagsLanguage: rng.chance(0.85),
      ordersPerDay: Math.round(ordersPerDayOf(rng, size) * 100) / 100,
      reviewRate: rng.uniform(options.rates.reviewRate[0], options.rates.reviewRate[1]),
      ratingWeights: [negative * 0.55, negative * 0.45, three, four, Math.max(0.05, 1 - negative - three - four)],
      shop: shopName(rng),
      agents: rng.shuffle([...AGENTS[lang]]).slice(0, rng.int(1, 3)),
      products: names.map((name) => ({ productId: w.unique(() => `B0${rng.alnum(8)}`), name })),
      rng,
      owner: `U-${sellerId.slice(2)}-${rng.pick(['OWNER', 'OPS', 'ADMIN', 'WAREHOUSE'])}`,
    };
    if (ring) {
      seller.ring = ring;
      ring.members.push(seller);
    }
    return seller;
  });

  const truthSellers: TruthSeller[] = [];
  for (const s of sellers) truthSellers.push(simulateSeller(w, s));

  w.records.sort((a, b) => a.d - b.d || a.seq - b.seq);
  const truthRings: TruthRing[] = rings.map((r) => {
    const out: TruthRing = { ringId: r.ringId, members: r.members.map((m) => m.sellerId) };
    if (r.handle) out.handle = canonicalHandle(r.handle);
    if (r.appId) out.appId = r.appId;
    return out;
  });
  const truth: SimulationTruth = {
    version: 1,
    options: { ...options },
    sellers: truthSellers,
    rings: truthRings,
    sharedApps: [...SHARED_APPS],
    counts: { events: w.events, duplicates: w.duplicates, late: w.late, lines: w.records.length },
  };
  const records = w.records;
  return {
    options,
    truth,
    *lines() {
      for (const r of records) yield r.line;
    },
  };
}

function simulateSeller(w: World, s: Seller): TruthSeller {
  const rng = s.rng;
  const kind = s.kind;
  const harasser = kind === 'offplatform-harasser' || kind === 'ring-member';

  // Contact handle, look-up actor, gift funnel.
  let handle: HandleSpec | undefined;
  if (kind === 'ring-member') handle = s.ring?.handle;
  else if (kind === 'offplatform-harasser') handle = newHandle(rng, s.market);
  let lookupActor: { actorId: string; appId?: string } = { actorId: s.owner };
  if (kind === 'ring-member' && s.ring?.appId) lookupActor = { actorId: s.ring.appId, appId: s.ring.appId };
  else if (harasser && rng.chance(0.4)) {
    const appId = w.unique(() => `APP-${rng.alnum(8)}`);
    lookupActor = { actorId: appId, appId };
  }
  const funnel = harasser && rng.chance(0.25);
  const sim = new SellerSim(w, s, handle, lookupActor, funnel ? giftSite(rng, s.shop).domain : undefined);

  // Routine habits.
  const usesApp = rng.chance(0.4);
  const app = rng.pick(SHARED_APPS.slice(0, 4));
  const routine: RoutinePlan = {
    daily: !(s.size === 'small' && rng.chance(0.2)) && rng.chance(0.95),
    reportType: usesApp && rng.chance(0.5) ? 'shipments' : 'orders',
    actor: usesApp ? { actorId: app, appId: app } : { actorId: s.owner },
    userActor: { actorId: s.owner },
    hour: rng.int(5, 10),
    skipWeekends: rng.chance(0.3),
    weeklyReturns: rng.chance(0.4),
    monthly: rng.chance(0.3) ? rng.pick(['settlement', 'inventory-health', 'fee-preview']) : undefined,
    monthlyDay: rng.int(1, 5),
  };
  const messages: MessagePlan = {
    shipped: rng.chance(0.3) ? 0 : rng.uniform(0.02, 0.2),
    followup: rng.chance(0.5) ? 0 : rng.uniform(0.02, 0.1),
  };

  sim.makeOrders();
  const reviews = sim.makeReviews();
  const negatives = reviews.filter((r) => r.firstRating <= 2);
  const mid = reviews.filter((r) => r.firstRating === 3);
  const rates = w.options.rates;

  switch (kind) {
    case 'honest':
      for (const r of negatives) sim.ordinaryNegative(r, [{ intent: 'help', rate: rates.helpMessageRate }]);
      break;
    case 'honest-refunder':
      for (const r of negatives) {
        sim.ordinaryNegative(r, [
          { intent: 'refund', rate: rates.refundMessageRate },
          { intent: 'help', rate: 0.2 },
        ]);
      }
      break;
    case 'onplatform-solicitor': {
      const solicitRate = rng.uniform(rates.solicitRate[0], rates.solicitRate[1]);
      for (const r of negatives) sim.solicit(r, solicitRate);
      for (const r of mid) if (rng.chance(0.3)) sim.solicit(r, 1);
      break;
    }
    case 'offplatform-harasser':
    case 'ring-member':
      harass(sim, negatives, mid);
      break;
    case 'subtle-harasser':
      subtle(sim, negatives);
      break;
  }

  // The "free gift / warranty" funnel after delivery.
  if (funnel) {
    const share = rng.uniform(0.05, 0.3);
    for (const order of sim.orders) {
      if (rng.chance(share)) sim.sellerMessage(order, order.deliveredAt + rng.logUniform(30 * MIN, 30 * HOUR), 'giftFunnel');
    }
  }
  // Every ring member shows the shared handle at least once on the platform.
  if (kind === 'ring-member' && handle && sim.handleMessages === 0) {
    const candidates = sim.orders.filter((o) => o.review === undefined && w.inWindow(o.deliveredAt) && o.deliveredAt < w.start + (w.end - w.start) / 2);
    const order = candidates.length > 0 ? rng.pick(candidates) : sim.orders.find((o) => w.inWindow(o.deliveredAt + DAY));
    if (order) sim.sellerMessage(order, sim.officeHours(order.deliveredAt + rng.logUniform(HOUR, DAY)), 'handleContact');
  }

  sim.routineReports(routine);
  sim.weeklyReports(routine);
  sim.routineMessages(messages);
  sim.reviewChurn(reviews);

  const out: TruthSeller = {
    sellerId: s.sellerId,
    kind,
    violator: VIOLATOR_KINDS.has(kind),
    size: s.size,
    marketplace: s.market,
    language: s.langTag,
    ordersPerDay: s.ordersPerDay,
    acts: sim.acts,
  };
  if (s.ring) out.ringId = s.ring.ringId;
  if (Number.isFinite(sim.firstViolation)) out.firstViolationAt = isoZ(sim.firstViolation);
  return out;
}
