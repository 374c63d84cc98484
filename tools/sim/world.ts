/**
 * The simulated world: unique ids, event emission inside the simulated period, and delivery the
 * way a queue delivers (a little shuffled, some late, some twice).
 */
import type { Seller } from './cast';
import type { SimulationOptions } from './options';
import type { Rng } from './prng';
import { DAY, HOUR, MIN, SEC } from './time';
import type { Market } from './time';

export interface Rec {
  readonly d: number;
  readonly seq: number;
  readonly line: string;
}

export class World {
  readonly records: Rec[] = [];
  /** complaints.jsonl: buyer complaints, as the console intake takes them in (not events). */
  readonly complaints: Rec[] = [];
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

  /** Records one buyer complaint received at t if t is inside the simulated period; true when recorded. */
  complaint(t: number, data: object): boolean {
    if (!this.inWindow(t)) return false;
    this.complaints.push({ d: t, seq: this.seq++, line: JSON.stringify(data) });
    return true;
  }

  /** A buyer who never ordered from the seller whose buyers are `known` (someone else's, or new). */
  strangerBuyer(rng: Rng, market: Market, known: ReadonlySet<string>): string {
    const pool = this.buyersByMarket.get(market) ?? [];
    if (pool.length > 50 && rng.chance(0.6)) {
      const other = rng.pick(pool);
      if (!known.has(other)) return other;
    }
    return this.unique(() => `B-${market}-${rng.digits(8)}`);
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
