/**
 * What a dismissal asks for besides its reason: the category (a false positive, or resolved
 * otherwise) and, for a false positive, which of the case's signals were wrong. The API checks the
 * same rules with the same schema (shared/domain/cases/dismissal.ts); detection learns from them.
 */
import { useId } from 'react';
import type { Dismissal, DismissalCategory } from '../../../shared/domain/cases/dismissal';
import { DISMISSAL_CATEGORIES, DISMISSAL_CATEGORY_WORDS } from '../../../shared/domain/cases/dismissal';
import type { RuleName } from '../../../shared/domain/detection/signals';
import { RULE_NAMES } from '../words';

export interface DismissalChoice {
  readonly category: DismissalCategory | '';
  readonly wrongSignals: readonly RuleName[];
}

export const NO_DISMISSAL_CHOICE: DismissalChoice = { category: '', wrongSignals: [] };

/** The body fields of the choice, or why it is not complete yet. */
export function dismissalBody(choice: DismissalChoice): Dismissal | string {
  if (choice.category === '') return 'Choose why the case is dismissed: a false positive, or how else it was resolved.';
  if (choice.category !== 'false-positive') return { category: choice.category };
  if (choice.wrongSignals.length === 0) return 'Tick the signals that were wrong: detection learns which of its signals misfire.';
  return { category: choice.category, wrongSignals: [...choice.wrongSignals] };
}

export function DismissalFields({ rules, choice, onChange }: { rules: readonly RuleName[]; choice: DismissalChoice; onChange: (next: DismissalChoice) => void }) {
  const categoryId = useId();
  const toggle = (rule: RuleName, on: boolean) =>
    onChange({ ...choice, wrongSignals: on ? [...choice.wrongSignals, rule] : choice.wrongSignals.filter((other) => other !== rule) });
  return (
    <fieldset className="dismissal-fields">
      <legend>If you dismiss the case</legend>
      <label htmlFor={categoryId}>Why (required to dismiss)</label>
      <select
        id={categoryId}
        value={choice.category}
        onChange={(event) => {
          const category = DISMISSAL_CATEGORIES.find((candidate) => candidate === event.target.value) ?? '';
          onChange({ category, wrongSignals: category === 'false-positive' ? choice.wrongSignals : [] });
        }}
      >
        <option value="">Choose…</option>
        {DISMISSAL_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {DISMISSAL_CATEGORY_WORDS[category]}
          </option>
        ))}
      </select>
      {choice.category === 'false-positive' ? (
        <fieldset className="wrong-signals">
          <legend>Which signals were wrong</legend>
          {rules.map((rule) => (
            <label key={rule} className="checkbox">
              <input type="checkbox" name="wrongSignals" value={rule} checked={choice.wrongSignals.includes(rule)} onChange={(event) => toggle(rule, event.target.checked)} /> {RULE_NAMES[rule] ?? rule}
            </label>
          ))}
        </fieldset>
      ) : null}
    </fieldset>
  );
}

/** The category of a dismissal, and the signals a false positive named, after its reason. */
export function DismissalWords({ closure }: { closure: Partial<Dismissal> }) {
  if (closure.category === undefined) return null;
  const wrong = (closure.wrongSignals ?? []).map((rule) => RULE_NAMES[rule] ?? rule);
  return (
    <span className="dismissal-category">
      {' '}
      ({DISMISSAL_CATEGORY_WORDS[closure.category]}
      {wrong.length > 0 ? `: ${wrong.join(', ')}` : ''})
    </span>
  );
}
