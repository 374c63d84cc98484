/**
 * Deterministic randomness for the simulator and the demo generator. The simulator's `Rng` is
 * sfc32 (128-bit state, so ids drawn from it do not collide the way a 32-bit-state generator's
 * would), seeded through splitmix32; `fork(label)` gives an independent stream per seller or per
 * purpose, so adding draws in one place does not shift every later draw elsewhere. Every draw is
 * written once, in `Draws`, over a generator's core. No Math.random anywhere.
 */

/** 32-bit string hash (FNV-1a followed by a murmur finaliser). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A 32-bit integer finaliser (murmur3 fmix32). */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

/**
 * The draws of a seeded generator, over its core `u32()` (an unsigned 32-bit integer): the same for
 * every core, so the simulator (sfc32, `Rng`) and the demo generator (mulberry32, `Mulberry32`)
 * draw their numbers, choices and ids in one way.
 */
export abstract class Draws {
  /** The core: an unsigned 32-bit integer. */
  abstract u32(): number;

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** An index chosen with the given relative weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((x, y) => x + y, 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  /** Log-uniform in [lo, hi): many small values, a long tail of large ones. */
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)));
  }

  /** Poisson-distributed count (Knuth for small means, a rounded normal for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = items[i];
      const b = items[j];
      if (a === undefined || b === undefined) continue;
      items[i] = b;
      items[j] = a;
    }
    return items;
  }

  /** `n` decimal digits, up to nine from each u32. */
  digits(n: number): string {
    let out = '';
    for (let left = n; left > 0; left -= 9) {
      const k = Math.min(9, left);
      out += String(this.u32() % 10 ** k).padStart(k, '0');
    }
    return out;
  }

  alnum(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += ALNUM[this.u32() % ALNUM.length] ?? 'X';
    return out;
  }

  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += HEX[this.u32() & 15] ?? '0';
    return out;
  }

  /**
   * A version-4-shaped UUID whose last 48 bits are a keyed permutation (a Feistel network) of
   * `counter`: distinct counters give distinct ids without keeping a set of the ids handed out.
   */
  uniqueUuid(counter: number, key: number): string {
    let left = Math.floor(counter / 0x1000000) & 0xffffff;
    let right = counter & 0xffffff;
    for (let round = 0; round < 4; round++) {
      const f = mix32((right ^ key ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0) & 0xffffff;
      [left, right] = [right, left ^ f];
    }
    const tail = left.toString(16).padStart(6, '0') + right.toString(16).padStart(6, '0');
    const h = this.hex(20);
    const variant = HEX[8 + (this.u32() & 3)] ?? '8';
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${tail}`;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + (this.u32() & 3)] ?? '8';
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** The simulator's generator: sfc32, seeded through splitmix32, with independent forks. */
export class Rng extends Draws {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label = '') {
    super();
    const sm = splitmix32((seed ^ hash32(label)) >>> 0);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent generator for a named sub-stream. */
  fork(label: string): Rng {
    return new Rng(this.u32(), label);
  }

  /** sfc32: an unsigned 32-bit integer. */
  override u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
}

/**
 * mulberry32 (32-bit state): the demo generator's core (tools/demo/make-demo.ts). The demo stream
 * is committed, and the replays recorded on it (test/fixtures/replay-golden/) pin its every byte;
 * sfc32 would draw it anew. It has one stream and no forks, which the demo, a script of a few
 * thousand events, does not need.
 */
export class Mulberry32 extends Draws {
  private state: number;

  constructor(seed: number) {
    super();
    this.state = seed >>> 0;
  }

  override u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
