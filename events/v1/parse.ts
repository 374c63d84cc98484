/**
 * Parsing at the edge: raw text or JSON in, a typed event or a list of readable problems out.
 * Every consumer, the validate command and the replay use this, so they agree on what is valid.
 */
import { z } from 'zod';
import { EVENT_TYPES, Envelope, OffsideEvent } from './schemas';
import { illFormedReason, illFormedStrings } from './unicode';

export interface ContractIssue {
  /** Dotted field path such as `data.orderIds[3]`, or `(root)` for the whole event. */
  readonly path: string;
  readonly reason: string;
}

export type ParseResult =
  | { readonly ok: true; readonly event: OffsideEvent }
  | { readonly ok: false; readonly issues: readonly ContractIssue[] };

const EnvelopeOnly = z.looseObject({
  ...Envelope,
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }),
  data: z.looseObject({}, { error: 'must be an object' }),
});

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

const reasonOf = (issue: z.core.$ZodIssue): string =>
  // zod words a missing field as a type error; say what a producer needs to hear.
  issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
    ? `required (expected ${issue.expected})`
    : issue.message;

const toIssues = (error: z.ZodError): ContractIssue[] =>
  error.issues.map((issue) => ({ path: formatPath(issue.path), reason: reasonOf(issue) }));

/** Checks an already-decoded value against the v1 contract. */
export function parseEvent(value: unknown): ParseResult {
  // Nothing downstream can store or key an unpaired surrogate: refuse it first, by field.
  const illFormed = illFormedStrings(value);
  if (illFormed.length > 0) return { ok: false, issues: illFormed.map(({ path, index }) => ({ path: formatPath(path), reason: illFormedReason(index) })) };
  const result = OffsideEvent.safeParse(value);
  if (result.success) return { ok: true, event: result.data };
  const issues = toIssues(result.error);
  // An unknown `type` stops the union early; still report the rest of the envelope.
  if (issues.some((issue) => issue.path === 'type')) {
    const envelope = EnvelopeOnly.safeParse(value);
    if (!envelope.success) {
      for (const extra of toIssues(envelope.error)) {
        if (!issues.some((issue) => issue.path === extra.path)) issues.push(extra);
      }
    }
  }
  return { ok: false, issues };
}

/** Decodes one JSON text (an SQS body or a JSON Lines line) and checks it. */
export function parseEventJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ path: '(root)', reason: `not valid JSON (${jsonSyntaxProblem(error)})` }] };
  }
  return parseEvent(value);
}

/**
 * What is wrong with a text JSON.parse refused, without a character of the text: the engine's own
 * messages quote the input (`Unexpected token 'z', "zqs@gmail.com" is not valid JSON`), and a
 * reason travels to logs and dead-letter attributes, where contact data must never appear. Only the
 * engine's grammar messages that quote nothing are kept, with their position.
 */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/^Unexpected end of JSON input$/u.test(message)) return 'it ends too early';
  const located = /^(.+?) in JSON at position (\d+)/u.exec(message);
  if (located && !/["]|^Unexpected token/u.test(located[1] ?? '')) {
    const what = located[1] ?? '';
    return `${what.charAt(0).toLowerCase()}${what.slice(1)} at position ${located[2] ?? ''}`;
  }
  const after = /^Unexpected non-whitespace character after JSON at position (\d+)/u.exec(message);
  if (after) return `text after the JSON value at position ${after[1] ?? ''}`;
  return 'a character that cannot start or continue a JSON value';
}

/**
 * The routing fields of a line (`type`, `id`, `time` normalised to UTC), read without validating
 * anything else: enough to send a line to its queue or to count a duplicate, before the consumer
 * judges it. Absent where the line does not have them.
 */
export function peekRouting(text: string): { readonly type?: string; readonly id?: string; readonly time?: string; readonly sellerId?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const type = 'type' in value && typeof value.type === 'string' ? value.type : undefined;
  const id = 'id' in value && typeof value.id === 'string' ? value.id : undefined;
  const millis = 'time' in value && typeof value.time === 'string' ? Date.parse(value.time) : Number.NaN;
  const data = 'data' in value && typeof value.data === 'object' && value.data !== null ? value.data : undefined;
  const sellerId = data && 'sellerId' in data && typeof data.sellerId === 'string' ? data.sellerId : undefined;
  return { type, id, time: Number.isNaN(millis) ? undefined : new Date(millis).toISOString(), sellerId };
}

/** One line of text for logs, DLQ attributes and the validate command. */
export function describeIssues(issues: readonly ContractIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ');
}
