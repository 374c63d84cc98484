/**
 * A crude language guess from function words, for when no `lang` hint is given. It only picks the
 * default country for national phone formats; the classifier's rules run for every language anyway.
 */
import type { Token } from './tokens';

export type Language = 'en' | 'fr' | 'de' | 'es' | 'it';

const STOPWORDS: Readonly<Record<Language, string>> = {
  en: 'the and you your is are to of for please with this my we it me thanks hello hi',
  fr: 'le la les et vous votre est pour avec une des merci bonjour je nous pas mon ma du sur',
  de: 'der die das und sie ihre ist nicht mit ein eine danke hallo ich wir bitte mein auf fur zu',
  es: 'el los las y usted su tu es para con una gracias hola yo por mi que del pero muy',
  it: 'il lo gli e lei suo tuo per con una grazie ciao io non mio che del della buongiorno sono',
};

const LANGUAGES: readonly Language[] = ['en', 'fr', 'de', 'es', 'it'];
const WORD_LANG = new Map<string, Language[]>();
for (const lang of LANGUAGES) {
  for (const w of STOPWORDS[lang].split(' ')) WORD_LANG.set(w, [...(WORD_LANG.get(w) ?? []), lang]);
}

/** The most likely language of a message from its tokens, if any stands out. */
export function detectLanguage(tokens: readonly Token[]): Language | undefined {
  const counts: Record<Language, number> = { en: 0, fr: 0, de: 0, es: 0, it: 0 };
  for (const t of tokens) {
    const langs = WORD_LANG.get(t.text);
    if (langs !== undefined) for (const l of langs) counts[l] += 1;
  }
  let best: Language | undefined;
  let bestCount = 0;
  for (const lang of LANGUAGES) {
    const count = counts[lang];
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  return best;
}
