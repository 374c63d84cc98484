/**
 * The pre-scan's word cues (classify.ts): every label needs a word of one of a few concepts (a
 * structure's object, a concept without which no surface pattern runs, a cue of the model), so a
 * Latin-script message with none of them, no handle cue and no disguise cannot get a label. The
 * cues are the starts of those words in every Latin-script language, as one trie-shaped regular
 * expression over the lower-cased, accent-free text.
 */
import { CONCEPTS } from './concepts';
import type { Concept } from './concepts';
import { INDEX } from './lexicon-index';
import type { Label } from './labels';
import { LANGUAGES } from './stem';

/**
 * The words the model needs before it may label a message on its own (classify.ts): a review or
 * rating; a channel (digits and "@" are the handle finder's cue); a threat, an address or
 * persistence. They are part of the pre-scan too, so a message it skips could not be labelled by
 * the model either.
 */
export const MODEL_CUES = {
  review_manipulation: ['review'],
  off_platform_contact: ['channel', 'app', 'qr', 'form'],
  intimidation: ['legal', 'report', 'address', 'visit', 'remember', 'menace', 'stop', 'until', 'persist', 'otherwise', 'audience'],
} as const satisfies Readonly<Record<Label, readonly Concept[]>>;

const MODEL_CONCEPTS: readonly Concept[] = [...new Set(Object.values(MODEL_CUES).flat())];

/**
 * Every word a label needs one of: a structure's object (intent.ts), a concept without which no
 * surface pattern runs (PATTERN_CONCEPTS there), the model's cues. Star words of "positive" count
 * ("5 estrellas"); its other words ("good", "5") only ever count next to a review word.
 */
const NEEDED: readonly Concept[] = [
  ...new Set<Concept>(['review', 'channel', 'app', 'qr', 'form', 'fill', 'legal', 'report', 'account', 'address', 'stop', 'persist', 'until', 'menace', 'visit', 'remember', 'numberWord', ...MODEL_CONCEPTS]),
];
const STAR_WORD = /star|etoil|stern|estrel|stell|ster|gwiazd|stjarn/;

const commonStart = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
};

/**
 * The word starts a token must have to carry one of `concepts` in any Latin-script language: for
 * a prefix entry its prefix; for a stemmed entry the start its inflections share (the word and its
 * stem in common, less a last letter a stemmer may alter, never under three letters); for an entry
 * matched as written, the word.
 */
function neededStarts(concepts: readonly Concept[], keep: (entry: string, concept: Concept) => boolean = () => true): string[] {
  const wanted = new Set(concepts.map((c) => CONCEPTS.indexOf(c)));
  const out = new Set<string>();
  for (const lang of LANGUAGES) {
    if (lang === 'ja') continue;
    const index = INDEX[lang];
    for (const phrases of [...index.byWord.values(), ...index.byPrefix.values()]) {
      for (const p of phrases) {
        if (!wanted.has(p.concept) || !keep(p.entry, CONCEPTS[p.concept] ?? 'review')) continue;
        // any word of a phrase is needed: the longest says most
        const longest = [...p.parts].sort((a, b) => b.value.length - a.value.length)[0];
        if (longest === undefined) continue;
        let head: string;
        if (longest.prefix) head = longest.value;
        else if (longest.stem.startsWith('=')) head = longest.value;
        else {
          const shared = commonStart(longest.value, longest.stem);
          head = shared.length > 4 ? shared.slice(0, -1) : shared;
          if (head.length < 3) head = longest.value.slice(0, 3);
        }
        if (/^[a-z0-9][a-z0-9' -]*$/.test(head)) out.add(head);
      }
    }
  }
  const sorted = [...out].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const w of sorted) if (!kept.some((k) => w.startsWith(k))) kept.push(w);
  return kept;
}

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An alternation of word starts as a trie ("re(?:vie|port)|..."): the regular expression engine
 * then tries one branch per character instead of every word at every position.
 */
function trie(words: readonly string[]): string {
  if (words.includes('')) return '';
  const byFirst = new Map<string, string[]>();
  for (const w of words) {
    const first = w.charAt(0);
    byFirst.set(first, [...(byFirst.get(first) ?? []), w.slice(1)]);
  }
  const branches = [...byFirst].map(([first, rests]) => {
    const rest = trie(rests);
    return escape(first) + (rest === '' ? '' : rests.length === 1 ? rest : `(?:${rest})`);
  });
  return branches.join('|');
}

/** One pattern over the lower-cased, accent-free text: some word starts as a needed word does. */
export const NEEDED_CUE = new RegExp(
  `(?<![a-z0-9])(?:${trie(neededStarts(NEEDED, (entry, c) => c !== 'positive' || STAR_WORD.test(entry)))})`,
);
/** "call me", "écrivez-moi": a contact verb with the seller as its object (intent.ts runs its patterns then). */
export const CONTACT_SELLER_CUE = new RegExp(
  `(?<![a-z0-9])(?:${trie(neededStarts(['contact']))})[a-z]*[^a-z0-9]+(?:me|us|moi|nous|mir|uns|mich|nos|mi|ci|mij|ons|mnie|nam|mig|oss)(?![a-z0-9])`,
);

