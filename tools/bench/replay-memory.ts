/**
 * Peak memory of a replay at a quarter, half and all of the stream (25k, 50k and 100k events at
 * full size), each in a child process of its own that reports its peak resident set. Replay keeps
 * memory flat by design (text dropped after classification, settled evidence evicted), so four times the events must cost far less than four times the memory:
 * the target is at most twice the peak of the quarter run.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { BenchStream } from './stream';
import { ROOT, streamPrefix } from './stream';

const run = promisify(execFile);

export const MEMORY_TARGET_RATIO = 2;

export interface MemoryStep {
  readonly events: number;
  readonly peakRssBytes: number;
  readonly seconds: number;
}

export interface ReplayMemory {
  readonly steps: readonly MemoryStep[];
  /** Peak of the whole stream divided by the peak of its first quarter. */
  readonly ratio: number;
  /** Events of the whole stream divided by events of its first quarter (4). */
  readonly eventsRatio: number;
  readonly target: number;
  readonly pass: boolean;
}

const ChildOutput = z.object({ lines: z.number().int(), seconds: z.number(), peakRssBytes: z.number().positive() });

export async function measureReplayMemory(stream: BenchStream, say: (line: string) => void): Promise<ReplayMemory> {
  const sizes = [Math.round(stream.lines / 4), Math.round(stream.lines / 2), stream.lines];
  const steps: MemoryStep[] = [];
  for (const size of sizes) {
    const path = await streamPrefix(stream, size);
    say(`replay memory: ${size} events in a child process`);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'tools/bench/replay-child.ts'), path], {
      cwd: ROOT,
      maxBuffer: 1024 * 1024,
    });
    const output = ChildOutput.parse(JSON.parse(stdout));
    steps.push({ events: output.lines, peakRssBytes: output.peakRssBytes, seconds: output.seconds });
  }
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last) throw new Error('replay memory: no runs');
  const ratio = last.peakRssBytes / first.peakRssBytes;
  return { steps, ratio, eventsRatio: last.events / first.events, target: MEMORY_TARGET_RATIO, pass: ratio <= MEMORY_TARGET_RATIO };
}
