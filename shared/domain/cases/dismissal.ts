/**
 * Why an analyst dismissed a case, in one schema the case, the audit, the console API and the web
 * console share (pure zod). A false positive names the signals that were wrong, so that each
 * signal's precision can be learnt from analysts' decisions; any other category says the case
 * ended for a reason that says nothing against its signals.
 */
import { z } from 'zod';
import { RULES } from '../detection/signals';

export const DISMISSAL_CATEGORIES = ['false-positive', 'seller-complied', 'duplicate', 'insufficient-evidence', 'other'] as const;
export type DismissalCategory = (typeof DISMISSAL_CATEGORIES)[number];

/** How the console words each category. */
export const DISMISSAL_CATEGORY_WORDS: Readonly<Record<DismissalCategory, string>> = {
  'false-positive': 'False positive: a signal was wrong',
  'seller-complied': 'Resolved: the seller complied',
  duplicate: 'Resolved: a duplicate of another case',
  'insufficient-evidence': 'Resolved: not enough evidence either way',
  other: 'Resolved otherwise',
};

const WRONG_SIGNALS_REQUIRED = 'a false positive names at least one signal that was wrong (wrongSignals)';
const WRONG_SIGNALS_REFUSED = 'only a false positive names wrong signals';

const WrongSignals = z.array(z.enum(RULES), { error: WRONG_SIGNALS_REQUIRED }).min(1, WRONG_SIGNALS_REQUIRED).max(RULES.length);

/** The category, and for a false positive the signals (rules) that were wrong: the fields, as stored. */
export const DismissalFields = z.object({
  category: z.enum(DISMISSAL_CATEGORIES).describe('Why the case is dismissed: a false positive, or resolved otherwise'),
  wrongSignals: WrongSignals.optional().describe("For a false positive (and only then): the signals (rule names) that were wrong; each must be one of the case's."),
});
export type Dismissal = z.infer<typeof DismissalFields>;

const OTHER_CATEGORIES = DISMISSAL_CATEGORIES.filter((category): category is Exclude<DismissalCategory, 'false-positive'> => category !== 'false-positive');

/**
 * A dismissal as a request states it, with `extra` fields (its reason): a false positive names at
 * least one wrong signal, no other category names any. A union on the category, so the rule is in
 * the OpenAPI document too, not only in the router.
 */
export function dismissalRequest<E extends z.ZodRawShape>(extra: E) {
  return z.discriminatedUnion('category', [
    z.object({ ...extra, category: z.literal('false-positive').describe('A signal was wrong: name which in wrongSignals'), wrongSignals: WrongSignals.describe("The signals (rule names) that were wrong; each must be one of the case's.") }),
    z.object({ ...extra, category: z.enum(OTHER_CATEGORIES).describe('Resolved otherwise: says nothing against the signals'), wrongSignals: z.never({ error: WRONG_SIGNALS_REFUSED }).optional() }),
  ]);
}
