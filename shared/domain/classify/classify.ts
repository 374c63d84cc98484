/**
 * The message classifier: which of the three risk labels a marketplace message carries, with the
 * spans of the original text that show it. Pure and synchronous; everything is compiled once at
 * module load, and the work per message is linear in its length.
 *
 * Four sources of evidence, read on one normalised view of the text (normalise.ts):
 * - contact handles (contact-handles.ts): a concrete e-mail, phone, link or app handle;
 * - intent structures (intent.ts): an ask + a review + a change, an incentive tied to a review, an
 *   ask for the buyer's channel, a legal threat..., in ten languages, with negation and scope;
 * - surface patterns (rules.ts): the phrasings and disguises seen before, kept for recall; a match
 *   counts only when the intent reading of its place allows it (not negated, not a quoted policy,
 *   not thanks for a change already made);
 * - a statistical model (model.ts) over the same reading, which may veto what the rules found when
 *   it is confident they are wrong, or find a label alone (see `analyse`).
 */
import { findHandlesInNormalised, mayContainHandle } from '../contact-handles';
import type { ContactHandle } from '../contact-handles';
import { LABELS } from './labels';
import type { Classification, Evidence, Label } from './labels';
import type { Concept } from './concepts';
import { guessLanguage, languageOfTag } from './language';
import { conceptIndex, has } from './lexicon-index';
import type { Language } from './language';
import { readIntents } from './intent';
import type { IntentAnalysis, IntentFinding, IntentPart } from './intent';
import { CONTACT_SELLER_CUE, MODEL_CUES, NEEDED_CUE } from './intent-cue';
import { normaliseWithTokens, toOriginal } from './normalise';
import type { Normalised } from './normalise';
import { RULES, RULE_SLOTS, lookupWord } from './rules';
import { LANGUAGES } from './stem';
import { decidedAbove, featureVector, MODEL_THRESHOLDS, modelLogits, scoreModel, sentenceOf } from './model';
import type { FeatureVector, ModelScore } from './model';
import type { RuleFinding } from './model-features';
import { segmentJapanese } from './tokens';
import type { Token } from './tokens';

export { LABELS } from './labels';
export type { Classification, Evidence, Label } from './labels';

/** At most this many spans per label are reported (a hostile text can have thousands). */
const MAX_EVIDENCE_PER_LABEL = 20;

/** `start * RULE_SLOTS + rule` pairs to try (reused across calls; the classifier is synchronous). */
const candidates: number[] = [];
/** Start offsets and word groups of the tokens that belong to any group (reused across calls). */
const groupStarts: number[] = [];
const groupBits: number[] = [];

/** True when a token of one of `bits` starts in (`from`, `from + within`]: binary search, then a bounded walk. */
function groupNear(bits: number, from: number, within: number): boolean {
  let lo = 0;
  let hi = groupStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((groupStarts[mid] ?? 0) <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < groupStarts.length && i < lo + 64; i += 1) {
    const at = groupStarts[i] ?? 0;
    if (at > from + within) return false;
    if (((groupBits[i] ?? 0) & bits) !== 0) return true;
  }
  return false;
}

/** Any character outside printable ASCII and ordinary whitespace (accents, look-alikes, zero-width...). */
const NOT_PLAIN = /[^\x20-\x7e\t\n\r]/;
/** Lower-case Latin letters with accents, and the punctuation of ordinary prose (quotes, dashes, ¿¡«»€£°). */
const NOT_LATIN = /[^\x20-\x7e\t\n\r\u00a0\u00a1\u00a3\u00aa\u00ab\u00b0\u00ba\u00bb\u00bf\u00df-\u00f6\u00f8-\u00ff\u0101-\u017f\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2026\u20ac]/;
const COMBINING_MARK = /[\u0300-\u036f]/g;
const SHARP_S = /\u00df/g;
const L_STROKE = /\u0142/g;
/** What is left after the accents are gone: punctuation is fine, a letter such as "ø" or "ı" is not. */
const NOT_LATIN_LEFT = /[^\x20-\x7e\t\n\r\u00a0\u00a1\u00a3\u00aa\u00ab\u00b0\u00ba\u00bb\u00bf\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2026\u20ac]/;
/** Letters spelled one by one ("r e m o v e", "r.e.v.i.e.w", "r-e-v"): the full path joins them. */
const SPACED = /(?<![a-z0-9])[a-z0-9](?:(?: {1,2}| ?[-_*.] ?)[a-z0-9](?![a-z0-9])){2}/;
/** A letter next to a digit or leet symbol ("r3m0ve", "rev!ew"). */
const LEET_NEAR_LETTER = /[a-z][0-9@$!|]|[0-9@$!|][a-z]/;
const LEET = /[01345789@$!|]/g;
const THREE_DIGITS = /\d\D*\d\D*\d/;
const LEET_LETTER: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l' };

/**
 * The pre-scan: true when a message in Latin letters has no cue any structure, rule, handle finder
 * or the model alone needs (no review, channel, threat or address word, no "@", link, digit
 * run...). Such a message cannot get a label, so the full pipeline is skipped. Accents are read
 * off; anything else outside plain Latin text (another script, look-alikes, zero-width characters,
 * emoji) or disguised takes the full path, where normalisation undoes the disguise.
 */
function isPlainlyClean(text: string): boolean {
  let lower = text.toLowerCase();
  if (NOT_PLAIN.test(lower)) {
    // accented Latin letters and typographic punctuation are read without their accents; any
    // other character (another script, look-alikes, zero-width, emoji...) takes the full path
    if (NOT_LATIN.test(lower)) return false;
    lower = lower.normalize('NFD').replace(COMBINING_MARK, '').replace(SHARP_S, 'ss').replace(L_STROKE, 'l');
    if (NOT_LATIN_LEFT.test(lower)) return false;
  }
  if (SPACED.test(lower) || mayContainHandle(lower)) return false;
  // leetspeak ("r3v13w", "del3te ur f33dback") is read as letters for the word cues; digits mixed
  // with letters may be a number written with letters ("6Z9 I2 34 OO"): the full path reads those
  const leet = LEET_NEAR_LETTER.test(lower);
  if (leet && THREE_DIGITS.test(lower)) return false;
  const words = leet ? lower.replace(LEET, (c) => LEET_LETTER[c] ?? c) : lower;
  return !NEEDED_CUE.test(words) && !CONTACT_SELLER_CUE.test(words);
}

const LABEL_ORDER: Readonly<Record<Label, number>> = { review_manipulation: 0, off_platform_contact: 1, intimidation: 2 };

/** Why one span was found: the source, its parts, and what the scope reading said. */
export interface ExplainedEvidence extends Evidence {
  readonly source: 'handle' | 'intent' | 'pattern' | 'model';
  /** The structure (intent), the rule (pattern) or the handle kind. */
  readonly reason: string;
  readonly parts: readonly IntentPart[];
  /** For a handle: its kind ("email", "phone", "url", "messaging"). */
  readonly channelKind?: ContactHandle['kind'];
}

/** A structure or pattern that matched but did not count, and why (negated, quoted policy...). */
export interface RejectedEvidence extends ExplainedEvidence {
  readonly veto: string;
}

export interface Explanation extends Classification {
  readonly language: Language | undefined;
  /** The model's probability per label, the sentence behind it and its top features (absent for a message the pre-scan proves clean). */
  readonly model: readonly ModelScore[];
  readonly evidenceDetails: readonly ExplainedEvidence[];
  readonly rejected: readonly RejectedEvidence[];
}

interface Analysis {
  readonly found: ExplainedEvidence[];
  readonly rejected: RejectedEvidence[];
  readonly language: Language | undefined;
  readonly model: readonly ModelScore[];
}

/** What the rules read in a message, before the model: what training needs too. */
interface RuleReading {
  readonly found: ExplainedEvidence[];
  readonly rejected: RejectedEvidence[];
  readonly language: Language | undefined;
  readonly n: Normalised;
  readonly tags: IntentAnalysis['tokens'];
  readonly findings: RuleFinding[];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The lexicons a message is read with: its language (and English, often mixed in), or all of them. */
function readingLanguages(tokens: readonly Token[], hint: string | undefined, japanese: boolean): { language: Language | undefined; langs: Language[] } {
  const tagged = languageOfTag(hint);
  const guess = tagged === undefined ? guessLanguage(tokens) : { language: tagged, clear: true };
  const language = guess.language;
  // a short or mixed message reads with every lexicon: a wrong guess must not hide a request
  if (language === undefined || !guess.clear) return { language, langs: LANGUAGES.filter((l) => l !== 'ja' || japanese) };
  const langs = new Set<Language>([language]);
  if (language !== 'en') langs.add('en');
  if (japanese) langs.add('ja');
  return { language, langs: [...langs] };
}

function readRules(text: string, lang: string | undefined): RuleReading {
  const found: ExplainedEvidence[] = [];
  const rejected: RejectedEvidence[] = [];
  const findings: RuleFinding[] = [];
  const { normalised: n, tokens } = normaliseWithTokens(text);
  const original = (start: number, end: number) => toOriginal(n, start, end);

  for (const handle of findHandlesInNormalised(n, tokens, lang)) {
    found.push({
      label: 'off_platform_contact',
      match: text.slice(handle.start, handle.end),
      start: handle.start,
      end: handle.end,
      source: 'handle',
      reason: `contact handle (${handle.kind})`,
      parts: [],
      channelKind: handle.kind,
    });
    findings.push({ label: 'off_platform_contact', source: 'handle', reason: handle.kind, at: 0 });
  }

  const japanese = CJK.test(n.text);
  const words = japanese ? segmentJapanese(tokens) : tokens;
  const { language, langs } = readingLanguages(tokens, lang, japanese);
  const intents = readIntents(words, n.text, text, original, { langs, japanese });
  const fromIntent = (f: IntentFinding): ExplainedEvidence => {
    const span = original(f.start, f.end);
    return { label: f.label, match: text.slice(span.start, span.end), start: span.start, end: span.end, source: 'intent', reason: f.structure, parts: f.parts };
  };
  for (const f of intents.findings) {
    found.push(fromIntent(f));
    findings.push({ label: f.label, source: 'intent', reason: f.structure, at: f.start });
  }
  for (const f of intents.vetoed) {
    rejected.push({ ...fromIntent(f), veto: f.veto });
    findings.push({ label: f.label, source: 'intent', reason: f.structure, at: f.start, veto: f.veto });
  }

  for (const m of intents.patternsPossible ? patternMatches(n, tokens) : []) {
    const span = original(m.start, m.end);
    const e: ExplainedEvidence = { label: m.label, match: text.slice(span.start, span.end), start: span.start, end: span.end, source: 'pattern', reason: m.rule, parts: [] };
    // The negation of "won't stop until" is part of the pattern; any other counts against it.
    if (m.label === 'review_manipulation' && CHANGE_OF_MIND.test(n.text.slice(m.start, m.end))) continue;
    // "Wir können die Bewertung nicht löschen": a change the pattern ends on, negated inside its span, is not asked for
    const veto = (m.negationInside ? undefined : intents.scopeOf(m.start)) ?? (m.label === 'review_manipulation' && intents.scopeOf(Math.max(m.start, m.end - 1)) === 'negated' ? 'negated' : undefined);
    if (veto === undefined || (veto === 'thanks for what was done' && m.label !== 'review_manipulation')) {
      found.push(e);
      findings.push({ label: m.label, source: 'pattern', reason: m.rule, at: m.start });
    } else {
      rejected.push({ ...e, veto });
      findings.push({ label: m.label, source: 'pattern', reason: m.rule, at: m.start, veto });
    }
  }
  disownContact(text, found, rejected, findings);
  return { found, rejected, language, n, tags: intents.tokens, findings };
}

/**
 * What a safety notice says of the handles and channels it names: they are not the seller's
 * ("that isn't us", "não somos nós", "das sind nicht wir"), or a scam ("é golpe", "詐欺",
 * "phishing", accounts that pretend to be the shop). Words that call the buyer a fraud ("I'll
 * report you as a fraudster") are not among them: that is a threat, not a notice.
 */
const DISOWN =
  /(?<![a-z])(?:(?:is|was|are)?n[o']?t (?:us|ours|from us|our (?:account|number|address|team|shop|store))|not affiliated|pretend\w* to be us|impersonat\w*|scam\w*|phishing|ce n'est pas nous|ce ne sont pas (?:nous|les notres)|pas de nous|n'est pas (?:le |la )?notre|arnaque\w*|usurp\w*|hame[cç]onnage|(?:das )?(?:sind|ist|waren|war) nicht (?:wir|von uns)|stammt nicht von uns|nicht unser\w*|betrugsmasche|no somos nosotros|no (?:es|son) nuestr\w*|se hacen pasar|estafa\w*|suplant\w*|non siamo noi|non (?:e|sono) (?:il |la |i |le )?nostr\w*|si spacciano|truffa\w*|dat zijn wij niet|niet van ons|oplichting|nao somos nos|nao (?:e|sao) (?:o |a |os |as )?noss\w*|e golpe|golpe\w*|to nie my|nie jest nasz\w*|podszywa\w*|det (?:ar|var) inte vi|inte (?:fran )?oss|bluff\w*)(?![a-z])|当店ではありません|当店を名乗る|詐欺|なりすまし|偽の|不審な|ご注意ください/;
const COMBINING = /[\u0300-\u036f]/g;
const SENTENCE_BREAK = /[.!?;\n\u3002\uff01\uff1f]+/g;

/** Where each sentence of `text` starts (0 first): one pass. */
function sentenceBreaks(text: string): number[] {
  const starts = [0];
  SENTENCE_BREAK.lastIndex = 0;
  for (let m = SENTENCE_BREAK.exec(text); m !== null; m = SENTENCE_BREAK.exec(text)) {
    const at = m.index + m[0].length;
    // a full stop inside a handle or a number ("shop.help", "12.5") ends no sentence
    if (m[0] === '.' && /\S/.test(text.charAt(at))) continue;
    if (at < text.length) starts.push(at);
  }
  return starts;
}

/**
 * Contact evidence (a handle, an ask, an offer) in a sentence that disowns it, or followed by one
 * that does: a safety notice, not an offer. Linear: the sentences are found once, and each window
 * (a sentence and the next) is read once however many handles it holds.
 */
function disownContact(text: string, found: ExplainedEvidence[], rejected: RejectedEvidence[], findings: RuleFinding[]): void {
  if (!found.some((e) => e.label === 'off_platform_contact')) return;
  const starts = sentenceBreaks(text);
  const disowned = new Map<number, boolean>();
  const windowDisowns = (first: number): boolean => {
    let answer = disowned.get(first);
    if (answer === undefined) {
      const from = starts[first] ?? 0;
      const to = starts[first + 2] ?? text.length;
      // a window longer than two long sentences is not a notice: read at most 600 characters of it
      const slice = text.slice(from, Math.min(to, from + 600));
      answer = DISOWN.test(slice.toLowerCase().normalize('NFD').replace(COMBINING, '').replace(/\u2019/g, "'"));
      disowned.set(first, answer);
    }
    return answer;
  };
  // the findings that counted are in the order of `found`: the k-th is found[k]'s
  const counted = findings.flatMap((f, j) => (f.veto === undefined ? [j] : []));
  const drop = new Set<number>();
  found.forEach((e, i) => {
    if (e.label !== 'off_platform_contact') return;
    const first = sentenceOf(starts, e.start);
    const last = sentenceOf(starts, Math.max(e.start, e.end - 1));
    if (!(windowDisowns(first) || (last !== first && windowDisowns(last)))) return;
    drop.add(i);
    rejected.push({ ...e, veto: DISOWNED });
    const j = counted[i];
    const f = j === undefined ? undefined : findings[j];
    if (j !== undefined && f !== undefined) findings[j] = { ...f, veto: DISOWNED };
  });
  if (drop.size === 0) return;
  const kept = found.filter((_, i) => !drop.has(i));
  found.length = 0;
  found.push(...kept);
}
const DISOWNED = 'disowned in a safety notice';

const WHITESPACE = /\s/;

/** An "@" or seven digits (what the pre-scan's handle cue needs too). */
const CONTACT_SIGN = /@|(?:\d[\s().+-]{0,3}){6}\d/;

/** The labels the model may give alone: those whose cue words (MODEL_CUES) the message has, not negated; digits or an "@" for contact. */
function modelCues(tags: IntentAnalysis['tokens'], normalised: string): Set<Label> {
  const out = new Set<Label>();
  for (const label of LABELS) {
    const cues: readonly Concept[] = MODEL_CUES[label];
    if (tags.some((t) => !t.negated && cues.some((c) => has(t.bits, c)))) out.add(label);
  }
  if (CONTACT_SIGN.test(normalised)) out.add('off_platform_contact');
  return out;
}

/**
 * The acts of a threat: a legal step, a report, a menace ("you'll regret it", "we'll expose
 * you"), a visit, "think carefully", persistence, "otherwise". "Stop" counts negated ("we won't
 * stop"). An address counts only as "where you live" / "your street" (a phrase), never the order's
 * address: "we have your address from the order" is how replacements ship.
 */
const THREAT_ACTS: readonly Concept[] = ['legal', 'report', 'menace', 'visit', 'remember', 'persist', 'otherwise', 'until', 'audience'];
const ADDRESS = conceptIndex('address');

/**
 * Threat structure, for the model alone to give intimidation at its ordinary "alone" threshold:
 * a threat act (not negated) and the buyer ("you", "your") in the same sentence; Japanese, which
 * drops pronouns, needs the act alone. Without it the model needs its "bare" threshold
 * (MODEL_THRESHOLDS.aloneBare): intimidation's training data is small, and a routine question
 * about a delivery address must not read as a threat.
 */
function threatStructure(tags: IntentAnalysis['tokens'], japanese: boolean): boolean {
  const acts = new Set<number>();
  const buyer = new Set<number>();
  const knows = new Set<number>();
  const addresses = new Set<number>();
  for (const t of tags) {
    if (has(t.bits, 'secondPerson')) buyer.add(t.sentence);
    if (!t.negated && has(t.bits, 'know')) knows.add(t.sentence);
    if (!t.negated && has(t.bits, 'address')) addresses.add(t.sentence);
    const act =
      (!t.negated && THREAT_ACTS.some((c) => has(t.bits, c))) ||
      (t.negated && has(t.bits, 'stop')) ||
      (!t.negated && has(t.bits, 'address') && (t.entries.get(ADDRESS) ?? '').includes(' '));
    if (act) acts.add(t.sentence);
  }
  // "we know where you live", "sei seu endereço": knowing the buyer's address is a threat act; having it from the order is not
  for (const s of addresses) if (knows.has(s)) acts.add(s);
  for (const s of acts) if (japanese || buyer.has(s)) return true;
  return false;
}

/** Per label, whether a label of the model alone has its structure: the cue words for review and contact, threat structure for intimidation. */
function modelStructured(tags: IntentAnalysis['tokens'], cues: ReadonlySet<Label>, normalised: string): Set<Label> {
  const out = new Set<Label>([...cues].filter((l) => l !== 'intimidation'));
  if (cues.has('intimidation') && threatStructure(tags, CJK.test(normalised))) out.add('intimidation');
  return out;
}

/** The model-alone threshold of a label: "alone" with its structure, "aloneBare" without. */
const aloneBar = (l: number, structured: boolean): number => (structured ? MODEL_THRESHOLDS.alone[l] : MODEL_THRESHOLDS.aloneBare[l]) ?? 1;

/**
 * The rules and the model together (thresholds chosen by tools/train-classifier.ts on
 * cross-validation, precision first): a label the rules find stands unless the model is confident
 * it is wrong; a label only the model finds counts when it is confident, with the sentence that
 * carries most of its score as the evidence.
 */
function analyse(text: string, lang: string | undefined, describe = false): Analysis {
  const r = readRules(text, lang);
  const cues = modelCues(r.tags, r.n.text);
  if (!describe) {
    // Nothing for the model to confirm and no label it may give alone: it cannot change anything.
    if (r.found.length === 0 && cues.size === 0) return { found: [], rejected: r.rejected, language: r.language, model: [] };
  }
  const structured = modelStructured(r.tags, cues, r.n.text);
  if (!describe) {
    const decided = decideByLogits(r, cues, structured);
    if (decided !== undefined) return { found: decided, rejected: r.rejected, language: r.language, model: [] };
  }
  const model = scoreModel(r.n.text, r.tags, r.findings, describe);
  const found: ExplainedEvidence[] = [];
  const rejected = [...r.rejected];
  for (const score of model) {
    const l = LABELS.indexOf(score.label);
    const byRules = r.found.filter((e) => e.label === score.label);
    if (byRules.length > 0) {
      if (score.probability >= (MODEL_THRESHOLDS.veto[l] ?? 0)) found.push(...byRules);
      else for (const e of byRules) rejected.push({ ...e, veto: `the model disagrees (p = ${score.probability.toFixed(3)})` });
      continue;
    }
    if (score.probability < aloneBar(l, structured.has(score.label)) || !cues.has(score.label)) continue;
    const span = toOriginal(r.n, score.start, score.end);
    let start = span.start;
    let end = span.end;
    while (start < end && WHITESPACE.test(text.charAt(start))) start += 1;
    while (end > start && WHITESPACE.test(text.charAt(end - 1))) end -= 1;
    if (end <= start) continue;
    const bare = structured.has(score.label) ? '' : ', without its structure';
    found.push({ label: score.label, match: text.slice(start, end), start, end, source: 'model', reason: `model (p = ${score.probability.toFixed(3)}${bare})`, parts: [] });
  }
  return { found, rejected, language: r.language, model };
}

/**
 * The combination of `analyse` read off the model's logits alone (one pass, no sentences), when
 * that settles it: every label the rules found is kept or dropped clear of the veto threshold, and
 * no label the model may give alone reaches its threshold (one that does needs its sentence, so
 * the full scoring runs). Undefined when a logit is too close to a threshold to tell.
 */
function decideByLogits(r: RuleReading, cues: ReadonlySet<Label>, structured: ReadonlySet<Label>): ExplainedEvidence[] | undefined {
  const logits = modelLogits(r.n.text, r.tags, r.findings);
  const found: ExplainedEvidence[] = [];
  for (const [l, label] of LABELS.entries()) {
    const logit = logits[l] ?? 0;
    const byRules = r.found.filter((e) => e.label === label);
    if (byRules.length > 0) {
      const stands = decidedAbove(logit, MODEL_THRESHOLDS.veto[l] ?? 0);
      if (stands === undefined) return undefined;
      if (stands) found.push(...byRules);
      continue;
    }
    if (!cues.has(label)) continue;
    if (decidedAbove(logit, aloneBar(l, structured.has(label))) !== false) return undefined;
  }
  return found;
}

/** For training (tools/train-classifier.ts): the model's features of a message and the labels the rules alone give it. */
export function ruleFeatures(
  text: string,
  lang?: string,
): {
  readonly features: FeatureVector;
  readonly ruleLabels: readonly Label[];
  readonly cues: readonly Label[];
  readonly structured: readonly Label[];
  readonly prescanClean: boolean;
} {
  const r = readRules(text, lang);
  const ruleLabels = LABELS.filter((l) => r.found.some((e) => e.label === l));
  const cues = modelCues(r.tags, r.n.text);
  return {
    features: featureVector(r.n.text, r.tags, r.findings),
    ruleLabels,
    cues: [...cues],
    structured: [...modelStructured(r.tags, cues, r.n.text)],
    prescanClean: isPlainlyClean(text),
  };
}

/** "changer d'avis", "cambiar de opinión": to change one's mind, not a review. */
const CHANGE_OF_MIND = /chang[a-z]* d'avis|cambi[a-z]* de opinion|mud[a-z]* de opiniao|cambi[a-z]* (?:di )?opinione/;
const NEGATION_INSIDE = /\b(?:not|never|no|won'?t|n'|ne|nicht|nie|kein|non|mai|niet|nao|inte|aldrig)\b/;

interface PatternMatch {
  readonly label: Label;
  readonly rule: string;
  readonly start: number;
  readonly end: number;
  readonly negationInside: boolean;
}

/** The surface patterns of rules.ts, each tried only where a token starts with one of its anchor words. */
function patternMatches(n: Normalised, tokens: readonly Token[]): PatternMatch[] {
  const out: PatternMatch[] = [];
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
  // whole-text tests are answered once per message, not once per candidate
  const needsText = new Map<number, boolean>();
  const perRule = new Map<number, number>();
  let last = -1;
  for (const candidate of candidates) {
    if (candidate === last) continue;
    last = candidate;
    const index = candidate % RULE_SLOTS;
    const rule = RULES[index];
    if (rule === undefined) continue;
    if ((perRule.get(index) ?? 0) >= MAX_EVIDENCE_PER_LABEL) continue;
    if (rule.requires !== undefined && (groups & rule.requires) !== rule.requires) continue;
    const start = Math.floor(candidate / RULE_SLOTS);
    if (rule.near !== undefined && !groupNear(rule.near, start, rule.nearWithin ?? 200)) continue;
    rule.pattern.lastIndex = start;
    const m = rule.pattern.exec(n.text);
    if (m === null || m[0].length === 0) continue;
    const end = start + m[0].length;
    if (rule.vetoBefore?.test(n.text.slice(Math.max(0, start - 60), start)) === true) continue;
    if (rule.vetoMatch?.test(m[0]) === true) continue;
    if (rule.needsText !== undefined) {
      let ok = needsText.get(index);
      if (ok === undefined) {
        ok = rule.needsText.test(n.text);
        needsText.set(index, ok);
      }
      if (!ok) continue;
    }
    if (rule.vetoAround?.test(n.text.slice(Math.max(0, start - 80), end + 80)) === true) continue;
    perRule.set(index, (perRule.get(index) ?? 0) + 1);
    out.push({ label: rule.label, rule: rule.name, start, end, negationInside: NEGATION_INSIDE.test(m[0]) });
  }
  return out;
}

/** Sorted by label order then position; spans contained in another span of the same label dropped; at most 20 per label. */
function dedupe<T extends Evidence>(found: readonly T[]): T[] {
  const sorted = [...found].sort((a, b) => LABEL_ORDER[a.label] - LABEL_ORDER[b.label] || a.start - b.start || b.end - a.end);
  const out: T[] = [];
  const count = new Map<Label, number>();
  const reach = new Map<Label, number>();
  for (const e of sorted) {
    // sorted by start: a span is contained in a kept one only if that one reaches past its end
    if ((reach.get(e.label) ?? -1) >= e.end) continue;
    if ((count.get(e.label) ?? 0) >= MAX_EVIDENCE_PER_LABEL) continue;
    out.push(e);
    count.set(e.label, (count.get(e.label) ?? 0) + 1);
    reach.set(e.label, Math.max(reach.get(e.label) ?? -1, e.end));
  }
  return out;
}

const CLEAN: Analysis = { found: [], rejected: [], language: undefined, model: [] };

/**
 * Classifies one message. `lang` (a BCP 47 tag such as "fr" or "pt-BR") says which language the
 * message is in; without it the language is detected (and, when nothing stands out, every
 * supported language is read: en, fr, de, es, it, nl, pt, pl, sv, ja).
 */
export function classifyMessage(text: string, lang?: string): Classification {
  const { labels, evidence } = classifyWithSources(text, lang);
  return { labels, evidence: evidence.map(({ label, match, start, end }) => ({ label, match, start, end })) };
}

/**
 * The same classification, each span with where it came from: a contact handle, an intent
 * structure or a surface pattern (what the message explicitly says), or the statistical model
 * alone. Detection weighs an explicit request differently from a model's reading.
 */
export function classifyWithSources(text: string, lang?: string): { labels: Label[]; evidence: (Classification['evidence'][number] & Pick<ExplainedEvidence, 'source'>)[] } {
  const { found } = isPlainlyClean(text) ? CLEAN : analyse(text, lang);
  const evidence = dedupe(found).map(({ label, match, start, end, source }) => ({ label, match, start, end, source }));
  const present = new Set(evidence.map((e) => e.label));
  return { labels: LABELS.filter((l) => present.has(l)), evidence };
}

/** The classification with the reasons behind it: each span's source and parts, and what was vetoed. */
export function explainMessage(text: string, lang?: string): Explanation {
  const { found, rejected, language, model } = isPlainlyClean(text) ? CLEAN : analyse(text, lang, true);
  const evidenceDetails = dedupe(found);
  const present = new Set(evidenceDetails.map((e) => e.label));
  return {
    labels: LABELS.filter((l) => present.has(l)),
    evidence: evidenceDetails.map(({ label, match, start, end }) => ({ label, match, start, end })),
    language: language ?? languageOfTag(lang),
    model,
    evidenceDetails,
    rejected,
  };
}
