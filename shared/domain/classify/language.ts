/**
 * A language guess from function words, for when no `lang` hint is given: it picks the lexicons
 * the classifier reads a message with and the default country for national phone formats.
 * Japanese is told by its script.
 */
import type { Token } from './tokens';
import { LANGUAGES } from './stem';
import type { Language } from './stem';

export type { Language } from './stem';

const STOPWORDS: Readonly<Record<Exclude<Language, 'ja'>, string>> = {
  en: 'the and you your is are to of for please with this my we it me thanks hello hi would could',
  fr: 'le la les et vous votre est pour avec une des merci bonjour je nous pas mon ma du sur',
  de: 'der die das und sie ihre ist nicht mit ein eine danke hallo ich wir bitte mein auf fur zu',
  es: 'el los las y usted su tu es para con una gracias hola yo por mi que del pero muy',
  it: 'il lo gli e lei suo tuo per con una grazie ciao io non mio che del della buongiorno sono',
  nl: 'het een uw niet met voor van wij ik dank bedankt hallo graag zijn heeft wilt',
  pt: 'voce seu sua nao com um uma obrigado ola eu nos lhe pode',
  pl: 'nie jest sie pan pani pana prosze dziekujemy czy jak ze juz',
  sv: 'och att det ar din inte med ett tack hej jag vi pa som dig',
};

const LATIN: readonly Exclude<Language, 'ja'>[] = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv'];
const WORD_LANG = new Map<string, Language[]>();
for (const lang of LATIN) {
  for (const w of STOPWORDS[lang].split(' ')) WORD_LANG.set(w, [...(WORD_LANG.get(w) ?? []), lang]);
}
const KANA = /[\u3040-\u30ff]/;

/** The most likely language of a message from its tokens, if any stands out. */
export function detectLanguage(tokens: readonly Token[]): Language | undefined {
  return guessLanguage(tokens).language;
}

/**
 * The language guess and whether it is clear: at least three function words of it and two more
 * than of any other language (or Japanese script).
 */
export function guessLanguage(tokens: readonly Token[]): { language: Language | undefined; clear: boolean } {
  const { best, bestCount, second } = scores(tokens);
  return { language: best, clear: best === 'ja' || (bestCount >= 3 && bestCount - second >= 2) };
}

function scores(tokens: readonly Token[]): { best: Language | undefined; bestCount: number; second: number } {
  const counts = new Map<Language, number>();
  let kana = 0;
  for (const t of tokens) {
    if (KANA.test(t.text)) kana += 1;
    const langs = WORD_LANG.get(t.text);
    if (langs !== undefined) for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  if (kana > 0 && kana * 4 >= tokens.length) return { best: 'ja', bestCount: kana, second: 0 };
  let best: Language | undefined;
  let bestCount = 0;
  let second = 0;
  for (const lang of LANGUAGES) {
    const count = counts.get(lang) ?? 0;
    if (count > bestCount) {
      second = bestCount;
      best = lang;
      bestCount = count;
    } else if (count > second) second = count;
  }
  return { best, bestCount, second };
}

/** The supported language of a BCP 47 tag ("fr-CA" -> "fr"), if any. */
export function languageOfTag(tag: string | undefined): Language | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base !== undefined && (LANGUAGES as readonly string[]).includes(base) ? LANGUAGES.find((l) => l === base) : undefined;
}
