/**
 * Writes a simulation to a directory: events.jsonl (streamed, with back-pressure), complaints.jsonl
 * (the buyer complaints the console takes in; empty under `--preset v1`) and truth.json.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Simulation } from './marketplace';

export interface WrittenSimulation {
  readonly eventsPath: string;
  readonly complaintsPath: string;
  readonly truthPath: string;
  readonly lines: number;
}

const CHUNK = 256 * 1024;

export async function writeSimulation(dir: string, simulation: Simulation): Promise<WrittenSimulation> {
  await mkdir(dir, { recursive: true });
  const eventsPath = join(dir, 'events.jsonl');
  const truthPath = join(dir, 'truth.json');
  const out = createWriteStream(eventsPath, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let lines = 0;
  let buffer = '';
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = out.write(buffer);
    buffer = '';
    if (!ok) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const line of simulation.lines()) {
    buffer += line + '\n';
    lines++;
    if (buffer.length >= CHUNK) await flush();
  }
  await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  const complaintsPath = join(dir, 'complaints.jsonl');
  const complaints = [...simulation.complaintLines()];
  await writeFile(complaintsPath, complaints.map((line) => `${line}\n`).join(''));
  await writeFile(truthPath, JSON.stringify(simulation.truth, null, 2) + '\n');
  return { eventsPath, complaintsPath, truthPath, lines };
}
