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
import { NUMBER_WORDS, normaliseWithTokens, toOriginal } from './classify/normalise';
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

const DOT_WORD = '(?:dot|punto|point|punkt|ponto|kropka|punt|prick)';
const AT_WORD = '(?:at|arroba|arobase|chiocciola|klammeraffe|malpa|apenstaartje|snabel-?a)';
const OPEN = '[\\[({<]';
const CLOSE = '[\\])}>]';
const BRACKET_DOT = `\\s*${OPEN}\\s*(?:${DOT_WORD}|\\.)\\s*${CLOSE}\\s*`;
const DOTSEP = `(?:${BRACKET_DOT}|\\s+${DOT_WORD}\\s+|\\s?\\.\\s?)`;
const ATSEP = `(?:\\s*${OPEN}\\s*(?:${AT_WORD}|@)\\s*${CLOSE}\\s*|@|\\s{1,3}@\\s{1,3}|\\s+${AT_WORD}\\s+)`;
const WORD = '[a-z0-9](?:[a-z0-9_%+-]{0,62}[a-z0-9])?';
/** A domain label: no underscore ("jane@gmail.com_receipt.pdf" ends at ".com"). */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?';
// Every repetition is bounded (a local part of at most 8 dotted words, a domain of at most 6 labels)
// so that no pattern can backtrack over a whole hostile text ("a dot a dot a dot ...").

/** Top-level domains accepted when the dot is obfuscated or the link has no scheme. */
const KNOWN_TLDS = new Set(
  (
    'com net org info biz io co me uk fr de es it eu ch at be nl pt pl us ca au ie lu ru cn ' +
    'shop store online site xyz app dev email link ly gl gd cc tv to id ee in click page top live ' +
    'se no fi dk jp br cz sk hu ro gr mx ar so gle ai gg sh ws nu fm'
  ).split(' '),
);
/** TLDs that are also everyday words in our languages: a bare "word.it" needs more evidence. */
const AMBIGUOUS_TLDS = new Set(['it', 'de', 'es', 'me', 'to', 'co', 'at', 'in', 'id', 'be', 'us', 'ee', 'page', 'live', 'top', 'link', 'click', 'email', 'se', 'no', 'fi', 'so', 'ai', 'sh', 'ar', 'nu', 'ro', 'mx']);
const TLD_ALT = [...KNOWN_TLDS].sort((a, b) => b.length - a.length).join('|');

const MAIL_PROVIDERS = new Set([
  'gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'yahoo', 'icloud', 'me', 'aol', 'gmx', 'web', 'proton',
  'protonmail', 'orange', 'free', 'laposte', 'sfr', 'wanadoo', 't-online', 'libero', 'virgilio', 'tiscali', 'alice',
  'tim', 'yandex', 'mail', 'msn', 'freenet', 'arcor', 'telefonica', 'movistar', 'terra', 'ymail',
  'wp', 'onet', 'interia', 'o2', 'seznam', 'ziggo', 'kpn', 'telenet', 'sapo', 'bol', 'uol', 'telia', 'bredband', 'yahoo', 'planet',
]);

const LOCAL_STOPWORDS = new Set([
  'me', 'us', 'you', 'him', 'her', 'them', 'it', 'this', 'that', 'home', 'work', 'or', 'and', 'look', 'arrive',
  'arrived', 'is', 'are', 'was', 'be', 'back',
]);


interface Found {
  kind: HandleKind;
  value: string;
  /** normalised offsets */
  nStart: number;
  nEnd: number;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses: `a@b.com`, `a @ b . com`, `a [at] b [dot] com`, `a at b dot com`, `a arroba b punto com`.

const EMAIL = new RegExp(`(?<![a-z0-9._%+-])${WORD}(?:${DOTSEP}${WORD}){0,8}${ATSEP}${LABEL}(?:${DOTSEP}${LABEL}){1,6}`, 'g');
const AT_WORDS = new Set(['at', 'arroba', 'arobase', 'chiocciola', 'klammeraffe', 'malpa', 'apenstaartje', 'snabel']);
const AT_FOLLOW = new RegExp(`\\s*[\\])}>]?\\s*${LABEL}(?:${DOTSEP}${LABEL}){0,6}?(?:${BRACKET_DOT}|\\s+${DOT_WORD}\\s+|\\.[a-z])`, 'y');
const PART = new RegExp(`(${ATSEP})|(${DOTSEP})|(${WORD})`, 'y');
/** File extensions: an address in an attachment name ("jane@gmail.com.pdf") ends before them. */
const FILE_EXTENSIONS = new Set(['pdf', 'jpg', 'jpeg', 'png', 'gif', 'heic', 'webp', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'txt', 'zip', 'rar', 'odt', 'rtf', 'mp4', 'mov']);

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
    // a word runs on past the match only where the address ended at a character a domain cannot hold
    pieces.push({ kind, text: at + m[0].length > to ? m[0].slice(0, to - at) : m[0], start: at });
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

/**
 * An address cut across lines, the "@" starting the last one ("help.desk\nlumenlight\n@gmail.com"):
 * each line before it is one word of the local part, read joined.
 */
const LINE_EMAIL = new RegExp(`(?<![a-z0-9._%+-])((?:[a-z0-9._%+-]{1,64}[ \\t]*\\n){1,4})[ \\t]*@\\n?(${LABEL}(?:\\.${LABEL}){1,6})`, 'g');

function findLineEmails(text: string, out: Found[]): void {
  if (!text.includes('\n@')) return;
  LINE_EMAIL.lastIndex = 0;
  for (let m = LINE_EMAIL.exec(text); m !== null; m = LINE_EMAIL.exec(text)) {
    const local = (m[1] ?? '').replace(/\s+/g, '');
    const domain = m[2] ?? '';
    const tld = domain.split('.').pop() ?? '';
    if (local.length < 3 || !KNOWN_TLDS.has(tld) || isAllowedLinkHost(domain)) continue;
    out.push({ kind: 'email', value: `${local}@${domain}`, nStart: m.index, nEnd: m.index + m[0].length });
  }
}

function findEmails(n: Normalised, tokens: readonly Token[], out: Found[]): void {
  const text = n.text;
  findLineEmails(text, out);
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
    if (best > 2 && FILE_EXTENSIONS.has(labels[best - 1] ?? '') && KNOWN_TLDS.has(labels[best - 2] ?? '')) {
      best -= 1;
      const kept = pieces[atIndex + 1 + (best - 1) * 2];
      bestEnd = (kept?.start ?? bestEnd) + (kept?.text.length ?? 0);
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

const SCHEME_URL = /(?<![a-z0-9])(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]{1,2000}/g;
// "name.com", "name [dot] com", "name(.)com", "name [.] com", "name dot com", "name . com"
const DOMAIN_DOT = `(?:\\.|${BRACKET_DOT}|\\s+dot\\s+|\\s\\.\\s)`;
const BARE_URL = new RegExp(
  `(?<![a-z0-9@._/-])((?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?${DOMAIN_DOT}){1,6}(?:${TLD_ALT}))(?![a-z0-9-])(\\/[^\\s<>"'()\\[\\]{}]{0,2000})?`,
  'g',
);
const TRAILING_PUNCT = /[.,;:!?'"]+$/;
const DOMAIN_DOT_ALL = new RegExp(DOMAIN_DOT, 'g');

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

/** True when a bare domain may stand in the text: "name.tld", "name [dot] tld", "name . tld", "name dot tld". */
function mayHaveDomain(text: string, tokens: readonly Token[]): boolean {
  if (tokens.some((t) => t.text === 'dot')) return true;
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
    if (((before >= 97 && before <= 122) || (before >= 48 && before <= 57)) && after >= 97 && after <= 122) return true;
  }
  return false;
}

function findUrls(n: Normalised, tokens: readonly Token[], out: Found[]): void {
  const text = n.text;
  findSpelledDomains(n, tokens, out);
  if (text.includes('http') || text.includes('www')) for (const m of text.matchAll(SCHEME_URL)) {
    const raw = m[0].replace(TRAILING_PUNCT, '');
    const c = canonicalUrl(raw);
    if (c === null || !c.host.includes('.') || isAllowedLinkHost(c.host)) continue;
    out.push({ kind: 'url', value: c.value, nStart: m.index, nEnd: m.index + raw.length });
  }
  // One pass over the text when any dot could start a domain: scanning window by window restarted
  // the search at every window and went quadratic on texts like "a.b " repeated.
  if (!mayHaveDomain(text, tokens)) return;
  BARE_URL.lastIndex = 0;
  for (let m = BARE_URL.exec(text); m !== null; m = BARE_URL.exec(text)) {
    const hostPart = m[1] ?? '';
    const path = (m[2] ?? '').replace(TRAILING_PUNCT, '');
    const host = hostPart.replace(DOMAIN_DOT_ALL, '.');
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

/**
 * A domain with its dot spelled in the message's language ("maisonlumiere point fr", "hausundlicht
 * punkt de", "casaluz punto es", "domiswiatlo kropka pl"). These words are everyday words too ("el
 * punto es que..."), so the name must look like a site name (four characters or more) and the
 * domain must end its clause: a full stop, a comma, a bracket or the end of the text follows it.
 */
const SPELLED_DOT = '(?:point|punkt|punto|punt|ponto|kropka|prick)';
const SPELLED_DOMAIN = new RegExp(
  `(?<![a-z0-9@._/-])(${LABEL})((?:\\s+${SPELLED_DOT}\\s+${LABEL}){0,2})\\s+${SPELLED_DOT}\\s+(${TLD_ALT})(?=\\s*(?:[.,;:!?)\\]]|$))`,
  'g',
);
const SPELLED_DOT_WORDS = new Set(['point', 'punkt', 'punto', 'punt', 'ponto', 'kropka', 'prick']);

function findSpelledDomains(n: Normalised, tokens: readonly Token[], out: Found[]): void {
  if (!tokens.some((t) => SPELLED_DOT_WORDS.has(t.text))) return;
  const text = n.text;
  SPELLED_DOMAIN.lastIndex = 0;
  for (let m = SPELLED_DOMAIN.exec(text); m !== null; m = SPELLED_DOMAIN.exec(text)) {
    const name = m[1] ?? '';
    const middle = (m[2] ?? '').split(/\s+/).filter((w) => w !== '' && !SPELLED_DOT_WORDS.has(w));
    const tld = m[3] ?? '';
    // "a questo punto it." is no site: an everyday top-level domain needs a name no everyday word is
    const siteLike = /[-0-9]/.test(name) || middle.length > 0 || name.length >= (AMBIGUOUS_TLDS.has(tld) ? 7 : 4);
    if (!siteLike || /^\d+$/.test(name)) continue;
    const host = [name, ...middle, tld].join('.');
    const c = canonicalUrl(host);
    if (c === null || isAllowedLinkHost(c.host)) continue;
    out.push({ kind: 'url', value: c.value, nStart: m.index, nEnd: m.index + m[0].length });
  }
}

// ---------------------------------------------------------------------------------------------
// Messaging-app handles: `WhatsApp: @name`, `insta @name`, `telegram: name`, `@name on Instagram`.

const APP_NAMES: Readonly<Record<string, string>> = {
  whatsapp: 'whatsapp', 'whats app': 'whatsapp', 'tele gram': 'telegram', 'insta gram': 'instagram', 'snap chat': 'snapchat', 'we chat': 'wechat', watsapp: 'whatsapp', wa: 'whatsapp', telegram: 'telegram', tg: 'telegram',
  signal: 'signal', instagram: 'instagram', insta: 'instagram', ig: 'instagram', snapchat: 'snapchat', snap: 'snapchat',
  facebook: 'facebook', fb: 'facebook', messenger: 'facebook', viber: 'viber', wechat: 'wechat', line: 'line',
  skype: 'skype', discord: 'discord', tiktok: 'tiktok', kik: 'kik', threema: 'threema', x: 'x', twitter: 'x',
};
const APP_ALT = Object.keys(APP_NAMES)
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(' ', '\\s{0,3}'))
  .join('|');
const HANDLE_AFTER = new RegExp(
  `(?<![a-z0-9])(${APP_ALT})(?:\\s*(?:id|name|handle|user(?:name)?|account|profile))?\\s*(?:[:=]\\s*@?\\s?|(?:is|est|c'?\\s?est|ist|lautet|es|e|->)?\\s*@\\s?)([a-z0-9][a-z0-9._]{1,31}[a-z0-9])`,
  'g',
);
const HANDLE_BEFORE = new RegExp(
  `(?<![a-z0-9.])@([a-z0-9][a-z0-9._]{1,31}[a-z0-9])\\s+(?:on|sur|auf|bei|en|in|su|via|per)\\s+(${APP_ALT})(?![a-z])`,
  'g',
);
/**
 * A handle followed by its channel's name in brackets or after a dash: "@care_team29 (Telegram)",
 * "care_team29 - WhatsApp". Without the "@" the name must look like a handle (a digit, "_" or "."
 * inside it), so "Contact us - WhatsApp" or "Pure Studio (Instagram)" is not one.
 */
const SUFFIX_APPS = ['whatsapp', 'whats app', 'watsapp', 'telegram', 'tele gram', 'instagram', 'insta gram', 'insta', 'snapchat', 'snap chat', 'facebook', 'messenger', 'viber', 'wechat', 'we chat', 'skype', 'discord', 'tiktok', 'threema']
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(' ', '\\s{0,3}'))
  .join('|');
const HANDLE_SUFFIXED = new RegExp(
  `(?<![a-z0-9._@])(@\\s?)?([a-z0-9][a-z0-9._]{1,31}[a-z0-9])\\s*(?:[([{]\\s*|[-\u2013\u2014]\\s+|\\s[-\u2013\u2014]\\s*)(${SUFFIX_APPS})(?![a-z])(?:\\s*[)\\]}])?`,
  'g',
);
const HANDLE_LIKE = /[0-9._]/;
const HANDLE_HINT = /@|:|=|[-\u2013\u2014([{]/;

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
  for (const m of text.matchAll(HANDLE_SUFFIXED)) {
    const handle = m[2] ?? '';
    const inner = handle.slice(1, -1);
    if (m[1] === undefined && !(HANDLE_LIKE.test(inner) && /[a-z]/.test(handle))) continue;
    if (/^\d+$/.test(handle)) continue; // a number: the phone finder's
    if (APP_WORDS.has(handle)) continue;
    const app = APP_NAMES[(m[3] ?? '').replace(/\s/g, ' ')] ?? APP_NAMES[(m[3] ?? '').replace(/\s/g, '')] ?? 'app';
    out.push({ kind: 'messaging', value: `${app}:${handle}`, nStart: m.index, nEnd: m.index + m[0].length });
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
  /(?:(?<![a-z])(?:sn|s\/n|p\/n|pn|uid|che|eori|mwst|segnacoll|collo|lotnr|charge|seryj|teil|kunden|rechnungs|auftrags|vat|tva|ust|iva|btw|moms|siret|siren|rcs|hrb|hra|kvk|nip|regon|krs|nif|cif|org|company|registr|steuer|partita|rea|spare|part|ersatzteil|onderdeel|pieza|pezzo|piece|peca|czesc|serien|serial|serie|tracciamento|sendungs|kolli|przesylk|trace|shipment|envio|paczk|waybill|awb|sandning|forsandelse|guia|rastreio|registo|ldv|raccomandata|estafeta|dhl|gls|dpd|ups|fedex|ctt|correios|colissimo|chronopost|brt|postnord|inpost|hermes|oe|rut|reservdel)|部品番号|登録番号|製造番号|品番|伝票番号|法人番号|追跡番号|注文番号|型番|シリアル|order|tracking|track|commande|bestell|pedido|ordine|sendung|suivi|seguimiento|spedizion|invoice|factur|rechnung|fattura|sku|ean|upc|isbn|gtin|asin|ref|referen|artikel|articulo|articolo|article|serial|serie|parcel|colis|paket|paquete|pacco|iban|bic|account|compte|konto|cuenta|conto|model|item|lot|batch|no\.|nr\.|n°|#|ticket|case|fall|caso|dossier|code|codice|codigo|transaction|payment|zahlung|pago|pagamento|paiement)[^0-9]{0,25}$/;
const ID_CODE_TAIL = /\s(?:[a-z]{2}|(?=[a-z0-9]{0,3}\d)[a-z0-9]{1,4})\s*$/;
const PHONE_CONTEXT =
  /(?:phone|tel|call|ring|text|sms|mobile|cell|whatsapp|whats app|telegram|signal|viber|reach me|telephone|portable|appel|numero perso|handy|telefon|anruf|ruf|movil|telefono|llam|cellulare|chiama|call me|my number|mi numero|mon numero|il mio numero|meine nummer)[^0-9]{0,25}$/;
const COUNTRIES_TRUNK: readonly CountryCode[] = ['GB', 'FR', 'DE', 'IT', 'ES', 'US'];
const COUNTRIES_NO_TRUNK: readonly CountryCode[] = ['US', 'IT', 'ES', 'FR', 'DE', 'GB'];
const LANG_COUNTRY: Readonly<Record<string, CountryCode>> = { en: 'GB', fr: 'FR', de: 'DE', es: 'ES', it: 'IT', nl: 'NL', pt: 'PT', pl: 'PL', sv: 'SE', ja: 'JP' };

/** Phone parsing is the finder's dearest step: remember answers (bounded). */
const PHONE_CACHE = new Map<string, string | null>();
const PHONE_CACHE_LIMIT = 20_000;

function phoneValue(candidate: string, hint: CountryCode | undefined, context: boolean): string | null {
  const key = `${hint ?? ''}|${context ? 1 : 0}|${candidate}`;
  const cached = PHONE_CACHE.get(key);
  if (cached !== undefined) return cached;
  const value = parsePhone(candidate, hint, context);
  if (PHONE_CACHE.size >= PHONE_CACHE_LIMIT) PHONE_CACHE.clear();
  PHONE_CACHE.set(key, value);
  return value;
}

function parsePhone(candidate: string, hint: CountryCode | undefined, context: boolean): string | null {
  const compact = candidate.replace(/[\s()./-]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const p = parsePhoneNumberFromString(`+${compact.replace(/^\+|^00/, '')}`);
    if (p === undefined) return null;
    // A number written with "+" and a country code is a phone number when it is a possible one.
    return p.isValid() || (p.isPossible() && (context || compact.startsWith('+'))) ? p.number : null;
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

/** Digit groups of a number cut in two by words: "starts with 07700. The rest is 900123." */
const DIGIT_GROUP = /(?<![a-z0-9+])\+?\d(?:[\d ]{0,10}\d)?(?![a-z0-9])/g;
const SPLIT_GAP = /^[^0-9@]{1,48}$/;
const SPLIT_CONTEXT =
  /(?<![a-z])(?:phone|tel(?:efono|efon|ephone)?|mobile|cell|number|numero|nummer|whats ?app|sms|handy|movil|cellulare|portable|call|text|ring|appel|anruf|llam|chiam)/;

function findSplitPhones(n: Normalised, out: Found[], hint: CountryCode | undefined, taken: readonly Found[]): void {
  const text = n.text;
  let previous: { start: number; end: number; digits: string } | undefined;
  let scanned = 0;
  let next = 0;
  for (const m of text.matchAll(DIGIT_GROUP)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: m[0].replace(/ /g, '') };
    const pair = previous;
    previous = group;
    if (pair === undefined || scanned++ > 2_000) continue;
    if (pair.digits.length < 2 || group.digits.length < 3) continue;
    // `taken` is in text order: skip the phones that end before this pair, then test the next one
    while (next < taken.length && (taken[next]?.nEnd ?? 0) <= pair.start) next += 1;
    const phone = taken[next];
    if (phone !== undefined && phone.nStart < group.end) continue;
    const gap = text.slice(pair.end, group.start);
    if (!SPLIT_GAP.test(gap)) continue;
    // only a number said to be a phone, and cut by words, not by punctuation inside an id
    if (!/[a-z]{2}/.test(gap) || /[\d][-/.]$/.test(text.slice(Math.max(0, pair.start - 2), pair.start))) continue;
    if (ID_CONTEXT.test(gap)) continue;
    const before = text.slice(Math.max(0, pair.start - 40), pair.start);
    const said = SPLIT_CONTEXT.exec(before);
    const id = ID_CONTEXT.exec(before);
    if (said === null || (id !== null && id.index > said.index)) continue;
    const digits = pair.digits + group.digits;
    if (digits.replace('+', '').length < 9) continue;
    const value = phoneValue(digits, hint, true);
    if (value === null) continue;
    out.push({ kind: 'phone', value, nStart: pair.start, nEnd: group.end });
    previous = undefined;
  }
}

function findPhones(n: Normalised, out: Found[], hint: CountryCode | undefined): void {
  const text = n.text;
  const firstFound = out.length;
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
    // a short code between the word and the number ("suivi 6A 123...", "TVA FR 12 345...") belongs to the id
    const idMatch = ID_CONTEXT.exec(before.replace(ID_CODE_TAIL, ' ').replace(ID_CODE_TAIL, ' ').replace(ID_CODE_TAIL, ' '));
    const phoneMatch = PHONE_CONTEXT.exec(before);
    const international = /^(?:\+|00)/.test(raw);
    // "order number 1234..." names an id; "phone number 1234..." a phone: the nearer word decides.
    if (idMatch !== null && !international && (phoneMatch === null || phoneMatch.index < idMatch.index)) continue;
    // digits spelled out in words are written that way to pass as a phone number
    const span = toOriginal(n, start, start + raw.length);
    const spelled = /\p{L}/u.test(n.original.slice(span.start, span.end));
    const context = phoneMatch !== null || spelled;
    const digitsOnly = /^\d+$/.test(raw);
    if (digitsOnly && !context && !raw.startsWith('0')) continue; // bare digit strings are ids, not phones
    const value = phoneValue(raw, hint, context);
    if (value === null) continue;
    out.push({ kind: 'phone', value, nStart: start, nEnd: start + raw.length });
  }
  findSplitPhones(n, out, hint, out.slice(firstFound));
}

// ---------------------------------------------------------------------------------------------

/**
 * Cheap pre-scan on lower-cased ASCII text: false only when no handle can be found in it (no "@",
 * fewer than seven digits, no spelled-out digit run, no dot or dot-word before a top-level domain,
 * no link scheme, no messaging-app name before ":" or "=").
 */
const SPELLED = [...NUMBER_WORDS].filter((w) => /^[a-z]+$/.test(w)).join('|');
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

/**
 * How two handles found over the same characters are resolved: an e-mail inside a link's query is
 * kept beside the link (both are hashed); a link inside an e-mail is its domain and is dropped; any
 * other overlap goes to the finder that ran first (e-mail, link, messaging, phone).
 */
function resolveOverlaps(raw: readonly Found[]): Found[] {
  const order = raw.map((f, i) => ({ f, i })).sort((a, b) => a.f.nStart - b.f.nStart || b.f.nEnd - a.f.nEnd || a.i - b.i);
  const kept: { f: Found; i: number }[] = [];
  // Sorted by start, a handle can only overlap the kept ones that end after it starts: the last few.
  for (const candidate of order) {
    let keep = true;
    for (let k = kept.length - 1; k >= 0; k -= 1) {
      const other = kept[k];
      if (other === undefined) break;
      if (other.f.nEnd <= candidate.f.nStart) {
        if (k < kept.length - 8) break;
        continue;
      }
      const inside = candidate.f.nEnd <= other.f.nEnd;
      if (inside && other.f.kind === 'url' && candidate.f.kind === 'email') continue;
      if (other.i < candidate.i || (inside && other.f.kind === 'email')) {
        keep = false;
        break;
      }
      // The candidate ran first: it replaces the later finder's handle.
      kept.splice(k, 1);
    }
    if (keep) kept.push(candidate);
  }
  return kept.map((k) => k.f);
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
  return resolveOverlaps(raw)
    .map((f) => {
      const { start, end } = toOriginal(n, f.nStart, f.nEnd);
      return { kind: f.kind, value: f.value, start, end };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Every contact handle in `text`, left to right (an e-mail inside a link comes right after the
 * link). `lang` is the message's language tag when known, as the classifier gets it.
 */
export function findContactHandles(text: string, lang?: string): ContactHandle[] {
  const { normalised, tokens } = normaliseWithTokens(text);
  return findHandlesInNormalised(normalised, tokens, lang);
}

export interface RedactedText {
  readonly text: string;
  readonly handles: readonly { kind: HandleKind; hash: string }[];
}

/**
 * Replaces each of `handles` (found in `text`) that overlaps `[from, to)` by `[<kind>:<hash>]`, and
 * returns the redacted excerpt `text.slice(from, to)`. A handle cut by the excerpt's edge is
 * replaced whole, so no part of it stays in clear.
 */
export function redactFound(
  text: string,
  handles: readonly ContactHandle[],
  hash: (canonical: string) => string,
  from = 0,
  to = text.length,
): RedactedText {
  let out = '';
  let cursor = from;
  const hashes: { kind: HandleKind; hash: string }[] = [];
  for (const handle of handles) {
    if (handle.end <= from || handle.start >= to) continue;
    const digest = hash(`${handle.kind}:${handle.value}`);
    hashes.push({ kind: handle.kind, hash: digest });
    if (handle.start > cursor) out += text.slice(cursor, handle.start);
    out += `[${handle.kind}:${digest}]`;
    cursor = Math.max(cursor, handle.end);
  }
  if (cursor < to) out += text.slice(cursor, to);
  return { text: out, handles: hashes };
}

/**
 * Replaces every handle by `[<kind>:<hash>]`, where `hash` comes from the caller's keyed hash of the
 * canonical value. Returns the redacted text and the hashes, in order of appearance. It finds every
 * handle the classifier finds in the same text with the same `lang`.
 */
export function redactContactHandles(text: string, hash: (canonical: string) => string, lang?: string): RedactedText {
  return redactFound(text, findContactHandles(text, lang), hash);
}
