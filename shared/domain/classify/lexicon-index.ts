/**
 * Compiles the concept lexicons (concepts.ts) into lookup tables, once at module load: per
 * language, stems and words to concept bits, prefixes, and phrases indexed by their first word.
 */
import { CONCEPTS, LEXICONS } from './concepts';
import type { Concept } from './concepts';
import { LANGUAGES, stem } from './stem';
import type { Language } from './stem';
import { tokenize } from './tokens';

/** A concept set as two 31-bit masks (there are more than 31 concepts). */
export interface Bits {
  lo: number;
  hi: number;
}
const INDEX_OF = new Map<Concept, number>(CONCEPTS.map((c, i) => [c, i]));
export const conceptIndex = (c: Concept): number => INDEX_OF.get(c) ?? -1;
export const bitOf = (c: Concept): Bits => {
  const i = conceptIndex(c);
  return i < 31 ? { lo: 1 << i, hi: 0 } : { lo: 0, hi: 1 << (i - 31) };
};
export const has = (b: Bits, c: Concept): boolean => {
  const i = INDEX_OF.get(c) ?? -1;
  return i < 31 ? (b.lo & (1 << i)) !== 0 : (b.hi & (1 << (i - 31))) !== 0;
};

interface Part {
  readonly prefix: boolean;
  readonly value: string;
  readonly stem: string;
}
export interface Phrase {
  readonly parts: readonly Part[];
  readonly concept: number;
  /** The entry as written, for explanations. */
  readonly entry: string;
}

export interface LanguageIndex {
  readonly lang: Language;
  /** stem or word -> phrases (one-word phrases included) starting with it */
  readonly byWord: ReadonlyMap<string, readonly Phrase[]>;
  /** first two letters -> phrases whose first part is a prefix */
  readonly byPrefix: ReadonlyMap<string, readonly Phrase[]>;
  /** first two letters of every word, stem or prefix an entry starts with: a cheap pre-filter */
  readonly heads: ReadonlySet<string>;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

function compile(lang: Language): LanguageIndex {
  const byWord = new Map<string, Phrase[]>();
  const byPrefix = new Map<string, Phrase[]>();
  const heads = new Set<string>();
  const push = (map: Map<string, Phrase[]>, key: string, p: Phrase) => {
    const list = map.get(key) ?? [];
    list.push(p);
    map.set(key, list);
  };
  const lexicon = LEXICONS[lang];
  for (const concept of CONCEPTS) {
    const source = lexicon[concept];
    if (source === undefined) continue;
    for (const raw of source.split('|')) {
      const entry = lang === 'ja' ? raw.normalize('NFKC').toLowerCase() : fold(raw);
      if (entry === '') continue;
      let parts: Part[];
      if (lang === 'ja') {
        parts = [{ prefix: true, value: entry, stem: entry }];
      } else {
        const prefixEnd = entry.endsWith('*');
        const words = tokenize(prefixEnd ? entry.slice(0, -1) : entry).map((t) => t.text);
        if (words.length === 0) continue;
        parts = words.map((w, i) => {
          const prefix = (prefixEnd && i === words.length - 1) || raw.split(/\s+/)[i]?.endsWith('*') === true;
          // A stem that strips much of a short word ("suing" -> "su", "willing" -> "will") would match
          // unrelated words: such entries match as written only.
          const stemmed = prefix ? w : stem(w, lang);
          return { prefix, value: w, stem: stemmed.length >= 3 && stemmed.length >= 0.7 * w.length ? stemmed : `=${w}` };
        });
      }
      const phrase: Phrase = { parts, concept: CONCEPTS.indexOf(concept), entry: raw };
      const first = parts[0];
      if (first === undefined) continue;
      if (first.prefix) {
        const key = lang === 'ja' ? first.value.slice(0, 1) : first.value.slice(0, 2);
        push(byPrefix, key, phrase);
        heads.add(key);
      } else {
        push(byWord, first.value, phrase);
        if (first.stem !== first.value) push(byWord, `~${first.stem}`, phrase);
        heads.add(first.value.slice(0, 2));
        heads.add(first.stem.slice(0, 2));
      }
    }
  }
  return { lang, byWord, byPrefix, heads };
}

export const INDEX: Readonly<Record<Language, LanguageIndex>> = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, compile(lang)]),
) as Record<Language, LanguageIndex>;

/** Does token text `word` match the part (stem, word or prefix) in `lang`? */
export function partMatches(part: Part, word: string, wordStem: string): boolean {
  if (part.prefix) return word.startsWith(part.value);
  return word === part.value || (word.length >= 4 && wordStem === part.stem);
}
