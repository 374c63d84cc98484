/**
 * One replay in its own process, for the peak-memory runs: `node --import tsx
 * tools/bench/replay-child.ts FILE.jsonl`. Replays the file as `offside replay FILE --json` does
 * (approvals none) and prints one JSON line: lines, seconds and this process's peak resident set.
 */
import { replay } from '../cli/replay';
import { readLines } from './stream';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: replay-child.ts FILE.jsonl\n');
  process.exit(2);
}
const started = process.hrtime.bigint();
const report = await replay(readLines(file));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const { accepted, duplicates, rejected } = report.events;
// maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ lines: accepted + duplicates + rejected, seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
