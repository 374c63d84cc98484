import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import type { Lexicon } from './types';

export type { Lexicon } from './types';

/** Every language's lexicon; the rules use all of them at once, so `lang` is never required. */
export const LEXICONS: Readonly<Record<'en' | 'fr' | 'de' | 'es' | 'it', Lexicon>> = { en, fr, de, es, it };
