/**
 * The case's one schema, and its summary's: the TypeScript types, the DynamoDB mapping, the
 * OpenAPI document and the web console all follow from these. Pure zod, so the browser bundle
 * shares them (the case's rules, in ./case.ts, need node:crypto for its ids).
 */
import { z } from 'zod';
import { RUNGS } from '../ladder/rungs';
import { RULES, SignalSchema } from '../detection/signals';
import { DismissalFields } from './dismissal';

export const CASE_STATUSES = ['open', 'closed', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A signal as its case keeps it: the seller and config version are the case's own. */
export const CaseSignalSchema = SignalSchema.omit({ sellerId: true, configVersion: true });
export type CaseSignal = z.infer<typeof CaseSignalSchema>;

/** A person's answer to a rung that waits for one, as the case keeps it. */
export const HumanDecisionSchema = z.object({
  rung: z.enum(RUNGS),
  decision: z.enum(['approve', 'deny']),
  actor: z.string(),
  role: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type HumanDecision = z.infer<typeof HumanDecisionSchema>;

/**
 * A case, in the one shape the stores keep, the use cases work on and the console answers with
 * (its OpenAPI document is generated from this schema). Changed only by the functions below.
 */
export const CaseSchema = z.object({
  caseId: z.string(),
  sellerId: z.string(),
  status: z.enum(CASE_STATUSES),
  openedAt: z.string(),
  updatedAt: z.string(),
  /** Points in the window at the last assessment. */
  points: z.number(),
  /**
   * The ladder rung the evidence asks for; null for a case *for review*: one kind of evidence, not
   * corroborated, for an analyst to read, asking for no rung (no ladder, no notice, no statement).
   */
  requestedRung: z.enum(RUNGS).nullable(),
  /** When it was asked for (null while none is): evidence after that (and a grace period) asks for the next one. */
  rungRequestedAt: z.string().nullable(),
  /** The rung the case opened at (a warning; older cases may have opened higher): where the ladder starts. */
  openedRung: z.enum(RUNGS).optional(),
  /**
   * Every rung the evidence asked for, in order, each with when, the signal that asked and why in
   * one sentence (the warning's says what corroborated it). Recomputed from the signals in event-time
   * order, so it does not depend on the order events arrived in.
   */
  rungRequests: z.array(z.object({ rung: z.enum(RUNGS), at: z.string(), signalId: z.string(), because: z.string() })).optional(),
  /**
   * Why the case was opened for review, when and on which signal: the seller's first evidence,
   * one kind and uncorroborated. Kept when later evidence (or an analyst) asks for a warning.
   */
  review: z.object({ at: z.string(), signalId: z.string(), because: z.string() }).optional(),
  /** The highest rung the ladder has applied, and when. */
  applied: z.object({ rung: z.enum(RUNGS), at: z.string() }).optional(),
  /** A person the ladder waits for: the seller's coaching, or an approval; with its task token. */
  waiting: z.object({ kind: z.enum(['coaching', 'approval']), rung: z.enum(RUNGS), token: z.string(), since: z.string() }).optional(),
  /** The ladder's current execution for this case: the one to stop when it is superseded or dismissed. */
  execution: z.object({ name: z.string(), rung: z.enum(RUNGS) }).optional(),
  /** Every human decision on the ladder (approvals and denials), oldest first. */
  decisions: z.array(HumanDecisionSchema).optional(),
  /** The sealed evidence bundle of a legal hold: where its manifest is, and the manifest's SHA-256. */
  legalHold: z.object({ location: z.string(), sha256: z.string(), records: z.number(), at: z.string() }).optional(),
  /**
   * Who ended the case, when and why: the dismissal's category and, for a false positive, the
   * signals that were wrong (absent on cases dismissed before categories: read as false positives).
   */
  closure: z.object({ by: z.string(), role: z.string(), reason: z.string(), at: z.string() }).extend(DismissalFields.partial().shape).optional(),
  /** Why: the rules that fired, with their points, in time order. */
  signals: z.array(CaseSignalSchema),
  configVersion: z.string(),
  /** Optimistic concurrency: the number of times the case was written. */
  version: z.number(),
});
export type Case = z.infer<typeof CaseSchema>;

/** A case in a list: what it asks for, what was applied, what the ladder waits for and why it was opened. */
export const CaseSummarySchema = CaseSchema.pick({
  caseId: true,
  sellerId: true,
  status: true,
  openedAt: true,
  updatedAt: true,
  points: true,
  requestedRung: true,
}).extend({
  appliedRung: z.enum(RUNGS).nullable(),
  waitingFor: z.string().nullable().describe('what the ladder waits for, as kind:rung (approval:suspend, coaching:coach)'),
  rules: z.array(z.enum(RULES)),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
