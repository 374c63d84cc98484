/**
 * The rules for each label, compiled once at module load from the per-language lexicons.
 * All rules of all languages run on every message; a rule is a regular expression over the
 * normalised text, optionally with a veto (context that cancels a match).
 */
import { LEXICONS } from './lexicon';
import type { Lexicon } from './lexicon';
import type { Label } from './labels';

const LEET: Readonly<Record<string, string>> = {
  a: '[a4@]',
  e: '[e3]',
  i: '[i1!|]',
  o: '[o0]',
  s: '[s5$]',
  t: '[t7]',
  l: '[l1|]',
  b: '[b8]',
  g: '[g9]',
};

/** Makes the letters of a regex source leetspeak-tolerant (outside character classes and escapes). */
export function leet(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i] ?? '';
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i += 1;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && source[i + 1] === '?') {
      // group syntax: (?: (?= (?! (?<= (?<!
      const m = /^\(\?(?:<[=!]|[:=!])/.exec(source.slice(i));
      const head = m?.[0] ?? '(';
      out += head;
      i += head.length - 1;
    } else {
      out += LEET[c] ?? c;
    }
  }
  return out;
}

/** Index of the parenthesis closing the group that opens at `open`. */
function closing(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')' && (depth -= 1) === 0) return i;
  }
  return source.length;
}

/** Top-level alternatives of a regex source. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The literal word starts a lexicon fragment can begin with ("remov[a-z]*" -> "remov"), used to
 * find the tokens where a rule may match. Throws if a fragment has no literal start, so that a
 * lexicon entry can never silently stop matching.
 */
export function literalStarts(source: string): string[] {
  const alts = alternatives(source);
  if (alts.length > 1) return alts.flatMap(literalStarts);
  let s = source;
  while (s.startsWith('(?<')) s = s.slice(closing(s, 0) + 1);
  if (s.startsWith('(?:')) {
    const end = closing(s, 0);
    const inner = literalStarts(s.slice(3, end));
    // an optional group: the fragment may also start with what follows it
    if (/^[?*]/.test(s.slice(end + 1))) return [...inner, ...literalStarts(s.slice(end + 2))];
    return inner;
  }
  if (s.startsWith('\\d')) return DIGITS;
  let out = '';
  for (const c of s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
      continue;
    }
    if (c === '?' || c === '*' || c === '{') out = out.slice(0, -1);
    break;
  }
  if (out.length === 0) throw new Error(`no literal start in ${source}`);
  return [out];
}

const B = '(?<![a-z0-9])';
const E = '(?![a-z])';
const langs = Object.values(LEXICONS);
const all = (field: keyof Lexicon, from: readonly Lexicon[] = langs): string[] => from.flatMap((l) => l[field]);
const alt = (xs: readonly string[]) => `(?:${xs.join('|')})`;
/** A whole word (or phrase) from the list, leetspeak-tolerant. */
const words = (xs: readonly string[]) => `${B}${leet(alt(xs))}${E}`;

// Gaps between the parts of a rule: up to n words within one sentence. Words that usually start a
// new clause ("based on", "thanks to", "and") end a gap, so "we updated the product based on your
// feedback" is not "update your feedback".
const STOP = alt([
  'on', 'based', 'to', 'from', 'with', 'about', 'in', 'by', 'after', 'thanks', 'and', 'but', 'because', 'so',
  'sur', 'selon', 'grace', 'avec', 'et', 'mais', 'car', 'donc', 'auf', 'aufgrund', 'dank', 'mit', 'und', 'aber', 'weil',
  'nach', 'segun', 'gracias', 'con', 'y', 'pero', 'porque', 'grazie', 'e', 'ma', 'perche', 'dopo', 'merci', 'danke',
  // cause markers: "we changed the packaging following / suite aux / tras your comments"
  'following', 'since', 'due', 'suite', 'suivant', 'infolge', 'wegen', 'tras', 'despues', 'seguito', 'via',
]);
const SEP = "(?:[\\s,-]+(?:[a-z]{1,5}')?)";
const TOKEN = `(?:(?!${STOP}[\\s,])[^\\s.!?;,]+)`;
const gap = (n: number) => `${SEP}(?:${TOKEN}${SEP}){0,${n}}?`;
/** Like gap, but clause words are allowed (used where the parts are far apart by nature). */
const looseGap = (n: number) => `${SEP}(?:[^\\s.!?;]+${SEP}){0,${n}}?`;

export interface Rule {
  readonly label: Label;
  readonly name: string;
  /** Sticky: tried only at the start of tokens that begin with one of `anchors`. */
  readonly pattern: RegExp;
  readonly anchors: readonly string[];
  /** Word groups (bits of GROUP) that must all occur somewhere in the message for the rule to be tried. */
  readonly requires?: number;
  /** Tested on up to 60 characters before the match (same sentence): a hit cancels the match. */
  readonly vetoBefore?: RegExp;
  /** Tested on the match with 80 characters either side: a hit cancels the match. */
  readonly vetoAround?: RegExp;
  /** Tested on the matched text itself: a hit cancels the match. */
  readonly vetoMatch?: RegExp;
  /** Tested on the whole normalised message: the match only counts when this hits. */
  readonly needsText?: RegExp;
  /**
   * Cheap pre-filter: a word of one of these groups must start within `nearWithin` characters after
   * the anchor, or the (expensive, gap-heavy) pattern is not tried at all.
   */
  readonly near?: number;
  readonly nearWithin?: number;
}

const rx = (source: string) => new RegExp(source, 'y');

/** One small rule per phrase of a list, so a phrase is only tried where its own first word occurs. */
function phraseRules(label: Label, name: string, phrases: readonly string[], extra: Partial<Rule> = {}): Rule[] {
  return phrases.flatMap((phrase, i) =>
    alternatives(phrase).map((part, j) => ({
      ...extra,
      label,
      name: `${name}#${i}.${j}`,
      anchors: [...new Set(literalStarts(part))],
      pattern: rx(words([part])),
    })),
  );
}
/** Anchors of a rule whose pattern starts with one of these lexicon lists. */
const starts = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat().flatMap(literalStarts))];

// ---------------------------------------------------------------------------------------------
// review_manipulation

const EN = LEXICONS.en;
const notEn = langs.filter((l) => l !== EN);
const STARS5_WORDS = [
  '(?:5|five|cinq|funf|cinco|cinque|full|max(?:imum)?|volle)[\\s-]?(?:stars?|etoiles|sterne|estrellas|stelle)',
  // "5★", "5 ⭐"
  '(?:5|five|cinq|funf|cinco|cinque) ?(?:\u2605|\u2b50)',
];
const REVIEW = words(all('reviewNoun'));
const CHANGE = words(all('changeVerb'));
const CHANGE_NOT_EN = words(all('changeVerb', notEn));
const EN_PASSIVE = `${B}(?:(?:be|been|get|got|gets|is|are|was|being|it|them)\\s+(?:${leet(alt(EN.changeVerb))}|gone|taken down)|disappear[a-z]*|vanish[a-z]*|goes away|comes? down)${E}`;
const STARS5 = words(STARS5_WORDS);
/** A message that really speaks of a review or a star rating (the word groups are only a prefilter). */
const REVIEW_CONTEXT = new RegExp(`${REVIEW}|${STARS5}|\\b[1-5]\\s?(?:stars?|etoiles?|sternen?|estrellas?|stelle|\u2605|\u2b50)`);
const POSITIVE = words(all('positive'));
const ASK = words(all('askVerb'));
const INCENTIVE = words(all('incentive'));
const STRONG_TIE_WORDS = [
  'in exchange(?: for)?', 'in return(?: for)?', 'for', 'against', 'on condition', 'provided', 'en echange(?: de)?', 'contre', 'pour',
  'im gegenzug(?: fur)?', 'gegen', 'fur', 'a cambio(?: de)?', 'por', 'in cambio(?: di)?', 'per',
];
const COND_TIE_WORDS = [
  'if', 'once', 'after', 'as soon as', 'when', 'si', 'des que', 'une fois', 'apres', 'wenn', 'sobald', 'nachdem', 'falls',
  'en cuanto', 'una vez', 'cuando', 'tras', 'se', 'appena', 'non appena', 'dopo', 'quando',
];
const STRONG_TIE = words(STRONG_TIE_WORDS);
const COND_TIE = words(COND_TIE_WORDS);
const REVIEW_ACTION = `(?:${ASK}|${CHANGE})`;
const REVIEW_OBJ = `(?:${REVIEW}|${STARS5})`;
const CHANGED = `(?:${CHANGE}|${EN_PASSIVE}|${words(['gone', 'down', 'off', 'away'])})`;
const TIED_REVIEW = `(?:(?:${STRONG_TIE}${gap(5)}|${COND_TIE}${gap(2)}${REVIEW_ACTION}${gap(3)})${REVIEW_OBJ}|${COND_TIE}${gap(3)}${REVIEW_OBJ}(?:${gap(3)}${CHANGED}|${gap(2)}${STARS5}))`;
const THANKS_BEFORE = new RegExp(`${B}${leet(alt(all('thanks')))}${E}[^.!?]{0,50}$`);
/**
 * Thanks for a change the buyer already made ("Thank you for updating your review", "Merci d'avoir
 * modifié votre avis"): a past act, not a request, unless thanked in advance.
 */
const THANKED_FOR_CHANGE = new RegExp(
  `${B}${alt(all('thanks'))}${E}(?![^.!?]*(?:in advance|d'avance|par avance|im voraus|de antemano|por adelantado|in anticipo|anticipatamente))[^.!?]{0,40}$`,
)
const NO_STRINGS = new RegExp(`${B}${alt(all('noStrings'))}${E}`);
/** "good or bad", "buona o cattiva che sia": the review asked for may be either. */
const EITHER_WAY = /\b(?:(?:good|positive) or (?:bad|negative)|(?:bon(?:ne)?|positi(?:f|ve)) ou (?:mauvaise?|negati(?:f|ve))|(?:gut|positiv) oder (?:schlecht|negativ)|(?:buena|positiva|bueno|positivo) o (?:mala|negativa|malo|negativo)|(?:buona|positiva|buono|positivo) o (?:cattiva|negativa|cattivo|negativo)|either way|regardless|whatever (?:it is|you think))\b/;
const RM = 'review_manipulation';
const REQUEST_WORDS = [
  'could', 'would', 'can', 'please', 'pls', 'any (?:way|chance)', 'mind', 'pourriez', 'pouvez', 'pourrais', 'merci de', 'svp',
  'konnten', 'konnen', 'wurden', 'bitte', 'podria', 'puede', 'podrias', 'puedes', 'por favor', 'le importaria', 'potrebbe',
  'puo', 'potresti', 'puoi', 'per favore', 'la prego', 'ti prego', 'any chance', 'chance', 'kindly', 'possible', 'possibile',
  'posible', 'moglich', 'ce serait', 'serait', 'ware', 'seria', 'sarebbe', 'willing', 'open to', 'consider', 'stp', 'porfa',
];
const REQUEST = words(REQUEST_WORDS);
/** Spanish/Italian change verbs with an attached object pronoun: "subirlas", "quitarla", "toglierla". */
const CLITIC_CHANGE = `${B}(?:sub|quit|borr|elimin|cambi|modific|actualiz|retir|mejor|correg|rimuover|togli|cancell|aggiorn|alz|port|rived|modificar)(?:ir|ar|er|e|a)?(?:la|las|lo|los|le|li)${E}`;
const WANT_WORDS = ['need', 'want', 'get', 'have', 'brauche[n]?', 'mochte[n]?', 'necesit[a-z]*', 'quier[a-z]*', 'voglio', 'vorrei', 'ho bisogno', 'besoin', 'veux', 'voudrais'];
const PRONOUN_WORDS = [
  'it', 'that', 'them', 'this', 'those', 'la', 'le', 'les', 'lo', 'los', 'las', 'das', 'sie', 'die', 'ihn', 'es', 'diese', 'questa', 'quella',
  'esta', 'esa', 'cela', 'ca', 'ce',
];
const PRONOUN = words(PRONOUN_WORDS);

/** Word groups whose presence gates rules (cheap: found with the same anchor index). */
export const GROUP = {
  review: 1,
  change: 2,
  ask: 4,
  incentive: 8,
  tie: 16,
  weakApp: 32,
  warranty: 64,
  register: 128,
  data: 256,
  place: 512,
  mail: 1024,
  address: 2048,
  payApp: 4096,
  everyDay: 8192,
} as const;

const reviewRules: Rule[] = [
  {
    label: RM,
    name: 'change-review',
    anchors: starts(all('changeVerb')),
    requires: GROUP.review,
    pattern: rx(`${CHANGE}${gap(4)}(?:${REVIEW}|${STARS5})`),
    vetoBefore: THANKED_FOR_CHANGE,
  },
  {
    label: RM,
    name: 'review-changed',
    anchors: starts(all('reviewNoun')),
    requires: GROUP.change,
    pattern: rx(`${REVIEW}${gap(3)}(?:${CHANGE_NOT_EN}|${EN_PASSIVE})`),
    // "adjusted based on your feedback" reports a change made because of a review; "Danke, dass Sie
    // Ihre Bewertung aktualisiert haben" thanks for one already made.
    vetoBefore: new RegExp(
      `(?:(?:aufgrund|dank|wegen|gemass|based on|thanks to|suite a|grace a|gracias a|segun|grazie al?|in base al?|secondo)\\s+(?:[a-z]+\\s+){0,2}$)|${THANKED_FOR_CHANGE.source}`,
    ),
    // "your comment allowed us to improve the packaging": the review caused a change; "after your review we
    // changed the supplier": the seller is the one changing.
    vetoMatch: /\b(?:permis|permet|allowed|helped|enabled|led us|geholfen|ermoglicht|permitido|ayudado|permesso|aiutato|we|we've|i've|i have|nous|wir|ich|hemos|abbiamo|wij|hebben we|jag|vi har|zmienilismy|poprawilismy)\b/,
  },
  {
    // "You gave us 2 stars. Could you bump that up?" — a request to change "it" in a message about a review.
    label: RM,
    name: 'request-change-it',
    anchors: starts(REQUEST_WORDS),
    requires: GROUP.review | GROUP.change,
    near: GROUP.change,
    nearWithin: 160,
    pattern: rx(`${REQUEST}${looseGap(6)}(?:${CHANGE}${SEP}${PRONOUN}|${PRONOUN}${SEP}(?:${TOKEN}${SEP}){0,2}${CHANGE}|${CLITIC_CHANGE})`),
    vetoBefore: THANKED_FOR_CHANGE,
    // "it" must be a review: "Puede cambiar la dirección en la página del pedido" changes an address.
    needsText: REVIEW_CONTEXT,
  },
  {
    // The pronoun before the request: "¿la podría cambiar?", "la potrebbe togliere?", "le pourriez-vous modifier ?"
    label: RM,
    name: 'it-request-change',
    anchors: starts(PRONOUN_WORDS),
    requires: GROUP.review | GROUP.change,
    near: GROUP.change,
    nearWithin: 40,
    pattern: rx(`${PRONOUN}${SEP}${REQUEST}${SEP}(?:${TOKEN}${SEP})?(?:${CHANGE}|${CLITIC_CHANGE})`),
    needsText: REVIEW_CONTEXT,
  },
  {
    // "just need that review gone", "want the rating removed": a wish about the state of a review.
    label: RM,
    name: 'want-review-gone',
    anchors: starts(WANT_WORDS),
    requires: GROUP.review,
    pattern: rx(`${words(WANT_WORDS)}${gap(2)}${REVIEW_OBJ}${SEP}(?:${TOKEN}${SEP})?${CHANGED}`),
  },
  {
    // "Could you take it to 5?" in a message about a review or stars.
    label: RM,
    name: 'request-five',
    anchors: starts(REQUEST_WORDS),
    requires: GROUP.review,
    pattern: rx(`${REQUEST}${looseGap(6)}${words(['to', 'a', 'auf', 'in', 'en'])}${SEP}${words(['4', '5', 'four', 'five', 'quatre', 'cinq', 'vier', 'funf', 'cuatro', 'cinco', 'quattro', 'cinque'])}`),
  },
  {
    label: RM,
    name: 'ask-positive-review',
    anchors: starts(all('askVerb')),
    requires: GROUP.review,
    pattern: rx(`${ASK}${gap(5)}(?:${POSITIVE}${gap(2)}${REVIEW}|${REVIEW}${SEP}(?:${TOKEN}${SEP})?${POSITIVE}|${STARS5})`),
    vetoBefore: THANKS_BEFORE,
    // "your review, good or bad": a neutral request
    vetoAround: EITHER_WAY,
  },
  {
    label: RM,
    name: 'positive-review-asked',
    anchors: starts(all('positive'), all('reviewNoun'), STARS5_WORDS),
    requires: GROUP.review | GROUP.ask,
    pattern: rx(`(?:${POSITIVE}${gap(2)}${REVIEW}|${REVIEW}${SEP}(?:${TOKEN}${SEP})?${POSITIVE}|${STARS5})${gap(4)}${ASK}`),
    vetoBefore: THANKS_BEFORE,
    vetoAround: EITHER_WAY,
  },
  {
    label: RM,
    name: 'incentive-for-review',
    anchors: starts(all('incentive')),
    requires: GROUP.review | GROUP.tie,
    near: GROUP.review,
    nearWithin: 260,
    pattern: rx(`${INCENTIVE}${looseGap(8)}${TIED_REVIEW}`),
    vetoBefore: THANKS_BEFORE,
    vetoAround: NO_STRINGS,
  },
  {
    label: RM,
    name: 'review-for-incentive',
    anchors: starts(STRONG_TIE_WORDS, COND_TIE_WORDS),
    requires: GROUP.review | GROUP.incentive,
    near: GROUP.review,
    nearWithin: 120,
    pattern: rx(`${TIED_REVIEW}${looseGap(8)}${INCENTIVE}`),
    vetoBefore: THANKS_BEFORE,
    vetoAround: NO_STRINGS,
  },
];

// ---------------------------------------------------------------------------------------------
// off_platform_contact (besides the contact handles themselves)

const STRONG_APP_WORDS = ['whats ?app', 'watsapp', 'whatsap', 'telegram', 'viber', 'wechat', 'threema', 'kik', 'skype', 'snapchat', 'discord'];
const WEAK_APP_WORDS = ['signal', 'instagram', 'insta', 'ig', 'facebook', 'fb', 'messenger', 'tiktok', 'line', 'twitter', 'x'];
const WEAK_APPS = words(WEAK_APP_WORDS);
const APP_PREP = words(['on', 'via', 'over', 'through', 'per', 'sur', 'par', 'auf', 'uber', 'bei', 'en', 'por', 'su', 'tramite', 'in']);
const QR_WORDS = ['qr(?:[\\s-]?cod(?:e|igo|ice))?', 'cod(?:e|igo|ice) qr'];
// A QR code of the platform's returns, or one printed on the product for its batch or manual, is not a channel.
const NOT_OURS =
  /marketplace|return label|retour|etiquette|rucksende|etikett|devolucion|etiqueta|reso|etichetta|drop[- ]?off|post office|la poste|packstation|printed|imprime|gedruckt|impreso|stampato|gedrukt|impresso|nadrukowan|tryckt|batch|\blot\b|\blote\b|lotto|\bcharge|partij|partia|manual|instructions|notice|anleitung|instrucciones|istruzioni|handleiding|ingredient/;
const WARRANTY_WORDS = ['warranty', 'guarantee', 'garantie', 'garantia', 'garanzia', 'product registration', 'extended warranty'];
const WARRANTY = words(WARRANTY_WORDS);
const REGISTER = words(all('registerAction'));
const DATA = words(all('dataRequest'));
const ENTER_WORDS = [
  'enter', 'fill (?:in|out)', 'submit', 'provide', 'type', 'saisi[a-z]*', 'rempli[a-z]*', 'renseign[a-z]*', 'eingeben',
  'geben sie', 'ausfull[a-z]*', 'introduc[a-z]*', 'rellen[a-z]*', 'indique', 'inserisc[a-z]*', 'inserire', 'compila[a-z]*',
];
const PLACE_WORDS = [
  'site', 'website', 'form', 'page', 'link', 'formulaire', 'lien', 'formular', 'webseite', 'seite', 'formulario', 'web', 'pagina',
  'enlace', 'modulo', 'sito',
];
const PLACE = words(PLACE_WORDS);
const ON_PLATFORM = /marketplace|platform|plateforme|plattform|piattaforma|plataforma/;
const OPC = 'off_platform_contact';

/**
 * A channel mentioned under negation in the same clause: "we never need your private e-mail",
 * "No need to share your phone number", "ne demandons jamais votre e-mail personnel", "nunca le
 * pediremos su correo personal", "non le chiederemo mai l'e-mail personale". Not "don't hesitate to
 * ...", "never mind, ...". Tested on the text before a match; the clause ends at . ! ? ; , and at "but".
 */
const NEGATED = new RegExp(
  `${B}(?:never(?! mind)|jamais|nie|niemals|nunca|jamas|mai|no need|needn'?t|not (?:need|necessary|required)|` +
    `(?:don'?t|do not|does not|doesn'?t|won'?t|will not|shall not|would not|wouldn'?t) (?:ever |really |even )?(?:need|ask|request|require|want|collect|share|give|send|use)|` +
    `no (?:hace falta|necesit[a-z]*|pedimos|pediremos|solicitamos|compart[a-z]*|(?:le|te) (?:pedimos|pediremos))|pas besoin|inutile de|` +
    `nicht (?:nach|notig|erforderlich)|kein(?:e|en)? (?:bedarf|grund)|ohne (?:ihre|deine)|` +
    `non (?:serve|c'?e bisogno|(?:le |ti |vi )?(?:chied|richied|condivid)[a-z]*)|(?:ne|n') ?[a-z]+ (?:jamais|pas|plus))${E}` +
    `(?![^.!?;,]*${B}(?:but|mais|aber|pero|ma|however)${E})[^.!?;,]*$`,
);

// Payment accounts (PayPal, Venmo...): asking for the buyer's account moves money and contact off
// the platform, so "send me your PayPal (e-mail)" is off-platform contact. Merely naming PayPal as
// the way a refund was made ("refunded via PayPal") is not.
const PAY_APP = words(['paypal', 'venmo', 'revolut', 'zelle', 'cash ?app', 'bizum', 'lydia', 'satispay', 'wise', 'iban']);
const GIVE_WORDS = [
  'send', 'give', 'share', 'tell', 'drop', 'pass', 'provide', "what'?s", 'what is', 'need', 'envoy[a-z]*', 'donn[a-z]*', 'communiqu[a-z]*',
  'indiqu[a-z]*', 'quel(?:le)? est', 'schick[a-z]*', 'send[a-z]*', 'geb[a-z]*', 'gib', 'nenn[a-z]*', 'pas[ae]me', 'pasa[a-z]*', 'mand[a-z]*',
  'envi[a-z]*', 'dame', 'dime', 'deme', 'dammi', 'dimmi', 'passami', 'invi[a-z]*', 'mi dia', 'mi dica', 'cual es', 'qual e',
];
const YOUR = words(['your', 'ur', 'yr', 'votre', 'ton', 'ta', 'vos', 'ihre[nr]?', 'deine[nr]?', 'dein', 'tu', 'tus', 'su', 'sus', 'tuo', 'tua', 'suo', 'sua']);
const MAIL_WORDS = ['e-?mails?', 'mails?', 'correos?', 'courriels?', 'inbox', 'posta elettronica'];
const MAIL = words(MAIL_WORDS);
const SPAM_WORDS = [
  'spam[a-z]*', 'junk', 'inbox', 'posteingang', 'boite de reception', 'courrier indesirable', 'indesirables', 'bandeja(?: de entrada)?',
  'correo no deseado', 'casella(?: di posta)?', 'posta indesiderata',
];
const REPLY_WORDS = ['repl[a-z]*', 'respond', 'answer', 'write back', 'repond[a-z]*', 'antwort[a-z]*', 'contest[a-z]*', 'respond[a-z]*', 'rispond[a-z]*'];
const THERE = words([
  'there', 'to (?:it|that|my e-?mail|the e-?mail|our e-?mail)', 'la-bas', 'dort', 'darauf', 'por ahi', 'alli', 'ahi', 'li', 'by e-?mail',
  'per e-?mail', 'par (?:e-?)?mail', 'per mail', 'via (?:e-?)?mail', 'por (?:correo|e-?mail|mail)',
]);
const SENT_WORDS = [
  'sent', 'wrote', 'emailed', 'e-mailed', 'ecrit', 'envoye', 'geschrieben', 'geschickt', 'gesendet', 'gemailt', 'escrito', 'mandado',
  'enviado', 'mande', 'envie', 'scritto', 'mandato', 'inviato',
];

const contactRules: Rule[] = [
  {
    label: OPC,
    name: 'ask-payment-account',
    anchors: starts(GIVE_WORDS),
    requires: GROUP.payApp,
    pattern: rx(`${words(GIVE_WORDS)}${looseGap(3)}${YOUR}${looseGap(3)}${PAY_APP}`),
    vetoBefore: NEGATED,
  },
  {
    // "check your spam folder, we wrote to you": the conversation moved to e-mail.
    label: OPC,
    name: 'check-spam',
    anchors: starts(SPAM_WORDS),
    requires: GROUP.mail,
    pattern: rx(words(SPAM_WORDS)),
    vetoAround: ON_PLATFORM,
  },
  {
    label: OPC,
    name: 'reply-there',
    anchors: starts(REPLY_WORDS),
    requires: GROUP.mail,
    pattern: rx(`${words(REPLY_WORDS)}${looseGap(3)}(?:${THERE}|${MAIL})`),
    vetoAround: ON_PLATFORM,
  },
  {
    // "I've sent you an e-mail", "je vous ai écrit par mail", "le ho scritto una mail"
    label: OPC,
    name: 'sent-email',
    anchors: starts(SENT_WORDS),
    requires: GROUP.mail,
    pattern: rx(`${words(SENT_WORDS)}${looseGap(4)}${MAIL}`),
    vetoMatch: /confirm|tracking|notification|automatic|bestatigung|benachrichtigung|suivi|seguimiento|conferma|spedizione|shipping|versand|envoi|envio/,
    vetoBefore: /(?:marketplace|platform|plateforme|plattform|piattaforma|plataforma|confirmation|bestatigung|confirmacion|conferma)[^.!?]*$/,
    vetoAround: ON_PLATFORM,
  },
  ...phraseRules(OPC, 'contact-phrase', all('contactPhrase'), { vetoBefore: NEGATED }),
  ...phraseRules(OPC, 'messaging-app', STRONG_APP_WORDS),
  {
    label: OPC,
    name: 'contact-on-app',
    anchors: starts(all('contactVerb')),
    requires: GROUP.weakApp,
    pattern: rx(`${words(all('contactVerb'))}${looseGap(4)}${APP_PREP}\\s+${WEAK_APPS}`),
  },
  { label: OPC, name: 'app-message', anchors: starts(WEAK_APP_WORDS), pattern: rx(`${WEAK_APPS}\\s+(?:dm|pm|direct|message|chat)`) },
  { label: OPC, name: 'qr-code', anchors: starts(QR_WORDS), pattern: rx(words(QR_WORDS)), vetoAround: NOT_OURS },
  {
    label: OPC,
    name: 'register-warranty',
    anchors: starts(all('registerAction')),
    requires: GROUP.warranty | GROUP.data,
    pattern: rx(`${REGISTER}${gap(4)}${WARRANTY}${looseGap(12)}${DATA}`),
    vetoAround: ON_PLATFORM,
  },
  {
    label: OPC,
    name: 'warranty-registered',
    anchors: starts(WARRANTY_WORDS),
    requires: GROUP.register | GROUP.data,
    pattern: rx(`${WARRANTY}${gap(3)}${REGISTER}${looseGap(12)}${DATA}`),
    vetoAround: ON_PLATFORM,
  },
  {
    label: OPC,
    name: 'data-entry-form',
    anchors: starts(ENTER_WORDS),
    requires: GROUP.data | GROUP.place,
    pattern: rx(`${words(ENTER_WORDS)}${looseGap(6)}${DATA}${looseGap(8)}${PLACE}`),
    vetoAround: ON_PLATFORM,
  },
];

// ---------------------------------------------------------------------------------------------
// intimidation

const KNOW_WORDS = [
  'know', 'knows', 'have', 'got', 'kenne[n]?', 'weiss', 'wissen', 'habe[n]?', 'sais', 'sait', 'savons', 'connais', 'connaissons', 'ai', 'avons',
  'se', 'sabemos', 'conozco', 'conocemos', 'tengo', 'tenemos', 'so', 'sappiamo', 'conosco', 'conosciamo', 'ho', 'abbiamo',
];
const NAME_WORDS = ['your (?:full )?name', 'votre nom', 'ton nom', 'ihren namen', 'deinen namen', 'su nombre', 'tu nombre', 'come si chiama', 'come ti chiami', 'il suo nome', 'il tuo nome'];
const ADDRESS_WORDS = [
  'where you (?:live|are)', 'your (?:home )?address', 'ou vous habitez', 'ou tu habites', 'votre adresse', 'ton adresse', 'wo sie wohnen', 'wo du wohnst',
  'ihre (?:adresse|anschrift)', 'deine (?:adresse|anschrift)', 'donde vive[s]?', 'su direccion', 'tu direccion', 'dove (?:abita|abiti|vive|vivi)',
  'il suo indirizzo', 'il tuo indirizzo',
];
const MENACE = /think (?:about|carefully|twice)|just saying|careful|watch out|reflechi|attention|uberlegen|vorsicht|pienselo|piensa|cuidado|ci pensi|pensaci|attento|attenta|😉/;
const EVERY_DAY = words([
  'every (?:single )?day', 'daily', 'every (?:single )?hour', 'tous les jours', 'chaque jour', 'jeden tag', 'taglich', 'todos los dias', 'cada dia',
  'ogni giorno', 'tutti i giorni',
]);
const CONTACT_AGAIN_WORDS = [
  'messag[a-z]*', 'writ[a-z]*', 'text[a-z]*', 'call[a-z]*', 'contact[a-z]*', 'email[a-z]*', 'ecri[a-z]*', 'relanc[a-z]*', 'appeler[a-z]*',
  'schreib[a-z]*', 'kontaktier[a-z]*', 'anruf[a-z]*', 'anrufen', 'melde[n]?', 'escrib[a-z]*', 'llam[a-z]*', 'scriver[a-z]*', 'scrivero', 'contatter[a-z]*', 'chiamer[a-z]*',
];

const intimidationRules: Rule[] = [
  ...phraseRules('intimidation', 'threat', all('threat')),
  {
    // "I know your name and where you live", "Tengo su nombre y su dirección. Piénselo bien."
    label: 'intimidation',
    name: 'know-address',
    anchors: starts(KNOW_WORDS),
    requires: GROUP.address,
    pattern: rx(`${words(KNOW_WORDS)}${looseGap(6)}(?:${words(ADDRESS_WORDS)}|${words(NAME_WORDS)}${looseGap(3)}${words(ADDRESS_WORDS)})`),
    // "We have your address" alone is order handling: a name, "where you live" or a menace makes it a threat.
    needsText: new RegExp(`${MENACE.source}|${words(NAME_WORDS)}|${words(['where you live', 'ou vous habitez', 'ou tu habites', 'wo sie wohnen', 'wo du wohnst', 'donde vive[s]?', 'dove (?:abita|abiti|vive|vivi)'])}`),
  },
  {
    // "I'll message you every single day", "je vous écrirai tous les jours"
    label: 'intimidation',
    name: 'contact-every-day',
    anchors: starts(CONTACT_AGAIN_WORDS),
    requires: GROUP.everyDay,
    pattern: rx(`${words(CONTACT_AGAIN_WORDS)}${looseGap(3)}${EVERY_DAY}`),
  },
];


export const RULES: readonly Rule[] = [...reviewRules, ...contactRules, ...intimidationRules];

/** Candidates are encoded as `start * RULE_SLOTS + ruleIndex`. */
export const RULE_SLOTS = 1024;
if (RULES.length >= RULE_SLOTS) throw new Error('too many rules for RULE_SLOTS');

const GROUP_STARTS: readonly (readonly [number, readonly string[]])[] = [
  [GROUP.review, starts(all('reviewNoun'), STARS5_WORDS)],
  [GROUP.change, starts(all('changeVerb'), ['disappear', 'vanish', 'gone', 'goes', 'comes', 'taken', 'weg', 'passer', 'portar', 'subirl'])],
  [GROUP.ask, starts(all('askVerb'))],
  [GROUP.incentive, starts(all('incentive'))],
  [GROUP.tie, starts(STRONG_TIE_WORDS, COND_TIE_WORDS)],
  [GROUP.weakApp, starts(WEAK_APP_WORDS)],
  [GROUP.warranty, starts(WARRANTY_WORDS)],
  [GROUP.register, starts(all('registerAction'))],
  [GROUP.data, starts(all('dataRequest'))],
  [GROUP.place, starts(PLACE_WORDS)],
  [GROUP.mail, ['email', 'mail', 'correo', 'courriel', 'inbox', 'posta']],
  [GROUP.address, starts(ADDRESS_WORDS)],
  [GROUP.payApp, ['paypal', 'venmo', 'revolut', 'zelle', 'cash', 'bizum', 'lydia', 'satispay', 'wise', 'iban']],
  [GROUP.everyDay, ['every', 'daily', 'tous', 'chaque', 'jeden', 'taglich', 'todos', 'cada', 'ogni', 'tutti']],
];

/** One anchor word: the rule it may start (-1 for none) and the groups it belongs to. */
interface AnchorEntry {
  readonly anchor: string;
  readonly rule: number;
  readonly groups: number;
}

/** Anchors by the first one or two characters, as char-code keys. */
const BY_PREFIX = new Map<number, AnchorEntry[]>();
const prefixKey = (word: string, length: number) =>
  length === 1 ? word.charCodeAt(0) : word.charCodeAt(0) * 65536 + word.charCodeAt(1) + 0x10000000;
function index(entry: AnchorEntry): void {
  const key = prefixKey(entry.anchor, Math.min(2, entry.anchor.length));
  const list = BY_PREFIX.get(key) ?? [];
  list.push(entry);
  BY_PREFIX.set(key, list);
}
RULES.forEach((rule, i) => {
  for (const anchor of rule.anchors) index({ anchor, rule: i, groups: 0 });
});
for (const [group, anchors] of GROUP_STARTS) for (const anchor of anchors) index({ anchor, rule: -1, groups: group });

/** What one word starts: the groups it belongs to and the rules anchored on it. */
interface WordInfo {
  readonly groups: number;
  readonly rules: readonly number[];
}
const NOTHING: WordInfo = { groups: 0, rules: [] };

function computeWordInfo(word: string): WordInfo {
  if (word.length === 0) return NOTHING;
  let groups = 0;
  const rules: number[] = [];
  const one = BY_PREFIX.get(prefixKey(word, 1));
  if (one !== undefined) {
    for (const e of one) {
      groups |= e.groups;
      if (e.rule >= 0 && !rules.includes(e.rule)) rules.push(e.rule);
    }
  }
  if (word.length >= 2) {
    const two = BY_PREFIX.get(prefixKey(word, 2));
    if (two !== undefined) {
      for (const e of two) {
        if (!word.startsWith(e.anchor)) continue;
        groups |= e.groups;
        if (e.rule >= 0 && !rules.includes(e.rule)) rules.push(e.rule);
      }
    }
  }
  return groups === 0 && rules.length === 0 ? NOTHING : { groups, rules };
}

/** Words repeat a lot across messages: remember what each one starts (bounded). */
const WORD_CACHE = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 100_000;

/**
 * Looks `word` up: pushes `start * RULE_SLOTS + rule` onto `candidates` for every rule with an
 * anchor the word starts with, and returns the groups the word belongs to.
 */
export function lookupWord(word: string, start: number, candidates: number[]): number {
  let info = WORD_CACHE.get(word);
  if (info === undefined) {
    info = computeWordInfo(word);
    if (WORD_CACHE.size >= WORD_CACHE_LIMIT) WORD_CACHE.clear();
    WORD_CACHE.set(word, info);
  }
  for (const rule of info.rules) candidates.push(start * RULE_SLOTS + rule);
  return info.groups;
}
