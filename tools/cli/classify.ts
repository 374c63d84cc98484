/**
 * `offside classify`: JSON Lines in (`{"id","text","lang"?}`), one JSON line out per input line, in
 * input order: `{"id","labels","evidence"}`, or `{"line":N,"error":"..."}` for a line that cannot be
 * read. Streams line by line. Returns the exit code: 1 if any line was in error, else 0.
 */
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { z } from 'zod';
import { classifyMessage } from '../../shared/domain/classify/classify';

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

/** One output line for one input line (1-based `lineNumber`). */
export function classifyLine(line: string, lineNumber: number): { readonly output: string; readonly ok: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { output: JSON.stringify({ line: lineNumber, error: `not valid JSON (${reason})` }), ok: false };
  }
  const result = MessageLine.safeParse(parsed);
  if (!result.success) {
    return { output: JSON.stringify({ line: lineNumber, error: describe(result.error) }), ok: false };
  }
  const { id, text, lang } = result.data;
  const { labels, evidence } = classifyMessage(text, lang);
  return { output: JSON.stringify({ id, labels, evidence }), ok: true };
}

export async function runClassify(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let failed = false;
  for await (const line of lines) {
    lineNumber += 1;
    const { output: out, ok } = classifyLine(line, lineNumber);
    if (!ok) failed = true;
    if (!output.write(`${out}\n`)) await once(output, 'drain');
  }
  return failed ? 1 : 0;
}
