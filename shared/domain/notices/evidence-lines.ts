/**
 * The evidence lines of a seller's notice, in the notice's language, from the case's signals: the
 * seller's own message quoted with the words that breach the policy, a contact handle shown as
 * its kind ("an e-mail address"), never as the hash token it is stored as; the other signals as
 * the plain facts of the statement of reasons (../dsa/facts.ts). Nothing about a buyer but that
 * there was one.
 */
import type { CaseSignal } from '../cases/case-schema';
import { decisionFacts } from '../dsa/facts';
import type { Language } from './languages';

const HANDLE_KINDS: Record<Language, Record<string, string>> = {
  en: { email: 'an e-mail address', phone: 'a phone number', url: 'a web link', messaging: 'a messaging-app handle' },
  fr: { email: 'une adresse e-mail', phone: 'un numéro de téléphone', url: 'un lien web', messaging: 'un identifiant de messagerie' },
  de: { email: 'eine E-Mail-Adresse', phone: 'eine Telefonnummer', url: 'ein Weblink', messaging: 'ein Messenger-Kontakt' },
  es: { email: 'una dirección de correo electrónico', phone: 'un número de teléfono', url: 'un enlace web', messaging: 'un contacto de mensajería' },
  it: { email: 'un indirizzo e-mail', phone: 'un numero di telefono', url: 'un link web', messaging: 'un contatto di messaggistica' },
};

const YOUR_MESSAGE: Record<Language, (day: string, quotes: string) => string> = {
  en: (day, quotes) => `Your message of ${day} on the platform's messaging: ${quotes}`,
  fr: (day, quotes) => `Votre message du ${day} sur la messagerie de la plateforme : ${quotes}`,
  de: (day, quotes) => `Ihre Nachricht vom ${day} über die Nachrichtenfunktion der Plattform: ${quotes}`,
  es: (day, quotes) => `Su mensaje del ${day} en la mensajería de la plataforma: ${quotes}`,
  it: (day, quotes) => `Il suo messaggio del ${day} nella messaggistica della piattaforma: ${quotes}`,
};

/** `[email:0a1b...]` (how evidence stores a handle) becomes `[an e-mail address]`. */
export function describeHandles(text: string, language: Language): string {
  return text.replace(/\[(email|phone|url|messaging):[0-9a-f]+\]/gu, (_token, kind: string) => `[${HANDLE_KINDS[language][kind] ?? kind}]`);
}

/** The quoted words of a seller-message signal, as its explanation records them: `("...", "...")`. */
function quotesOf(explanation: string): string[] {
  const inner = /\((".*")\)\.$/su.exec(explanation)?.[1];
  return inner ? [...inner.matchAll(/"((?:[^"\\]|\\.)*)"/gu)].map((match) => match[1] ?? '') : [];
}

const QUOTE: Record<Language, (text: string) => string> = {
  en: (text) => `“${text}”`,
  fr: (text) => `« ${text} »`,
  de: (text) => `„${text}“`,
  es: (text) => `«${text}»`,
  it: (text) => `«${text}»`,
};

/** One line per signal, oldest first, in `language`. */
export function evidenceLines(signals: readonly CaseSignal[], language: Language): string[] {
  const ordered = [...signals].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const facts = decisionFacts(ordered, language);
  return ordered.slice(0, facts.length).map((signal, index) => {
    const quotes = signal.rule === 'seller-message' ? quotesOf(signal.explanation) : [];
    if (quotes.length === 0) return facts[index] ?? '';
    const quoted = quotes.map((quote) => QUOTE[language](describeHandles(quote, language))).join(', ');
    return `${YOUR_MESSAGE[language](signal.time.slice(0, 10), quoted)} (${facts[index] ?? ''})`;
  });
}
