/**
 * `offside validate FILE.jsonl`: checks every line against the v1 event contract and nothing else.
 * One line per invalid event on stderr (`line N: <field path>: <reason>`), then `valid: V, invalid: I`
 * on stdout; exit 0 when every line is valid, 1 otherwise. Blank lines are skipped.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { describeIssues, parseEventJson } from '../../events/v1/parse';
import type { CliIo } from './command';

/** Throws when the file cannot be read (the command then exits 2: ./commands/validate.ts). */
export async function runValidate(file: string, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let valid = 0;
  let invalid = 0;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const result = parseEventJson(line);
    if (result.ok) {
      valid++;
    } else {
      invalid++;
      io.stderr.write(`line ${lineNumber}: ${describeIssues(result.issues)}\n`);
    }
  }
  io.stdout.write(`valid: ${valid}, invalid: ${invalid}\n`);
  return invalid === 0 ? 0 : 1;
}
