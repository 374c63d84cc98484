/** `offside simulate [--sellers N] [--days D] [--seed S] [--start RFC3339] [--preset v1|v2] [--mix KIND=W,...] [--out DIR]`. */
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DEFAULT_OPTIONS, PRESETS } from '../../sim/options';
import { SELLER_KINDS } from '../../sim/truth';
import type { KindMix } from '../../sim/truth';
import type { CliIo } from '../command';
import { PROCESS_IO, configure, exitCode, integerOption, runSubcommand } from '../command';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/u;

function rfc3339(text: string): string {
  if (!RFC3339.test(text) || Number.isNaN(Date.parse(text))) {
    throw new InvalidArgumentError(`--start must be an RFC 3339 timestamp such as 2026-01-05T00:00:00Z, got "${text}"`);
  }
  return text;
}

function folder(text: string): string {
  if (text.trim() === '') throw new InvalidArgumentError('--out must not be empty');
  return text;
}

/** `honest=3,ring-member=1`: those weights, every other kind 0. */
function mixOption(text: string): KindMix {
  const mix = Object.fromEntries(SELLER_KINDS.map((kind) => [kind, 0])) as KindMix;
  for (const part of text.split(',')) {
    const [name = '', value = '', ...rest] = part.split('=').map((x) => x.trim());
    const kind = SELLER_KINDS.find((k) => k === name);
    if (!kind) throw new InvalidArgumentError(`--mix: unknown kind "${name}" (kinds: ${SELLER_KINDS.join(', ')})`);
    const weight = Number(value);
    if (rest.length > 0 || value === '' || !Number.isFinite(weight) || weight < 0) {
      throw new InvalidArgumentError(`--mix: the weight of ${kind} must be a number >= 0, got "${value}"`);
    }
    mix[kind] = weight;
  }
  if (Object.values(mix).every((weight) => weight === 0)) throw new InvalidArgumentError('--mix: at least one kind must weigh more than 0');
  return mix;
}

/** `0.02-0.08`: the range's two numbers; whether they make a range is the simulator's rule (resolveOptions). */
function flipRateOption(text: string): [number, number] {
  const match = /^\s*(\d*\.?\d+)\s*-\s*(\d*\.?\d+)\s*$/u.exec(text);
  if (!match) throw new InvalidArgumentError(`--honest-flip-rate must be LO-HI, such as 0.02-0.08, got "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

export function simulateCommand(io: CliIo) {
  return configure(new Command('simulate'), io)
    .description('write a seeded marketplace simulation: DIR/events.jsonl (v1 CloudEvents), DIR/complaints.jsonl (buyer complaints) and DIR/truth.json (who is who)')
    .option('--sellers <N>', 'sellers', integerOption('sellers', 1, 100_000), DEFAULT_OPTIONS.sellers)
    .option('--days <D>', 'days simulated', integerOption('days', 1, 3650), DEFAULT_OPTIONS.days)
    .option('--seed <S>', 'random seed: the same options write the same bytes', integerOption('seed', 0, 4_294_967_295), DEFAULT_OPTIONS.seed)
    .option('--start <RFC3339>', 'when the simulation starts', rfc3339, DEFAULT_OPTIONS.start)
    .addOption(new Option('--preset <NAME>', 'v2: the honest operations and evasive violators of issue 12; v1: the first simulator, byte for byte').choices(PRESETS).default(DEFAULT_OPTIONS.preset))
    .option('--mix <KIND=W,...>', "the kinds' weights (kinds it does not name weigh nothing)", mixOption)
    .option('--honest-flip-rate <LO-HI>', "honest sellers' buyers flip their negative reviews at a rate drawn per seller in [LO, HI] (default: the 3% base rate)", flipRateOption)
    .option('--out <DIR>', 'where to write', folder, './simulation')
    .option('--serial-complainers <N>', 'buyers who keep filing false complaints about shops that did nothing (Art. 23 DSA); their own random stream, so events.jsonl is unchanged', integerOption('serial-complainers', 0, 1000))
    .addHelpText('after', '\nA one-line summary goes to stderr; stdout stays empty. Exit 0, 1 if the files cannot be written.')
    .action(
      exitCode(async (options) => {
        const { simulateToFolder } = await import('../simulate');
        return simulateToFolder(options, io);
      }),
    );
}

/** `offside simulate ARGV...`, for callers that hold the words (tests). */
export function runSimulate(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const all = { ...PROCESS_IO, ...io };
  return runSubcommand(simulateCommand(all), argv, all);
}
