/**
 * Evidence text as a person reads it. Stored text carries each contact handle as `[kind:hash]`
 * (contact-handles.ts); a reader gets the words, the phrases the classifier labelled, and each
 * handle as its kind (the console adds a per-case reference), never the hash and never the handle.
 */
import type { Label } from './classify/labels';
import type { HandleKind } from './contact-handles';

/** The kinds of contact handle, as the hashed tokens name them. */
export const HANDLE_KINDS = ['email', 'phone', 'url', 'messaging'] as const satisfies readonly HandleKind[];
const isHandleKind = (value: string | undefined): value is HandleKind => (HANDLE_KINDS as readonly (string | undefined)[]).includes(value);

/** A handle token as `redactContactHandles` writes it. */
const HANDLE_TOKEN = /\[(email|phone|url|messaging):([0-9a-f]{8,64})\]/gu;

export type TextPiece =
  | { readonly type: 'text'; readonly text: string; readonly label?: Label }
  /** `key` is `kind:hash`, the ring index's key of the handle: for the server to resolve, not to show. */
  | { readonly type: 'handle'; readonly kind: HandleKind; readonly key: string; readonly label?: Label };

/** The phrase behind a label, as stored with a message (handles hashed like the text). */
export interface LabelledPhrase {
  readonly label: Label;
  readonly match: string;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly label?: Label;
}

/** Where each phrase occurs first in the text; a phrase overlapping an earlier one is left out. */
function labelledSpans(text: string, phrases: readonly LabelledPhrase[]): Span[] {
  const spans: Span[] = [];
  for (const phrase of phrases) {
    const start = phrase.match === '' ? -1 : text.indexOf(phrase.match);
    if (start < 0) continue;
    const span = { start, end: start + phrase.match.length, label: phrase.label };
    if (spans.some((other) => span.start < other.end && other.start < span.end)) continue;
    spans.push(span);
  }
  return spans.sort((a, b) => a.start - b.start);
}

function handlePieces(text: string, label: Label | undefined): TextPiece[] {
  const pieces: TextPiece[] = [];
  const labelled = label ? { label } : {};
  let cursor = 0;
  for (const match of text.matchAll(HANDLE_TOKEN)) {
    const [token, kind, hash] = match;
    if (!isHandleKind(kind)) continue;
    if (match.index > cursor) pieces.push({ type: 'text', text: text.slice(cursor, match.index), ...labelled });
    pieces.push({ type: 'handle', kind, key: `${kind}:${hash}`, ...labelled });
    cursor = match.index + token.length;
  }
  if (cursor < text.length) pieces.push({ type: 'text', text: text.slice(cursor), ...labelled });
  return pieces;
}

/** The text in pieces: plain, labelled (the classifier's phrases) and handles. */
export function readableText(text: string, phrases: readonly LabelledPhrase[] = []): TextPiece[] {
  const pieces: TextPiece[] = [];
  let cursor = 0;
  for (const span of labelledSpans(text, phrases)) {
    pieces.push(...handlePieces(text.slice(cursor, span.start), undefined));
    pieces.push(...handlePieces(text.slice(span.start, span.end), span.label));
    cursor = span.end;
  }
  pieces.push(...handlePieces(text.slice(cursor), undefined));
  return pieces;
}

/** The distinct handle keys (`kind:hash`) of a text, in order of appearance. */
export function handleKeys(text: string): string[] {
  return [...new Set([...text.matchAll(HANDLE_TOKEN)].map(([, kind, hash]) => `${kind}:${hash}`))];
}

/** The kind a handle key (`kind:hash`) names. */
export function handleKindOf(key: string): HandleKind {
  const kind = key.slice(0, key.indexOf(':'));
  return isHandleKind(kind) ? kind : 'url';
}

/**
 * The text a message's template is: handles and digits folded, so the same form letter sent to
 * many buyers (a different order number, a different link) reads as one.
 */
export function textTemplate(text: string): string {
  return text.replace(HANDLE_TOKEN, '[$1]').replace(/\d+/gu, '#').replace(/\s+/gu, ' ').trim();
}
