import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventJson } from '../../events/v1/parse';
import type { MessageSent, OffsideEvent, ReportDownloaded, ReviewPosted } from '../../events/v1/schemas';
import { runSimulate } from '../../tools/cli/commands/simulate';
import { findContactHandles } from '../../shared/domain/contact-handles';
import { SHARED_APPS, simulateMarketplace } from '../../tools/sim/marketplace';
import type { Simulation } from '../../tools/sim/marketplace';
import { ORIGINAL_KINDS, SimulationTruth, VIOLATOR_KINDS } from '../../tools/sim/truth';

const HOUR = 3_600_000;

interface Parsed {
  readonly lines: readonly string[];
  /** Distinct events, by id (first delivery). */
  readonly events: readonly OffsideEvent[];
  readonly invalid: number;
}

function parseAll(sim: Simulation): Parsed {
  const lines = [...sim.lines()];
  const seen = new Set<string>();
  const events: OffsideEvent[] = [];
  let invalid = 0;
  for (const line of lines) {
    const result = parseEventJson(line);
    if (!result.ok) {
      invalid++;
      continue;
    }
    if (seen.has(result.event.id)) continue;
    seen.add(result.event.id);
    events.push(result.event);
  }
  return { lines, events, invalid };
}

const at = (event: OffsideEvent) => Date.parse(event.time);

/** Everything the platform saw, grouped for the checks below. */
function index(events: readonly OffsideEvent[]) {
  const reviewsByOrder = new Map<string, ReviewPosted[]>();
  const reports: ReportDownloaded[] = [];
  const messages: MessageSent[] = [];
  for (const e of events) {
    if (e.type === 'review.posted') {
      const list = reviewsByOrder.get(e.data.orderId) ?? [];
      list.push(e);
      reviewsByOrder.set(e.data.orderId, list);
    } else if (e.type === 'report.downloaded') reports.push(e);
    else if (e.type === 'message.sent') messages.push(e);
  }
  /** Reviews of the report's orders posted before the report. */
  const earlierReviews = (r: ReportDownloaded) =>
    r.data.orderIds.flatMap((o) => (reviewsByOrder.get(o) ?? []).filter((rv) => at(rv) < at(r)));
  return { reviewsByOrder, reports, messages, earlierReviews };
}

/**
 * The first simulator's kinds and behaviour (`--preset v1`); the later kinds of issue 12 are
 * checked in ./scenarios.test.ts.
 */
describe('offside simulate --preset v1', () => {
  let sim: Simulation;
  let parsed: Parsed;
  let idx: ReturnType<typeof index>;

  beforeAll(() => {
    sim = simulateMarketplace({ preset: 'v1', sellers: 200, days: 90, seed: 7 });
    parsed = parseAll(sim);
    idx = index(parsed.events);
  });

  it.each(['v1', 'v2'] as const)('gives the same bytes for the same seed and different bytes for another seed (%s)', (preset) => {
    const a = simulateMarketplace({ preset, sellers: 40, days: 30, seed: 11 });
    const b = simulateMarketplace({ preset, sellers: 40, days: 30, seed: 11 });
    const c = simulateMarketplace({ preset, sellers: 40, days: 30, seed: 12 });
    const text = (s: Simulation) => [...s.lines()].join('\n') + [...s.complaintLines()].join('\n');
    expect(text(a)).toBe(text(b));
    expect(JSON.stringify(a.truth)).toBe(JSON.stringify(b.truth));
    expect(text(c)).not.toBe(text(a));
  });

  it('writes only contract-valid events, with unique ids and consistent counts', () => {
    expect(parsed.invalid).toBe(0);
    expect(parsed.lines.length).toBe(sim.truth.counts.lines);
    expect(parsed.events.length).toBe(sim.truth.counts.events);
    expect(parsed.lines.length - parsed.events.length).toBe(sim.truth.counts.duplicates);
    const start = Date.parse(sim.options.start);
    const end = start + sim.options.days * 24 * HOUR;
    for (const e of parsed.events) {
      expect(at(e)).toBeGreaterThanOrEqual(start - 1000);
      expect(at(e)).toBeLessThan(end);
    }
    // Entity ids are unique too.
    const postedReviewIds = parsed.events.filter((e) => e.type === 'review.posted').map((e) => e.data.reviewId);
    expect(new Set(postedReviewIds).size).toBe(postedReviewIds.length);
    const messageIds = idx.messages.map((m) => m.data.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    const downloadIds = idx.reports.map((r) => r.data.downloadId);
    expect(new Set(downloadIds).size).toBe(downloadIds.length);
    for (const [orderId, reviews] of idx.reviewsByOrder) {
      expect(orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
      expect(reviews).toHaveLength(1);
    }
  });

  it('delivers like a queue: some duplicates and some late events, in roughly the intended shares', () => {
    const { counts } = sim.truth;
    expect(counts.duplicates / counts.events).toBeGreaterThan(0.003);
    expect(counts.duplicates / counts.events).toBeLessThan(0.012);
    expect(counts.late / counts.events).toBeGreaterThan(0.008);
    expect(counts.late / counts.events).toBeLessThan(0.025);
    // Seen from the file: a line whose time is more than 5 minutes behind the latest time so far.
    let latest = -Infinity;
    let behind = 0;
    const seen = new Set<string>();
    let repeats = 0;
    for (const line of parsed.lines) {
      const result = parseEventJson(line);
      if (!result.ok) continue;
      const t = at(result.event);
      if (seen.has(result.event.id)) {
        repeats++;
        continue;
      }
      seen.add(result.event.id);
      if (t < latest - 5 * 60_000) behind++;
      latest = Math.max(latest, t);
    }
    expect(repeats).toBe(counts.duplicates);
    expect(behind / counts.events).toBeGreaterThan(0.006);
    expect(behind / counts.events).toBeLessThan(0.03);
  });

  it('has every original kind, with the right violator flag, a valid truth and no complaints', () => {
    const truth = SimulationTruth.parse(JSON.parse(JSON.stringify(sim.truth)));
    expect(truth.sellers.every((s) => (ORIGINAL_KINDS as readonly string[]).includes(s.kind))).toBe(true);
    expect([...sim.complaintLines()]).toEqual([]);
    for (const kind of ORIGINAL_KINDS) {
      const sellers = truth.sellers.filter((s) => s.kind === kind);
      expect(sellers.length, kind).toBeGreaterThan(0);
      for (const s of sellers) expect(s.violator).toBe(VIOLATOR_KINDS.has(kind));
    }
    expect(truth.sellers.filter((s) => s.kind === 'honest').length / truth.sellers.length).toBeCloseTo(0.55, 1);
    // Most violators act inside the period, and their first act is dated.
    const violators = truth.sellers.filter((s) => s.violator);
    expect(violators.filter((s) => s.firstViolationAt !== undefined).length / violators.length).toBeGreaterThan(0.7);
    for (const s of truth.sellers.filter((x) => !x.violator)) expect(s.firstViolationAt).toBeUndefined();
    // Subtle harassers come in both small and large sizes.
    const subtleSizes = new Set(truth.sellers.filter((s) => s.kind === 'subtle-harasser').map((s) => s.size));
    expect(subtleSizes).toContain('small');
    expect(subtleSizes).toContain('large');
  });

  it("keeps honest sellers' PII reports routine: they cover only orders not reviewed yet", () => {
    const honest = new Set(sim.truth.sellers.filter((s) => s.kind === 'honest' || s.kind === 'honest-refunder').map((s) => s.sellerId));
    const piiReports = idx.reports.filter((r) => honest.has(r.data.sellerId) && r.data.containsBuyerPii);
    expect(piiReports.length).toBeGreaterThan(1000);
    for (const r of piiReports) expect(idx.earlierReviews(r), r.data.downloadId).toEqual([]);
    // Shared label apps make many honest sellers' routine downloads, never a targeted one.
    for (const app of SHARED_APPS.slice(0, 4)) {
      const users = new Set(idx.reports.filter((r) => r.data.appId === app).map((r) => r.data.sellerId));
      expect(users.size, app).toBeGreaterThan(5);
    }
    for (const r of idx.reports.filter((x) => x.data.appId !== undefined && SHARED_APPS.includes(x.data.appId))) {
      expect(idx.earlierReviews(r)).toEqual([]);
    }
  });

  it("follows harassers' negative reviews with targeted look-ups", () => {
    const harassers = sim.truth.sellers.filter((s) => s.kind === 'offplatform-harasser' || s.kind === 'ring-member');
    const ids = new Set(harassers.map((s) => s.sellerId));
    const targeted = idx.reports.filter((r) => ids.has(r.data.sellerId) && r.data.containsBuyerPii && idx.earlierReviews(r).length > 0);
    expect(targeted.length).toBeGreaterThan(harassers.length);
    for (const r of targeted) {
      const earlier = idx.earlierReviews(r);
      expect(['customer-contacts', 'orders']).toContain(r.data.reportType);
      expect(r.data.orderIds.length).toBeLessThanOrEqual(12);
      expect(earlier.every((rv) => rv.data.rating <= 3)).toBe(true);
      expect(earlier.some((rv) => rv.data.rating <= 2)).toBe(true);
      // Hours to days after the first negative review it covers (later ones join a pending look-up).
      const negativeTimes = earlier.filter((rv) => rv.data.rating <= 2).map(at);
      expect(at(r) - Math.min(...negativeTimes)).toBeGreaterThanOrEqual(2 * HOUR - 1000);
      expect(at(r) - Math.min(...negativeTimes)).toBeLessThan(5 * 24 * HOUR);
      expect(at(r) - Math.max(...negativeTimes)).toBeGreaterThanOrEqual(15 * 60_000);
    }
    // The truth counts the same look-ups.
    const counted = harassers.reduce((n, s) => n + s.acts.targetedLookups, 0);
    expect(targeted.length).toBe(counted);
    // Most harassers with negative reviews were seen looking buyers up.
    const seen = new Set(targeted.map((r) => r.data.sellerId));
    const withNegatives = harassers.filter((s) => s.acts.negativeReviews >= 3);
    expect(withNegatives.filter((s) => seen.has(s.sellerId)).length / withNegatives.length).toBeGreaterThan(0.9);
  });

  it('makes ring members share a contact handle or a look-up app', () => {
    expect(sim.truth.rings.length).toBeGreaterThan(0);
    for (const ring of sim.truth.rings) {
      expect(ring.members.length).toBeGreaterThanOrEqual(2);
      expect(ring.members.length).toBeLessThanOrEqual(4);
      expect(ring.handle !== undefined || ring.appId !== undefined).toBe(true);
      for (const member of ring.members) {
        if (ring.appId !== undefined) {
          const uses = idx.reports.filter((r) => r.data.sellerId === member && r.data.appId === ring.appId);
          const memberTruth = sim.truth.sellers.find((s) => s.sellerId === member);
          if ((memberTruth?.acts.targetedLookups ?? 0) > 0) expect(uses.length, `${ring.ringId} ${member}`).toBeGreaterThan(0);
          for (const r of uses) expect(idx.earlierReviews(r).length).toBeGreaterThan(0);
        }
        if (ring.handle !== undefined) {
          const bodies = idx.messages.filter((m) => m.data.sellerId === member && m.data.sender === 'seller').map((m) => m.data.body);
          expect(bodies.some((b) => mentionsHandle(b, ring.handle ?? '')), `${ring.ringId} ${member}`).toBe(true);
        }
      }
      // Nobody outside the ring uses its app.
      if (ring.appId !== undefined) {
        const users = new Set(idx.reports.filter((r) => r.data.appId === ring.appId).map((r) => r.data.sellerId));
        for (const u of users) expect(ring.members).toContain(u);
      }
    }
  });

  it('leaves no trace of subtle harassers but their flip rate', () => {
    const subtle = sim.truth.sellers.filter((s) => s.kind === 'subtle-harasser');
    const ids = new Set(subtle.map((s) => s.sellerId));
    for (const r of idx.reports.filter((x) => ids.has(x.data.sellerId))) expect(idx.earlierReviews(r)).toEqual([]);
    const bodies = idx.messages.filter((m) => ids.has(m.data.sellerId) && m.data.sender === 'seller').map((m) => m.data.body);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(findContactHandles(body), body).toEqual([]);
      expect(body).not.toMatch(/gift card|carte cadeau|Gutschein|tarjeta regalo|buono regalo|remove your review|supprimer votre avis|Bewertung löschen|elimina su valoración|rimuove la sua recensione/i);
    }
    for (const s of subtle) expect(s.acts.violatingMessages + s.acts.targetedLookups).toBe(0);
    const negatives = subtle.reduce((n, s) => n + s.acts.negativeReviews, 0);
    const induced = subtle.reduce((n, s) => n + s.acts.inducedFlips, 0);
    expect(induced / negatives).toBeGreaterThan(0.12);
  });

  it('flips honest negative reviews without a message only at the base rate', () => {
    const honest = sim.truth.sellers.filter((s) => s.kind === 'honest');
    const negatives = honest.reduce((n, s) => n + s.acts.negativeReviews, 0);
    const spontaneous = honest.reduce((n, s) => n + s.acts.spontaneousFlips, 0);
    expect(negatives).toBeGreaterThan(300);
    expect(spontaneous / negatives).toBeLessThan(0.06);
    expect(honest.every((s) => s.acts.inducedFlips === 0)).toBe(true);
    const harassers = sim.truth.sellers.filter((s) => s.kind === 'offplatform-harasser');
    const hNeg = harassers.reduce((n, s) => n + s.acts.negativeReviews, 0);
    const hInduced = harassers.reduce((n, s) => n + s.acts.inducedFlips, 0);
    expect(hInduced / hNeg).toBeGreaterThan(0.2);
  });
});

describe('offside simulate --preset v1 at scale', () => {
  it('writes, for 500 sellers over 120 days (seed 1), the events.jsonl the replay golden outputs were recorded from, byte for byte', () => {
    const sim = simulateMarketplace({ preset: 'v1', sellers: 500, days: 120, seed: 1 });
    const hash = createHash('sha256');
    for (const line of sim.lines()) hash.update(`${line}\n`);
    // sha256sum of that events.jsonl, written at commit 8382478 (test/fixtures/replay-golden).
    expect(hash.digest('hex')).toBe('790d6336d7a1c7813de7346add258145c2535ca42f27010f40dd97c6cd8d3063');
    expect(sim.truth.counts.events).toBe(118_272);
  });
});

describe('runSimulate (the command)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'offside-sim-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const quiet = () => {
    const chunks: string[] = [];
    const stderr = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
    return { chunks, io: { stderr } };
  };

  it('writes the same files twice for the same options', async () => {
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    const e1 = quiet();
    expect(await runSimulate(['--sellers', '30', '--days', '20', '--seed', '5', '--out', one], e1.io)).toBe(0);
    expect(await runSimulate(['--sellers', '30', '--days', '20', '--seed', '5', '--out', two], quiet().io)).toBe(0);
    expect(await readFile(join(one, 'events.jsonl'), 'utf8')).toBe(await readFile(join(two, 'events.jsonl'), 'utf8'));
    expect(await readFile(join(one, 'complaints.jsonl'), 'utf8')).toBe(await readFile(join(two, 'complaints.jsonl'), 'utf8'));
    const truth = await readFile(join(one, 'truth.json'), 'utf8');
    expect(truth).toBe(await readFile(join(two, 'truth.json'), 'utf8'));
    const parsed = SimulationTruth.parse(JSON.parse(truth));
    expect(parsed.sellers).toHaveLength(30);
    expect(parsed.options.seed).toBe(5);
    expect(e1.chunks.join('')).toMatch(/offside simulate: wrote .*events\.jsonl \(\d+ events/);
  });

  it('honours --start', async () => {
    const out = join(dir, 'start');
    expect(await runSimulate(['--sellers', '5', '--days', '3', '--start', '2027-06-01T00:00:00Z', '--out', out], quiet().io)).toBe(0);
    const first = (await readFile(join(out, 'events.jsonl'), 'utf8')).split('\n')[0] ?? '';
    const result = parseEventJson(first);
    expect(result.ok && result.event.time.startsWith('2027-06')).toBe(true);
  });

  it('takes a preset and a mix: only the kinds the mix names', async () => {
    const out = join(dir, 'mix');
    const e = quiet();
    expect(await runSimulate(['--sellers', '12', '--days', '10', '--mix', 'honest=1, returns-processor=2', '--out', out], e.io)).toBe(0);
    const truth = SimulationTruth.parse(JSON.parse(await readFile(join(out, 'truth.json'), 'utf8')));
    expect(truth.sellers.filter((s) => s.kind === 'returns-processor')).toHaveLength(8);
    expect(truth.sellers.filter((s) => s.kind === 'honest')).toHaveLength(4);
    expect(truth.options['preset']).toBe('v2');
    expect(e.chunks.join('')).toMatch(/preset v2, 12 sellers: honest 4, returns-processor 8;/);
    const v1 = join(dir, 'v1');
    expect(await runSimulate(['--sellers', '12', '--days', '10', '--preset', 'v1', '--out', v1], quiet().io)).toBe(0);
    expect(await readFile(join(v1, 'complaints.jsonl'), 'utf8')).toBe('');
  });

  it('refuses bad arguments with exit code 2', async () => {
    for (const args of [
      ['--sellers', 'many'],
      ['--days', '0'],
      ['--seed', '-1'],
      ['--start', 'yesterday'],
      ['--colour'],
      ['extra'],
      ['--preset', 'v3'],
      ['--mix', 'nobody=1'],
      ['--mix', 'honest=-1'],
      ['--mix', 'honest=0'],
      ['--preset', 'v1', '--mix', 'very-large=1'],
      ['--honest-flip-rate', '0.08-0.02'],
      ['--honest-flip-rate', '0.02-1.5'],
      ['--honest-flip-rate', 'high'],
    ]) {
      const e = quiet();
      expect(await runSimulate(args, e.io), args.join(' ')).toBe(2);
      expect(e.chunks.join('')).toMatch(/offside simulate: /);
    }
  });
});

describe('offside simulate --honest-flip-rate', () => {
  const HONEST_ONLY = { honest: 1, 'honest-refunder': 1, 'merchant-fulfilled': 1, 'popular-app-user': 1 } as const;
  const base = simulateMarketplace({ sellers: 120, days: 120, seed: 11, mix: HONEST_ONLY });
  const wide = simulateMarketplace({ sellers: 120, days: 120, seed: 11, mix: HONEST_ONLY, rates: { honestFlipRate: [0.06, 0.08] } });
  const rate = (s: Simulation) => {
    const all = s.truth.sellers;
    return all.reduce((n, x) => n + x.acts.spontaneousFlips, 0) / all.reduce((n, x) => n + x.acts.negativeReviews, 0);
  };

  it("makes honest sellers' buyers flip at the drawn rate, not the 3% base rate", () => {
    expect(rate(base)).toBeLessThan(0.045);
    expect(rate(wide)).toBeGreaterThan(0.05);
    expect(rate(wide)).toBeLessThan(0.1);
  });

  it('leaves the same sellers, orders and reviews (its own random stream)', () => {
    const counts = (s: Simulation) => s.truth.sellers.map((x) => [x.sellerId, x.kind, x.acts.orders, x.acts.negativeReviews]);
    expect(counts(wide)).toEqual(counts(base));
  });

  it('leaves violators at the base rate', () => {
    const mixed = { honest: 1, 'offplatform-harasser': 1 };
    const a = simulateMarketplace({ sellers: 40, days: 60, seed: 3, mix: mixed });
    const b = simulateMarketplace({ sellers: 40, days: 60, seed: 3, mix: mixed, rates: { honestFlipRate: [0.08, 0.08] } });
    const harassers = (s: Simulation) => s.truth.sellers.filter((x) => x.kind === 'offplatform-harasser').map((x) => x.acts);
    expect(harassers(b)).toEqual(harassers(a));
  });
});

/** Whether a message body shows the canonical handle in some written form (plain or obfuscated). */
function mentionsHandle(body: string, handle: string): boolean {
  const text = body.toLowerCase();
  if (handle.startsWith('telegram:@')) return text.includes(handle.slice('telegram:@'.length));
  if (handle.startsWith('+')) return text.replace(/\D/g, '').includes(handle.slice(1));
  const filler = new Set(['at', 'dot', 'punto', 'point', 'punkt', 'arobase', 'arroba', 'chiocciola']);
  const squeeze = (s: string) =>
    s
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '' && !filler.has(w))
      .join('');
  const [local = '', domain = ''] = handle.split('@');
  const squeezed = squeeze(text);
  return squeezed.includes(squeeze(local)) && squeezed.includes(squeeze(domain.slice(0, domain.lastIndexOf('.'))));
}
