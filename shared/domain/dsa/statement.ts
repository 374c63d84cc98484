/**
 * The statement of reasons for a restriction of a seller's account (Art. 17 DSA), in the exact
 * form the Transparency Database's API takes (Art. 24(5); ./transparency-database.ts). One per
 * suspension, its `puid` derived from the case, so a resubmission is recognised; the end of the
 * restriction (an accepted appeal, a dismissal) revises it: the same restriction with its end
 * date, under the revision's own puid (the database keeps statements immutable). The field-by-field
 * mapping and its reasons are in docs/dsa.md.
 */
import type { Case } from '../cases/case-schema';
import type { StatementOfReasons } from './transparency-database';
import { EUROPEAN_COUNTRY_CODES, StatementOfReasonsSchema } from './transparency-database';
import { decisionFacts } from './facts';

/** The marketplace's term of service a suspension rests on (our contractual ground). */
export const CONTRACTUAL_GROUND =
  'Marketplace Seller Code of Conduct: sellers must not contact buyers outside the platform, pressure or threaten them, ' +
  'use buyer data beyond fulfilling orders, or try to influence reviews.';

const EXPLANATION =
  'The account contacted or pressured buyers who had left negative reviews, outside the platform or about their reviews, ' +
  'as the facts below set out. The conduct breaches the Seller Code of Conduct; the account is suspended until an appeal ' +
  'with a plan of action is accepted.';

const REVERSAL =
  ' The suspension was lifted on review (an appeal was accepted or the case was dismissed); the restriction ended on the date given.';

/** Why the restriction ended, when it did. */
export interface RestrictionEnd {
  readonly at: string;
  readonly reason: 'appeal-accepted' | 'dismissed';
}

export interface StatementInput {
  /** The case that suspended the seller (its signals, when it was applied). */
  readonly item: Pick<Case, 'caseId' | 'signals'>;
  /** When the suspension was applied. */
  readonly appliedAt: string;
  /** Whether the suspension followed a person's approval (always, on this ladder: partially automated). */
  readonly approvedByPerson: boolean;
  /** The end of the restriction, for the revised statement. */
  readonly ended?: RestrictionEnd;
}

const day = (time: string) => time.slice(0, 10);

/** The puid of a case's suspension statement, or of its revision when the restriction ended. */
export function statementPuid(caseId: string, revised = false): string {
  const base = `offside-${caseId.replace(/[^a-zA-Z0-9_-]/g, '-')}-suspend`;
  return revised ? `${base}-ended` : base;
}

/** Did a notice (a buyer's complaint, Art. 16) lead to the decision? */
export const ledByNotice = (item: Pick<Case, 'signals'>): boolean => item.signals.some((signal) => signal.rule === 'buyer-complaint');

/** Did automated means find any of it (every rule but a buyer's complaint is automated)? */
export const automatedDetection = (item: Pick<Case, 'signals'>): boolean => item.signals.some((signal) => signal.rule !== 'buyer-complaint');

const KEYWORDS_BY_TAG: Readonly<Record<string, StatementOfReasons['category_specification']>> = {
  intimidation: ['KEYWORD_CYBER_BULLYING_INTIMIDATION'],
  off_platform_contact: ['KEYWORD_CYBER_HARASSMENT'],
  review_manipulation: ['KEYWORD_INAUTHENTIC_USER_REVIEWS'],
  'targeted-lookup': ['KEYWORD_MISSING_PROCESSING_GROUND'],
  'lookup-then-flip': ['KEYWORD_MISSING_PROCESSING_GROUND', 'KEYWORD_INAUTHENTIC_USER_REVIEWS'],
  'unexplained-flips': ['KEYWORD_INAUTHENTIC_USER_REVIEWS'],
  'buyer-complaint': ['KEYWORD_CYBER_HARASSMENT'],
  ring: ['KEYWORD_COORDINATED_HARM'],
};

/** The statement of a suspension (or, with `ended`, of its end), valid by the API's rules. */
export function suspensionStatement(input: StatementInput): StatementOfReasons {
  const { item } = input;
  const tags = new Set(item.signals.flatMap((signal) => [signal.rule as string, ...signal.tags]));
  const keywords = [...new Set([...tags].flatMap((tag) => KEYWORDS_BY_TAG[tag] ?? []))].sort();
  const data = tags.has('targeted-lookup') || tags.has('lookup-then-flip');
  const firstSeen = item.signals.reduce((earliest, signal) => (signal.time < earliest ? signal.time : earliest), input.appliedAt);
  const facts = decisionFacts(item.signals, 'en');
  const statement = {
    decision_account: 'DECISION_ACCOUNT_SUSPENDED',
    account_type: 'ACCOUNT_TYPE_BUSINESS',
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: CONTRACTUAL_GROUND,
    incompatible_content_explanation: input.ended ? EXPLANATION + REVERSAL : EXPLANATION,
    incompatible_content_illegal: 'No',
    category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    ...(data ? { category_addition: ['STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS'] } : {}),
    category_specification: keywords.length > 0 ? keywords : ['KEYWORD_CYBER_HARASSMENT'],
    content_type: ['CONTENT_TYPE_TEXT'],
    territorial_scope: [...EUROPEAN_COUNTRY_CODES],
    content_date: day(firstSeen),
    application_date: day(input.appliedAt),
    ...(input.ended ? { end_date_account_restriction: day(input.ended.at) } : {}),
    decision_facts: facts.join('\n').slice(0, 5000),
    source_type: ledByNotice(item) ? 'SOURCE_ARTICLE_16' : 'SOURCE_VOLUNTARY',
    automated_detection: automatedDetection(item) ? 'Yes' : 'No',
    automated_decision: input.approvedByPerson ? 'AUTOMATED_DECISION_PARTIALLY' : 'AUTOMATED_DECISION_FULLY',
    puid: statementPuid(item.caseId, input.ended !== undefined),
  };
  // Built to the API's rules; parsing proves it, and a rule we broke fails here, not at the database.
  return StatementOfReasonsSchema.parse(statement);
}
