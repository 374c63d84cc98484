/**
 * `offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--preset v1|v2]
 * [--mix KIND=W,...] [--out DIR]`: writes a seeded marketplace simulation, DIR/events.jsonl (v1
 * CloudEvents as a queue delivers them), DIR/complaints.jsonl (buyer complaints as the console
 * takes them in) and DIR/truth.json (who is who). Same options, same bytes. `--preset v1` is the
 * first simulator, byte for byte; `--mix` gives the kinds' weights (kinds it does not name weigh
 * nothing). A one-line summary goes to stderr; stdout stays empty. Exit 0 on success, 2 on bad
 * arguments, 1 if the files cannot be written.
 */
import { parseArgs } from 'node:util';
import { simulateMarketplace } from '../sim/marketplace';
import type { Simulation } from '../sim/marketplace';
import { DEFAULT_OPTIONS, PRESETS, resolveOptions } from '../sim/options';
import type { Preset } from '../sim/options';
import { SELLER_KINDS } from '../sim/truth';
import type { KindMix } from '../sim/truth';
import { writeSimulation } from '../sim/write';
import type { Progress } from './progress';
import { progress } from './progress';

export interface SimulateIo {
  readonly stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--preset v1|v2] [--mix KIND=W,...] [--out DIR]';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got "${text}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${text}`);
  return n;
}

class UsageError extends Error {}

/** `honest=3,ring-member=1`: those weights, every other kind 0. */
function parseMix(text: string): KindMix {
  const mix = Object.fromEntries(SELLER_KINDS.map((kind) => [kind, 0])) as KindMix;
  for (const part of text.split(',')) {
    const [name = '', value = '', ...rest] = part.split('=').map((x) => x.trim());
    const kind = SELLER_KINDS.find((k) => k === name);
    if (!kind) throw new UsageError(`--mix: unknown kind "${name}" (kinds: ${SELLER_KINDS.join(', ')})`);
    const weight = Number(value);
    if (rest.length > 0 || value === '' || !Number.isFinite(weight) || weight < 0) throw new UsageError(`--mix: the weight of ${kind} must be a number >= 0, got "${value}"`);
    mix[kind] = weight;
  }
  return mix;
}

/** The same simulation, its lines drawn on the bar as they are written. */
function trackLines(simulation: Simulation, bar: Progress): Simulation {
  const total = simulation.truth.counts.lines;
  return {
    options: simulation.options,
    truth: simulation.truth,
    complaintLines: () => simulation.complaintLines(),
    *lines() {
      bar.stage('simulate: writing events.jsonl', total);
      let count = 0;
      for (const line of simulation.lines()) {
        count++;
        bar.update(count, `${count.toLocaleString('en-US')} lines`);
        yield line;
      }
    },
  };
}

export async function runSimulate(argv: readonly string[], io: SimulateIo = { stderr: process.stderr }): Promise<number> {
  let sellers: number;
  let days: number;
  let seed: number;
  let start: string;
  let out: string;
  let preset: Preset;
  let mix: KindMix | undefined;
  try {
    let values: { sellers?: string; days?: string; seed?: string; start?: string; out?: string; preset?: string; mix?: string; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: [...argv],
        strict: true,
        allowPositionals: false,
        options: {
          sellers: { type: 'string' },
          days: { type: 'string' },
          seed: { type: 'string' },
          start: { type: 'string' },
          out: { type: 'string' },
          preset: { type: 'string' },
          mix: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help === true) {
      io.stderr.write(`${USAGE}\n`);
      return 0;
    }
    sellers = integer('sellers', values.sellers, DEFAULT_OPTIONS.sellers, 1, 100_000);
    days = integer('days', values.days, DEFAULT_OPTIONS.days, 1, 3650);
    seed = integer('seed', values.seed, DEFAULT_OPTIONS.seed, 0, 4_294_967_295);
    start = values.start ?? DEFAULT_OPTIONS.start;
    if (!RFC3339.test(start) || Number.isNaN(Date.parse(start))) {
      throw new UsageError(`--start must be an RFC 3339 timestamp such as 2026-01-05T00:00:00Z, got "${start}"`);
    }
    out = values.out ?? './simulation';
    if (out.trim() === '') throw new UsageError('--out must not be empty');
    const named = PRESETS.find((p) => p === (values.preset ?? DEFAULT_OPTIONS.preset));
    if (!named) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}, got "${values.preset ?? ''}"`);
    preset = named;
    mix = values.mix === undefined ? undefined : parseMix(values.mix);
    try {
      resolveOptions({ sellers, days, seed, start, preset, ...(mix ? { mix } : {}) });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`offside simulate: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }

  const began = performance.now();
  const bar = progress(io.stderr, 'simulate');
  bar.stage(`simulate: ${sellers} sellers x ${days} days, simulating`);
  const simulation = simulateMarketplace({ sellers, days, seed, start, preset, ...(mix ? { mix } : {}) });
  let written;
  try {
    written = await writeSimulation(out, bar.active ? trackLines(simulation, bar) : simulation);
  } catch (error) {
    bar.done();
    io.stderr.write(`offside simulate: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  bar.done();
  const { counts } = simulation.truth;
  const byKind = SELLER_KINDS.map((k) => [k, simulation.truth.sellers.filter((s) => s.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  io.stderr.write(
    `offside simulate: wrote ${written.eventsPath} (${counts.events} events, ${counts.duplicates} duplicates, ${counts.late} late; ` +
      `${counts.lines} lines), ${written.complaintsPath} (${counts.complaints} complaints) and ${written.truthPath}; ` +
      `preset ${preset}, ${sellers} sellers: ${byKind}; ${seconds}s\n`,
  );
  return 0;
}
