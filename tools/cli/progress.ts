/**
 * A one-line progress bar for long commands (replay, simulate, evaluate, the benchmark), drawn by
 * cli-progress. It draws on a terminal only: when the stream is not a TTY (piped, redirected, in
 * tests) nothing is drawn, so output meant for machines never carries it. Lines the command logs
 * meanwhile (rejected lines) are written above the bar, and the bar erases itself when done, so
 * what the command prints after it reads as if it had never been there.
 */
import { statSync } from 'node:fs';
import { MultiBar } from 'cli-progress';

/** What the bar writes to: stderr, or a fake in tests. */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width; the line is cut to fit. */
  readonly columns?: number;
}

export interface ProgressOptions {
  /** Units of work in all (bytes, lines); unknown when undefined: no bar, just a count. */
  readonly total?: number;
  /** The shortest time between two drawings. @default 100 */
  readonly intervalMillis?: number;
}

export interface Progress {
  /** Whether anything is drawn (the stream is a terminal). */
  readonly active: boolean;
  /** How far along the work is, in the units of `total`, and a short note (e.g. "5,000 lines"). */
  update(done: number, detail?: string): void;
  /** Starts a new stage: a new label and total, drawn at once. */
  stage(label: string, total?: number): void;
  /** Writes text (whole lines) as the command would without a bar, keeping the bar below it. */
  log(text: string): void;
  /** Erases the bar for good. */
  done(): void;
}

const BAR_WIDTH = 24;

/** A bar on `stream` when it is a terminal; otherwise one that only passes `log` text through. */
export function progress(stream: ProgressStream, label: string, options: ProgressOptions = {}): Progress {
  if (stream.isTTY !== true) return quiet(stream);
  const interval = options.intervalMillis ?? 100;
  let state = { label, total: options.total, detail: '', started: Date.now() };
  let lastDrawn = -Infinity;
  let finished = false;

  const bars = new MultiBar({
    // cli-progress writes through the stream's isTTY and columns, and readline's cursor functions.
    stream: stream as NodeJS.WritableStream,
    fps: 1000 / Math.max(1, interval),
    clearOnComplete: true,
    // Neither a hidden cursor nor line wrapping turned off (cli-progress's defaults would send the
    // escape codes): a command stopped by Ctrl-C leaves the terminal as it was. The line is cut to fit.
    hideCursor: false,
    linewrap: true,
    // Redrawn on every frame: a logged line may have moved it, and the elapsed time moves anyway.
    forceRedraw: true,
    format: (_options, params) =>
      fit(renderLine(state.label, params.value, state.total, state.detail, (Date.now() - state.started) / 1000), params.maxWidth - 1),
  });
  const bar = bars.create(options.total ?? 0, 0);
  const draw = () => {
    lastDrawn = Date.now();
    bars.update();
  };

  return {
    active: true,
    update(done, detail = '') {
      if (finished) return;
      state = { ...state, detail };
      bar.update(done);
      // Drawn here too, not only on cli-progress's timer: a command may keep the event loop busy.
      if (Date.now() - lastDrawn >= interval) draw();
    },
    stage(nextLabel, nextTotal) {
      if (finished) return;
      state = { label: nextLabel, total: nextTotal, detail: '', started: Date.now() };
      bar.start(nextTotal ?? 0, 0);
      draw();
    },
    log(text) {
      if (finished) {
        stream.write(text);
        return;
      }
      bars.log(text);
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      bars.stop();
    },
  };
}

function quiet(stream: ProgressStream): Progress {
  return {
    active: false,
    update: () => undefined,
    stage: () => undefined,
    log: (text) => {
      stream.write(text);
    },
    done: () => undefined,
  };
}

/** `label [#####-----]  42%  detail  3.1s`, or without a bar when the total is unknown. */
export function renderLine(label: string, done: number, total: number | undefined, detail: string, seconds: number): string {
  const parts = [label];
  if (total !== undefined && total > 0) {
    const share = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(share * BAR_WIDTH);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`, `${Math.floor(share * 100)}%`.padStart(4));
  }
  if (detail !== '') parts.push(detail);
  parts.push(`${seconds.toFixed(1)}s`);
  return parts.join('  ');
}

function fit(line: string, columns: number): string {
  return columns > 0 && line.length > columns ? line.slice(0, columns) : line;
}

/**
 * The lines of a file being read (`lines` read from `input`), drawn on `bar` as the share of the
 * file's bytes read so far. Wrap only when the bar is active, so a piped run keeps its plain loop.
 */
export async function* trackFileLines(
  path: string,
  lines: AsyncIterable<string>,
  input: { readonly bytesRead: number },
  bar: Progress,
  label: string,
): AsyncGenerator<string> {
  let size: number | undefined;
  try {
    size = statSync(path).size;
  } catch {
    size = undefined; // the read itself reports the problem
  }
  bar.stage(label, size);
  let count = 0;
  for await (const line of lines) {
    count++;
    bar.update(input.bytesRead, `${count.toLocaleString('en-US')} lines`);
    yield line;
  }
  bar.stage(`${label}: ${count.toLocaleString('en-US')} lines read, finishing`);
}
