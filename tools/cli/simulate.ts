/**
 * `offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--preset v1|v2]
 * [--mix KIND=W,...] [--out DIR]`: writes a seeded marketplace simulation, DIR/events.jsonl (v1
 * CloudEvents as a queue delivers them), DIR/complaints.jsonl (buyer complaints as the console
 * takes them in) and DIR/truth.json (who is who). Same options, same bytes. `--preset v1` is the
 * first simulator, byte for byte; `--mix` gives the kinds' weights (kinds it does not name weigh
 * nothing). A one-line summary goes to stderr; stdout stays empty. Exit 0 on success, 2 on bad
 * arguments, 1 if the files cannot be written. The command line is ./commands/simulate.ts.
 */
import { simulateMarketplace } from '../sim/marketplace';
import type { Simulation } from '../sim/marketplace';
import { resolveOptions } from '../sim/options';
import type { Preset } from '../sim/options';
import { SELLER_KINDS } from '../sim/truth';
import type { KindMix } from '../sim/truth';
import { writeSimulation } from '../sim/write';
import type { CliIo } from './command';
import { USAGE_ERROR, errorText } from './command';
import type { Progress } from './progress';
import { progress } from './progress';

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

export interface SimulateCommandOptions {
  readonly sellers: number;
  readonly days: number;
  readonly seed: number;
  /** RFC 3339. */
  readonly start: string;
  readonly preset: Preset;
  /** The kinds' weights (kinds it does not name weigh nothing); the preset's mix when absent. */
  readonly mix?: KindMix;
  /** The folder to write events.jsonl and truth.json to. */
  readonly out: string;
  /** Buyers who keep filing false complaints (Art. 23); none when absent. */
  readonly serialComplainers?: number;
  /** Honest sellers' flip rate range; the base rate when absent. */
  readonly honestFlipRate?: readonly [number, number];
}

/** The command: exit 0 once both files are written, 1 if they cannot be. */
export async function simulateToFolder(options: SimulateCommandOptions, io: Pick<CliIo, 'stderr'>): Promise<number> {
  const { sellers, days, seed, start, out, preset, mix, serialComplainers, honestFlipRate } = options;
  const extra = {
    ...(mix ? { mix } : {}),
    ...(serialComplainers ? { serialComplainers } : {}),
    ...(honestFlipRate ? { rates: { honestFlipRate } } : {}),
  };
  try {
    resolveOptions({ sellers, days, seed, start, preset, ...extra });
  } catch (error) {
    // Options that are each valid but do not go together (a v1 preset with a later kind).
    if (!(error instanceof RangeError)) throw error;
    io.stderr.write(`offside simulate: ${error.message}\n(see offside simulate --help)\n`);
    return USAGE_ERROR;
  }
  const began = performance.now();
  const bar = progress(io.stderr, 'simulate');
  bar.stage(`simulate: ${sellers} sellers x ${days} days, simulating`);
  const simulation = simulateMarketplace({ sellers, days, seed, start, preset, ...extra });
  let written;
  try {
    written = await writeSimulation(out, bar.active ? trackLines(simulation, bar) : simulation);
  } catch (error) {
    bar.done();
    io.stderr.write(`offside simulate: cannot write ${out}: ${errorText(error)}\n`);
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
