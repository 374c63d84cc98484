/**
 * Intent structures: what a message asks for, read from its parts rather than from phrases.
 *
 * Each token of the normalised text is tagged with the concepts it carries (concepts.ts: an ask, a
 * review, a change, an incentive, a contact channel, a negation...), in the message's language
 * (stemmed, or segmented for Japanese). Sentences and clauses are found from punctuation and
 * contrast words, and each token knows whether a negation governs it (a negator earlier in its
 * clause, carried over a comma into a list that has no verb of its own), whether its clause quotes
 * a policy ("we are not allowed to ask..."), thanks for something done, or names a cause ("based on
 * your feedback").
 *
 * A label is found when its structure is complete in one sentence:
 * - review_manipulation: an ask + a change + a review as its object; an ask for a positive review;
 *   an incentive tied to a review by a condition; a hope that a refund is reflected in a rating;
 * - off_platform_contact: an ask for the buyer's channel (e-mail, mobile...); an offer to talk on an
 *   outside channel; a QR code or form for contact or data entry;
 * - intimidation: a legal threat; reporting the buyer's account; the buyer's address with a visit
 *   or a menace; writing on until the buyer gives in.
 * None of them counts when negated, quoted as policy, or in thanks for what the buyer already did.
 *
 * Everything here is linear in the text: every search looks a bounded number of tokens around a
 * token, and a sentence longer than MAX_SENTENCE tokens is cut.
 */
import type { Label } from './labels';
import { INDEX, bitOf, conceptIndex, has, partMatches } from './lexicon-index';
import type { Bits, Phrase } from './lexicon-index';
import type { Concept } from './concepts';
import { LANGUAGES, stem } from './stem';
import type { Language } from './stem';
import type { Token } from './tokens';

export interface Tagged {
  readonly start: number;
  /** End of the token, or of the phrase it starts when a phrase matched. */
  end: number;
  readonly text: string;
  readonly bits: Bits;
  /** concept index -> the entry that matched (for explanations) */
  readonly entries: ReadonlyMap<number, string>;
  sentence: number;
  clause: number;
  /** contrast segment ("..., but ...") inside a sentence */
  segment: number;
  negated: boolean;
}

export interface IntentPart {
  readonly role: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A label found by a structure, in normalised offsets, with the parts that make it up. */
export interface IntentFinding {
  readonly label: Label;
  readonly structure: string;
  readonly start: number;
  readonly end: number;
  readonly parts: readonly IntentPart[];
}

/** A structure that was complete but did not count, and why. */
export interface VetoedFinding extends IntentFinding {
  readonly veto: string;
}

export interface IntentAnalysis {
  readonly tokens: readonly Tagged[];
  /** False when the message has none of the words any surface pattern needs. */
  readonly patternsPossible: boolean;
  readonly findings: readonly IntentFinding[];
  readonly vetoed: readonly VetoedFinding[];
  /** Per token index: why a span starting there cannot count (negated, policy, thanks), if so. */
  readonly scopeOf: (position: number) => string | undefined;
}

const MAX_SENTENCE = 80;
/** A QR code printed on the product for its batch, manual or ingredients is not a channel. */
const PRODUCT_INFO =
  /printed|imprime|gedruckt|impreso|stampato|gedrukt|impresso|nadrukowan|tryckt|batch|\blot\b|\blote\b|lotto|charge|partij|partia|manual|instructions|notice|anleitung|instrucciones|istruzioni|handleiding|ingredient|ロット|説明書/;
const WINDOW = 8;
/** The object pronouns that stand for a review named before ("take it down", "supprimez-la", "nehmen Sie ihn raus", "la tolga"). */
const PRONOUN = /^(?:it|them|la|le|les|ihn|sie|es|lo|las|los|hem|het|deze|ja|go|je|den|det|dem|ela|ele|isso)$/;

/** An object pronoun attached to an imperative in Spanish and Italian ("cambiala", "borrala", "toglila", "quitalo"). */
const ENCLITIC = /^[a-z]{3,}[aei](?:la|lo|las|los)$/;

// ---------------------------------------------------------------------------------------------
// Tagging

const EMPTY: Bits = { lo: 0, hi: 0 };
const NEGATION = conceptIndex('negation');
const INCENTIVE = conceptIndex('incentive');
const NO_ENTRIES: ReadonlyMap<number, string> = new Map();
const or = (a: Bits, b: Bits): Bits => ({ lo: a.lo | b.lo, hi: a.hi | b.hi });

/** Words repeat across messages: remember each word's stems (bounded). */
const STEM_CACHE = new Map<Language, Map<string, string>>();
function cachedStem(word: string, lang: Language): string {
  let byWord = STEM_CACHE.get(lang);
  if (byWord === undefined) {
    byWord = new Map();
    STEM_CACHE.set(lang, byWord);
  }
  let s = byWord.get(word);
  if (s === undefined) {
    s = stem(word, lang);
    if (byWord.size >= 50_000) byWord.clear();
    byWord.set(word, s);
  }
  return s;
}

function phraseEnd(phrase: Phrase, tokens: readonly Token[], i: number, text: string, lang: Language): number {
  if (lang === 'ja') {
    const first = phrase.parts[0];
    const at = tokens[i]?.start ?? 0;
    return first !== undefined && text.startsWith(first.value, at) ? at + first.value.length : -1;
  }
  let end = -1;
  for (let k = 0; k < phrase.parts.length; k += 1) {
    const part = phrase.parts[k];
    const token = tokens[i + k];
    if (part === undefined || token === undefined) return -1;
    // the words of a phrase follow each other within one clause
    if (k > 0 && /[.!?;,:]/.test(text.slice(tokens[i + k - 1]?.end ?? 0, token.start))) return -1;
    if (!partMatches(part, token.key, part.prefix ? '' : cachedStem(token.key, lang))) return -1;
    end = token.end;
  }
  return end;
}

/** Per language and word: the phrases whose first word it is (words repeat across messages; bounded). */
/** word -> per language (by LANGUAGES order) the phrases it starts, filled on demand */
const FIRST_WORD = new Map<string, (readonly Phrase[] | undefined)[]>();
const LANGUAGE_SLOT = new Map<Language, number>(LANGUAGES.map((l, i) => [l, i]));
const NO_PHRASES: readonly Phrase[] = [];
const NO_LANGUAGES: readonly Language[] = [];
const DIGIT = /\d/;
const PERCENT = /^ ?%/;
const NAME_JOINER = /[./@_=?&#]/;

function phrasesStartingWith(word: string, lang: Language): readonly Phrase[] {
  let slots = FIRST_WORD.get(word);
  if (slots === undefined) {
    if (FIRST_WORD.size >= 100_000) FIRST_WORD.clear();
    slots = [];
    FIRST_WORD.set(word, slots);
  }
  const slot = LANGUAGE_SLOT.get(lang) ?? 0;
  const cached = slots[slot];
  if (cached !== undefined) return cached;
  const index = INDEX[lang];
  const head = word.slice(0, 2);
  let found: Phrase[] | undefined;
  if (index.heads.has(head)) {
    const wordStem = cachedStem(word, lang);
    for (const list of [index.byWord.get(word), index.byWord.get(`~${wordStem}`), index.byPrefix.get(head)]) {
      for (const p of list ?? []) {
        const first = p.parts[0];
        if (first === undefined || !partMatches(first, word, wordStem)) continue;
        found ??= [];
        if (!found.includes(p)) found.push(p);
      }
    }
  }
  const result = found ?? NO_PHRASES;
  slots[slot] = result;
  return result;
}

/**
 * Words of a message's language that are concept words in English, which every message is also read
 * with: Italian "le sue stelle" is no lawsuit, "come" (how) no visit, Dutch "door" (by) no door, German
 * "Gift" (poison) no gift, French "court" (short) no court, Spanish "once" (eleven) no condition.
 */
const FALSE_FRIENDS: Partial<Record<Language, ReadonlySet<string>>> = {
  it: new Set(['sue', 'come', 'rate']),
  es: new Set(['come', 'once', 'calle', 'sin']),
  pt: new Set(['come']),
  fr: new Set(['court', 'come']),
  nl: new Set(['door']),
  de: new Set(['gift']),
  sv: new Set(['gift']),
};

function tag(tokens: readonly Token[], text: string, langs: readonly Language[]): Tagged[] {
  const out: Tagged[] = [];
  // the message's own language, when it is clear (the classifier then reads it and English, and Japanese if present)
  const own = langs.length <= 3 ? FALSE_FRIENDS[langs[0] ?? 'en'] : undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) continue;
    let lo = 0;
    let hi = 0;
    let end = token.end;
    let inPhrase = false;
    let entries: Map<number, string> | undefined;
    // ids, tracking and order numbers carry no concept (and would fill the caches); "30 %" is a discount
    // and the parts of a dotted name or a path ("ups.com", "/track") are not words
    const inName = token.start > 0 && NAME_JOINER.test(text.charAt(token.start - 1));
    const word = inName || (token.key.length > 2 && DIGIT.test(token.key)) ? '' : token.key;
    if (PERCENT.test(text.slice(token.end, token.end + 2)) && DIGIT.test(token.text)) lo |= 1 << INCENTIVE;
    for (const lang of word === '' ? NO_LANGUAGES : langs) {
      if (lang === 'en' && own?.has(word) === true) continue;
      let candidates: readonly Phrase[];
      if (lang === 'ja') {
        const head = token.text.slice(0, 1);
        candidates = INDEX.ja.heads.has(head) ? (INDEX.ja.byPrefix.get(head) ?? NO_PHRASES) : NO_PHRASES;
      } else candidates = phrasesStartingWith(word, lang);
      for (const p of candidates) {
        const e = lang !== 'ja' && p.parts.length === 1 ? token.end : phraseEnd(p, tokens, i, text, lang);
        if (e < 0) continue;
        const c = p.concept;
        if (c < 31) lo |= 1 << c;
        else hi |= 1 << (c - 31);
        entries ??= new Map<number, string>();
        if (!entries.has(c)) entries.set(c, p.entry);
        if (e > token.end && c !== NEGATION) inPhrase = true;
        end = Math.max(end, e);
      }
    }
    // "no" of "at no cost", "sin" of "sin coste": a negation word inside another concept's phrase
    if (inPhrase) lo &= ~(1 << NEGATION);
    out.push({ start: token.start, end, text: token.text, bits: lo === 0 && hi === 0 ? EMPTY : { lo, hi }, entries: entries ?? NO_ENTRIES, sentence: 0, clause: 0, segment: 0, negated: false });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sentences, clauses, negation scope

const SENTENCE_END = /[!?;\n\u3002\uff01\uff1f]|\.(?=\s|$)/;
const CLAUSE_END = /[,:\u3001(){}[\]"]|\s-\s|\s\u2013\s/;
const CONTRAST = new Set([
  'but', 'however', 'although', 'mais', 'cependant', 'aber', 'jedoch', 'doch', 'pero', 'sin embargo', 'ma', 'pero', 'tuttavia', 'maar', 'mas',
  'porem', 'ale', 'jednak', 'men', 'dock', 'でも', 'しかし', 'ですが', 'only', 'seulement', 'nur', 'solo', 'alleen', 'apenas', 'tylko', 'bara',
]);
const QUESTION = /\?|\uff1f|か[。\s]*$/;
/** "WhatsApp, e-mail or phone": a comma between two items of one kind lists them, in one clause. */
const LIST_COMMA = /^\s*[,\u3001]\s*$/;
const LIST_KINDS: readonly Concept[] = ['channel', 'app', 'review'];
const sameKind = (a: Tagged, b: Tagged) => LIST_KINDS.some((c) => has(a.bits, c) && has(b.bits, c));
const VERBISH: readonly Concept[] = ['ask', 'change', 'give', 'contact', 'tell', 'report', 'fill', 'legal', 'incentive'];

function structure(tags: Tagged[], text: string): { questions: Set<number> } {
  let sentence = 0;
  let clause = 0;
  let segment = 0;
  let inSentence = 0;
  const questions = new Set<number>();
  for (let i = 0; i < tags.length; i += 1) {
    const t = tags[i];
    if (t === undefined) continue;
    if (i > 0) {
      const prev = tags[i - 1];
      const gap = text.slice(prev?.end ?? 0, t.start);
      if (SENTENCE_END.test(gap) || inSentence >= MAX_SENTENCE) {
        if (QUESTION.test(gap)) questions.add(sentence);
        sentence += 1;
        clause += 1;
        segment += 1;
        inSentence = 0;
      } else if (CLAUSE_END.test(gap) && !(LIST_COMMA.test(gap) && prev !== undefined && sameKind(prev, t))) {
        clause += 1;
      }
    }
    if (CONTRAST.has(t.text)) {
      clause += 1;
      segment += 1;
    }
    t.sentence = sentence;
    t.clause = clause;
    t.segment = segment;
    inSentence += 1;
  }
  const last = tags[tags.length - 1];
  if (last !== undefined && QUESTION.test(text.slice(last.end))) questions.add(sentence);
  return { questions };
}

const HESITATE_NEAR = 2;
const OBJECTS: readonly Concept[] = ['review', 'channel', 'app', 'account', 'address', 'legal', 'qr', 'form'];

function sentenceStart(tags: readonly Tagged[], i: number): number {
  let k = i;
  while (k > 0 && tags[k - 1]?.sentence === tags[i]?.sentence) k -= 1;
  return k;
}

/** Marks the tokens a negation governs. Japanese negation follows the verb: it covers its clause. */
function negationScope(tags: Tagged[], japanese: boolean, backward: boolean, questions: ReadonlySet<number>): void {
  let i = 0;
  /** An "until" earlier in the clause of token k (Japanese まで follows its clause: not read so). */
  const untilBefore = (k: number): boolean => {
    if (japanese) return (k - 1 >= i && has(tags[k - 1]?.bits ?? EMPTY, 'until')) || (k - 2 >= i && has(tags[k - 2]?.bits ?? EMPTY, 'until'));
    for (let m = k - 1; m >= i; m -= 1) if (has(tags[m]?.bits ?? EMPTY, 'until')) return true;
    return false;
  };
  /** An ask word (a modal, "please") earlier in the clause of token k, or right after it ("no podría"). */
  const askBefore = (k: number): boolean => {
    for (let m = k - 1; m >= i; m -= 1) if (has(tags[m]?.bits ?? EMPTY, 'ask')) return true;
    return tags[k + 1]?.clause === tags[k]?.clause && has(tags[k + 1]?.bits ?? EMPTY, 'ask');
  };
  while (i < tags.length) {
    const clause = tags[i]?.clause ?? 0;
    let j = i;
    while (j < tags.length && tags[j]?.clause === clause) j += 1;
    // the clause is tags[i..j)
    let negatedFrom = -1;
    for (let k = i; k < j; k += 1) {
      const t = tags[k];
      if (t === undefined || !has(t.bits, 'negation')) continue;
      // "finché non risponde", "tant que cet avis sera pas enlevé": a negation inside an "until" clause is expletive
      if (untilBefore(k)) continue;
      // "Würden Sie die Bewertung nicht anpassen?", "ne pourriez-vous pas la modifier ?", "¿no podría cambiarla?":
      // a negative question after its modal still asks
      if (!japanese && questions.has(t.sentence) && askBefore(k)) continue;
      // "don't hesitate", "n'hésitez pas", "no dude en": an encouragement, not a negation
      let encourages = false;
      for (let d = -HESITATE_NEAR; d <= HESITATE_NEAR; d += 1) {
        const near = tags[k + d];
        if (near !== undefined && near.clause === clause && has(near.bits, 'hesitate')) encourages = true;
      }
      if (!encourages) {
        negatedFrom = k;
        break;
      }
    }
    if (negatedFrom >= 0) {
      // Japanese is head-final: a negation at the end of a sentence governs all of it
      const from = japanese ? sentenceStart(tags, i) : negatedFrom + 1;
      // inside a condition ("if you don't change it we will..."), a negation covers its own verb only
      let conditional = false;
      for (let k = i; k < negatedFrom; k += 1) if (tags[k] !== undefined && has(tags[k]?.bits ?? EMPTY, 'condition')) conditional = true;
      // "I won't stop messaging until that review is gone": the negation governs its verb, not the "until" clause
      let untilAt = j;
      if (!japanese) for (let k = negatedFrom + 1; k < j; k += 1) if (has(tags[k]?.bits ?? EMPTY, 'until')) {
        untilAt = k;
        break;
      }
      const to = conditional && !japanese ? Math.min(untilAt, negatedFrom + 2) : untilAt; // the negator and its verb
      // German, Dutch, Swedish main clauses put "nicht / niet / inte" after the verb it negates ("Bitte teilen
      // Sie Telefonnummer oder E-Mail nicht im Chat"): with nothing to name after it, it governs its clause
      // (not in a condition, not in a question: "Könnten Sie sie nicht löschen?" still asks)
      const trailing = backward && !conditional && !questions.has(tags[i]?.sentence ?? -1) &&
        !tags.slice(negatedFrom + 1, j).some((t) => OBJECTS.some((c) => has(t.bits, c)) && !has(t.bits, 'here'));
      if (trailing) for (let k = i; k < negatedFrom; k += 1) {
        const t = tags[k];
        if (t !== undefined) t.negated = true;
      }
      if (japanese) for (let k = from; k < i; k += 1) {
        const t = tags[k];
        if (t !== undefined) t.negated = true;
      }
      for (let k = from; k < to; k += 1) {
        const t = tags[k];
        if (t !== undefined) t.negated = true;
      }
      if (to < j) {
        i = j;
        continue;
      }
      // the negated clause asks for nothing it names ("Wir bitten Sie nie, uns per E-Mail ... zu schreiben"):
      // its object is in the next clause, unless that one asks on its own ("No problem, could you ...")
      let asksWithoutObject = false;
      let objectNamed = false;
      for (let k = i; k < j; k += 1) {
        const t = tags[k];
        if (t === undefined) continue;
        if (has(t.bits, 'ask') || has(t.bits, 'tell') || has(t.bits, 'contact')) asksWithoutObject = true;
        if (OBJECTS.some((c) => has(t.bits, c))) objectNamed = true;
      }
      const carry = asksWithoutObject && !objectNamed && j < tags.length && tags[j]?.sentence === tags[i]?.sentence && !has(tags[j]?.bits ?? EMPTY, 'ask');
      if (carry) {
        const next = tags[j]?.clause;
        for (let k = j; k < tags.length && tags[k]?.clause === next; k += 1) {
          const t = tags[k];
          if (t !== undefined) t.negated = true;
        }
      }
      // a list after a comma with no verb of its own ("never your e-mail, phone or WhatsApp")
      let k = j;
      while (k < tags.length && tags[k]?.sentence === tags[i]?.sentence) {
        const next = tags[k]?.clause ?? 0;
        let m = k;
        let verb = false;
        let object = false;
        while (m < tags.length && tags[m]?.clause === next) {
          const t = tags[m];
          if (t !== undefined && (VERBISH.some((c) => has(t.bits, c)) || has(t.bits, 'firstPerson') || has(t.bits, 'secondPerson'))) verb = true;
          if (t !== undefined && OBJECTS.some((c) => has(t.bits, c))) object = true;
          m += 1;
        }
        if (verb || !object) break;
        for (let n = k; n < m; n += 1) {
          const t = tags[n];
          if (t !== undefined) t.negated = true;
        }
        k = m;
      }
    }
    i = j;
  }
}

// ---------------------------------------------------------------------------------------------
// Structures

interface Sentence {
  readonly from: number;
  readonly to: number;
  readonly question: boolean;
}

function sentences(tags: readonly Tagged[], questions: ReadonlySet<number>): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 1; i <= tags.length; i += 1) {
    if (i === tags.length || tags[i]?.sentence !== tags[from]?.sentence) {
      out.push({ from, to: i, question: questions.has(tags[from]?.sentence ?? -1) });
      from = i;
    }
  }
  return out;
}

const ROLE: Partial<Record<Concept, string>> = {
  ask: 'ask', review: 'object', change: 'target', positive: 'target', incentive: 'incentive', condition: 'condition',
  reflect: 'target', give: 'ask', channel: 'channel', app: 'channel', contact: 'ask', tell: 'ask', legal: 'threat',
  report: 'threat', account: 'object', address: 'object', visit: 'threat', remember: 'threat', menace: 'threat', otherwise: 'condition', stop: 'persistence',
  until: 'persistence', persist: 'persistence', qr: 'channel', form: 'channel', fill: 'ask', gift: 'incentive', proof: 'condition',
  audience: 'audience', identity: 'object', benefit: 'target', pleased: 'condition',
};

class Builder {
  readonly findings: IntentFinding[] = [];
  readonly vetoed: VetoedFinding[] = [];
  constructor(
    private readonly tags: readonly Tagged[],
    private readonly original: string,
    private readonly map: (start: number, end: number) => { start: number; end: number },
  ) {}

  /** A part in normalised offsets, with its text from the original. */
  part(i: number, concept: Concept): IntentPart {
    const t = this.tags[i];
    const start = t?.start ?? 0;
    const end = t?.end ?? 0;
    const span = this.map(start, end);
    return { role: ROLE[concept] ?? concept, text: this.original.slice(span.start, span.end), start, end };
  }

  add(label: Label, name: string, parts: readonly (readonly [number, Concept])[], veto: string | undefined): void {
    const ps = parts.map(([i, c]) => this.part(i, c));
    const core = ps.filter((p) => p.role !== 'ask' && p.role !== 'condition');
    const spanOf = core.length > 0 ? core : ps;
    const start = Math.min(...spanOf.map((p) => p.start));
    const end = Math.max(...spanOf.map((p) => p.end));
    const finding: IntentFinding = { label, structure: name, start, end, parts: ps };
    if (veto === undefined) this.findings.push(finding);
    else this.vetoed.push({ ...finding, veto });
  }
}

/** Positions in [from, to) carrying `c`. */
function where(tags: readonly Tagged[], from: number, to: number, c: Concept): number[] {
  const out: number[] = [];
  const i0 = conceptIndex(c);
  const lo = i0 < 31 ? 1 << i0 : 0;
  const hi = i0 < 31 ? 0 : 1 << (i0 - 31);
  for (let i = from; i < to; i += 1) {
    const t = tags[i];
    if (t !== undefined && ((t.bits.lo & lo) !== 0 || (t.bits.hi & hi) !== 0)) out.push(i);
  }
  return out;
}

const nearest = (positions: readonly number[], i: number, within: number, ok: (j: number) => boolean = () => true): number | undefined => {
  let best: number | undefined;
  for (const j of positions) {
    if (j === i || Math.abs(j - i) > within || !ok(j)) continue;
    if (best === undefined || Math.abs(j - i) < Math.abs(best - i)) best = j;
  }
  return best;
};

export interface ReadOptions {
  readonly langs: readonly Language[];
  readonly japanese: boolean;
}

/** Reads the intent structures of a normalised text. `original` gives the parts their text. */
export function readIntents(tokens: readonly Token[], text: string, original: string, map: (s: number, e: number) => { start: number; end: number }, options: ReadOptions): IntentAnalysis {
  const tags = tag(tokens, text, options.langs);
  // Without a review, a channel, a threat... no structure can be complete: only the scope of a
  // surface pattern may be asked for, and that is read on demand.
  if (!tags.some((t) => OBJECT_MASK_LO & t.bits.lo || OBJECT_MASK_HI & t.bits.hi)) {
    let scoped: IntentAnalysis | undefined;
    return {
      tokens: tags,
      patternsPossible: tags.some((t) => PATTERN_MASK_LO & t.bits.lo || PATTERN_MASK_HI & t.bits.hi) || contactsSeller(tags),
      findings: [],
      vetoed: [],
      scopeOf: (position) => {
        scoped ??= analyseStructures(tags, text, original, map, options);
        return scoped.scopeOf(position);
      },
    };
  }
  return analyseStructures(tags, text, original, map, options);
}

/** Concepts without one of which no surface pattern of rules.ts can match either (a cheap gate for them). */
const PATTERN_CONCEPTS: readonly Concept[] = [
  'review', 'channel', 'app', 'qr', 'form', 'fill', 'legal', 'report', 'account', 'address', 'stop', 'persist', 'until', 'menace',
];
/** The buyer as the object of a report: "report you", "melde dich", "zgłoszę cię", "anmäler dig", "denuncio-te". */
const BUYER_OBJECT = /^(?:you|u|dich|sie|dig|cie|ciebie|pana|pania|je|jou|te)$/;
/** A report verb with its object attached ("denúncialo", "segnalalo", "denunciarlos"): an imperative to the buyer, about a third party. */
const IDENTITY = conceptIndex('identity');
const ADDRESS = conceptIndex('address');
/** A shipping label or packing slip is where an address is printed, not the buyer's address named. */
const SHIPPING_DOCUMENT = /label|slip|bordereau|etiket|etikett|ラベル/;
const AND = /^(?:and|et|und|y|e|en|och|i|oraz)$/;
/** The buyer as a subject ("you can", "vous pouvez", "Sie können", "usted puede", "lei può", "u kunt", "você pode", "pan może", "du kan"). */
const BUYER_SUBJECT = /^(?:you|u|vous|tu|sie|du|usted|ustedes|lei|voi|jij|je|voce|pan|pani|ni)$/;
/** "our lawyer", "mon avocat", "unser Anwalt": the seller's own legal step. */
const SELLERS_OWN = /^(?:our|my|notre|nos|mon|ma|mes|unser[a-z]*|mein[a-z]*|nuestr[a-z]*|mi|mis|nostr[a-z]*|mio|mia|miei|ons|onze|mijn|noss[a-z]*|meu|minha|nasz[a-z]*|moj[a-z]*|var|vart|vara|min|mitt)$/;
/** An identity that is the conversation itself ("la chat", "de chat", "the whole conversation"), not the buyer's name. */
const CONVERSATION = /chat|convers|gesprek|verlauf|unterhaltung|rozmow|echanges|messages|やり取り/;
const ENCLITIC_REPORT = /^(?:denunci|segnal|report|sinaliz|signal)[a-z]*(?:lo|la|los|las|li|le|les)$/;
/** "report it / them": a thing or a third party. */
const THING = /^(?:it|them|this|these|those|ze|hen|dem|det|het|ihn|es)$/;
/** "call me", "text us", "écrivez-moi": a contact verb with the seller as its object. */
const SELLER_OBJECT = /^(?:me|us|moi|nous|mir|uns|mich|me|nos|mi|ci|mij|ons|mnie|nam|mig|oss)$/;
/** The buyer as the one reached: "reach you", "vous joindre", "le puedo llamar", "Sie erreichen". */
const BUYER_REACHED = /^(?:you|u|vous|te|le|la|lo|sie|ihnen|dich|dir|ti|je|jou|lhe|pana|pania|cie|dig|er)$/;
/** A pronoun that takes up an incentive named before ("it will be released", "il sera libéré", "sie wird ausgezahlt"). */
const INCENTIVE_PRONOUN = /^(?:it|il|elle|er|sie|es|esso|essa|lo|la|het|hij|den|det|ono|ona|ele|ela)$/;
/** "what / which / a qué / quel" before the number: the question asks for it. */
const WHICH_FAR = /^(?:what|which|quel|quelle|welche|welcher|welchen|welches|cual|quale|welk|welke|qual|jaki|jakim|vilket|vilken)$/;
const WHICH_NEAR = /^(?:que|che|wat|unter)$/;
const asksWhich = (tags: readonly Tagged[], k: number, from: number): boolean => {
  for (let d = 1; d <= 4 && k - d >= from; d += 1) {
    const w = tags[k - d]?.text ?? '';
    if (WHICH_FAR.test(w) || (d === 1 && WHICH_NEAR.test(w))) return true;
  }
  return false;
};
const contactsSeller = (tags: readonly Tagged[]) =>
  tags.some((t, i) => has(t.bits, 'contact') && SELLER_OBJECT.test(tags[i + 1]?.text ?? ''));
const maskOf = (cs: readonly Concept[], high: boolean) =>
  cs.reduce((m, c) => (high ? (conceptIndex(c) >= 31 ? m | (1 << (conceptIndex(c) - 31)) : m) : conceptIndex(c) < 31 ? m | (1 << conceptIndex(c)) : m), 0);
const PATTERN_MASK_LO = maskOf(PATTERN_CONCEPTS, false);
const PATTERN_MASK_HI = maskOf(PATTERN_CONCEPTS, true);

const OBJECT_CONCEPTS: readonly Concept[] = ['review', 'positive', 'channel', 'app', 'qr', 'form', 'legal', 'report', 'account', 'address', 'stop', 'persist', 'audience', 'numberWord'];
const OBJECT_MASK_LO = OBJECT_CONCEPTS.reduce((m, c) => (conceptIndex(c) < 31 ? m | (1 << conceptIndex(c)) : m), 0);
const OBJECT_MASK_HI = OBJECT_CONCEPTS.reduce((m, c) => (conceptIndex(c) >= 31 ? m | (1 << (conceptIndex(c) - 31)) : m), 0);

function analyseStructures(tags: Tagged[], text: string, original: string, map: (s: number, e: number) => { start: number; end: number }, options: ReadOptions): IntentAnalysis {
  const { questions } = structure(tags, text);
  const own = options.langs.length <= 3 ? options.langs[0] : undefined;
  negationScope(tags, options.japanese, own === 'de' || own === 'nl' || own === 'sv', questions);
  const clauseHas = clauseIndex(tags);
  const b = new Builder(tags, original, map);
  const has$ = (i: number, c: Concept) => {
    const t = tags[i];
    return t !== undefined && has(t.bits, c);
  };
  const neg = (i: number) => tags[i]?.negated === true;
  const sameSegment = (i: number, j: number) => tags[i]?.segment === tags[j]?.segment;
  const clauseOf = (i: number) => tags[i]?.clause ?? -1;
  /** The last token a phrase starting at i covers (i itself for a one-word entry). */
  const lastOfPhrase = (i: number, to: number): number => {
    const end = tags[i]?.end ?? 0;
    let k = i;
    while (k + 1 < to && (tags[k + 1]?.start ?? Infinity) < end) k += 1;
    return k;
  };
  /** Why the clause of token i cannot carry a request: a quoted policy, or thanks for what was done. */
  const scope = (i: number, review: boolean): string | undefined => {
    const clause = clauseOf(i);
    const seg = tags[i]?.segment ?? -1;
    if (neg(i)) return 'negated';
    // a policy word ("rules", "forbidden"), or a permission denied ("we are not allowed", "dürfen nicht")
    if (clauseHas(seg, 'policy', true) || (clauseHas(seg, 'permit', true) && clauseHas(seg, 'negation', true))) return 'policy quoted';
    if (review && thanksFor(clause)) return 'thanks for what was done';
    return undefined;
  };
  /** Thanks in the clause that are not a polite request ("merci de...", "thanks in advance", "agradeceríamos que"). */
  const thanksFor = (clause: number): boolean => {
    if (!clauseHas(clause, 'thanks') || clauseHas(clause, 'advance')) return false;
    return !tags.some((t) => t.clause === clause && has(t.bits, 'thanks') && has(t.bits, 'ask'));
  };
  /** A first-person subject right before a change verb: the seller changed something ("we updated the photos"). */
  const sellerAgent = (i: number): boolean => {
    for (let k = i - 1; k >= Math.max(0, i - 4); k -= 1) {
      if (clauseOf(k) !== clauseOf(i)) return false;
      if (has$(k, 'secondPerson') || has$(k, 'ask') || has$(k, 'condition')) return false;
      if (has$(k, 'firstPerson')) return true;
    }
    return false;
  };
  /** A review named as the cause of something ("following your comments"). */
  const isCause = (i: number): boolean => {
    for (let k = i - 1; k >= Math.max(0, i - 3); k -= 1) if (has$(k, 'cause')) return true;
    return false;
  };

  /** Reviews named in the two sentences before this one ("Your 1-star is unfair. Take it down."). */
  let earlierReviews: number[] = [];
  let lastReviews: number[] = [];
  /** The buyer's name or identity named in the sentence before ("we have your full name. It goes on our page"). */
  let lastIdentities: number[] = [];
  /** The sentence before asked a pleased buyer ("Nöjd?", "If you like them,"). */
  let lastPleased = false;
  /** Incentives of the sentence before, not negated. */
  let lastIncentives: number[] = [];
  /**
   * The review as the subject of a condition: "once the feedback is sorted", "quand la note aura bougé",
   * "sobald die Rezension": the condition's words, at most one more (an article, a possessive), then the
   * review word, in one clause; not "the review of your claim", a check of something else.
   */
  const reviewConditioned = (k: number, r: number): boolean => {
    const end = lastOfPhrase(k, tags.length);
    if (r <= end || r - end > 2 || clauseOf(r) !== clauseOf(k) || neg(k)) return false;
    return !/^(?:of|de|du|des|der|di|del|della|van|av|z|do|da)$/.test(tags[lastOfPhrase(r, tags.length) + 1]?.text ?? '');
  };
  /** "Si alguien lo hace, denúncialo", "report them": the buyer is asked to report someone else. */
  const reportsSomeoneElse = (i: number, from: number): boolean => {
    if (ENCLITIC_REPORT.test(tags[i]?.text ?? '')) return true;
    if (has$(i, 'report') && THING.test(tags[i + 1]?.text ?? '')) return true;
    // "if someone / si alguien / se qualcuno ...": a condition whose subject is a third party
    return where(tags, from, i, 'condition').some((c) => has$(c + 1, 'someone'));
  };
  /**
   * "you can file a police report", "Sie können Anzeige erstatten", "puede acudir a la policía": a legal step
   * the buyer may take (the buyer the subject of a modal before it in its clause), not one the seller
   * threatens ("you can expect a letter from our lawyer" names the seller's own).
   */
  const buyersOwnStep = (l: number, from: number): boolean => {
    if (options.japanese) return false;
    for (let k = l - 1; k >= Math.max(from, l - 10); k -= 1) {
      if (clauseOf(k) !== clauseOf(l)) return false;
      if (k >= l - 2 && SELLERS_OWN.test(tags[k]?.text ?? '')) return false;
      if (has$(k, 'firstPerson')) return false;
      if (BUYER_SUBJECT.test(tags[k]?.text ?? '') && (has$(k + 1, 'ask') || has$(k - 1, 'ask'))) return true;
    }
    return false;
  };
  for (const s of sentences(tags, questions)) {
    const reviews = where(tags, s.from, s.to, 'review').filter((i) => !isCause(i));
    const asks = where(tags, s.from, s.to, 'ask');
    const conditions = where(tags, s.from, s.to, 'condition');
    const incentives = where(tags, s.from, s.to, 'incentive');
    const noStrings = where(tags, s.from, s.to, 'noStrings').length > 0;
    const clauseStart = (i: number) => i === s.from || clauseOf(i - 1) !== clauseOf(i) || (i - 1 >= s.from && has$(i - 1, 'ask'));
    // a change demanded under a threat in the same sentence ("delete it in 24h or we go to court",
    // "I won't stop until you update the rating") is asked for, whatever its mood
    // ("until" only with persistence: Swedish "från 1 till 4" is no threat)
    let threatened: boolean | undefined;
    const isThreatened = (): boolean => {
      if (threatened === undefined) {
        const persisting = where(tags, s.from, s.to, 'persist').length > 0 || where(tags, s.from, s.to, 'stop').some(neg);
        const threats = [...where(tags, s.from, s.to, 'legal'), ...where(tags, s.from, s.to, 'otherwise'), ...where(tags, s.from, s.to, 'menace'), ...(persisting ? where(tags, s.from, s.to, 'until') : [])];
        threatened = threats.some((k) => !neg(k) && scope(k, false) === undefined);
      }
      return threatened;
    };
    const asked = (i: number) => s.question || asks.some((a) => a < i || a - i <= 4) || clauseStart(i) || conditions.length > 0 || isThreatened();

    // review_manipulation ----------------------------------------------------------------------
    // a change asked for with a pronoun for its object, the review named in a sentence before
    const named = [...earlierReviews, ...lastReviews].filter((r) => !neg(r));
    if (named.length > 0) {
      for (const c of where(tags, s.from, s.to, 'change')) {
        if (nearest(reviews, c, WINDOW, (j) => sameSegment(j, c)) !== undefined || !asked(c)) continue;
        // the pronoun a word of its own, or attached to an imperative ("cámbiala", "toglila", "retire-a")
        const pronoun = [c - 2, c - 1, c + 1, c + 2].find((k) => k >= s.from && k < s.to && clauseOf(k) === clauseOf(c) && PRONOUN.test(tags[k]?.text ?? '')) ??
          (ENCLITIC.test(tags[c]?.text ?? '') ? c : undefined);
        if (pronoun === undefined) continue;
        const r = named[named.length - 1] ?? 0;
        const veto = (noStrings ? 'no strings attached' : undefined) ?? scope(c, true) ?? (sellerAgent(c) ? 'the seller is the one changing' : undefined);
        b.add('review_manipulation', 'ask to change a review named before', [[r, 'review'], [c, 'change']], veto);
      }
    }
    // "if you're happy, five stars help us a lot", "Nöjd? Fem stjärnor hjälper oss", "気に入っていただけたら、星の評価が励みになります":
    // a review named as a favour to the seller, asked of a buyer who is pleased (a condition or a question)
    const pleasedHere = where(tags, s.from, s.to, 'pleased').some((p) => !neg(p) && (s.question || conditions.some((k) => k < p && p - k <= 4) || (options.japanese && conditions.some((k) => k > p && k - p <= 4))));
    for (const bf of where(tags, s.from, s.to, 'benefit')) {
      const r = nearest(reviews, bf, WINDOW, (j) => sameSegment(j, bf) || options.japanese);
      if (r === undefined) continue;
      const starred = where(tags, Math.max(s.from, r - 2), Math.min(s.to, r + 3), 'positive').length > 0;
      if (!pleasedHere && !lastPleased && !starred) continue;
      // "Thanks for the five stars, they help us a lot": the review thanked for, in its own clause, is no favour asked
      const veto = (noStrings ? 'no strings attached' : undefined) ?? scope(bf, true) ?? (neg(r) ? 'negated' : undefined) ?? (thanksFor(clauseOf(r)) ? 'thanks for what was done' : undefined);
      b.add('review_manipulation', 'a review asked as a favour', [[bf, 'benefit'], [r, 'review']], veto);
    }
    lastPleased = pleasedHere;
    const previousIncentives = lastIncentives;
    lastIncentives = incentives.filter((x) => !neg(x));
    earlierReviews = lastReviews;
    lastReviews = reviews;
    if (reviews.length > 0) {
      // a review named in several words ("ce que vous avez écrit", "what you wrote") is as near as its last word
      const reviewEnds = reviews.map((r) => lastOfPhrase(r, s.to));
      for (const c of where(tags, s.from, s.to, 'change')) {
        const re = nearest(reviewEnds, c, WINDOW, (j) => sameSegment(j, c));
        const r = re === undefined ? undefined : reviews[reviewEnds.indexOf(re)];
        if (r === undefined || !asked(c)) continue;
        const a = asks.filter((x) => x < c).pop();
        // "changer d'avis", "cambiar de opinión": to change one's mind
        const idiom = r === c + 2 && /^(?:d|de|di)$/.test(tags[c + 1]?.text ?? '') && /^(?:avis|opinion|opiniao|opinione)$/.test(tags[r]?.text ?? '');
        if (idiom) continue;
        const veto = (noStrings ? 'no strings attached' : undefined) ?? scope(c, true) ?? (sellerAgent(c) ? 'the seller is the one changing' : undefined) ?? (neg(r) ? 'negated' : undefined);
        b.add('review_manipulation', 'ask to change a review', [...(a === undefined ? [] : [[a, 'ask'] as const]), [c, 'change'], [r, 'review']], veto);
      }
      for (const p of where(tags, s.from, s.to, 'positive')) {
        const r = nearest(reviews, p, 2, (j) => sameSegment(j, p)) ?? (/star|etoil|stern|estrell|stell|ster|estrel|gwiazd|stjarn|星/.test(tags[p]?.entries.get(conceptIndex('positive')) ?? '') ? p : undefined);
        if (r === undefined) continue;
        const a = asks.find((x) => Math.abs(x - p) <= WINDOW + 4) ?? where(tags, s.from, s.to, 'give').find((x) => Math.abs(x - p) <= WINDOW);
        if (a === undefined && !s.question) continue;
        const veto = (noStrings ? 'no strings attached' : undefined) ?? scope(p, true) ?? (neg(r) ? 'negated' : undefined);
        b.add('review_manipulation', 'ask for a positive review', [...(a === undefined ? [] : [[a, 'ask'] as const]), [p, 'positive'], ...(r === p ? [] : [[r, 'review'] as const])], veto);
      }
      for (const i of incentives) {
        const r = nearest(reviews, i, 3 * WINDOW);
        if (r === undefined) continue;
        // "leave a review and we'll send you a voucher": the "and we" of a conditional imperative ties them too
        const andWe = where(tags, Math.min(r, i) + 1, Math.max(r, i), 'firstPerson').find((k) => AND.test(tags[k - 1]?.text ?? '') && r < k && k < i);
        const tie = conditions.find((k) => Math.abs(k - r) <= 2 * WINDOW) ?? andWe;
        const reflect = where(tags, s.from, s.to, 'reflect').find((k) => Math.abs(k - r) <= WINDOW);
        // the incentive is not its own target ("Gutschrift" starts as "gut" does)
        const action = [...where(tags, s.from, s.to, 'change'), ...where(tags, s.from, s.to, 'positive')].find((k) => Math.abs(k - r) <= 6 && k !== i) ??
          (tie === undefined ? undefined : where(tags, Math.max(s.from, tie - 8), Math.min(s.to, tie + 8), 'give').find((g) => clauseOf(g) === clauseOf(tie)));
        // proof of a review ("send us a screenshot of your review and we refund") ties it as a condition would
        const proof = where(tags, s.from, s.to, 'proof').find((k) => Math.abs(k - r) <= WINDOW);
        if (tie === undefined && reflect === undefined && proof === undefined) continue;
        if (reflect === undefined && proof !== undefined && (tie === undefined || action === undefined)) {
          b.add('review_manipulation', 'incentive for proof of a review', [[i, 'incentive'], [proof, 'proof'], [r, 'review']], noStrings ? 'no strings attached' : scope(i, true));
          continue;
        }
        if (reflect === undefined && action === undefined) {
          // "the refund goes through as soon as the feedback is sorted", "sobald die Rezension nicht mehr online ist":
          // the incentive waits on the review itself, the subject of a condition that follows it
          const k = conditions.find((x) => x > i && reviewConditioned(x, r));
          if (k !== undefined) b.add('review_manipulation', 'incentive conditioned on a review', [[i, 'incentive'], [k, 'condition'], [r, 'review']], noStrings ? 'no strings attached' : scope(i, true));
          continue;
        }
        const veto = noStrings ? 'no strings attached' : scope(i, true) ?? (neg(r) ? 'negated' : undefined);
        b.add('review_manipulation', 'incentive tied to a review', [[i, 'incentive'], ...(tie === undefined ? [] : [[tie, 'condition'] as const]), [r, 'review'], ...(action === undefined ? [] : [[action, 'change'] as const]), ...(reflect === undefined ? [] : [[reflect, 'reflect'] as const])], veto);
      }
      if (incentives.length === 0 && previousIncentives.length > 0) {
        for (const k of conditions) {
          const r = reviews.find((x) => reviewConditioned(k, x));
          const i = previousIncentives[previousIncentives.length - 1];
          // "... ; il sera libéré quand la note aura bougé": the incentive taken up by a pronoun before the condition
          const taken = tags.slice(s.from, k).some((t) => INCENTIVE_PRONOUN.test(t.text));
          if (r === undefined || i === undefined || !taken) continue;
          b.add('review_manipulation', 'incentive conditioned on a review', [[i, 'incentive'], [k, 'condition'], [r, 'review']], noStrings ? 'no strings attached' : scope(k, true) ?? scope(i, true));
          break;
        }
      }
      for (const f of where(tags, s.from, s.to, 'reflect')) {
        const r = nearest(reviews, f, WINDOW);
        if (r === undefined) continue;
        const next = tags[f + 1]?.text ?? '';
        if (/^(?:me|us|moi|nous|mir|uns|mi|ci|mij|ons|mnie|nam|mig|oss)$/.test(next)) continue;
        const a = asks.find((x) => Math.abs(x - f) <= WINDOW + 4);
        if (a === undefined) continue;
        const veto = noStrings ? 'no strings attached' : scope(f, true);
        b.add('review_manipulation', 'hope a rating reflects a favour', [[a, 'ask'], [f, 'reflect'], [r, 'review']], veto);
      }
    }

    // off_platform_contact ---------------------------------------------------------------------
    const channels = where(tags, s.from, s.to, 'channel');
    if (channels.length > 0) {
      const onPlatform = (i: number) => clauseHas(clauseOf(i), 'here');
      for (const t of [...where(tags, s.from, s.to, 'tell'), ...asks]) {
        // the channel follows the ask ("give me your mobile number"), or precedes it in Japanese (携帯番号を教えて)
        const ch = channels.find((j) => (j > t || options.japanese) && Math.abs(j - t) <= 6 && j !== t && clauseOf(j) === clauseOf(t));
        if (ch === undefined) continue;
        // "your mobile number", or "leave me a mobile number" (the seller as the one to receive it)
        const toSeller = ch > t && tags.slice(t + 1, ch).some((x) => SELLER_OBJECT.test(x.text));
        const yours = options.japanese || where(tags, Math.min(t, ch) + 1, Math.max(t, ch), 'secondPerson').length > 0 || has$(ch, 'secondPerson') || toSeller;
        if (!yours) continue;
        const veto = scope(t, false) ?? (neg(ch) ? 'negated' : undefined) ?? (onPlatform(ch) ? 'on the platform' : undefined);
        b.add('off_platform_contact', "ask for the buyer's channel", [[t, 'tell'], [ch, 'channel']], veto);
      }
      for (const v of where(tags, s.from, s.to, 'contact')) {
        // two different words: the "mail" of "e-mail" is not a verb of its own
        const apart = (j: number) => (tags[j]?.end ?? 0) <= (tags[v]?.start ?? 0) || (tags[v]?.end ?? 0) <= (tags[j]?.start ?? 0);
        const ch = channels.find((j) => j !== v && apart(j) && Math.abs(j - v) <= 5 && clauseOf(j) === clauseOf(v) && !(has$(j, 'contact') && !has$(j, 'app') && j < v));
        if (ch === undefined) continue;
        // "the courier may call the number you gave": the carrier, not the seller, calls
        const carrier = where(tags, Math.max(s.from, v - 4), v, 'carrier').some((k) => clauseOf(k) === clauseOf(v));
        const veto = scope(v, false) ?? (neg(ch) ? 'negated' : undefined) ?? (onPlatform(v) ? 'on the platform' : undefined) ?? (carrier ? 'the carrier calls' : undefined);
        b.add('off_platform_contact', 'offer to talk on an outside channel', [[v, 'contact'], [ch, 'channel']], veto);
      }
    }
    // "what is a good number to reach you on?", "à quel numéro puis-je vous joindre ?", "¿a qué número le puedo
    // llamar?": a question for the number the seller would reach the buyer on (no possessive needed; a bare
    // "number" is no channel of its own: order and tracking numbers are not)
    if (s.question && !options.japanese) {
      for (const v of where(tags, s.from, s.to, 'contact')) {
        const buyer = [v - 2, v - 1, v + 1].some((k) => k >= s.from && k < s.to && clauseOf(k) === clauseOf(v) && BUYER_REACHED.test(tags[k]?.text ?? ''));
        if (!buyer) continue;
        let at = -1;
        for (let k = Math.max(s.from, v - 6); k < Math.min(s.to, v + 7) && at < 0; k += 1)
          if (has$(k, 'numberWord') && asksWhich(tags, k, s.from)) at = k;
        if (at < 0) continue;
        const carrier = where(tags, s.from, s.to, 'carrier').length > 0;
        const veto = scope(v, false) ?? (neg(at) ? 'negated' : undefined) ?? (clauseHas(clauseOf(v), 'here') ? 'on the platform' : undefined) ?? (carrier ? 'the carrier calls' : undefined);
        b.add('off_platform_contact', 'question for a number to reach the buyer on', [[v, 'contact'], [at, 'channel']], veto);
        break;
      }
    }
    const sentenceText = text.slice(tags[s.from]?.start ?? 0, tags[s.to - 1]?.end ?? 0);
    for (const q of PRODUCT_INFO.test(sentenceText) ? [] : where(tags, s.from, s.to, 'qr')) {
      const why = [...where(tags, s.from, s.to, 'contact'), ...where(tags, s.from, s.to, 'fill'), ...where(tags, s.from, s.to, 'gift'), ...channels].find((j) => j !== q && Math.abs(j - q) <= 2 * WINDOW);
      if (why === undefined) continue;
      b.add('off_platform_contact', 'QR code for contact or data entry', [[q, 'qr'], [why, 'contact']], scope(q, false));
    }
    for (const f of where(tags, s.from, s.to, 'form')) {
      const fill = where(tags, s.from, s.to, 'fill').find((j) => Math.abs(j - f) <= WINDOW);
      const gift = [...where(tags, s.from, s.to, 'gift'), ...incentives].find((j) => Math.abs(j - f) <= 2 * WINDOW);
      if (fill === undefined || gift === undefined) continue;
      const veto = scope(fill, false) ?? (clauseHas(clauseOf(f), 'here') ? 'on the platform' : undefined);
      b.add('off_platform_contact', 'form for a gift or data', [[fill, 'fill'], [f, 'form'], [gift, 'gift']], veto);
    }

    // intimidation -----------------------------------------------------------------------------
    for (const l of where(tags, s.from, s.to, 'legal')) {
      const veto = scope(l, false) ?? (reportsSomeoneElse(l, s.from) ? 'the buyer is asked to report someone else' : undefined) ?? (buyersOwnStep(l, s.from) ? "the buyer's own step" : undefined);
      b.add('intimidation', 'legal threat', [[l, 'legal']], veto);
    }
    // "I'm reporting you to the marketplace", "ich melde dich als Betrüger": the buyer as the object of the report
    for (const r of where(tags, s.from, s.to, 'report')) {
      // "anmäler jag dig", "melde ich dich": the subject may stand between the verb and its object
      const o = r + 1 < s.to && has$(r + 1, 'firstPerson') ? r + 2 : r + 1;
      const object = o < s.to && clauseOf(o) === clauseOf(r) && BUYER_OBJECT.test(tags[o]?.text ?? '');
      if (!object || where(tags, s.from, s.to, 'account').length > 0) continue;
      const buyerReports = r - 1 >= s.from && has$(r - 1, 'secondPerson');
      b.add('intimidation', 'threat to report the buyer', [[r, 'report'], [o, 'account']], scope(r, false) ?? (buyerReports ? 'the buyer reports' : undefined));
    }
    // "your full name goes on our Facebook page", "tutti sapranno chi è": exposing the buyer to an audience
    const identities = where(tags, s.from, s.to, 'identity');
    for (const au of where(tags, s.from, s.to, 'audience')) {
      const id = [...lastIdentities, ...identities].filter((j) => !neg(j) && j !== au).sort((x, y) => Math.abs(x - au) - Math.abs(y - au))[0];
      if (id === undefined) continue;
      // "the chat on our website" is a channel; "the whole chat goes on our page" needs its verb
      const conversation = CONVERSATION.test(tags[id]?.entries.get(IDENTITY) ?? '');
      if (conversation && where(tags, s.from, s.to, 'give').length === 0 && where(tags, s.from, s.to, 'tell').length === 0) continue;
      b.add('intimidation', 'threat to expose the buyer', [[id, 'identity'], [au, 'audience']], scope(au, false));
    }
    lastIdentities = identities;
    for (const r of where(tags, s.from, s.to, 'report')) {
      const acc = where(tags, s.from, s.to, 'account').find((j) => Math.abs(j - r) <= WINDOW + 4 && where(tags, Math.max(s.from, j - 3), j, 'secondPerson').length > 0);
      if (acc === undefined) continue;
      // "you can report it": the buyer is the one reporting
      const buyerReports = where(tags, Math.max(s.from, r - 3), r, 'secondPerson').some((k) => k === r - 1 || k === r - 2) && !options.japanese && acc > r;
      b.add('intimidation', "threat to report the buyer's account", [[r, 'report'], [acc, 'account']], scope(r, false) ?? (buyerReports ? 'the buyer reports' : undefined) ?? (reportsSomeoneElse(r, s.from) ? 'the buyer is asked to report someone else' : undefined));
    }
    // "we know which town you live in. Think carefully": the menace may follow in the next sentence
    let nextTo = s.to;
    while (nextTo < tags.length && tags[nextTo]?.sentence === tags[s.to]?.sentence) nextTo += 1;
    for (const ad of where(tags, s.from, s.to, 'address')) {
      const yours = where(tags, Math.max(s.from, ad - 3), ad + 1, 'secondPerson').length > 0 || has$(ad, 'secondPerson') || options.japanese;
      if (!yours) continue;
      const visit = where(tags, s.from, s.to, 'visit').find((j) => where(tags, s.from, j, 'firstPerson').length > 0 || options.japanese);
      const remember = where(tags, ad + 1, nextTo, 'remember').find((j) => !neg(j)) ?? where(tags, ad + 1, nextTo, 'menace').find((j) => !neg(j));
      const menace = visit ?? remember;
      if (menace === undefined) continue;
      b.add('intimidation', 'the buyer’s address with a visit or a menace', [[ad, 'address'], [menace, visit === undefined ? 'remember' : 'visit']], scope(menace, false));
    }
    // "otherwise / sinon / sonst / altrimenti ... " followed by a consequence: the police, a visit, a menace, the buyer's address
    for (const o of where(tags, s.from, s.to, 'otherwise')) {
      const consequence = [...where(tags, o + 1, nextTo, 'legal'), ...where(tags, o + 1, nextTo, 'visit'), ...where(tags, o + 1, nextTo, 'menace'), ...where(tags, o + 1, nextTo, 'report'), ...where(tags, o + 1, nextTo, 'address')]
        .filter((j) => j - o <= 3 * WINDOW && !neg(j))
        .sort((a, b) => a - b)[0];
      if (consequence === undefined) continue;
      b.add('intimidation', 'otherwise, a consequence', [[o, 'otherwise'], [consequence, 'menace']], scope(o, false));
    }
    const until = where(tags, s.from, s.to, 'until');
    const stops = where(tags, s.from, s.to, 'stop');
    const persists = where(tags, s.from, s.to, 'persist');
    const contacts = where(tags, s.from, s.to, 'contact');
    const insist = stops.find((j) => neg(j) || options.japanese);
    const u = until[0];
    if (u !== undefined && insist !== undefined) {
      b.add('intimidation', 'will not stop until the buyer gives in', [[insist, 'stop'], [u, 'until']], clauseHas(tags[insist]?.segment ?? -1, 'policy', true) ? 'policy quoted' : undefined);
    } else if (persists.length > 0 && (contacts.length > 0 || u !== undefined)) {
      const p = persists[0] ?? 0;
      const c = contacts.find((j) => Math.abs(j - p) <= 2 * WINDOW) ?? u;
      if (c !== undefined) b.add('intimidation', 'keeps writing until the buyer gives in', [[p, 'persist'], [c, 'contact']], neg(p) ? 'negated' : undefined);
    }
  }

  // "On a votre adresse", "we have your full name and address from the order", "Mamy Pana adres" in a message
  // that asks for a review to change: the buyer's address, stated (not asked for or corrected), held over the request
  if (b.findings.some((f) => f.label === 'review_manipulation') && !b.findings.some((f) => f.label === 'intimidation')) {
    for (const ad of where(tags, 0, tags.length, 'address')) {
      const t = tags[ad];
      if (t === undefined || questions.has(t.sentence) || SHIPPING_DOCUMENT.test(t.entries.get(ADDRESS) ?? '')) continue;
      const from = sentenceStart(tags, ad);
      const yours = options.japanese ? where(tags, from, Math.min(tags.length, ad + 8), 'know').length > 0 : where(tags, Math.max(from, ad - 3), ad, 'secondPerson').length > 0 || has$(ad, 'secondPerson');
      const stated = !tags.some((x) => x.clause === t.clause && (has(x.bits, 'tell') || has(x.bits, 'ask') || has(x.bits, 'change') || has(x.bits, 'contact')));
      if (!yours || !stated) continue;
      b.add('intimidation', "the buyer's address held over a request", [[ad, 'address']], scope(ad, false));
      break;
    }
  }

  return {
    tokens: tags,
    patternsPossible: true,
    findings: b.findings,
    vetoed: b.vetoed,
    scopeOf: (position) => {
      const i = tokenAt(tags, position);
      if (i === undefined) return undefined;
      const asked = (has$(i, 'legal') || has$(i, 'report')) && reportsSomeoneElse(i, sentenceStart(tags, i));
      const own = has$(i, 'legal') && buyersOwnStep(i, sentenceStart(tags, i));
      return scope(i, true) ?? (asked ? 'the buyer is asked to report someone else' : undefined) ?? (own ? "the buyer's own step" : undefined);
    },
  };
}

/** The index of the token that contains or follows normalised offset `position` (binary search). */
function tokenAt(tags: readonly Tagged[], position: number): number | undefined {
  let lo = 0;
  let hi = tags.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tags[mid];
    if (t === undefined) break;
    if (t.start <= position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === undefined) return tags.length > 0 ? 0 : undefined;
  const t = tags[found];
  return t !== undefined && position >= t.end && found + 1 < tags.length ? found + 1 : found;
}

/** clause (or, with `bySegment`, contrast segment) id -> does any of its tokens carry a concept */
function clauseIndex(tags: readonly Tagged[]): (id: number, c: Concept, bySegment?: boolean) => boolean {
  const clauses = new Map<number, Bits>();
  const segments = new Map<number, Bits>();
  for (const t of tags) {
    clauses.set(t.clause, or(clauses.get(t.clause) ?? EMPTY, t.bits));
    segments.set(t.segment, or(segments.get(t.segment) ?? EMPTY, t.bits));
  }
  return (id, c, bySegment = false) => {
    const bits = (bySegment ? segments : clauses).get(id);
    return bits !== undefined && has(bits, c);
  };
}

export { bitOf };
