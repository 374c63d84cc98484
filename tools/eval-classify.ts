/**
 * Evaluates the message classifier on labelled corpora (JSON Lines of {id, lang?, text, labels}).
 *
 *   npm run eval:classify [-- FILE.jsonl ...] [--dir DIR] [--dev] [--verbose] [--json]
 *
 * For each file: precision, recall and F1 per label, overall and per language, and whether the
 * targets are met overall and in each of the five core languages (precision >= 0.97 and recall
 * >= 0.95 for review_manipulation and off_platform_contact, recall >= 0.90 for intimidation).
 *
 * Without files it reads the training corpora of events/corpus/ (or DIR, tools/classifier-corpora.ts),
 * each reported with what it is:
 * - "tuned on": the sets trained and tuned on whole (messages-v1 ... -train-v2);
 * - "dev (tuned on)": messages-dev-v2, trained on, its errors looked at;
 * - "train part (tuned on)": the three quarters of a split set the model is trained on;
 * - "dev": the fourth quarter of a split set, never trained or tuned on (`--dev`: only these,
 *   each and all together).
 * A frozen blind set (`isFrozenBlind`) is never read by default; given on the command line it is
 * reported as "blind": figures only, never its errors (not with --verbose, not in --json). The
 * "tuned on" sets gate (exit 1 when one misses a target): they guard against regressions. A file
 * given on the command line that is not a blind set is reported as "given" and gates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from '@commander-js/extra-typings';
import { z } from 'zod';
import { LABELS, classifyMessage } from '../shared/domain/classify/classify';
import type { Label } from '../shared/domain/classify/classify';
import { TRAIN_SPLIT, TRAIN_WHOLE, isDev, isFrozenBlind } from './classifier-corpora';
import { PROCESS_IO, configure, exitCode, run } from './cli/command';

const CorpusLine = z.object({
  id: z.string(),
  lang: z.string().optional(),
  text: z.string(),
  labels: z.array(z.enum(LABELS)),
});
type CorpusLine = z.infer<typeof CorpusLine>;

export type Status = 'tuned on' | 'dev (tuned on)' | 'train part (tuned on)' | 'dev' | 'blind' | 'given';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  support: number;
}
export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export const TARGETS: Readonly<Record<Label, { precision?: number; recall: number }>> = {
  review_manipulation: { precision: 0.97, recall: 0.95 },
  off_platform_contact: { precision: 0.97, recall: 0.95 },
  intimidation: { recall: 0.9 },
};
export const CORE_LANGUAGES = ['en', 'fr', 'de', 'es', 'it'] as const;

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
  readonly status: Status;
  readonly messages: number;
  readonly exact: number;
  readonly overall: Record<Label, Scores>;
  readonly byLanguage: Record<string, Record<Label, Scores>>;
  readonly misclassified: { id: string; lang: string; expected: Label[]; got: Label[]; text: string }[];
  readonly targetsMet: boolean;
  /** Targets missed overall or in a core language that has examples of the label. */
  readonly failures: string[];
}

function missed(where: string, rows: Record<Label, Scores>): string[] {
  const out: string[] = [];
  for (const label of LABELS) {
    const target = TARGETS[label];
    const s = rows[label];
    if (target.precision !== undefined && s.tp + s.fp > 0 && s.precision < target.precision)
      out.push(`${where} ${label} precision ${s.precision.toFixed(3)} < ${target.precision}`);
    if (s.support > 0 && s.recall < target.recall) out.push(`${where} ${label} recall ${s.recall.toFixed(3)} < ${target.recall}`);
  }
  return out;
}

/** Which lines of a file are read: all, or the train or dev part of a split set (`isDev`). */
export type Part = 'whole' | 'train' | 'dev';
const inPart = (part: Part, id: string): boolean => part === 'whole' || (part === 'dev') === isDev(id);
const partName = (part: Part): string => (part === 'whole' ? '' : part === 'dev' ? ' (dev quarter)' : ' (train part)');

export function evaluate(path: string, status: Status, part: Part = 'whole'): Report {
  return evaluateLines(`${path}${partName(part)}`, readCorpus(path).filter((l) => inPart(part, l.id)), status);
}

/** The report of `corpus` lines under the name `name`. */
export function evaluateLines(name: string, corpus: readonly CorpusLine[], status: Status): Report {
  const path = name;
  const overall = emptyCounts();
  const byLang = new Map<string, Record<Label, Counts>>();
  const misclassified: Report['misclassified'] = [];
  let exact = 0;
  for (const item of corpus) {
    const got = classifyMessage(item.text, item.lang).labels;
    const langKey = item.lang ?? 'unknown';
    const lang = byLang.get(langKey) ?? emptyCounts();
    byLang.set(langKey, lang);
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
    else misclassified.push({ id: item.id, lang: langKey, expected: item.labels, got, text: item.text });
  }
  const score = (t: Record<Label, Counts>): Record<Label, Scores> => ({
    review_manipulation: scores(t.review_manipulation),
    off_platform_contact: scores(t.off_platform_contact),
    intimidation: scores(t.intimidation),
  });
  const overallScores = score(overall);
  const byLanguage = Object.fromEntries([...byLang].sort(([a], [b]) => a.localeCompare(b)).map(([lang, t]) => [lang, score(t)]));
  const failures = [
    ...missed('overall', overallScores),
    ...CORE_LANGUAGES.flatMap((lang) => (byLanguage[lang] === undefined ? [] : missed(lang, byLanguage[lang]))),
  ];
  return {
    corpus: path,
    status,
    messages: corpus.length,
    exact,
    overall: overallScores,
    byLanguage,
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

/** The corpora read by default, in order, with what each is (never a frozen blind set). */
export const DEFAULT_SETS: readonly { readonly file: string; readonly status: Status; readonly part: Part }[] = [
  ...TRAIN_WHOLE.map((file) => ({ file, status: file === 'messages-dev-v2.jsonl' ? ('dev (tuned on)' as const) : ('tuned on' as const), part: 'whole' as const })),
  ...TRAIN_SPLIT.flatMap((file) => [
    { file, status: 'train part (tuned on)' as const, part: 'train' as const },
    { file, status: 'dev' as const, part: 'dev' as const },
  ]),
].filter((s) => !isFrozenBlind(s.file));

/** Reports on every default corpus that exists in `dir`, each with its status (`devOnly`: the dev quarters, then all of them together). */
export function evaluateDirectory(dir: string, devOnly = false): Report[] {
  const sets = DEFAULT_SETS.filter((s) => !devOnly || s.part === 'dev')
    .map((s) => ({ ...s, path: join(dir, s.file) }))
    .filter((s) => existsSync(s.path));
  const reports = sets.map((s) => evaluate(s.path, s.status, s.part));
  if (!devOnly || sets.length < 2) return reports;
  const all = sets.flatMap((s) => readCorpus(s.path).filter((l) => isDev(l.id)));
  return [...reports, evaluateLines(`all ${sets.length} dev quarters`, all, 'dev')];
}

/** A file given on the command line: "blind" when it is a frozen blind set, else "given". */
export const givenStatus = (path: string): Status => (isFrozenBlind(path) ? 'blind' : 'given');

const gates = (r: Report) => r.status === 'tuned on' || r.status === 'given';

function render(report: Report, verbose: boolean): string {
  const out: string[] = [
    `corpus: ${report.corpus} [${report.status}] (${report.messages} messages, ${report.exact} exactly right)${gates(report) ? ' [gating]' : ''}`,
    '',
  ];
  out.push(table('overall', report.overall), '');
  for (const [lang, rows] of Object.entries(report.byLanguage)) out.push(table(`lang ${lang}`, rows), '');
  // a blind set's errors are not for the eyes of whoever tunes the classifier
  if (verbose && report.status !== 'blind') {
    out.push(`misclassified (${report.misclassified.length}):`);
    for (const m of report.misclassified) out.push(`  ${m.id} expected [${m.expected.join(',')}] got [${m.got.join(',')}]: ${m.text}`);
    out.push('');
  }
  out.push(report.targetsMet ? 'targets met' : `targets missed: ${report.failures.join('; ')}`, '');
  return out.join('\n');
}

const f3 = (x: number) => x.toFixed(3);

/** One line per language: P/R of each label. */
export function languageSummary(report: Report): string[] {
  return Object.entries(report.byLanguage).map(([lang, s]) =>
    `    ${lang.padEnd(8)} RM P/R ${f3(s.review_manipulation.precision)}/${f3(s.review_manipulation.recall)}  OPC P/R ${f3(s.off_platform_contact.precision)}/${f3(s.off_platform_contact.recall)}  INT P/R ${f3(s.intimidation.precision)}/${f3(s.intimidation.recall)}`,
  );
}

function evaluateCorpora(given: readonly string[], options: { readonly verbose: boolean; readonly json: boolean; readonly dev: boolean; readonly dir?: string }): number {
  const { verbose, json } = options;
  const dir = options.dir ?? fileURLToPath(new URL('../events/corpus/', import.meta.url));
  const reports = given.length > 0 ? given.map((path) => evaluate(path, givenStatus(path))) : evaluateDirectory(dir, options.dev);
  if (json) {
    const shown = reports.map((r) => {
      const { misclassified, ...figures } = r;
      const ids = r.status === 'blind' ? {} : { misclassifiedIds: misclassified.map((m) => m.id) };
      return { ...(verbose && r.status !== 'blind' ? r : { ...figures, ...ids }), gating: gates(r) };
    });
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    for (const r of reports) process.stdout.write(`${render(r, verbose)}\n`);
    const summary = reports.flatMap((r) => {
      const o = r.overall;
      return [
        `  ${basename(r.corpus).padEnd(44)} [${r.status}] RM P/R ${f3(o.review_manipulation.precision)}/${f3(o.review_manipulation.recall)}  OPC P/R ${f3(o.off_platform_contact.precision)}/${f3(o.off_platform_contact.recall)}  INT P/R ${f3(o.intimidation.precision)}/${f3(o.intimidation.recall)}  ${r.targetsMet ? 'met' : 'missed'}${gates(r) ? ' (gating)' : ''}`,
        ...(r.status === 'tuned on' || r.status === 'train part (tuned on)' ? [] : languageSummary(r)),
      ];
    });
    process.stdout.write(`summary:\n${summary.join('\n')}\n`);
  }
  return reports.every((r) => !gates(r) || r.targetsMet) ? 0 : 1;
}

const evalClassifyCommand = () =>
  configure(new Command('eval:classify'), PROCESS_IO)
    .description('npm run eval:classify -- [corpus.jsonl ...] [options]: precision, recall and F1 of the classifier per label and language')
    .argument('[corpus.jsonl...]', 'labelled corpora, each reported as "given" (default: the corpora of events/corpus/, each with what it is)')
    .option('--dir <DIR>', 'read the default corpora from DIR instead of events/corpus/')
    .option('--dev', 'only the dev quarters of the split sets, each and all together')
    .option('--verbose', 'list the misclassified messages (never those of a blind set)')
    .option('--json', 'print the figures as JSON, one report per file')
    .addHelpText('after', '\nExit 1 when a gating set (tuned on, or given) misses a target, 2 on bad arguments.')
    .action(exitCode((corpora, options) => evaluateCorpora(corpora, { verbose: options.verbose === true, json: options.json === true, dev: options.dev === true, ...(options.dir ? { dir: options.dir } : {}) })));

/** `npm run eval:classify -- ARGV...`: the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return run(evalClassifyCommand(), argv);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
