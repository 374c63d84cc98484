/**
 * `offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--out DIR]`: writes a
 * seeded marketplace simulation, DIR/events.jsonl (v1 CloudEvents as a queue delivers them) and
 * DIR/truth.json (who is who). Same options, same bytes. A one-line summary goes to stderr;
 * stdout stays empty. Exit 0 on success, 2 on bad arguments, 1 if the files cannot be written.
 */
import { parseArgs } from 'node:util';
import { simulateMarketplace } from '../sim/marketplace';
import type { Simulation } from '../sim/marketplace';
import { DEFAULT_OPTIONS } from '../sim/options';
import { SELLER_KINDS } from '../sim/truth';
import { writeSimulation } from '../sim/write';
import type { Progress } from './progress';
import { progress } from './progress';

export interface SimulateIo {
  readonly stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--out DIR]';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got "${text}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${text}`);
  return n;
}

class UsageError extends Error {}

/** The same simulation, its lines drawn on the bar as they are written. */
function trackLines(simulation: Simulation, bar: Progress): Simulation {
  const total = simulation.truth.counts.lines;
  return {
    options: simulation.options,
    truth: simulation.truth,
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
  try {
    let values: { sellers?: string; days?: string; seed?: string; start?: string; out?: string; help?: boolean };
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
  const simulation = simulateMarketplace({ sellers, days, seed, start });
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
  const byKind = SELLER_KINDS.map((k) => `${k} ${simulation.truth.sellers.filter((s) => s.kind === k).length}`).join(', ');
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  io.stderr.write(
    `offside simulate: wrote ${written.eventsPath} (${counts.events} events, ${counts.duplicates} duplicates, ${counts.late} late; ` +
      `${counts.lines} lines) and ${written.truthPath}; ${sellers} sellers: ${byKind}; ${seconds}s\n`,
  );
  return 0;
}
