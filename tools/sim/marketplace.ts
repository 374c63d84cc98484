/**
 * The marketplace simulator: sellers of several kinds (tools/sim/truth.ts: honest shops and the
 * honest operations that look like harassment to a naive rule, on-platform solicitors, off-platform
 * harassers, rings and evasive violators), their orders, returns, reviews, messages and report
 * downloads, as the platform's v1 events, delivered the way a queue delivers them (a little
 * shuffled, some late, some twice); the buyer complaints the console takes in; and the ground truth.
 *
 * Pure: no clock, no Math.random, no I/O. The same options give the same lines, byte for byte.
 * Orders are not events; they only show up through reports, reviews and messages. `--preset v1`
 * runs the first simulator's code paths unchanged (see options.ts).
 */
import { LANG_OF, MARKET_LIST, MARKET_WEIGHTS } from './cast';
import type { RingPlan, Seller } from './cast';
import { Rng } from './prng';
import { resolveOptions } from './options';
import type { SimulationInput, SimulationOptions } from './options';
import { bulkCover, euphemisms, obfuscatedFunnel, slowBurn, thinSpread } from './evasive';
import {
  FULFILMENT_APP,
  ORDER_TOOL,
  POPULAR_APPS,
  RETURNS_APP,
  appActor,
  falseComplaints,
  recentOrdersReports,
  resolve,
  returnsReports,
} from './operations';
import type { Actor } from './operations';
import { MESSAGE_RATES, SellerSim } from './seller-sim';
import type { MessagePlan, Review, RoutinePlan } from './seller-sim';
import { AGENTS, PRODUCTS, canonicalHandle, giftSite, newHandle, shopName } from './texts';
import type { HandleSpec } from './texts';
import { DAY, HOUR, MIN, isoZ } from './time';
import type { Market } from './time';
import { HONEST_KINDS, ORIGINAL_KINDS, SELLER_KINDS, VIOLATOR_KINDS } from './truth';
import type { KindMix, SellerKind, SellerSize, SimulationTruth, TruthRing, TruthSeller } from './truth';
import { World } from './world';

export interface Simulation {
  readonly options: SimulationOptions;
  readonly truth: SimulationTruth;
  /** The lines of events.jsonl, in delivery order (each without its newline). */
  lines(): Generator<string>;
  /** The lines of complaints.jsonl, in the order the console received them (empty under v1). */
  complaintLines(): Generator<string>;
}

const ORIGINAL: ReadonlySet<SellerKind> = new Set(ORIGINAL_KINDS);

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
  const out = Object.fromEntries(SELLER_KINDS.map((k, i) => [k, counts[i] ?? 0])) as Record<SellerKind, number>;
  // A ring needs at least two members.
  if (out['ring-member'] === 1) {
    out['ring-member'] = 0;
    out['offplatform-harasser'] += 1;
  }
  return out;
}

function drawSize(rng: Rng, weights: readonly [number, number, number] = [0.63, 0.3, 0.07]): SellerSize {
  return (['small', 'medium', 'large'] as const)[rng.weighted(weights)] ?? 'small';
}

/** The size of a seller of the later kinds (the original kinds draw theirs as they always did). */
function sizeOfLaterKind(rng: Rng, kind: SellerKind): SellerSize {
  switch (kind) {
    case 'very-large':
      return 'very-large';
    // Their large reports need a few dozen orders a month.
    case 'bulk-cover-harasser':
    case 'thin-spreader':
      return rng.chance(0.7) ? 'medium' : 'large';
    // Daily returns processing is for shops with some volume.
    case 'returns-processor':
      return drawSize(rng, [0.35, 0.5, 0.15]);
    default:
      return drawSize(rng);
  }
}

function ordersPerDayOf(rng: Rng, size: SellerSize, rates: SimulationOptions['rates']): number {
  if (size === 'very-large') return rng.logUniform(rates.veryLargeOrdersPerDay[0], rates.veryLargeOrdersPerDay[1]);
  if (size === 'small') return rng.logUniform(0.3, 1.2);
  if (size === 'medium') return rng.logUniform(1.2, 5);
  // 5 to 60 a day, most of them nearer 5: the heavy tail.
  return 5 * Math.pow(12, Math.pow(rng.next(), 2.5));
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
      if (w.inWindow(contact)) {
        sim.acts.offPlatformContacts++;
        sim.maybeVictimComplaint(order, contact);
      }
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
    if (w.inWindow(contact)) {
      sim.acts.offPlatformContacts++;
      sim.maybeVictimComplaint(review.order, contact);
    }
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
  const v2 = options.preset === 'v2';

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
    // v2: the first rings look their victims up through the popular apps honest sellers use too.
    const popular = POPULAR_APPS[i];
    if (v2 && popular !== undefined) plan.appId = popular;
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
    const size: SellerSize =
      kind === 'subtle-harasser'
        ? (['large', 'small', 'medium', 'small'] as const)[subtleIndex++ % 4] ?? 'small'
        : ORIGINAL.has(kind)
          ? drawSize(rng)
          : sizeOfLaterKind(rng, kind);
    const negative = rng.uniform(options.rates.negativeShare[0], options.rates.negativeShare[1]);
    const three = rng.uniform(0.05, 0.1);
    const four = rng.uniform(0.18, 0.3);
    const productCount = size === 'very-large' ? rng.int(10, 15) : size === 'large' ? rng.int(4, 12) : size === 'medium' ? rng.int(2, 6) : rng.int(1, 3);
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
      ordersPerDay: Math.round(ordersPerDayOf(rng, size, options.rates) * 100) / 100,
      reviewRate: size === 'very-large' ? rng.uniform(...options.rates.veryLargeReviewRate) : rng.uniform(options.rates.reviewRate[0], options.rates.reviewRate[1]),
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
  if (options.serialComplainers) serialFalseComplaints(w, sellers, options.serialComplainers);

  w.records.sort((a, b) => a.d - b.d || a.seq - b.seq);
  w.complaints.sort((a, b) => a.d - b.d || a.seq - b.seq);
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
    sharedApps: v2 ? [...SHARED_APPS, ...POPULAR_APPS, RETURNS_APP] : [...SHARED_APPS],
    counts: { events: w.events, duplicates: w.duplicates, late: w.late, lines: w.records.length, complaints: w.complaints.length },
  };
  const { records, complaints } = w;
  return {
    options,
    truth,
    *lines() {
      for (const r of records) yield r.line;
    },
    *complaintLines() {
      for (const r of complaints) yield r.line;
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
  else if (kind === 'offplatform-harasser' || kind === 'funnel-obfuscator') handle = newHandle(rng, s.market);
  let lookupActor: { actorId: string; appId?: string } = { actorId: s.owner };
  if (kind === 'ring-member' && s.ring?.appId) lookupActor = { actorId: s.ring.appId, appId: s.ring.appId };
  else if (harasser && rng.chance(0.4)) {
    const appId = w.unique(() => `APP-${rng.alnum(8)}`);
    lookupActor = { actorId: appId, appId };
  }
  const funnel = harasser && rng.chance(0.25);
  const giftDomain = funnel || kind === 'funnel-obfuscator' ? giftSite(rng, s.shop).domain : undefined;
  const sim = new SellerSim(w, s, handle, lookupActor, giftDomain);
  sim.obfuscate = kind === 'funnel-obfuscator';

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
  let messages: MessagePlan = {
    shipped: rng.chance(0.3) ? 0 : rng.uniform(0.02, 0.2),
    followup: rng.chance(0.5) ? 0 : rng.uniform(0.02, 0.1),
    ...MESSAGE_RATES,
  };
  // A very large seller's shipping notices come from the platform, and few buyers write.
  if (kind === 'very-large') messages = { shipped: 0, followup: 0, questions: 0.01, issues: 0.006 };

  sim.makeOrders();
  if (sim.v2) sim.planReturns();
  const reviews = sim.makeReviews();
  const negatives = reviews.filter((r) => r.firstRating <= 2);
  const mid = reviews.filter((r) => r.firstRating === 3);
  const rates = w.options.rates;
  const ownActor: Actor = { actorId: s.owner };
  /** The daily report of new orders, as most shops download it. */
  let dailyReports = (): void => sim.routineReports(routine);
  let weekly = routine;
  /** An ordinary shop's answer to its negative reviews: now and then a help message. */
  const answerLikeAnyShop = () => {
    for (const r of negatives) sim.ordinaryNegative(r, [{ intent: 'help', rate: rates.helpMessageRate }]);
  };

  switch (kind) {
    case 'honest':
    case 'very-large':
    case 'false-complaint-target':
      answerLikeAnyShop();
      if (kind === 'false-complaint-target') falseComplaints(sim);
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
    case 'merchant-fulfilled': {
      answerLikeAnyShop();
      // It ships itself: every recent order, buyer data included, each morning (some through a label app).
      const plan = {
        windowDays: rng.pick([3, 5, 7, 7, 10, 14]),
        hour: rng.int(6, 9),
        jitterMinutes: 50,
        actor: usesApp ? appActor(app) : ownActor,
        skipSundays: rng.chance(0.5),
      };
      dailyReports = () => void recentOrdersReports(sim, plan);
      break;
    }
    case 'returns-processor': {
      answerLikeAnyShop();
      const plan = { hour: rng.int(7, 10), actor: rng.chance(0.35) ? appActor(RETURNS_APP) : ownActor, skipSundays: rng.chance(0.6) };
      dailyReports = () => {
        sim.routineReports(routine);
        returnsReports(sim, plan);
      };
      weekly = { ...routine, weeklyReturns: false };
      break;
    }
    case 'onplatform-resolver':
      resolve(sim, negatives, mid);
      break;
    case 'popular-app-user': {
      answerLikeAnyShop();
      const popular = rng.chance(0.5) ? ORDER_TOOL : FULFILMENT_APP;
      const actor = appActor(popular);
      if (popular === ORDER_TOOL) {
        // The order tool syncs the last few days' orders every night, on a schedule.
        const plan = { windowDays: rng.pick([2, 3, 5, 7]), hour: rng.int(2, 5), jitterMinutes: 15, actor, skipSundays: false };
        dailyReports = () => void recentOrdersReports(sim, plan);
      } else {
        // The fulfilment provider pulls the new orders to ship, and reports the returns it received.
        const returnsPlan = { hour: rng.int(6, 8), actor, skipSundays: false };
        dailyReports = () => {
          sim.routineReports({ ...routine, daily: true, reportType: 'shipments', actor, skipWeekends: false });
          returnsReports(sim, returnsPlan);
        };
        weekly = { ...routine, weeklyReturns: false };
      }
      break;
    }
    case 'bulk-cover-harasser': {
      const actor = usesApp ? appActor(app) : ownActor;
      dailyReports = () => undefined;
      bulkCover(sim, negatives, actor);
      break;
    }
    case 'thin-spreader':
      thinSpread(sim, negatives);
      break;
    case 'funnel-obfuscator':
      // No report ever: the platform ships its orders, and the funnel brings the e-mails.
      dailyReports = () => undefined;
      weekly = { ...routine, weeklyReturns: false, monthly: undefined };
      obfuscatedFunnel(sim, negatives);
      break;
    case 'euphemism-solicitor':
      euphemisms(sim, negatives, mid);
      break;
    case 'slow-burner':
      slowBurn(sim, negatives);
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

  dailyReports();
  sim.weeklyReports(weekly);
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

/** Complaints a serial false complainer files over the period. */
const SERIAL_COMPLAINTS: readonly [number, number] = [9, 14];
const SERIAL_SUMMARIES = [
  'The seller contacted me outside the platform about my review and pressured me to change it.',
  'This shop keeps messaging me off the marketplace about my rating. Please stop them.',
  'After my review the seller found my private e-mail and wrote to me there.',
] as const;

/**
 * Serial false complainers (`serialComplainers`): each files 9 to 14 complaints over the period
 * about shops that did nothing (the coordinated targets first, honest shops otherwise), never
 * having ordered from them. Their own random stream (seed and label), drawn after every seller:
 * the events and every other complaint are the same bytes with or without them.
 */
function serialFalseComplaints(w: World, sellers: readonly Seller[], complainers: number) {
  const rng = new Rng(w.options.seed, 'offside-simulate-serial-complainers');
  const targets = sellers.filter((s) => s.kind === 'false-complaint-target');
  const pool = targets.length > 0 ? targets : sellers.filter((s) => HONEST_KINDS.includes(s.kind));
  if (pool.length === 0) return;
  const days = (w.end - w.start) / DAY;
  for (let k = 0; k < complainers; k++) {
    const buyerId = w.unique(() => `B-SERIAL-${rng.digits(8)}`);
    const count = rng.int(SERIAL_COMPLAINTS[0], SERIAL_COMPLAINTS[1]);
    const times = Array.from({ length: count }, () => w.start + rng.uniform(0, days - 1) * DAY).sort((a, b) => a - b);
    for (const t of times) {
      const seller = rng.pick(pool);
      w.complaint(t, { buyerId, sellerId: seller.sellerId, channel: rng.pick(['email', 'chat', 'phone']), summary: rng.pick(SERIAL_SUMMARIES), receivedAt: isoZ(t) });
    }
  }
}
