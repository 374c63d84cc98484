/**
 * `offside classify`: JSON Lines in (`{"id","text","lang"?}`), one JSON line out per input line, in
 * input order: `{"id","labels","evidence"}`, or `{"line":N,"error":"..."}` for a line that cannot be
 * read. Streams line by line. Returns the exit code: 1 if any line was in error, else 0.
 * `--explain` adds an `explanation` to each result: why each label fired (its spans, the parts of
 * the intent, whether a negation or a quoted policy was found) and what matched but did not count.
 */
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { z } from 'zod';
import { jsonSyntaxProblem } from '../../events/v1/parse';
import { classifyMessage, explainMessage } from '../../shared/domain/classify/classify';
import type { ExplainedEvidence } from '../../shared/domain/classify/classify';

const MessageLine = z.object({ id: z.string(), text: z.string(), lang: z.string().optional() });

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      const what = missing ? 'required' : issue.message;
      return path === '' ? what : `${path}: ${what}`;
    })
    .join('; ');
}

export interface ClassifyOptions {
  readonly explain: boolean;
}

const describeEvidence = (e: ExplainedEvidence) => ({
  label: e.label,
  match: e.match,
  start: e.start,
  end: e.end,
  source: e.source,
  reason: e.reason,
  parts: e.parts.map((p) => ({ role: p.role, text: p.text })),
  ...(e.channelKind === undefined ? {} : { channelKind: e.channelKind }),
});

function explanation(text: string, lang: string | undefined) {
  const x = explainMessage(text, lang);
  return {
    language: x.language ?? null,
    fired: x.evidenceDetails.map((e) => ({ ...describeEvidence(e), negation: 'none found', scope: 'counts' })),
    notCounted: x.rejected.map((e) => ({ ...describeEvidence(e), veto: e.veto })),
    // the statistical model: its probability per label and the features that weigh most in it
    model: x.model.map((m) => ({ label: m.label, probability: Math.round(m.probability * 1000) / 1000, topFeatures: m.top })),
  };
}

/** One output line for one input line (1-based `lineNumber`). */
export function classifyLine(line: string, lineNumber: number, options: ClassifyOptions = { explain: false }): { readonly output: string; readonly ok: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { output: JSON.stringify({ line: lineNumber, error: `not valid JSON (${jsonSyntaxProblem(error)})` }), ok: false };
  }
  const result = MessageLine.safeParse(parsed);
  if (!result.success) {
    return { output: JSON.stringify({ line: lineNumber, error: describe(result.error) }), ok: false };
  }
  const { id, text, lang } = result.data;
  const { labels, evidence } = classifyMessage(text, lang);
  if (!options.explain) return { output: JSON.stringify({ id, labels, evidence }), ok: true };
  return { output: JSON.stringify({ id, labels, evidence, explanation: explanation(text, lang) }), ok: true };
}

export async function runClassify(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, options: ClassifyOptions = { explain: false }): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let failed = false;
  for await (const line of lines) {
    lineNumber += 1;
    const { output: out, ok } = classifyLine(line, lineNumber, options);
    if (!ok) failed = true;
    if (!output.write(`${out}\n`)) await once(output, 'drain');
  }
  return failed ? 1 : 0;
}
