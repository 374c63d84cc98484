/**
 * The benchmark's input: the first N lines of a seeded marketplace simulation (tools/sim, `--preset
 * v1`, so the figures stay comparable with those recorded before the later kinds), written once and
 * cached under .offside/cache/bench/, keyed by N, the seed, the days and a hash of the simulator's
 * sources (a changed simulator makes a new stream, never a stale one).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hash32 } from '../sim/prng';
import { simulateMarketplace } from '../sim/marketplace';
import { lazily } from '../../shared/composition/replay/replay-driver';

export const ROOT = join(import.meta.dirname, '../..');
export const CACHE_DIR = join(ROOT, '.offside', 'cache', 'bench');

export interface StreamOptions {
  readonly events: number;
  readonly seed: number;
  readonly days: number;
}

export interface BenchStream {
  readonly path: string;
  readonly lines: number;
  /** The simulation it is the start of. */
  readonly sellers: number;
  readonly days: number;
  readonly seed: number;
}

const PRESET = 'v1';

/** Lines per seller over 120 days, roughly (seed 1: 119,096 lines from 500 sellers). */
const LINES_PER_SELLER_PER_120_DAYS = 238;

function simulatorHash(): string {
  const dir = join(ROOT, 'tools', 'sim');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 12);
}

/** The file of the first `events` lines, simulated and cached on first use. */
export async function benchStream(options: StreamOptions): Promise<BenchStream> {
  const key = `stream-${PRESET}-e${options.events}-s${options.seed}-d${options.days}-${simulatorHash()}`;
  const path = join(CACHE_DIR, `${key}.jsonl`);
  const metaPath = join(CACHE_DIR, `${key}.json`);
  if (existsSync(path) && existsSync(metaPath)) {
    const meta: unknown = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (isMeta(meta)) return { path, lines: options.events, sellers: meta.sellers, days: options.days, seed: options.seed };
  }
  await mkdir(CACHE_DIR, { recursive: true });
  // Enough sellers for N lines over the whole period (so each seller's history is as deep as in a
  // real stream), with a margin; more if the draw falls short.
  let sellers = Math.max(3, Math.ceil(((options.events / LINES_PER_SELLER_PER_120_DAYS) * 1.15 * 120) / options.days));
  for (;;) {
    const simulation = simulateMarketplace({ sellers, days: options.days, seed: options.seed, preset: PRESET });
    if (simulation.truth.counts.lines >= options.events) {
      const lines: string[] = [];
      for (const line of simulation.lines()) {
        if (lines.length >= options.events) break;
        lines.push(line);
      }
      await writeAtomically(path, `${lines.join('\n')}\n`);
      await writeAtomically(metaPath, `${JSON.stringify({ sellers, days: options.days, seed: options.seed, lines: lines.length })}\n`);
      return { path, lines: lines.length, sellers, days: options.days, seed: options.seed };
    }
    sellers = Math.ceil(sellers * 1.5);
  }
}

const isMeta = (value: unknown): value is { sellers: number } =>
  typeof value === 'object' && value !== null && 'sellers' in value && typeof value.sellers === 'number';

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/** The first `lines` lines of a stream as their own cached file (for the memory runs). */
export async function streamPrefix(stream: BenchStream, lines: number): Promise<string> {
  if (lines >= stream.lines) return stream.path;
  const path = stream.path.replace(/\.jsonl$/u, `.first-${lines}.jsonl`);
  if (existsSync(path)) return path;
  const kept: string[] = [];
  for await (const line of readLines(stream.path)) {
    if (kept.length >= lines) break;
    kept.push(line);
  }
  await writeAtomically(path, `${kept.join('\n')}\n`);
  return path;
}

/** The lines of a file, read as `offside replay` reads them (opened when first read). */
export function readLines(path: string): AsyncIterable<string> {
  return lazily(() => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity }));
}

/**
 * Whole sellers' lines, in stream order, sellers taken in a fixed pseudo-random order until about
 * `target` lines: a small stream whose sellers have their full history (the deep partitions that
 * detection queries read), unlike the first `target` lines of the period.
 */
export async function sellerSample(path: string, target: number): Promise<string[]> {
  const bySeller = new Map<string, string[]>();
  for await (const line of readLines(path)) {
    if (line.trim() === '') continue;
    const seller = sellerOf(line);
    const list = bySeller.get(seller) ?? [];
    list.push(line);
    bySeller.set(seller, list);
  }
  const order = [...bySeller.keys()].sort((a, b) => hash32(a) - hash32(b) || (a < b ? -1 : 1));
  const chosen = new Set<string>();
  let count = 0;
  // Skip a seller that would overshoot the target by more than a fifth (large sellers are lumpy).
  for (const seller of order) {
    if (count >= target) break;
    const lines = bySeller.get(seller)?.length ?? 0;
    if (count + lines > target * 1.2) continue;
    chosen.add(seller);
    count += lines;
  }
  if (chosen.size === 0) {
    const smallest = [...bySeller.entries()].sort((a, b) => a[1].length - b[1].length)[0];
    if (smallest) chosen.add(smallest[0]);
  }
  const kept: string[] = [];
  for await (const line of readLines(path)) if (line.trim() !== '' && chosen.has(sellerOf(line))) kept.push(line);
  return kept;
}

function sellerOf(line: string): string {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null || !('data' in value)) return '';
  const { data } = value;
  return typeof data === 'object' && data !== null && 'sellerId' in data && typeof data.sellerId === 'string' ? data.sellerId : '';
}
