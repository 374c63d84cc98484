/**
 * The pre-scan cue of the intent structures: every structure needs one of its "object" concepts
 * (a review, a channel, a QR code or form, a legal word, an account, an address, a persistence
 * word). This is a regular expression over the starts of those words in every Latin-script
 * language, for the classifier's fast path on plain ASCII text (see classify.ts).
 */
import { CONCEPTS } from './concepts';
import type { Concept } from './concepts';
import { INDEX } from './lexicon-index';
import { LANGUAGES } from './stem';

const OBJECTS: readonly Concept[] = ['review', 'channel', 'app', 'qr', 'form', 'legal', 'account', 'address', 'stop', 'persist'];
const wanted = new Set(OBJECTS.map((c) => CONCEPTS.indexOf(c)));

function starts(): string[] {
  const out = new Set<string>();
  for (const lang of LANGUAGES) {
    if (lang === 'ja') continue;
    const index = INDEX[lang];
    for (const phrases of [...index.byWord.values(), ...index.byPrefix.values()]) {
      for (const p of phrases) {
        if (!wanted.has(p.concept)) continue;
        // the phrase's longest word (a short first word such as "e" of "e-mail" would match anything);
        // a stem may be longer than the inflected word's common start ("reviews" -> "review"): cut to 3
        const longest = [...p.parts].sort((a, b) => b.value.length - a.value.length)[0];
        if (longest === undefined) continue;
        const head = (longest.prefix ? longest.value : longest.stem).slice(0, 3);
        if (/^[a-z0-9]{2,}$/.test(head)) out.add(head);
      }
    }
  }
  const sorted = [...out].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return sorted.filter((w, i) => !sorted.slice(0, i).some((k) => w.startsWith(k)));
}

export const INTENT_CUE = new RegExp(`(?<![a-z0-9])(?:${starts().join('|')})`);
