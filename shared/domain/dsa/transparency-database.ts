/**
 * The DSA Transparency Database's statement of reasons, as its API accepts one (Art. 24(5) DSA):
 * our own zod expression of the rules of `app/Http/Requests/StatementStoreRequest.php` and of the
 * values of `app/Models/Statement.php` (with `app/Services/EuropeanCountriesService.php` and
 * `EuropeanLanguagesService.php`), read in digital-services-act/transparency-database at commit
 * 69e80a0bc8eb3cbfbe8246e898194c3bdf490a4b (2026-06-24). None of its code is copied: the value
 * lists are the API's vocabulary, and the rules are written again here.
 *
 * Pure, so the statement builder, the submitter and the local stand-in of the API all share it.
 * Error messages follow the API's (Laravel's) wording, field by field, so the stand-in answers
 * as the API does: `{"message": ..., "errors": {"field": ["..."]}}` with 422.
 */
import { z } from 'zod';

/** The commit of the transparency database these rules were read at. */
export const TRANSPARENCY_DATABASE_COMMIT = '69e80a0bc8eb3cbfbe8246e898194c3bdf490a4b';

export const DECISION_VISIBILITIES = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
] as const;
export const DECISION_MONETARIES = ['DECISION_MONETARY_SUSPENSION', 'DECISION_MONETARY_TERMINATION', 'DECISION_MONETARY_OTHER'] as const;
export const DECISION_PROVISIONS = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION',
  'DECISION_PROVISION_TOTAL_SUSPENSION',
  'DECISION_PROVISION_PARTIAL_TERMINATION',
  'DECISION_PROVISION_TOTAL_TERMINATION',
] as const;
export const DECISION_ACCOUNTS = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
export const ACCOUNT_TYPES = ['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'] as const;
export const DECISION_GROUNDS = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'] as const;
export const YES_NO = ['Yes', 'No'] as const;
export const CONTENT_TYPES = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
export const STATEMENT_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
export const KEYWORDS = [
  'KEYWORD_ADULT_SEXUAL_MATERIAL', 'KEYWORD_AGE_SPECIFIC_RESTRICTIONS', 'KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS',
  'KEYWORD_ANIMAL_HARM', 'KEYWORD_BIOMETRIC_DATA_BREACH', 'KEYWORD_BULLYING_AGAINST_GIRLS',
  'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL', 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
  'KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS', 'KEYWORD_COORDINATED_HARM', 'KEYWORD_COPYRIGHT_INFRINGEMENT',
  'KEYWORD_CYBER_BULLYING_INTIMIDATION', 'KEYWORD_CYBER_HARASSMENT', 'KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN',
  'KEYWORD_CYBER_INCITEMENT', 'KEYWORD_CYBER_STALKING', 'KEYWORD_CYBER_STALKING_AGAINST_WOMEN', 'KEYWORD_DATA_FALSIFICATION',
  'KEYWORD_DEFAMATION', 'KEYWORD_DESIGN_INFRINGEMENT', 'KEYWORD_DISCRIMINATION', 'KEYWORD_FEMALE_GENDERED_DISINFORMATION',
  'KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT', 'KEYWORD_GEOGRAPHICAL_REQUIREMENTS', 'KEYWORD_GOODS_SERVICES_NOT_PERMITTED',
  'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS', 'KEYWORD_HATE_SPEECH', 'KEYWORD_HIDDEN_ADVERTISEMENT',
  'KEYWORD_HUMAN_EXPLOITATION', 'KEYWORD_HUMAN_TRAFFICKING', 'KEYWORD_ILLEGAL_ORGANIZATIONS',
  'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING', 'KEYWORD_INAUTHENTIC_ACCOUNTS', 'KEYWORD_INAUTHENTIC_LISTINGS',
  'KEYWORD_INAUTHENTIC_USER_REVIEWS', 'KEYWORD_INCITEMENT_AGAINST_WOMEN', 'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
  'KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS', 'KEYWORD_LANGUAGE_REQUIREMENTS', 'KEYWORD_MISINFORMATION_DISINFORMATION',
  'KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS', 'KEYWORD_MISLEADING_INFO_GOODS_SERVICES', 'KEYWORD_MISSING_PROCESSING_GROUND',
  'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING', 'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN',
  'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE', 'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN',
  'KEYWORD_NONCOMPLIANCE_PRICING', 'KEYWORD_NUDITY', 'KEYWORD_PATENT_INFRINGEMENT', 'KEYWORD_PHISHING',
  'KEYWORD_PROHIBITED_PRODUCTS', 'KEYWORD_PYRAMID_SCHEMES', 'KEYWORD_RIGHT_TO_BE_FORGOTTEN',
  'KEYWORD_RISK_ENVIRONMENTAL_DAMAGE', 'KEYWORD_RISK_PUBLIC_HEALTH', 'KEYWORD_SELF_MUTILATION', 'KEYWORD_STALKING',
  'KEYWORD_SUICIDE', 'KEYWORD_TERRORIST_CONTENT', 'KEYWORD_TRADE_SECRET_INFRINGEMENT', 'KEYWORD_TRADEMARK_INFRINGEMENT',
  'KEYWORD_TRAFFICKING_WOMEN_GIRLS', 'KEYWORD_UNLAWFUL_SALE_ANIMALS', 'KEYWORD_UNSAFE_CHALLENGES', 'KEYWORD_UNSAFE_PRODUCTS',
  'KEYWORD_VIOLATION_EU_LAW', 'KEYWORD_VIOLATION_NATIONAL_LAW', 'KEYWORD_OTHER',
] as const;
export const SOURCE_TYPES = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY'] as const;
export const AUTOMATED_DECISIONS = ['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED'] as const;
/** EuropeanCountriesService::EUROPEAN_COUNTRY_CODES: the EEA, in the order the API sorts them. */
export const EUROPEAN_COUNTRY_CODES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT',
  'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;
/** EuropeanLanguagesService::ALL_LANGUAGES: ISO 639-1 codes, upper case. */
export const LANGUAGE_CODES = (
  'AB AA AF AK SQ AM AR AN HY AS AV AE AY AZ BM BA EU BE BN BH BI BS BR BG MY CA KM CH CE NY ZH CU CV KW CO CR HR CS DA ' +
  'DV NL DZ EN EO ET EE FO FJ FI FR FF GD GL LG KA DE KI EL KL GN GU HT HA HE HZ HI HO HU IS IO IG ID IA IE IU IK GA IT ' +
  'JA JV KN KR KS KK RW KV KG KO KJ KU KY LO LA LV LB LI LN LT LU MK MG MS ML MT GV MI MR MH RO MN NA NV ND NG NE SE NO ' +
  'NB NN II OC OJ OR OM OS PI PA PS FA PL PT QU RM RN RU SM SG SA SC SR SN SD SI SK SL SO ST NR ES SU SW SS SV TL TY TG ' +
  'TA TT TE TH BO TI TO TS TN TR TK TW UG UK UR UZ VE VI VO WA CY FY WO XH YI YO ZA ZU'
).split(' ');

/** The rules' `puid` regex: letters, digits, hyphens and underscores only. */
export const PUID_PATTERN = /^[a-zA-Z0-9-_]+$/;
/** The multiple endpoint takes 1 to 100 statements a call. */
export const MAX_STATEMENTS_PER_CALL = 100;

// Laravel's messages, as the API answers them ("The decision facts field is required.").
const label = (field: string) => field.replace(/_/g, ' ');
const required = (field: string) => `The ${label(field)} field is required.`;
const invalid = (field: string) => `The selected ${label(field)} is invalid.`;
const tooLong = (field: string, max: number) => `The ${label(field)} field must not be greater than ${max} characters.`;
const notArray = (field: string) => `The ${label(field)} field must be an array.`;
const notString = (field: string) => `The ${label(field)} field must be a string.`;
const badFormat = (field: string) => `The ${label(field)} field format is invalid.`;

const missing = (input: unknown) => input === undefined || input === null || input === '' || (Array.isArray(input) && input.length === 0);

/** `['required', 'in:...']` (or without required: absent, or null when `nullable`). */
function oneOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: (issue) => (missing(issue.input) ? required(field) : invalid(field)) });
}
/** `['array', 'in:...']`: an array whose every element is one of the values. */
function manyOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.array(z.enum(values, { error: () => invalid(field) }), { error: (issue) => (missing(issue.input) ? required(field) : notArray(field)) });
}
/** A string field with `max:N` (Laravel counts characters). */
function text(field: string, max: number) {
  return z
    .string({ error: (issue) => (missing(issue.input) ? required(field) : notString(field)) })
    .max(max, { error: () => tooLong(field, max) });
}
/** `date_format:Y-m-d` between two dates (inclusive): a real calendar date, written YYYY-MM-DD. */
function ymd(field: string, after: string | undefined, before: string) {
  const message = field === 'content_date' || field === 'application_date'
    ? `The ${label(field)} does not match the format YYYY-MM-DD.`
    : `The end date of ${label(field).replace(/^end date /, '')} does not match the format YYYY-MM-DD.`;
  return z
    .string({ error: (issue) => (missing(issue.input) ? required(field) : message) })
    .refine(isCalendarDate, { error: message })
    .refine((value) => !isCalendarDate(value) || after === undefined || value >= after, { error: `The ${label(field)} field must be a date after or equal to ${after}.` })
    .refine((value) => !isCalendarDate(value) || value <= before, { error: `The ${label(field)} field must be a date before or equal to ${before}.` });
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

const EAN_13 = /^[0-9]{13}$/;
const LATEST_DATE = '2038-01-01';

/** The fields, each with its own rule; the rules that tie fields together follow in `superRefine`. */
const fields = z.object({
  content_id: z.object({ 'EAN-13': z.string().regex(EAN_13, { error: badFormat('content_id.EAN-13') }).optional() }).nullable().optional(),
  content_id_ean: z.string().regex(EAN_13, { error: badFormat('content_id_ean') }).nullable().optional(),
  decision_visibility: manyOf('decision_visibility', DECISION_VISIBILITIES).nullable().optional(),
  decision_visibility_other: text('decision_visibility_other', 500).optional(),
  decision_monetary: oneOf('decision_monetary', DECISION_MONETARIES).nullable().optional(),
  decision_monetary_other: text('decision_monetary_other', 500).optional(),
  decision_provision: oneOf('decision_provision', DECISION_PROVISIONS).nullable().optional(),
  decision_account: oneOf('decision_account', DECISION_ACCOUNTS).nullable().optional(),
  account_type: oneOf('account_type', ACCOUNT_TYPES).nullable().optional(),
  category_specification: manyOf('category_specification', KEYWORDS).nullable().optional(),
  category_specification_other: text('category_specification_other', 500).optional(),
  decision_ground: oneOf('decision_ground', DECISION_GROUNDS),
  decision_ground_reference_url: z.url({ error: `The decision ground reference url field must be a valid URL.` }).max(500, { error: tooLong('decision_ground_reference_url', 500) }).nullable().optional(),
  illegal_content_legal_ground: text('illegal_content_legal_ground', 500).optional(),
  illegal_content_explanation: text('illegal_content_explanation', 2000).optional(),
  incompatible_content_ground: text('incompatible_content_ground', 500).optional(),
  incompatible_content_explanation: text('incompatible_content_explanation', 2000).optional(),
  incompatible_content_illegal: oneOf('incompatible_content_illegal', YES_NO).optional(),
  content_type: manyOf('content_type', CONTENT_TYPES).min(1, { error: required('content_type') }),
  content_type_other: text('content_type_other', 500).optional(),
  category: oneOf('category', STATEMENT_CATEGORIES),
  category_addition: manyOf('category_addition', STATEMENT_CATEGORIES).optional(),
  territorial_scope: manyOf('territorial_scope', EUROPEAN_COUNTRY_CODES).nullable().optional(),
  content_language: z.string().refine((code) => LANGUAGE_CODES.includes(code), { error: invalid('content_language') }).nullable().optional(),
  content_date: ymd('content_date', '2000-01-01', LATEST_DATE),
  application_date: ymd('application_date', '2020-01-01', LATEST_DATE),
  end_date_account_restriction: ymd('end_date_account_restriction', undefined, LATEST_DATE).nullable().optional(),
  end_date_monetary_restriction: ymd('end_date_monetary_restriction', undefined, LATEST_DATE).nullable().optional(),
  end_date_service_restriction: ymd('end_date_service_restriction', undefined, LATEST_DATE).nullable().optional(),
  end_date_visibility_restriction: ymd('end_date_visibility_restriction', undefined, LATEST_DATE).nullable().optional(),
  decision_facts: text('decision_facts', 5000).min(1, { error: required('decision_facts') }),
  source_type: oneOf('source_type', SOURCE_TYPES),
  source_identity: text('source_identity', 500).optional(),
  automated_detection: oneOf('automated_detection', YES_NO),
  automated_decision: oneOf('automated_decision', AUTOMATED_DECISIONS),
  puid: text('puid', 500).min(1, { error: required('puid') }).regex(PUID_PATTERN, { error: 'The puid format is invalid.' }),
});

type Fields = z.infer<typeof fields>;

/** The rules that tie fields together: required_without_all, required_if, requiredIf. */
function crossFieldRules(statement: Fields, context: z.RefinementCtx): void {
  const issue = (field: string, message: string) => context.addIssue({ code: 'custom', path: [field], message });
  const has = (value: unknown) => !missing(value);
  const restrictions = ['decision_visibility', 'decision_monetary', 'decision_provision', 'decision_account'] as const;
  if (!restrictions.some((field) => has(statement[field]))) {
    for (const field of restrictions) {
      const others = restrictions.filter((other) => other !== field).map(label);
      issue(field, `The ${label(field)} field is required when none of ${others.join(' / ')} are present.`);
    }
  }
  if (statement.decision_visibility?.includes('DECISION_VISIBILITY_OTHER') && !has(statement.decision_visibility_other)) {
    issue('decision_visibility_other', 'The decision visibility other field is required when decision visibility is other.');
  }
  if (statement.decision_monetary === 'DECISION_MONETARY_OTHER' && !has(statement.decision_monetary_other)) {
    issue('decision_monetary_other', 'The decision monetary other field is required when decision monetary is other.');
  }
  if (statement.content_type.includes('CONTENT_TYPE_OTHER') && !has(statement.content_type_other)) {
    issue('content_type_other', 'The content type other field is required when content is other.');
  }
  if (statement.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    if (!has(statement.illegal_content_legal_ground)) issue('illegal_content_legal_ground', 'The illegal content legal ground field is required when decision ground is illegal content.');
    if (!has(statement.illegal_content_explanation)) issue('illegal_content_explanation', 'The illegal content explanation field is required when decision ground is illegal content.');
  }
  if (statement.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT') {
    if (!has(statement.incompatible_content_ground)) issue('incompatible_content_ground', 'The incompatible content ground field is required when decision ground is incompatible content.');
    if (!has(statement.incompatible_content_explanation)) issue('incompatible_content_explanation', 'The incompatible content explanation field is required when decision ground is incompatible content.');
  }
}

/**
 * One statement of reasons, exactly the body the API's `POST /api/v1/statement` accepts (and each
 * element of `POST /api/v1/statements`). Unknown fields are dropped, as the API's `safe()` does.
 */
export const StatementOfReasonsSchema = fields.superRefine(crossFieldRules);
export type StatementOfReasons = z.infer<typeof StatementOfReasonsSchema>;

/** The API's validation errors for one statement: field, then its messages. */
export type StatementErrors = Record<string, string[]>;

/** Validates a body as the API does: the statement, or the errors keyed by field as it answers them. */
export function validateStatement(body: unknown): { ok: true; statement: StatementOfReasons } | { ok: false; errors: StatementErrors } {
  const parsed = StatementOfReasonsSchema.safeParse(body);
  if (parsed.success) return { ok: true, statement: parsed.data };
  const errors: StatementErrors = {};
  for (const issue of parsed.error.issues) {
    // An issue on an array element belongs to the array's field, as Laravel's `in` rule on an array reports it.
    const field = issue.path.length === 0 ? 'statement' : String(issue.path[0]);
    const messages = (errors[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return { ok: false, errors };
}

/** The API's top-level message: the first error, and how many more (Laravel's wording). */
export function errorSummary(errors: StatementErrors): string {
  const all = Object.values(errors).flat();
  const first = all[0] ?? 'The given data was invalid.';
  const more = all.length - 1;
  return more === 0 ? first : `${first} (and ${more} more error${more === 1 ? '' : 's'})`;
}
