/**
 * The message classifier: which of the three risk labels a marketplace message carries, with the
 * spans of the original text that show it. Pure and synchronous; all patterns are compiled once at
 * module load.
 */
import { findHandlesInNormalised, mayContainHandle } from '../contact-handles';
import { LABELS } from './labels';
import type { Classification, Evidence, Label } from './labels';
import { normaliseWithTokens, toOriginal } from './normalise';
import { RULES, RULE_CUE, RULE_SLOTS, lookupWord } from './rules';

export { LABELS } from './labels';
export type { Classification, Evidence, Label } from './labels';

/** `start * RULE_SLOTS + rule` pairs to try (reused across calls; the classifier is synchronous). */
const candidates: number[] = [];
/** Start offsets and word groups of the tokens that belong to any group (reused across calls). */
const groupStarts: number[] = [];
const groupBits: number[] = [];

/** True when a token of one of `bits` starts in (`from`, `from + within`]. */
function groupNear(bits: number, from: number, within: number): boolean {
  for (let i = 0; i < groupStarts.length; i += 1) {
    const at = groupStarts[i] ?? 0;
    if (at > from + within) return false;
    if (at > from && ((groupBits[i] ?? 0) & bits) !== 0) return true;
  }
  return false;
}

/** Any character outside printable ASCII and ordinary whitespace (accents, look-alikes, zero-width...). */
const NOT_PLAIN = /[^\x20-\x7e\t\n\r]/;
/** A letter next to a digit or leet symbol ("r3m0ve", "rev!ew"), or letters spelled one by one ("r e m o v e"). */
const DISGUISED = /[a-z][0-9@$!|]|[0-9@$!|][a-z]|(?<![a-z0-9])[a-z0-9](?:(?: {1,2}| ?[-_*] ?)[a-z0-9](?![a-z0-9])){2}/;

/**
 * The pre-scan: true when a plain ASCII message has no cue any rule or handle finder needs (no word
 * a rule starts from or requires, no "@", link, dotted domain, app handle, digit run or spelled-out
 * digits). Such a message cannot get a label, so the full pipeline is skipped. Anything non-ASCII or
 * disguised takes the full path, where normalisation undoes the disguise.
 */
function isPlainlyClean(text: string): boolean {
  if (NOT_PLAIN.test(text)) return false;
  const lower = text.toLowerCase();
  return !DISGUISED.test(lower) && !RULE_CUE.test(lower) && !mayContainHandle(lower);
}

const LABEL_ORDER: Readonly<Record<Label, number>> = { review_manipulation: 0, off_platform_contact: 1, intimidation: 2 };

/**
 * Classifies one message. `lang` (e.g. "fr") is only a hint for reading national phone numbers;
 * the rules of every supported language (en, fr, de, es, it) always run.
 */
export function classifyMessage(text: string, lang?: string): Classification {
  if (isPlainlyClean(text)) return { labels: [], evidence: [] };
  const { normalised: n, tokens } = normaliseWithTokens(text);
  const found: Evidence[] = [];

  for (const handle of findHandlesInNormalised(n, tokens, lang)) {
    found.push({ label: 'off_platform_contact', match: text.slice(handle.start, handle.end), start: handle.start, end: handle.end });
  }

  // Each rule is tried only where a token starts with one of its anchor words, and only when the
  // other word groups it needs occur somewhere in the message.
  candidates.length = 0;
  let groups = 0;
  groupStarts.length = 0;
  groupBits.length = 0;
  for (const token of tokens) {
    let g = lookupWord(token.key, token.start, candidates);
    if (token.key !== token.text) g |= lookupWord(token.text, token.start, candidates);
    if (g !== 0) {
      groupStarts.push(token.start);
      groupBits.push(g);
      groups |= g;
    }
  }
  let last = -1;
  for (const candidate of candidates) {
    if (candidate === last) continue;
    last = candidate;
    const rule = RULES[candidate % RULE_SLOTS];
    if (rule === undefined) continue;
    if (rule.requires !== undefined && (groups & rule.requires) !== rule.requires) continue;
    const start = Math.floor(candidate / RULE_SLOTS);
    if (rule.near !== undefined && !groupNear(rule.near, start, rule.nearWithin ?? 200)) continue;
    rule.pattern.lastIndex = start;
    const m = rule.pattern.exec(n.text);
    if (m === null || m[0].length === 0) continue;
    const end = start + m[0].length;
    if (rule.vetoBefore?.test(n.text.slice(Math.max(0, start - 60), start)) === true) continue;
    if (rule.vetoMatch?.test(m[0]) === true) continue;
    if (rule.needsText !== undefined && !rule.needsText.test(n.text)) continue;
    if (rule.vetoAround?.test(n.text.slice(Math.max(0, start - 80), end + 80)) === true) continue;
    const span = toOriginal(n, start, end);
    found.push({ label: rule.label, match: text.slice(span.start, span.end), start: span.start, end: span.end });
  }

  const evidence = dedupe(found);
  const present = new Set(evidence.map((e) => e.label));
  return { labels: LABELS.filter((l) => present.has(l)), evidence };
}

/** Sorted by label order then position; spans contained in another span of the same label dropped. */
function dedupe(found: Evidence[]): Evidence[] {
  const sorted = [...found].sort(
    (a, b) => LABEL_ORDER[a.label] - LABEL_ORDER[b.label] || a.start - b.start || b.end - a.end,
  );
  const out: Evidence[] = [];
  for (const e of sorted) {
    const covered = out.some((o) => o.label === e.label && o.start <= e.start && e.end <= o.end);
    if (!covered) out.push(e);
  }
  return out;
}
