import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progress, renderLine, trackFileLines } from '../../tools/cli/progress';

const ERASE = '\r\u001b[2K';

/** A stand-in for stderr: records what is written; a terminal or not. */
function fakeStream(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (chunk: string) => chunks.push(chunk) };
}

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
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
  it('rewrites one line with the label, the bar, the percentage and the detail', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = progress(stream, 'replay', { total: 200, now: clock.now });
    bar.update(100, '5,000 lines');
    expect(stream.chunks).toEqual([`${ERASE}replay  [${'#'.repeat(12)}${'-'.repeat(12)}]   50%  5,000 lines  0.0s`]);
  });

  it('draws at most once per interval', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = progress(stream, 'replay', { total: 100, now: clock.now, intervalMillis: 100 });
    bar.update(1);
    bar.update(2);
    clock.advance(50);
    bar.update(3);
    clock.advance(60);
    bar.update(4);
    expect(stream.chunks).toHaveLength(2);
    expect(stream.chunks[1]).toContain('  4%');
  });

  it('erases itself when done and draws nothing after', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = progress(stream, 'evaluate', { total: 10, now: clock.now });
    bar.update(5);
    bar.done();
    clock.advance(1000);
    bar.update(6);
    expect(stream.chunks.at(-1)).toBe(ERASE);
    expect(stream.chunks).toHaveLength(2);
  });

  it('writes a logged line above the bar, then draws the bar again', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = progress(stream, 'replay', { total: 10, now: clock.now });
    bar.update(5);
    bar.log('line 7: not valid JSON\n');
    expect(stream.chunks.slice(1)).toEqual([ERASE, 'line 7: not valid JSON\n', expect.stringContaining('replay  [')]);
  });

  it('shows a count without a bar when the total is unknown', () => {
    const stream = fakeStream(true);
    const bar = progress(stream, 'simulate', { now: () => 0 });
    bar.stage('simulate: simulating');
    expect(stream.chunks).toEqual([`${ERASE}simulate: simulating  0.0s`]);
  });

  it('cuts the line to the terminal width', () => {
    const stream = fakeStream(true, 20);
    progress(stream, 'a very long label that does not fit', { total: 10, now: () => 0 }).update(5);
    expect(stream.chunks[0]).toBe(`${ERASE}a very long label t`);
  });
});

describe('renderLine', () => {
  it('keeps the share between 0 and 100%', () => {
    expect(renderLine('x', 150, 100, '', 1)).toBe(`x  [${'#'.repeat(24)}]  100%  1.0s`);
    expect(renderLine('x', -5, 100, '', 1)).toBe(`x  [${'-'.repeat(24)}]    0%  1.0s`);
  });
});

describe('trackFileLines', () => {
  it('passes every line through and reports the bytes read against the file size', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'offside-progress-')), 'lines.jsonl');
    writeFileSync(path, 'a\nb\nc\n');
    const stream = fakeStream(true);
    const bar = progress(stream, 'replay', { now: () => 0, intervalMillis: 0 });
    async function* source() {
      yield* ['a', 'b', 'c'];
    }
    const seen: string[] = [];
    for await (const line of trackFileLines(path, source(), { bytesRead: 6 }, bar, 'replay')) seen.push(line);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(stream.chunks).toContain(`${ERASE}replay  [${'#'.repeat(24)}]  100%  3 lines  0.0s`);
    expect(stream.chunks.at(-1)).toBe(`${ERASE}replay: 3 lines read, finishing  0.0s`);
  });
});
