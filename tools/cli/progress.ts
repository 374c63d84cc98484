/**
 * A one-line progress bar for long commands (replay, simulate, evaluate, the benchmark). It draws
 * on a terminal only: when the stream is not a TTY (piped, redirected, in tests) nothing is drawn,
 * so output meant for machines never carries it. It rewrites its line in place (`\r`, erase line),
 * at most every `intervalMillis`, and erases itself when done, so what the command prints after it
 * reads as if it had never been there.
 */
import { statSync } from 'node:fs';

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
  /** @default 100 */
  readonly intervalMillis?: number;
  /** Milliseconds; injectable for tests. @default performance.now */
  readonly now?: () => number;
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

const ERASE_LINE = '\r\u001b[2K';
const BAR_WIDTH = 24;
const DEFAULT_COLUMNS = 80;

/** A bar on `stream` when it is a terminal; otherwise one that only passes `log` text through. */
export function progress(stream: ProgressStream, label: string, options: ProgressOptions = {}): Progress {
  if (stream.isTTY !== true) return quiet(stream);
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMillis ?? 100;
  let currentLabel = label;
  let total = options.total;
  let started = now();
  let lastDrawn = -Infinity;
  let state = { done: 0, detail: '' };
  let shown = false;
  let finished = false;

  const draw = () => {
    lastDrawn = now();
    const line = renderLine(currentLabel, state.done, total, state.detail, (lastDrawn - started) / 1000);
    stream.write(`${ERASE_LINE}${fit(line, (stream.columns ?? DEFAULT_COLUMNS) - 1)}`);
    shown = true;
  };
  const erase = () => {
    if (shown) stream.write(ERASE_LINE);
    shown = false;
  };

  return {
    active: true,
    update(done, detail = '') {
      if (finished) return;
      state = { done, detail };
      if (now() - lastDrawn >= interval) draw();
    },
    stage(nextLabel, nextTotal) {
      if (finished) return;
      currentLabel = nextLabel;
      total = nextTotal;
      started = now();
      state = { done: 0, detail: '' };
      draw();
    },
    log(text) {
      const wasShown = shown;
      erase();
      stream.write(text);
      if (wasShown && !finished) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      erase();
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
