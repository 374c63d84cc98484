/**
 * Contact handles in free text: e-mail addresses, phone numbers, links and messaging-app handles,
 * in plain or obfuscated form. Ingestion replaces each one by a keyed hash before anything is
 * stored (so handles can be matched across sellers without being kept in clear), and the
 * classifier's `off_platform_contact` label builds on the same finder.
 *
 * Detection runs on the normalised view of the text (see `classify/normalise.ts`): full-width and
 * look-alike characters, zero-width characters, letters spelled with spaces and spelled-out digits
 * are undone there. Spans are offsets into the text as given, so a caller can cut them out exactly.
 *
 * The platform's own links and addresses (and carrier tracking links) are not handles.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { normaliseWithTokens, toOriginal } from './classify/normalise';
import type { Token } from './classify/tokens';
import type { Normalised } from './classify/normalise';
import { isAllowedLinkHost } from './classify/platform';
import { detectLanguage } from './classify/language';

export type HandleKind = 'email' | 'phone' | 'url' | 'messaging';

export interface ContactHandle {
  readonly kind: HandleKind;
  /** Canonical form used for hashing: lower-cased e-mail, E.164 phone, host+path link, `app:handle`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces (all patterns run on the normalised, lower-cased text).

const DOT_WORD = '(?:dot|punto|point|punkt)';
const AT_WORD = '(?:at|arroba|arobase|chiocciola|klammeraffe)';
const OPEN = '[\\[({<]';
const CLOSE = '[\\])}>]';
const BRACKET_DOT = `\\s*${OPEN}\\s*(?:${DOT_WORD}|\\.)\\s*${CLOSE}\\s*`;
const DOTSEP = `(?:${BRACKET_DOT}|\\s+${DOT_WORD}\\s+|\\s?\\.\\s?)`;
const ATSEP = `(?:\\s*${OPEN}\\s*(?:${AT_WORD}|@)\\s*${CLOSE}\\s*|@|\\s@\\s|\\s+${AT_WORD}\\s+)`;
const WORD = '[a-z0-9](?:[a-z0-9_%+-]{0,62}[a-z0-9])?';

/** Top-level domains accepted when the dot is obfuscated or the link has no scheme. */
const KNOWN_TLDS = new Set(
  (
    'com net org info biz io co me uk fr de es it eu ch at be nl pt pl us ca au ie lu ru cn ' +
    'shop store online site xyz app dev email link ly gl gd cc tv to id ee in click page top live'
  ).split(' '),
);
/** TLDs that are also everyday words in our languages: a bare "word.it" needs more evidence. */
const AMBIGUOUS_TLDS = new Set(['it', 'de', 'es', 'me', 'to', 'co', 'at', 'in', 'id', 'be', 'us', 'ee', 'page', 'live', 'top', 'link', 'click', 'email']);
const TLD_ALT = [...KNOWN_TLDS].sort((a, b) => b.length - a.length).join('|');

const MAIL_PROVIDERS = new Set([
  'gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'yahoo', 'icloud', 'me', 'aol', 'gmx', 'web', 'proton',
  'protonmail', 'orange', 'free', 'laposte', 'sfr', 'wanadoo', 't-online', 'libero', 'virgilio', 'tiscali', 'alice',
  'tim', 'yandex', 'mail', 'msn', 'freenet', 'arcor', 'telefonica', 'movistar', 'terra', 'ymail',
]);

const LOCAL_STOPWORDS = new Set([
  'me', 'us', 'you', 'him', 'her', 'them', 'it', 'this', 'that', 'home', 'work', 'or', 'and', 'look', 'arrive',
  'arrived', 'is', 'are', 'was', 'be', 'back',
]);

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

interface Found {
  kind: HandleKind;
  value: string;
  /** normalised offsets */
  nStart: number;
  nEnd: number;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses: `a@b.com`, `a @ b . com`, `a [at] b [dot] com`, `a at b dot com`, `a arroba b punto com`.

const EMAIL = new RegExp(`(?<![a-z0-9._%+-])${WORD}(?:${DOTSEP}${WORD})*${ATSEP}${WORD}(?:${DOTSEP}${WORD})+`, 'g');
const AT_WORDS = new Set(['at', 'arroba', 'arobase', 'chiocciola', 'klammeraffe']);
const AT_FOLLOW = new RegExp(`\\s*[\\])}>]?\\s*${WORD}(?:${DOTSEP}${WORD})*?(?:${BRACKET_DOT}|\\s+${DOT_WORD}\\s+|\\.[a-z])`, 'y');
const PART = new RegExp(`(${ATSEP})|(${DOTSEP})|(${WORD})`, 'y');

interface Piece {
  readonly kind: 'at' | 'dot' | 'word';
  readonly text: string;
  readonly start: number;
}

function tokenise(text: string, from: number, to: number): Piece[] {
  const pieces: Piece[] = [];
  PART.lastIndex = from;
  let seenAt = false;
  while (PART.lastIndex < to) {
    const at = PART.lastIndex;
    const m = PART.exec(text);
    if (m === null || m[0].length === 0) break;
    const kind = m[1] !== undefined && !seenAt ? 'at' : m[3] !== undefined ? 'word' : 'dot';
    // An "at" separator after the first one is only a dot candidate if it parses as one.
    if (m[1] !== undefined && seenAt) break;
    if (kind === 'at') seenAt = true;
    pieces.push({ kind, text: m[0], start: at });
  }
  return pieces;
}

const isPlainDot = (sep: string) => sep === '.';
const isSpacedDot = (sep: string) => /^\s?\.\s?$/.test(sep) && sep !== '.';

function tldOk(label: string, seps: readonly string[]): boolean {
  if (!/^[a-z]{2,24}$/.test(label)) return false;
  if (seps.every(isPlainDot)) return true;
  return KNOWN_TLDS.has(label);
}

/** Where an e-mail address may have its separator: every "@", and "at"-words followed by a dotted name. */
function emailAnchors(n: Normalised, tokens: readonly Token[]): number[] {
  const text = n.text;
  const anchors: number[] = [];
  for (let p = text.indexOf('@'); p !== -1; p = text.indexOf('@', p + 1)) anchors.push(p);
  for (const t of tokens) {
    if (!AT_WORDS.has(t.text)) continue;
    AT_FOLLOW.lastIndex = t.end;
    if (AT_FOLLOW.test(text)) anchors.push(t.start);
  }
  return anchors;
}

function findEmails(n: Normalised, tokens: readonly Token[], out: Found[]): void {
  const text = n.text;
  const anchors = emailAnchors(n, tokens);
  if (anchors.length === 0) return;
  // Scan only from a little before the first separator (a local part is at most 64 characters).
  const first = Math.min(...anchors);
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, first - 70)));
  EMAIL.lastIndex = from;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    // A rejected match may hide a real address starting inside it ("me at john.smith@...").
    EMAIL.lastIndex = m.index + 1;
    const pieces = tokenise(text, m.index, m.index + m[0].length);
    const atIndex = pieces.findIndex((p) => p.kind === 'at');
    const atPiece = pieces[atIndex];
    if (atPiece === undefined) continue;
    const atKind = atPiece.text.includes('@') ? (/[[({<]/.test(atPiece.text) ? 'bracket' : 'symbol') : /[[({<]/.test(atPiece.text) ? 'bracket' : 'word';

    // Local part: walk back from the separator while the dots are unambiguous (no sentence break).
    let first = atIndex - 1;
    while (first >= 2) {
      const sep = pieces[first - 1];
      if (sep === undefined || sep.kind !== 'dot' || isSpacedDot(sep.text)) break;
      first -= 2;
    }
    const localWords = [];
    for (let i = first; i < atIndex; i += 2) localWords.push(pieces[i]?.text ?? '');
    const local = localWords.join('.');
    if (atKind === 'word' && localWords.length === 1 && LOCAL_STOPWORDS.has(local)) continue;
    if (atKind !== 'word' && atPiece.text !== '@' && localWords.length === 1 && APP_NAMES[local] !== undefined) continue;

    // Domain: the longest run of labels that ends on an acceptable top-level domain.
    const labels: string[] = [];
    const seps: string[] = [];
    let best = -1;
    let bestEnd = 0;
    for (let i = atIndex + 1; i < pieces.length; i += 2) {
      const label = pieces[i];
      if (label === undefined || label.kind !== 'word') break;
      if (i > atIndex + 1) seps.push(pieces[i - 1]?.text ?? '');
      labels.push(label.text);
      if (labels.length >= 2) {
        const strict = atKind === 'word';
        const lastLabel = labels[labels.length - 1] ?? '';
        const ok = strict ? KNOWN_TLDS.has(lastLabel) : tldOk(lastLabel, seps);
        if (ok) {
          best = labels.length;
          bestEnd = label.start + label.text.length;
        }
      }
    }
    if (best < 2) continue;
    const domain = labels.slice(0, best).join('.');
    if (atKind === 'word' && !MAIL_PROVIDERS.has(labels[0] ?? '') && local.length < 3) continue;
    const host = domain;
    if (isAllowedLinkHost(host)) continue;
    const start = pieces[first]?.start ?? m.index;
    out.push({ kind: 'email', value: `${local}@${domain}`, nStart: start, nEnd: bestEnd });
    EMAIL.lastIndex = bestEnd;
  }
}

// ---------------------------------------------------------------------------------------------
// Links: with a scheme or `www.`, or a bare domain with a known top-level domain (also `wa dot me/..`).

const SCHEME_URL = /(?<![a-z0-9])(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/g;
// "name.com", "name [dot] com", "name(.)com", "name [.] com", "name dot com", "name . com"
const DOMAIN_DOT = `(?:\\.|${BRACKET_DOT}|\\s+dot\\s+|\\s\\.\\s)`;
const BARE_URL = new RegExp(
  `(?<![a-z0-9@._/-])((?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?${DOMAIN_DOT})+(?:${TLD_ALT}))(?![a-z0-9-])(\\/[^\\s<>"'()\\[\\]{}]*)?`,
  'g',
);
const TRAILING_PUNCT = /[.,;:!?'"]+$/;

function canonicalUrl(raw: string): { host: string; value: string } | null {
  const withScheme = /^https?:\/\//.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    const host = url.hostname.replace(/^www\./, '');
    const path = url.pathname === '/' ? '' : url.pathname;
    return { host, value: `${host}${path}${url.search}`.toLowerCase() };
  } catch {
    return null;
  }
}

/** Start offsets of the words around which a bare domain may stand: "name.tld", "name [dot] tld", "name dot tld". */
function domainWindows(text: string, tokens: readonly Token[]): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  const add = (p: number, b = p - 1, a = p + 1) => {
    const from = text.lastIndexOf(' ', b) + 1;
    let to = text.indexOf(' ', a);
    if (to === -1) to = text.length;
    const last = windows[windows.length - 1];
    if (last !== undefined && from <= last.to) last.to = Math.max(last.to, to);
    else windows.push({ from, to });
  };
  for (let p = text.indexOf('.'); p !== -1; p = text.indexOf('.', p + 1)) {
    // skip one space or bracket either side: "name . com", "name(.)com", "name [.] com"
    let b = p - 1;
    if (b >= 0 && /[\s([{<]/.test(text.charAt(b))) b -= 1;
    if (b >= 0 && text.charAt(b) === ' ') b -= 1;
    let a = p + 1;
    if (/[\s)\]}>]/.test(text.charAt(a))) a += 1;
    if (text.charAt(a) === ' ') a += 1;
    const before = text.charCodeAt(b);
    const after = text.charCodeAt(a);
    if (((before >= 97 && before <= 122) || (before >= 48 && before <= 57)) && after >= 97 && after <= 122) add(p, b, a);
  }
  if (windows.length > 0 || tokens.some((t) => t.text === 'dot')) {
    // obfuscated dots span spaces: fall back to the whole text
    if (tokens.some((t) => t.text === 'dot')) return [{ from: 0, to: text.length }];
  }
  return windows;
}

function findUrls(n: Normalised, tokens: readonly Token[], out: Found[]): void {
  const text = n.text;
  if (text.includes('http') || text.includes('www')) for (const m of text.matchAll(SCHEME_URL)) {
    const raw = m[0].replace(TRAILING_PUNCT, '');
    const c = canonicalUrl(raw);
    if (c === null || !c.host.includes('.') || isAllowedLinkHost(c.host)) continue;
    out.push({ kind: 'url', value: c.value, nStart: m.index, nEnd: m.index + raw.length });
  }
  for (const w of domainWindows(text, tokens)) {
    BARE_URL.lastIndex = w.from;
    for (let m = BARE_URL.exec(text); m !== null && m.index < w.to; m = BARE_URL.exec(text)) {
    const hostPart = m[1] ?? '';
    const path = (m[2] ?? '').replace(TRAILING_PUNCT, '');
    const host = hostPart.replace(new RegExp(DOMAIN_DOT, 'g'), '.');
    const labels = host.split('.');
    const tld = labels[labels.length - 1] ?? '';
    const name = labels[labels.length - 2] ?? '';
    const obfuscated = host.length !== hostPart.length || hostPart !== host;
    // A spaced dot is also a typo between sentences ("arrived . it was"): only a site-like name counts.
    if (/\s\.\s/.test(hostPart) && !/[-0-9]/.test(name) && (AMBIGUOUS_TLDS.has(tld) || name.length < 5)) continue;
    if (AMBIGUOUS_TLDS.has(tld) && path.length <= 1 && !obfuscated) {
      // "arrived.It was broken" is a missing space; "ricambi-auto.it" is a link. Trust the latter
      // only when written in lower case and the name looks like a site name.
      const tldAt = toOriginal(n, m.index + hostPart.length - tld.length, m.index + hostPart.length);
      const originalTld = n.original.slice(tldAt.start, tldAt.end);
      if (originalTld !== originalTld.toLowerCase() || !(/[-0-9]/.test(name) || labels.length > 2)) continue;
    }
    if (/^\d+$/.test(name)) continue; // version numbers, "2.de"
    const c = canonicalUrl(`${host}${path}`);
    if (c === null || isAllowedLinkHost(c.host)) continue;
    out.push({ kind: 'url', value: c.value, nStart: m.index, nEnd: m.index + hostPart.length + path.length });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Messaging-app handles: `WhatsApp: @name`, `insta @name`, `telegram: name`, `@name on Instagram`.

const APP_NAMES: Readonly<Record<string, string>> = {
  whatsapp: 'whatsapp', 'whats app': 'whatsapp', watsapp: 'whatsapp', wa: 'whatsapp', telegram: 'telegram', tg: 'telegram',
  signal: 'signal', instagram: 'instagram', insta: 'instagram', ig: 'instagram', snapchat: 'snapchat', snap: 'snapchat',
  facebook: 'facebook', fb: 'facebook', messenger: 'facebook', viber: 'viber', wechat: 'wechat', line: 'line',
  skype: 'skype', discord: 'discord', tiktok: 'tiktok', kik: 'kik', threema: 'threema', x: 'x', twitter: 'x',
};
const APP_ALT = Object.keys(APP_NAMES)
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(' ', '\\s?'))
  .join('|');
const HANDLE_AFTER = new RegExp(
  `(?<![a-z0-9])(${APP_ALT})(?:\\s*(?:id|name|handle|user(?:name)?|account|profile))?\\s*(?:[:=]\\s*@?|(?:is|est|c'?\\s?est|ist|lautet|es|e|->)?\\s*@)([a-z0-9][a-z0-9._]{1,31}[a-z0-9])`,
  'g',
);
const HANDLE_BEFORE = new RegExp(
  `(?<![a-z0-9.])@([a-z0-9][a-z0-9._]{1,31}[a-z0-9])\\s+(?:on|sur|auf|bei|en|in|su|via|per)\\s+(${APP_ALT})(?![a-z])`,
  'g',
);
const HANDLE_HINT = /@|:|=/;

const APP_WORDS = new Set(Object.keys(APP_NAMES).flatMap((a) => a.split(' ')));

function findMessaging(n: Normalised, tokens: readonly Token[], out: Found[]): void {
  const text = n.text;
  if (!HANDLE_HINT.test(text) || !tokens.some((t) => APP_WORDS.has(t.text))) return;
  for (const m of text.matchAll(HANDLE_AFTER)) {
    const app = APP_NAMES[(m[1] ?? '').replace(/\s/g, ' ')] ?? APP_NAMES[(m[1] ?? '').replace(/\s/g, '')] ?? 'app';
    const handle = m[2] ?? '';
    if (/^\d+$/.test(handle) && handle.length >= 7) continue; // a phone number: left to the phone finder
    out.push({ kind: 'messaging', value: `${app}:${handle}`, nStart: m.index, nEnd: m.index + m[0].length });
  }
  for (const m of text.matchAll(HANDLE_BEFORE)) {
    const app = APP_NAMES[(m[2] ?? '').replace(/\s/g, ' ')] ?? APP_NAMES[(m[2] ?? '').replace(/\s/g, '')] ?? 'app';
    out.push({ kind: 'messaging', value: `${app}:${m[1] ?? ''}`, nStart: m.index, nEnd: m.index + m[0].length });
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers (libphonenumber-js decides validity and the E.164 form).

const PHONE_CANDIDATE = /(?<![a-z0-9+])(?:\+|00)?\s?\(?\d[\d\s()./-]{5,22}\d(?![a-z0-9])/g;
/** At least seven digits: fewer cannot make a phone number. */
function enoughDigits(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++count >= 7) return true;
  }
  return false;
}
const DATE_LIKE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$|^\d{1,2}[./]\d{1,2}[./]?\s?-\s?\d{1,2}[./]\d{1,2}/;
const NANP_SHAPE = /^(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}$/;
const ID_CONTEXT =
  /(?:order|tracking|track|commande|bestell|pedido|ordine|sendung|suivi|seguimiento|spedizion|invoice|factur|rechnung|fattura|sku|ean|upc|isbn|gtin|asin|ref|referen|artikel|articulo|articolo|article|serial|serie|parcel|colis|paket|paquete|pacco|iban|bic|account|compte|konto|cuenta|conto|model|item|lot|batch|no\.|nr\.|n°|#|ticket|case|fall|caso|dossier|code|codice|codigo|transaction|payment|zahlung|pago|pagamento|paiement)[^0-9]{0,25}$/;
const PHONE_CONTEXT =
  /(?:phone|tel|call|ring|text|sms|mobile|cell|whatsapp|whats app|telegram|signal|viber|reach me|telephone|portable|appel|numero perso|handy|telefon|anruf|ruf|movil|telefono|llam|cellulare|chiama|call me|my number|mi numero|mon numero|il mio numero|meine nummer)[^0-9]{0,25}$/;
const COUNTRIES_TRUNK: readonly CountryCode[] = ['GB', 'FR', 'DE', 'IT', 'ES', 'US'];
const COUNTRIES_NO_TRUNK: readonly CountryCode[] = ['US', 'IT', 'ES', 'FR', 'DE', 'GB'];
const LANG_COUNTRY: Readonly<Record<string, CountryCode>> = { en: 'GB', fr: 'FR', de: 'DE', es: 'ES', it: 'IT' };

function phoneValue(candidate: string, hint: CountryCode | undefined, context: boolean): string | null {
  const compact = candidate.replace(/[\s()./-]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const p = parsePhoneNumberFromString(`+${compact.replace(/^\+|^00/, '')}`);
    if (p === undefined) return null;
    return p.isValid() || (p.isPossible() && context) || (p.countryCallingCode === '1' && p.isPossible()) ? p.number : null;
  }
  const trunk = compact.startsWith('0');
  if (!trunk && digits.length === 10 && (hint === undefined || hint === 'GB' || hint === 'US')) {
    // Ten digits without a trunk 0 in English text: North American (fictional 555 numbers included).
    const p = parsePhoneNumberFromString(compact, 'US');
    if (p !== undefined && (p.isValid() || (p.isPossible() && (context || NANP_SHAPE.test(candidate.trim()))))) return p.number;
  }
  // Without a hint: numbers with a trunk 0 are European; ten digits without one are North American
  // or Italian mobiles; nine are Spanish.
  const defaults = trunk ? COUNTRIES_TRUNK : COUNTRIES_NO_TRUNK;
  const order = hint === undefined ? defaults : [hint, ...defaults.filter((c) => c !== hint)];
  for (const country of order) {
    const p = parsePhoneNumberFromString(compact, country);
    if (p?.isValid()) return p.number;
  }
  // Fictional North American numbers (555...) are not "valid" but are clearly phone numbers when
  // written like one, or said to be one.
  if (NANP_SHAPE.test(candidate.trim()) && (context || /[\s().-]/.test(candidate.trim()))) {
    const p = parsePhoneNumberFromString(compact, 'US');
    if (p?.isPossible()) return p.number;
  }
  return null;
}

function findPhones(n: Normalised, out: Found[], hint: CountryCode | undefined): void {
  const text = n.text;
  PHONE_CANDIDATE.lastIndex = 0;
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    let raw = m[0];
    let start = m.index;
    const lead = raw.length - raw.trimStart().length;
    raw = raw.trim();
    start += lead;
    if (/^\(/.test(raw) && !raw.includes(')')) {
      raw = raw.slice(1);
      start += 1;
    }
    raw = raw.replace(/[\s(./-]+$/, '');
    if (DATE_LIKE.test(raw)) continue;
    if (/^(?:19|20)\d\d[-/.]/.test(raw)) continue; // "2024-118-55": a year-led reference
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.charAt(start + raw.length);
    if (/[-/.,]\d/.test(text.slice(start + raw.length, start + raw.length + 2)) || /[a-z]/.test(after)) continue;
    if (/\d[-/.,]$/.test(before)) continue;
    const idMatch = ID_CONTEXT.exec(before);
    const phoneMatch = PHONE_CONTEXT.exec(before);
    const international = /^(?:\+|00)/.test(raw);
    // "order number 1234..." names an id; "phone number 1234..." a phone: the nearer word decides.
    if (idMatch !== null && !international && (phoneMatch === null || phoneMatch.index < idMatch.index)) continue;
    const context = phoneMatch !== null;
    const digitsOnly = /^\d+$/.test(raw);
    if (digitsOnly && !context && !raw.startsWith('0')) continue; // bare digit strings are ids, not phones
    const value = phoneValue(raw, hint, context);
    if (value === null) continue;
    out.push({ kind: 'phone', value, nStart: start, nEnd: start + raw.length });
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Cheap pre-scan on lower-cased ASCII text: false only when no handle can be found in it (no "@",
 * fewer than seven digits, no spelled-out digit run, no dot or dot-word before a top-level domain,
 * no link scheme, no messaging-app name before ":" or "=").
 */
const SPELLED = [...DIGIT_WORD_LIST()].join('|');
function DIGIT_WORD_LIST(): string[] {
  return ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'un', 'deux', 'trois', 'quatre', 'cinq', 'sept', 'huit', 'neuf',
    'null', 'eins', 'zwei', 'zwo', 'drei', 'vier', 'funf', 'fuenf', 'sechs', 'sieben', 'acht', 'neun', 'cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis',
    'siete', 'ocho', 'nueve', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];
}
const HANDLE_CUE = new RegExp(
  [
    '@',
    'https?:|www',
    `(?:\\.|\\s\\.\\s|${OPEN}\\s*(?:${DOT_WORD}|\\.)\\s*${CLOSE}|\\s${DOT_WORD}\\s)\\s*(?:${TLD_ALT})(?![a-z0-9-])`,
    `(?<![a-z0-9])(?:${APP_ALT})(?:\\s*[a-z]+)?\\s*[:=]`,
    `(?<![a-z])(?:${SPELLED})[\\s,./-]{1,3}(?:${SPELLED}|\\d)`,
  ].join('|'),
);
export function mayContainHandle(lowerAscii: string): boolean {
  return enoughDigits(lowerAscii) || HANDLE_CUE.test(lowerAscii);
}

/** Handles in an already normalised text, in normalised offsets (used by the classifier). */
export function findHandlesInNormalised(n: Normalised, tokens: readonly Token[], lang?: string): ContactHandle[] {
  const raw: Found[] = [];
  findEmails(n, tokens, raw);
  findUrls(n, tokens, raw);
  findMessaging(n, tokens, raw);
  if (enoughDigits(n.text)) {
    const language = lang?.toLowerCase().slice(0, 2) ?? detectLanguage(tokens);
    findPhones(n, raw, language === undefined ? undefined : LANG_COUNTRY[language]);
  }
  // Earlier finders win over later ones where spans overlap (an e-mail's domain is not also a link).
  const kept: Found[] = [];
  for (const f of raw) {
    const span = { start: f.nStart, end: f.nEnd };
    if (!kept.some((k) => overlaps({ start: k.nStart, end: k.nEnd }, span))) kept.push(f);
  }
  return kept
    .map((f) => {
      const { start, end } = toOriginal(n, f.nStart, f.nEnd);
      return { kind: f.kind, value: f.value, start, end };
    })
    .sort((a, b) => a.start - b.start);
}

/** Every contact handle in `text`, left to right, without overlaps (e-mails and links win over phones). */
export function findContactHandles(text: string): ContactHandle[] {
  const { normalised, tokens } = normaliseWithTokens(text);
  return findHandlesInNormalised(normalised, tokens);
}

/**
 * Replaces every handle by `[<kind>:<hash>]`, where `hash` comes from the caller's keyed hash of the
 * canonical value. Returns the redacted text and the hashes, in order of appearance.
 */
export function redactContactHandles(
  text: string,
  hash: (canonical: string) => string,
): { readonly text: string; readonly handles: readonly { kind: HandleKind; hash: string }[] } {
  const handles = findContactHandles(text);
  let out = '';
  let cursor = 0;
  const hashes: { kind: HandleKind; hash: string }[] = [];
  for (const handle of handles) {
    const digest = hash(`${handle.kind}:${handle.value}`);
    hashes.push({ kind: handle.kind, hash: digest });
    out += `${text.slice(cursor, handle.start)}[${handle.kind}:${digest}]`;
    cursor = handle.end;
  }
  out += text.slice(cursor);
  return { text: out, handles: hashes };
}
