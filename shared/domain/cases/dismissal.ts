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

/** The category, and for a false positive the signals (rules) that were wrong: the fields. */
export const DismissalFields = z.object({
  category: z.enum(DISMISSAL_CATEGORIES).describe('Why the case is dismissed: a false positive, or resolved otherwise'),
  wrongSignals: z
    .array(z.enum(RULES))
    .max(RULES.length)
    .refine((signals) => new Set(signals).size === signals.length, 'must not name a signal twice')
    .optional()
    .describe("For a false positive (and only then): the signals (rule names) that were wrong; each must be one of the case's."),
});
export type Dismissal = z.infer<typeof DismissalFields>;

/** The rule between the fields: a false positive names its wrong signals, nothing else does. */
export function checkDismissal(value: Dismissal, ctx: z.RefinementCtx): void {
  const named = (value.wrongSignals ?? []).length > 0;
  if (value.category === 'false-positive' && !named) ctx.addIssue({ code: 'custom', path: ['wrongSignals'], message: WRONG_SIGNALS_REQUIRED });
  if (value.category !== 'false-positive' && value.wrongSignals !== undefined) ctx.addIssue({ code: 'custom', path: ['wrongSignals'], message: WRONG_SIGNALS_REFUSED });
}

export const DismissalSchema = DismissalFields.superRefine(checkDismissal);
