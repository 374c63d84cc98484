/**
 * One seller's business in the simulation: orders, reviews, messages, report downloads, flips,
 * and the acts the ground truth counts.
 */
import { ORDER_PREFIXES } from './cast';
import type { Product, Seller } from './cast';
import { Rng } from './prng';
import {
  VIOLATING_INTENTS,
  betterReviewBody,
  buyerText,
  complaintText,
  questionAndAnswer,
  reviewText,
  sellerText,
  writeHandle,
  writeHandleObfuscated,
  writeSite,
  writeSiteObfuscated,
} from './texts';
import type { BuyerIntent, ComplaintCopy, HandleSpec, SellerIntent, TextContext } from './texts';
import { DAY, HOUR, MIN, SEC, isoLocal, isoMs, isoZ, localMidnight, localWeekday, offsetMinutes } from './time';
import type { Market } from './time';
import { HONEST_KINDS } from './truth';
import type { SellerActs } from './truth';
import type { World } from './world';

export interface Order {
  readonly orderId: string;
  readonly buyerId: string;
  readonly product: Product;
  readonly placedAt: number;
  readonly deliveredAt: number;
  threadId?: string;
  review?: Review;
  /** No ordinary seller message on this order inside [from, to] (an unexplained flip is coming). */
  quiet?: { from: number; to: number };
  /** Refunded or returned at this time (shows up in the weekly returns report; v1). */
  returnedAt?: number;
  /** v2: the buyer sent it back and the seller received it at this time. */
  returnReceivedAt?: number;
}

export interface Review {
  readonly reviewId: string;
  readonly order: Order;
  readonly postedAt: number;
  readonly firstRating: number;
  rating: number;
  removed: boolean;
}

export type FlipCause = 'spontaneous' | 'induced' | 'afterMessage';

export class SellerSim {
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
    returns: 0,
    hiddenLookups: 0,
    victimComplaints: 0,
    falseComplaints: 0,
  };
  firstViolation = Infinity;
  handleMessages = 0;
  readonly orders: Order[] = [];
  readonly rng: Rng;
  /** The `v2` preset: returns, complaints and the later kinds' behaviour. */
  readonly v2: boolean;
  /** Write contact handles and external sites only in obfuscated forms (evasive funnels). */
  obfuscate = false;
  readonly buyers = new Set<string>();
  /** Negative reviews the buyer flips on their own: the base rate, or (honest sellers, `honestFlipRate`) the seller's own. */
  readonly spontaneousFlipRate: number;

  constructor(
    readonly w: World,
    readonly s: Seller,
    readonly handle: HandleSpec | undefined,
    readonly lookupActor: { actorId: string; appId?: string },
    readonly giftDomain: string | undefined,
  ) {
    this.rng = s.rng;
    this.v2 = w.options.preset === 'v2';
    const range = w.options.rates.honestFlipRate;
    this.spontaneousFlipRate =
      range && HONEST_KINDS.includes(s.kind)
        ? new Rng(w.options.seed, `honest-flip-rate:${s.sellerId}`).uniform(range[0], range[1])
        : w.options.rates.spontaneousFlipRate;
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

  /**
   * Calls `at` once a local day of the period, at `hour` plus up to `jitterMinutes`, except on days
   * `skip` rules out (0 = Sunday) and the odd day off.
   */
  eachMorning(hour: number, jitterMinutes: number, skip: (weekday: number) => boolean, at: (t: number) => void) {
    const { w, s, rng } = this;
    for (let day = w.start; day < w.end; day += DAY) {
      const midnight = localMidnight(s.market, day + 12 * HOUR);
      const weekday = localWeekday(s.market, midnight + 12 * HOUR);
      const t = midnight + hour * HOUR + rng.int(0, jitterMinutes * 60) * SEC + rng.int(0, 999);
      if (skip(weekday) || rng.chance(0.02)) continue;
      at(t);
    }
  }

  /** Orders placed in [from, to), in placement order (the orders are sorted by placement). */
  placedBetween(from: number, to: number): Order[] {
    const orders = this.orders;
    let lo = 0;
    let hi = orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((orders[mid]?.placedAt ?? Infinity) < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Order[] = [];
    for (let i = lo; i < orders.length; i++) {
      const o = orders[i];
      if (!o || o.placedAt >= to) break;
      out.push(o);
    }
    return out;
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
      const written = this.obfuscate ? writeHandleObfuscated(rng, this.handle, lang) : writeHandle(rng, this.handle, lang);
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
      site: this.giftDomain ? (this.obfuscate ? writeSiteObfuscated(rng, this.giftDomain) : writeSite(rng, this.giftDomain)) : '',
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

  // --- complaints (v2) ------------------------------------------------------------------------------

  /** A buyer complaint through the console intake, if received inside the period. */
  complaint(buyerId: string, t: number, copy: ComplaintCopy, orderId?: string): boolean {
    const data: Record<string, unknown> = { buyerId, sellerId: this.s.sellerId };
    if (orderId !== undefined) data['orderId'] = orderId;
    Object.assign(data, { channel: copy.channel, summary: copy.summary, receivedAt: isoZ(t) });
    return this.w.complaint(t, data);
  }

  /** Now and then a buyer contacted off the platform tells the platform (v2). */
  maybeVictimComplaint(order: Order, contactAt: number) {
    const { rng } = this;
    if (!this.v2 || !rng.chance(this.w.options.rates.victimComplaintRate)) return;
    const t = this.awake(contactAt + rng.logUniform(6 * HOUR, 12 * DAY));
    const copy = complaintText(rng, this.ctx(order));
    if (this.complaint(order.buyerId, t, copy, rng.chance(0.7) ? order.orderId : undefined)) this.acts.victimComplaints++;
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

  /**
   * v2: which orders come back, and when the seller receives them. Returned orders draw most 1-2
   * star reviews, so the ratings of returned and kept orders are drawn apart, keeping the seller's
   * overall negative share about what it drew.
   */
  planReturns() {
    const { w, s, rng } = this;
    const rates = w.options.rates;
    const returnRate = rng.uniform(rates.returnRate[0], rates.returnRate[1]);
    const returnedNegative = rng.uniform(rates.returnNegativeShare[0], rates.returnNegativeShare[1]);
    const [one = 0, two = 0, three = 0, four = 0] = s.ratingWeights;
    const negative = one + two;
    const keptNegative = Math.max(0.01, (negative - returnRate * returnedNegative) / (1 - returnRate));
    this.keptWeights = [keptNegative * 0.55, keptNegative * 0.45, three, four, Math.max(0.05, 1 - keptNegative - three - four)];
    const rest = 1 - returnedNegative;
    this.returnedWeights = [returnedNegative * 0.6, returnedNegative * 0.4, rest * 0.5, rest * 0.3, rest * 0.2];
    for (const order of this.orders) {
      if (!rng.chance(returnRate)) continue;
      // The buyer asks for the return within days of delivery; the parcel takes 2-6 days back.
      const received = this.officeHours(order.deliveredAt + rng.logUniform(DAY, 9 * DAY) + rng.int(2, 6) * DAY);
      order.returnReceivedAt = received;
      if (w.inWindow(received)) this.acts.returns++;
    }
  }

  keptWeights: readonly number[] = [];
  returnedWeights: readonly number[] = [];

  /** Reviews posted inside the period, in time order (reviews before it are history). */
  makeReviews(): Review[] {
    const { w, s, rng } = this;
    const reviews: Review[] = [];
    if (this.v2) {
      for (const order of this.orders) {
        if (!rng.chance(s.reviewRate)) continue;
        const returned = order.returnReceivedAt !== undefined;
        // An unhappy buyer reviews soon, usually before the parcel is back with the seller.
        const t = this.awake(order.deliveredAt + (returned ? rng.logUniform(3 * HOUR, 8 * DAY) : rng.logUniform(5 * HOUR, 18 * DAY)));
        const rating = rng.weighted(returned ? this.returnedWeights : this.keptWeights) + 1;
        if (t < w.start || t >= w.end) continue;
        reviews.push(this.postReview(order, t, rating));
      }
      return reviews.sort((a, b) => a.postedAt - b.postedAt);
    }
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
    if (rng.chance(this.spontaneousFlipRate)) {
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
          .filter((o) => {
            const returned = this.v2 ? o.returnReceivedAt : o.returnedAt;
            return returned !== undefined && returned < t && returned >= t - 7 * DAY;
          })
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
      if (rng.chance(plan.questions)) {
        const { question, answer } = questionAndAnswer(rng, this.ctx(order));
        const tq = this.awake(order.placedAt + rng.logUniform(HOUR, 60 * HOUR));
        if (this.message(order, tq, 'buyer', question)) {
          const ta = this.officeHours(tq + rng.logUniform(10 * MIN, 10 * HOUR));
          if (!(order.quiet && ta >= order.quiet.from && ta <= order.quiet.to)) this.message(order, ta, 'seller', answer);
        }
      }
      if (rng.chance(plan.issues)) {
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

export interface RoutinePlan {
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

export interface MessagePlan {
  readonly shipped: number;
  readonly followup: number;
  /** Share of orders with a buyer question (answered by the seller). */
  readonly questions: number;
  /** Share of orders with a problem the buyer raises by message before any review. */
  readonly issues: number;
}

/** The first simulator's rates of buyer questions and issues. */
export const MESSAGE_RATES = { questions: 0.03, issues: 0.012 } as const;

export function trackingFor(rng: Rng, market: Market): { number: string; url: string } {
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

