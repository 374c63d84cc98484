/**
 * Word stems per language, so one lexicon entry covers a word's inflections ("remove", "removing",
 * "removed"; "supprimer", "supprimez"; "löschen", "gelöscht" -> "losch"). Snowball stemmers from
 * @orama/stemmers for the languages it has; Polish (not there) gets a small suffix stripper; Japanese
 * is not stemmed (it is segmented, see tokens.ts). Stems are of normalised words: lower case, no
 * diacritics, as everywhere in the classifier.
 */
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (tag: string): tag is Language => (LANGUAGES as readonly string[]).includes(tag);

// Longest first: the first suffix that leaves a stem of at least three letters is stripped.
const POLISH_SUFFIXES = [
  'owaniem', 'owania', 'owanie', 'ujemy', 'iliśmy', 'ilismy', 'alismy', 'aliśmy', 'iemy', 'ujesz', 'ować', 'owac', 'enia', 'enie', 'eniu',
  'ania', 'anie', 'aniu', 'ami', 'ach', 'ego', 'emu', 'ymi', 'imi', 'owi', 'ów', 'ow', 'om', 'ie', 'ia', 'iu', 'ią', 'ja', 'ję', 'je', 'ji',
  'ał', 'al', 'ił', 'il', 'yl', 'ać', 'ac', 'ić', 'ic', 'yć', 'yc', 'ę', 'ą', 'a', 'e', 'i', 'y', 'o', 'u',
].map((s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l'));

/** A light Polish stemmer: strips one inflectional suffix (enough to match a lexicon's stems). */
export function polishStem(word: string): string {
  for (const suffix of POLISH_SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

const identity = (word: string) => word;

const STEMMERS: Readonly<Record<Language, (word: string) => string>> = {
  en: english,
  fr: french,
  de: german,
  es: spanish,
  it: italian,
  nl: dutch,
  pt: portuguese,
  pl: polishStem,
  sv: swedish,
  ja: identity,
};

/** The stem of a normalised word in `lang`. */
export function stem(word: string, lang: Language): string {
  return STEMMERS[lang](word);
}
