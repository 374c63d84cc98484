/**
 * What the console API answers the web console, as zod schemas: the routes (./routes.ts) declare
 * their responses with these, the OpenAPI document follows from them, and the console
 * (console/src) parses every answer it reads with the very same ones. Browser-safe on purpose: this
 * module and what it imports need nothing but zod (no node:crypto, no AWS SDK).
 */
import { NotifierContestSchema } from '../../domain/dsa/notifier-standing';
import { z } from 'zod';
import { COMPLAINT_CHANNELS } from '../../../events/v1/complaint';
import { LABELS } from '../../domain/classify/labels';
import { CaseSummarySchema } from '../../domain/cases/case-schema';
import { RUNGS } from '../../domain/ladder/rungs';
import { RULES } from '../../domain/detection/signals';
import { DismissalFields } from '../../domain/cases/dismissal';
import { CASE_ACTIONS } from '../../domain/ladder/case-actions';
import { StatementOfReasonsSchema } from '../../domain/dsa/transparency-database';
import { HANDLE_KINDS } from '../../domain/readable-text';
import { AUDIT_ACTIONS, AUDIT_ROLES, AuditEntrySchema } from '../../ports/audit-entry';
import { ShadowPointerSchema } from '../../ports/rules-store';

export { CASE_STATUSES } from '../../domain/cases/case-schema';

const Rung = z.enum(RUNGS);

export const CaseSummary = CaseSummarySchema;
export type CaseSummary = z.infer<typeof CaseSummary>;

export const Appeal = z.looseObject({
  appealId: z.string(),
  caseId: z.string(),
  filedAt: z.string(),
  filedBy: z.string().optional(),
  rootCause: z.string().optional(),
  actionsTaken: z.string().optional(),
  prevention: z.string().optional(),
  decision: z.looseObject({ outcome: z.enum(['accepted', 'rejected']), by: z.string().optional(), reason: z.string().optional(), at: z.string().optional() }).optional(),
});
export type Appeal = z.infer<typeof Appeal>;

const Strike = z.object({ caseId: z.string(), rung: Rung, appliedAt: z.string().optional(), expiresAt: z.string(), withdrawnAt: z.string().optional() });

/** GET /v1/sellers/{sellerId}. */
export const SellerProfile = z.looseObject({
  sellerId: z.string(),
  status: z.enum(['active', 'suspended']),
  standing: z.enum(['good', 'warned', 'coached', 'suspended']),
  suspension: z.object({ caseId: z.string(), at: z.string() }).optional(),
  activeStrikes: z.array(Strike),
  strikes: z.array(Strike),
  appeals: z.array(Appeal),
  cases: z.array(CaseSummary),
  ringLinks: z.array(z.object({ kind: z.enum(['handle', 'app']), key: z.string(), sellers: z.array(z.string()) })),
});
export type SellerProfile = z.infer<typeof SellerProfile>;

/** GET /v1/audit. */
export const AuditPage = z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().optional() });
export type AuditPage = z.infer<typeof AuditPage>;

/** What the ladder waits for on a case: an approval or the seller's coaching, since when. */
const Waiting = z.object({ kind: z.enum(['approval', 'coaching']), rung: Rung, since: z.string() });

// ---------------------------------------------------------------------------------------------
// Readable text: stored text with the labelled phrases marked and each contact handle as a chip

const Label = z.enum(LABELS);

export const TextPiece = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), label: Label.optional().describe('the classifier label of the phrase this text is part of') }),
  z.object({
    type: z.literal('handle'),
    kind: z.enum(HANDLE_KINDS),
    ref: z.string().describe('the handle within the case: A, B, C... in order of first appearance; the handle itself is never sent'),
    otherSellers: z.array(z.string()).describe('other sellers whose own messages carry the same handle'),
    label: Label.optional(),
  }),
]);
export type TextPiece = z.infer<typeof TextPiece>;
const Text = z.array(TextPiece);

/** Why a case was opened for review (one kind of evidence, not corroborated), when, and on which signal. */
const ReviewOpening = z.object({ at: z.string(), signalId: z.string(), because: Text });

// ---------------------------------------------------------------------------------------------
// The queue

export const QueueItem = CaseSummary.extend({
  /** The seller's home marketplace, as the seller directory knows it. */
  marketplace: z.string().nullable(),
  waiting: Waiting.nullable(),
  signalCount: z.number().int(),
  forReview: z.boolean().describe('a case for review: one kind of evidence, not corroborated; it asks for no rung, and no notice was sent'),
  review: ReviewOpening.nullable().describe('why the case was opened for review, when, on which signal'),
  /** The seller's appeal of this case's suspension, waiting for a person (Art. 20 DSA), and by when it must be decided. */
  appeal: z.object({ appealId: z.string(), filedAt: z.string(), decideBy: z.string() }).nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** GET /v1/queue. */
export const QueuePage = z.object({ items: z.array(QueueItem), total: z.number().int().describe('cases matching the filters'), nextCursor: z.string().optional() });
export type QueuePage = z.infer<typeof QueuePage>;


// ---------------------------------------------------------------------------------------------
// The case view: everything but the chronology

export const HandleSummary = z.object({ ref: z.string(), kind: z.enum(HANDLE_KINDS), messages: z.number().int(), otherSellers: z.array(z.string()) });
export type HandleSummary = z.infer<typeof HandleSummary>;

export const LadderRung = z.object({
  rung: Rung,
  state: z.enum(['applied', 'waiting', 'ahead', 'skipped', 'not-asked']).describe('applied; waiting (for an approval or coaching); ahead (asked for, not reached); skipped (the case opened above it); not-asked'),
  approver: z.enum(['analyst', 'legal']).nullable(),
  appliedAt: z.string().optional(),
  waitingSince: z.string().optional(),
  decisions: z.array(z.object({ decision: z.enum(['approve', 'deny']), actor: z.string(), role: z.string(), reason: z.string(), at: z.string() })),
  notices: z.array(z.object({ at: z.string(), description: z.string() })),
});
export type LadderRung = z.infer<typeof LadderRung>;

export const SignalGroup = z.object({
  rule: z.enum(RULES),
  count: z.number().int(),
  points: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  examples: z.array(Text).describe('up to three explanations, latest first'),
});
export type SignalGroup = z.infer<typeof SignalGroup>;

export const ActionAvailability = z.object({ action: z.enum(CASE_ACTIONS), allowed: z.boolean(), why: z.string().optional() });
export type ActionAvailability = z.infer<typeof ActionAvailability>;

/** GET /v1/cases/{caseId}/summary. */
export const CaseView = z.object({
  case: CaseSummary.extend({
    marketplace: z.string().nullable(),
    openedRung: Rung.optional(),
    rungRequestedAt: z.string().nullable().describe('when the rung asked for was asked for; null for a case for review'),
    review: ReviewOpening.optional().describe('set when the case was opened for review: one kind of evidence, not corroborated, no notice sent'),
    rungRequests: z
      .array(z.object({ rung: Rung, at: z.string(), signalId: z.string(), because: Text }))
      .optional()
      .describe('every rung the evidence asked for, when, and why in one sentence (the warning says what corroborated it)'),
    waiting: Waiting.nullable(),
    closure: z.object({ by: z.string(), role: z.string(), reason: z.string(), at: z.string() }).extend(DismissalFields.partial().shape).optional(),
    legalHold: z.object({ location: z.string(), sha256: z.string(), records: z.number(), at: z.string() }).optional(),
  }),
  seller: SellerProfile.pick({ sellerId: true, status: true, standing: true, suspension: true, activeStrikes: true, strikes: true }),
  signals: z.array(SignalGroup),
  ladder: z.array(LadderRung),
  handles: z.array(HandleSummary),
  actions: z.array(ActionAvailability).describe("what the caller's role may do to the case now, and why not"),
  audit: z.array(AuditEntrySchema).describe('the audit trail of the case, newest first'),
  timelineEntries: z.object({ condensed: z.number().int(), full: z.number().int() }),
});
export type CaseView = z.infer<typeof CaseView>;

// ---------------------------------------------------------------------------------------------
// The chronology

const EntryBase = { id: z.string(), at: z.string() };

export const MessageEntry = z.object({
  kind: z.literal('message'),
  ...EntryBase,
  messageId: z.string(),
  threadId: z.string(),
  buyerId: z.string(),
  orderId: z.string().optional(),
  sender: z.enum(['seller', 'buyer']),
  labels: z.array(Label),
  text: Text,
  attachments: z.number().int(),
  points: z.number().optional().describe('points of the seller-message signal it raised'),
});
export type MessageEntry = z.infer<typeof MessageEntry>;

export const TimelineEntry = z.discriminatedUnion('kind', [
  MessageEntry,
  z.object({
    kind: z.literal('message-group'),
    ...EntryBase,
    until: z.string(),
    count: z.number().int(),
    buyers: z.number().int(),
    labels: z.array(Label),
    points: z.number(),
    samples: z.array(z.object({ count: z.number().int(), message: MessageEntry })).describe('one message per distinct text, most sent first'),
  }),
  z.object({
    kind: z.literal('review'),
    ...EntryBase,
    reviewId: z.string(),
    orderId: z.string(),
    buyerId: z.string(),
    action: z.enum(['posted', 'edited', 'removed']),
    rating: z.number().int().optional(),
    previousRating: z.number().int().optional(),
    removedBy: z.enum(['buyer', 'platform']).optional(),
    marketplace: z.string().optional(),
    flip: z.boolean().describe('lifts a review out of the negative: an edit to 4-5 stars, or the buyer removing it'),
    title: Text.optional(),
    body: Text.optional(),
  }),
  z.object({
    kind: z.literal('lookup'),
    ...EntryBase,
    downloadId: z.string(),
    reportType: z.string(),
    actorId: z.string(),
    appId: z.string().optional(),
    containsBuyerPii: z.boolean(),
    orderCount: z.number().int(),
    covered: z.array(z.object({ reviewId: z.string(), orderId: z.string(), rating: z.number().int().optional() })).describe('negatively reviewed orders of the case the report covered'),
  }),
  z.object({ kind: z.literal('complaint'), ...EntryBase, buyerId: z.string(), orderId: z.string().optional(), channel: z.enum(COMPLAINT_CHANNELS), text: Text }),
  z.object({ kind: z.literal('signal'), ...EntryBase, rule: z.enum(RULES), points: z.number(), explanation: Text }),
  z.object({
    kind: z.literal('audit'),
    ...EntryBase,
    action: z.enum(AUDIT_ACTIONS),
    actor: z.string(),
    role: z.enum(AUDIT_ROLES),
    rung: Rung.optional(),
    reason: z.string().optional(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TIMELINE_VIEWS = ['condensed', 'full'] as const;

/** GET /v1/cases/{caseId}/timeline. */
export const TimelinePage = z.object({
  entries: z.array(TimelineEntry),
  total: z.number().int().describe('entries in this view (and time range)'),
  nextCursor: z.string().optional(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

/** Every error the API answers. */
export const Problem = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

/** The kill switch's review list: whether a signal is on in the live rules, and the open cases resting on it. */
export const SignalReview = z.object({
  signalId: z.enum(RULES),
  enabled: z.boolean(),
  liveVersion: z.number().int(),
  /** Oldest first; `askedRungs`: the rungs the signal itself asked for. */
  cases: z.array(CaseSummarySchema.extend({ askedRungs: z.array(Rung) })),
});
export type SignalReview = z.infer<typeof SignalReview>;

/** One side's outcome for a seller in the shadow comparison; `appliedRung` is always null in shadow (nothing acts on it). */
const ShadowOutcome = z.object({
  caseId: z.string(),
  status: z.enum(['open', 'closed', 'dismissed']),
  requestedRung: Rung.nullable().describe('null: a case for review, asking for no rung'),
  appliedRung: Rung.nullable(),
  openedAt: z.string(),
  points: z.number(),
});

/** GET /v1/rules/shadow: the shadow pointer, and per seller the live outcome beside the shadow's, changed sellers first. */
export const ShadowComparison = z.object({
  pointer: ShadowPointerSchema.nullable(),
  liveVersion: z.number().int(),
  version: z.number().int().nullable().describe('the shadow version compared: the pointer unless ?version= asked for an earlier one; null when none'),
  judgedSellers: z.number().int().describe('sellers the shadow judged an event of since it was set'),
  changed: z.number().int(),
  unchanged: z.number().int(),
  sellers: z.array(
    z.object({ sellerId: z.string(), changed: z.boolean().describe('the rungs asked for differ (no case: null)'), live: ShadowOutcome.nullable(), shadow: ShadowOutcome.nullable() }),
  ),
  nextCursor: z.string().optional(),
});
export type ShadowComparison = z.infer<typeof ShadowComparison>;
// ---------------------------------------------------------------------------------------------
// DSA: statements of reasons and notifiers

/** GET /v1/cases/{caseId}/statements: the case's statements of reasons (Art. 17 DSA), oldest first, each exactly the Transparency Database API's body. */
export const CaseStatements = z.object({
  statements: z.array(z.object({ issuedAt: z.string(), revises: z.string().optional(), statement: StatementOfReasonsSchema })),
});
export type CaseStatements = z.infer<typeof CaseStatements>;

/** GET /v1/notifiers/{buyerId}: a notifier's standing under Art. 23 DSA, and their contest of a sanction. */
export const NotifierStanding = z.object({
  buyerId: z.string(),
  unfoundedComplaints: z.number().int(),
  warnedAt: z.string().optional(),
  restriction: z.object({ from: z.string(), until: z.string() }).optional(),
  counted: z.boolean().describe('whether their complaints move cases now (false while a restriction runs)'),
  contest: NotifierContestSchema.optional(),
});
export type NotifierStanding = z.infer<typeof NotifierStanding>;
