import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progress, renderLine, trackFileLines } from '../../tools/cli/progress';

/** Terminal control sequences (cursor moves, line erasing) that cli-progress writes around the text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;?]*[A-Za-z]/gu;

/** A stand-in for stderr: records what is written; a terminal or not. */
function fakeStream(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return {
    isTTY,
    columns,
    chunks,
    write: (chunk: string) => chunks.push(chunk),
    /** The text written, without control sequences, one entry per write that carried text. */
    texts: () => chunks.map((chunk) => chunk.replace(CONTROL, '')).filter((text) => text !== ''),
    /** Whether the last writes erased the line (nothing of the bar left on screen). */
    erased: () => chunks.slice(-2).some((chunk) => chunk === '\u001b[0J' || chunk === '\u001b[2K'),
  };
}

describe('progress on a stream that is not a terminal', () => {
  it('draws nothing for updates, stages and done', () => {
    const stream = fakeStream(false);
    const bar = progress(stream, 'replay', { total: 100 });
    bar.stage('replay', 100);
    bar.update(50, '50 lines');
    bar.done();
    expect(bar.active).toBe(false);
    expect(stream.chunks).toEqual([]);
  });

  it('passes logged text through unchanged', () => {
    const stream = fakeStream(false);
    progress(stream, 'replay').log('line 3: type: required\n');
    expect(stream.chunks).toEqual(['line 3: type: required\n']);
  });

  it('treats a stream without isTTY as not a terminal', () => {
    const chunks: string[] = [];
    const bar = progress({ write: (chunk: string) => chunks.push(chunk) }, 'simulate');
    bar.update(1);
    expect(bar.active).toBe(false);
    expect(chunks).toEqual([]);
  });
});

describe('progress on a terminal', () => {
  // cli-progress draws on its own timer and reads Date.now: both follow the test's clock.
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws one line with the label, the bar, the percentage and the detail', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { total: 200 });
    bar.update(100, '5,000 lines');
    expect(stream.texts()).toEqual([`replay  [${'#'.repeat(12)}${'-'.repeat(12)}]   50%  5,000 lines  0.0s`]);
    bar.done();
  });

  it('draws at most once per interval, and again on the next frame', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { total: 100, intervalMillis: 100 });
    bar.update(1);
    bar.update(2);
    vi.advanceTimersByTime(50);
    bar.update(3);
    expect(stream.texts()).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(stream.texts()).toHaveLength(2);
    expect(stream.texts()[1]).toContain('  3%');
    bar.done();
  });

  it('erases itself when done and draws nothing after', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'evaluate', { total: 10 });
    bar.update(5);
    bar.done();
    expect(stream.erased()).toBe(true);
    const written = stream.chunks.length;
    vi.advanceTimersByTime(1000);
    bar.update(6);
    bar.stage('evaluate again');
    expect(stream.chunks).toHaveLength(written);
  });

  it('writes a logged line above the bar, then draws the bar again', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { total: 10 });
    bar.update(5);
    bar.log('line 7: not valid JSON\n');
    expect(stream.texts()).toEqual([expect.stringContaining('replay  ['), 'line 7: not valid JSON\n', expect.stringContaining('replay  [')]);
    bar.done();
  });

  it('still writes a line logged just before it is done', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { total: 10 });
    bar.update(5);
    bar.log('line 8: not valid JSON\n');
    bar.done();
    expect(stream.texts()).toContain('line 8: not valid JSON\n');
    expect(stream.erased()).toBe(true);
  });

  it('writes a line logged after it is done as it is', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { total: 10 });
    bar.done();
    bar.log('line 9: late\n');
    expect(stream.chunks.at(-1)).toBe('line 9: late\n');
  });

  it('shows a count without a bar when the total is unknown', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'simulate');
    bar.stage('simulate: simulating');
    expect(stream.texts()).toEqual(['simulate: simulating  0.0s']);
    bar.done();
  });

  it('cuts the line to the terminal width', () => {
    const stream = fakeStream(true, 20);
    const bar = progress(stream, 'a very long label that does not fit', { total: 10 });
    bar.update(5);
    expect(stream.texts()).toEqual(['a very long label t']);
    bar.done();
  });

  it('counts the seconds of the current stage', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'bench');
    vi.advanceTimersByTime(5000);
    bar.stage('bench: replay');
    vi.advanceTimersByTime(1500);
    expect(stream.texts().at(-1)).toBe('bench: replay  1.5s');
    bar.done();
  });
});

describe('renderLine', () => {
  it('keeps the share between 0 and 100%', () => {
    expect(renderLine('x', 150, 100, '', 1)).toBe(`x  [${'#'.repeat(24)}]  100%  1.0s`);
    expect(renderLine('x', -5, 100, '', 1)).toBe(`x  [${'-'.repeat(24)}]    0%  1.0s`);
  });
});

describe('trackFileLines', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes every line through and reports the bytes read against the file size', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'offside-progress-')), 'lines.jsonl');
    writeFileSync(path, 'a\nb\nc\n');
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { intervalMillis: 0 });
    async function* source() {
      yield* ['a', 'b', 'c'];
    }
    const seen: string[] = [];
    for await (const line of trackFileLines(path, source(), { bytesRead: 6 }, bar, 'replay')) seen.push(line);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(stream.texts()).toContain(`replay  [${'#'.repeat(24)}]  100%  3 lines  0.0s`);
    expect(stream.texts().at(-1)).toBe('replay: 3 lines read, finishing  0.0s');
    bar.done();
  });
});
