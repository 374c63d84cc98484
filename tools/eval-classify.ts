/**
 * Evaluates the message classifier on a labelled corpus (JSON Lines of {id, lang, text, labels}).
 *
 *   npm run eval:classify -- [corpus.jsonl ...] [--verbose] [--json]
 *
 * Prints precision, recall and F1 per label, overall and per language, for each corpus file
 * (default: the main corpus messages-v1.jsonl plus the holdout, blind and fresh sets that exist);
 * `--verbose` lists the misclassified ids; `--json` prints the figures as JSON (an array, one report
 * per file). Targets: precision >= 0.97 and recall >= 0.95 for review_manipulation and
 * off_platform_contact, recall >= 0.85 for intimidation. Only the main corpus (messages-v1.jsonl)
 * gates: the command exits 1 when it misses a target (or when it is the only file given and
 * misses). The other sets are reported, not gating: the blind and fresh sets were written without
 * looking at the rules, and the fresh set was never tuned on, so they estimate generalisation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { z } from 'zod';
import { LABELS, classifyMessage } from '../shared/domain/classify/classify';
import type { Label } from '../shared/domain/classify/classify';
import { PROCESS_IO, configure, exitCode, run } from './cli/command';

const CorpusLine = z.object({
  id: z.string(),
  lang: z.string(),
  text: z.string(),
  labels: z.array(z.enum(LABELS)),
});
type CorpusLine = z.infer<typeof CorpusLine>;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}
interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

const TARGETS: Readonly<Record<Label, { precision?: number; recall: number }>> = {
  review_manipulation: { precision: 0.97, recall: 0.95 },
  off_platform_contact: { precision: 0.97, recall: 0.95 },
  intimidation: { recall: 0.85 },
};

function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

const emptyCounts = (): Record<Label, Counts> => ({
  review_manipulation: { tp: 0, fp: 0, fn: 0, support: 0 },
  off_platform_contact: { tp: 0, fp: 0, fn: 0, support: 0 },
  intimidation: { tp: 0, fp: 0, fn: 0, support: 0 },
});

export function readCorpus(path: string): CorpusLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = CorpusLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface Report {
  readonly corpus: string;
  readonly messages: number;
  readonly exact: number;
  readonly overall: Record<Label, Scores>;
  readonly byLanguage: Record<string, Record<Label, Scores>>;
  readonly misclassified: { id: string; lang: string; expected: Label[]; got: Label[]; text: string }[];
  readonly targetsMet: boolean;
  readonly failures: string[];
}

export function evaluate(path: string): Report {
  const corpus = readCorpus(path);
  const overall = emptyCounts();
  const byLang = new Map<string, Record<Label, Counts>>();
  const misclassified: Report['misclassified'] = [];
  let exact = 0;
  for (const item of corpus) {
    const got = classifyMessage(item.text, item.lang).labels;
    const lang = byLang.get(item.lang) ?? emptyCounts();
    byLang.set(item.lang, lang);
    for (const label of LABELS) {
      const expected = item.labels.includes(label);
      const predicted = got.includes(label);
      for (const table of [overall, lang]) {
        const c = table[label];
        if (expected) c.support += 1;
        if (expected && predicted) c.tp += 1;
        else if (predicted) c.fp += 1;
        else if (expected) c.fn += 1;
      }
    }
    const same = got.length === item.labels.length && got.every((l) => item.labels.includes(l));
    if (same) exact += 1;
    else misclassified.push({ id: item.id, lang: item.lang, expected: item.labels, got, text: item.text });
  }
  const score = (t: Record<Label, Counts>): Record<Label, Scores> => ({
    review_manipulation: scores(t.review_manipulation),
    off_platform_contact: scores(t.off_platform_contact),
    intimidation: scores(t.intimidation),
  });
  const overallScores = score(overall);
  const failures: string[] = [];
  for (const label of LABELS) {
    const target = TARGETS[label];
    const s = overallScores[label];
    if (target.precision !== undefined && s.precision < target.precision)
      failures.push(`${label} precision ${s.precision.toFixed(3)} < ${target.precision}`);
    if (s.recall < target.recall) failures.push(`${label} recall ${s.recall.toFixed(3)} < ${target.recall}`);
  }
  return {
    corpus: path,
    messages: corpus.length,
    exact,
    overall: overallScores,
    byLanguage: Object.fromEntries([...byLang].sort().map(([lang, t]) => [lang, score(t)])),
    misclassified,
    targetsMet: failures.length === 0,
    failures,
  };
}

function table(title: string, rows: Record<Label, Scores>): string {
  const head = `${title.padEnd(22)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'n'.padStart(4)}`;
  const lines = LABELS.map((l) => {
    const s = rows[l];
    return `  ${l.padEnd(20)} ${s.precision.toFixed(3).padStart(6)} ${s.recall.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.support).padStart(4)}`;
  });
  return [head, ...lines].join('\n');
}

const MAIN = 'messages-v1.jsonl';
const DEFAULT_SETS = [MAIN, 'messages-holdout-v1.jsonl', 'messages-blind-v1.jsonl', 'messages-fresh-v1.jsonl', 'messages-fresh2-v1.jsonl'];

function render(report: Report, verbose: boolean, gating: boolean): string {
  const out: string[] = [`corpus: ${report.corpus} (${report.messages} messages, ${report.exact} exactly right)${gating ? ' [gating]' : ' [not gating]'}`, ''];
  out.push(table('overall', report.overall), '');
  for (const [lang, rows] of Object.entries(report.byLanguage)) out.push(table(`lang ${lang}`, rows), '');
  if (verbose) {
    out.push(`misclassified (${report.misclassified.length}):`);
    for (const m of report.misclassified) out.push(`  ${m.id} expected [${m.expected.join(',')}] got [${m.got.join(',')}]: ${m.text}`);
    out.push('');
  }
  out.push(report.targetsMet ? 'targets met' : `targets missed: ${report.failures.join('; ')}`, '');
  return out.join('\n');
}

function evaluateCorpora(given: readonly string[], verbose: boolean, json: boolean): number {
  const dir = fileURLToPath(new URL('../events/corpus/', import.meta.url));
  const paths = given.length > 0 ? given : DEFAULT_SETS.map((f) => join(dir, f)).filter((p) => existsSync(p));
  const reports = paths.map((p) => evaluate(p));
  // The main corpus gates; a single file given on its own gates too.
  const gates = (r: Report) => basename(r.corpus) === MAIN || reports.length === 1;
  if (json) {
    const shown = reports.map((r) => {
      const { misclassified, ...figures } = r;
      return { ...(verbose ? r : { ...figures, misclassifiedIds: misclassified.map((m) => m.id) }), gating: gates(r) };
    });
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    for (const r of reports) process.stdout.write(`${render(r, verbose, gates(r))}\n`);
    const summary = reports.map((r) => {
      const o = r.overall;
      const f = (x: number) => x.toFixed(3);
      return `  ${basename(r.corpus).padEnd(28)} RM P/R ${f(o.review_manipulation.precision)}/${f(o.review_manipulation.recall)}  OPC P/R ${f(o.off_platform_contact.precision)}/${f(o.off_platform_contact.recall)}  INT R ${f(o.intimidation.recall)}  ${r.targetsMet ? 'met' : 'missed'}${gates(r) ? ' (gating)' : ''}`;
    });
    process.stdout.write(`summary:\n${summary.join('\n')}\n`);
  }
  return reports.every((r) => !gates(r) || r.targetsMet) ? 0 : 1;
}

const evalClassifyCommand = () =>
  configure(new Command('eval:classify'), PROCESS_IO)
    .description('npm run eval:classify -- [corpus.jsonl ...] [options]: precision, recall and F1 of the classifier per label')
    .argument('[corpus.jsonl...]', 'labelled corpora (default: the main corpus and the holdout, blind and fresh sets)')
    .option('--verbose', 'list the misclassified messages')
    .option('--json', 'print the figures as JSON, one report per file')
    .addHelpText('after', '\nExit 1 when the main corpus (or the only file given) misses a target, 2 on bad arguments.')
    .action(exitCode((corpora, options) => evaluateCorpora(corpora, options.verbose === true, options.json === true)));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(evalClassifyCommand(), process.argv.slice(2));
}
