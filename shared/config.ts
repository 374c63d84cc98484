/**
 * Configuration from the environment, checked once at cold start. A missing or malformed variable
 * stops the process with its name, rather than failing later on the first record.
 */
import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from './domain/evidence';
import { RUNGS } from './domain/ladder/rungs';
import type { Rung } from './domain/ladder/rungs';

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Parses `env` with `schema`, naming every bad variable in one error. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigurationError(`invalid configuration: ${problems.join('; ')}`);
}

const required = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} is required`);

/** Shared by the three ingestion consumers. */
export const ConsumerEnv = z
  .object({
    EVIDENCE_TABLE_NAME: required('EVIDENCE_TABLE_NAME'),
    CASES_TABLE_NAME: required('CASES_TABLE_NAME'),
    /** Detection's rules (shared/adapters/dynamodb/rules-store.ts), read through a short cache. */
    RULES_TABLE_NAME: required('RULES_TABLE_NAME'),
    DEAD_LETTER_QUEUE_URL: required('DEAD_LETTER_QUEUE_URL'),
    /** Days raw evidence is kept before DynamoDB's TTL removes it. */
    EVIDENCE_RETENTION_DAYS: z.coerce.number().int().positive().default(DEFAULT_RETENTION_DAYS),
    /** The key of the contact-handle hash, given directly (local platform, tests)... */
    HANDLE_HASH_KEY: z.string().min(32, 'HANDLE_HASH_KEY must be at least 32 characters').optional(),
    /** ...or as a Secrets Manager secret (AWS), read once at cold start. */
    HANDLE_HASH_KEY_SECRET_ARN: z.string().min(1).optional(),
  })
  .refine((env) => env.HANDLE_HASH_KEY !== undefined || env.HANDLE_HASH_KEY_SECRET_ARN !== undefined, {
    message: 'one of HANDLE_HASH_KEY or HANDLE_HASH_KEY_SECRET_ARN is required',
    path: ['HANDLE_HASH_KEY'],
  });
export type ConsumerEnv = z.infer<typeof ConsumerEnv>;

const optional = z.string().min(1).optional();

/**
 * The ladder's state machines, one per rung an execution starts at, as one JSON object
 * (`{"warn": "arn:...", "coach": ..., "suspend": ..., "legal-hold": ...}`): what the CDK app sets.
 */
const stateMachineArns = z
  .string({ error: 'STATE_MACHINE_ARNS is required' })
  .min(1, 'STATE_MACHINE_ARNS is required')
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'STATE_MACHINE_ARNS must be a JSON object of state machine ARNs by rung' });
      return z.NEVER;
    }
  })
  .pipe(z.strictObject(Object.fromEntries(RUNGS.map((rung) => [rung, z.string().startsWith('arn:', `STATE_MACHINE_ARNS.${rung} must be a state machine ARN`)])) as Record<Rung, z.ZodString>));

/** The ladder's step function (functions/ladder-step). */
export const LadderStepEnv = z.object({
  CASES_TABLE_NAME: required('CASES_TABLE_NAME'),
  EVIDENCE_TABLE_NAME: required('EVIDENCE_TABLE_NAME'),
  NOTICES_TABLE_NAME: required('NOTICES_TABLE_NAME'),
  AUDIT_TABLE_NAME: required('AUDIT_TABLE_NAME'),
  EVIDENCE_BUCKET_NAME: required('EVIDENCE_BUCKET_NAME'),
  SELLER_EVENTS_QUEUE_URL: required('SELLER_EVENTS_QUEUE_URL'),
  NOTICE_FROM_ADDRESS: required('NOTICE_FROM_ADDRESS'),
  SES_CONFIGURATION_SET_NAME: optional,
  LEGAL_TEAM_ADDRESS: required('LEGAL_TEAM_ADDRESS'),
  COURSE_URL: required('COURSE_URL'),
  APPEAL_ADDRESS: required('APPEAL_ADDRESS'),
  /** Seller notices go to <sellerId>@<domain>, the marketplace's seller relay. */
  SELLER_NOTICE_DOMAIN: required('SELLER_NOTICE_DOMAIN'),
  /** Notices to buyers who complained go to <buyerId>@<domain>, the marketplace's buyer-messaging relay. */
  BUYER_NOTICE_DOMAIN: required('BUYER_NOTICE_DOMAIN'),
  /** Where a notifier contests a decision about their complaints (Art. 20, 23 DSA). */
  NOTICE_CONTEST_ADDRESS: required('NOTICE_CONTEST_ADDRESS'),
  /** Statements of reasons issued go here, for the submitter (Art. 24(5) DSA). */
  STATEMENTS_QUEUE_URL: required('STATEMENTS_QUEUE_URL'),
});
export type LadderStepEnv = z.infer<typeof LadderStepEnv>;

/** The console API (functions/console-api). */
export const ConsoleEnv = z.object({
  CASES_TABLE_NAME: required('CASES_TABLE_NAME'),
  EVIDENCE_TABLE_NAME: required('EVIDENCE_TABLE_NAME'),
  AUDIT_TABLE_NAME: required('AUDIT_TABLE_NAME'),
  NOTICES_TABLE_NAME: required('NOTICES_TABLE_NAME'),
  RULES_TABLE_NAME: required('RULES_TABLE_NAME'),
  STATE_MACHINE_ARNS: stateMachineArns,
  SELLER_EVENTS_QUEUE_URL: required('SELLER_EVENTS_QUEUE_URL'),
  HANDLE_HASH_KEY_SECRET_ARN: required('HANDLE_HASH_KEY_SECRET_ARN'),
  EVIDENCE_RETENTION_DAYS: z.coerce.number().int().positive().default(DEFAULT_RETENTION_DAYS),
  NOTICE_FROM_ADDRESS: required('NOTICE_FROM_ADDRESS'),
  SES_CONFIGURATION_SET_NAME: optional,
  SELLER_NOTICE_DOMAIN: required('SELLER_NOTICE_DOMAIN'),
  BUYER_NOTICE_DOMAIN: required('BUYER_NOTICE_DOMAIN'),
  NOTICE_CONTEST_ADDRESS: required('NOTICE_CONTEST_ADDRESS'),
  APPEAL_ADDRESS: z.string().min(1).default('appeals@marketplace.example'),
  /** An accepted appeal's revised statement of reasons goes here, for the submitter. */
  STATEMENTS_QUEUE_URL: required('STATEMENTS_QUEUE_URL'),
});
export type ConsoleEnv = z.infer<typeof ConsoleEnv>;

/** The ladder starter on the cases table's stream (functions/ladder-starter). */
export const LadderStarterEnv = z.object({
  STATE_MACHINE_ARNS: stateMachineArns,
  CASES_TABLE_NAME: required('CASES_TABLE_NAME'),
  AUDIT_TABLE_NAME: required('AUDIT_TABLE_NAME'),
});

/** The submitter of statements of reasons (functions/submit-statements). */
export const StatementSubmitterEnv = z.object({
  /** The DSA Transparency Database API's base URL, e.g. https://transparency.dsa.ec.europa.eu */
  TRANSPARENCY_DATABASE_ENDPOINT: z.url({ error: 'TRANSPARENCY_DATABASE_ENDPOINT must be a URL' }),
  /** The Secrets Manager secret holding the platform's API token. */
  TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN: required('TRANSPARENCY_DATABASE_TOKEN_SECRET_ARN'),
});
export type StatementSubmitterEnv = z.infer<typeof StatementSubmitterEnv>;
