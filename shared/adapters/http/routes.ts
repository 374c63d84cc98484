/**
 * The console API's routes, each described once: method, path, the roles that may call it, the
 * zod schemas of its path, query and body, what it answers, and the use case it calls. The
 * router (./router.ts) enforces roles and schemas from this table, and the OpenAPI document
 * (./openapi.ts) is generated from it, so the two cannot drift apart.
 */
import { z } from 'zod';
import { BuyerComplaintInput } from '../../../events/v1/complaint';
import { Id } from '../../../events/v1/schemas';
import { CaseSchema } from '../../domain/cases/case';
import { RUNGS } from '../../domain/ladder/rungs';
import { RULES } from '../../domain/detection/signals';
import type { Role } from '../../domain/ladder/roles';
import { PERMITTED } from '../../domain/ladder/policy';
import { AuditEntrySchema, MAX_AUDIT_PAGE_SIZE } from '../../ports/audit-log';
import type { Actor } from '../../use-cases/actor';
import { caseTimeline } from '../../use-cases/case-timeline';
import { ReadinessSchema, checkReadiness } from '../../use-cases/check-readiness';
import type { ConsoleDeps } from '../../use-cases/console-deps';
import { decideAppeal } from '../../use-cases/decide-appeal';
import { decideRung } from '../../use-cases/decide-rung';
import { dismissCase } from '../../use-cases/dismiss-case';
import { dismissalRequest } from '../../domain/cases/dismissal';
import { LabelledCaseSchema, exportLabels } from '../../use-cases/export-labels';
import { SignalPrecisionReportSchema, signalPrecisionReport } from '../../use-cases/signal-precision-report';
import { escalateCase } from '../../use-cases/escalate-case';
import { fileAppeal } from '../../use-cases/file-appeal';
import { decideNotifierContest, fileNotifierContest, readNotifierStanding } from '../../use-cases/notifier-contest';
import { MIN_REASON_CHARACTERS, visibleCharactersPattern } from '../../domain/visible-text';
import { receiveNotice } from '../../use-cases/receive-notice';
import { CaseSummarySchema, DEFAULT_CASE_PAGE_SIZE, MAX_CASE_PAGE_SIZE, listCases, summariseCase } from '../../use-cases/list-cases';
import { recordCoachingCompletion } from '../../use-cases/record-coaching-completion';
import { sellerProfile } from '../../use-cases/seller-profile';
import { caseQueue, DEFAULT_QUEUE_PAGE_SIZE, MAX_QUEUE_PAGE_SIZE } from '../../use-cases/case-queue';
import { readCase } from '../../use-cases/read-case';
import { CONSISTENCY_RULES, DetectionConfigDraftSchema, DetectionConfigSchema, SIGNAL_IDS } from '../../domain/detection/config';
import { ConfigChangeSchema } from '../../domain/detection/config-diff';
import { RulesChangeSchema } from '../../ports/rules-store';
import { createRulesVersion, makeRulesLive, setShadowRules } from '../../use-cases/change-rules';
import { DEFAULT_SHADOW_PAGE_SIZE, MAX_SHADOW_PAGE_SIZE, shadowComparison } from '../../use-cases/shadow-comparison';
import { getRulesVersion, listRulesVersions } from '../../use-cases/rules-versions';
import { signalReview } from '../../use-cases/signal-review';
import { caseStatements } from '../../use-cases/issue-statement';
import { caseView, DEFAULT_TIMELINE_PAGE_SIZE, MAX_TIMELINE_PAGE_SIZE, queueItem, timelinePage } from './case-presenter';
import {
  Appeal,
  CASE_STATUSES,
  CaseStatements,
  CaseView,
  NotifierStanding,
  QueuePage,
  SellerProfile,
  ShadowComparison,
  SignalReview,
  TIMELINE_VIEWS,
  TimelinePage,
} from './console-views';

/**
 * Text a person must write (a reason the audit keeps): at least `min` characters one can see
 * (shared/domain/visible-text.ts); the length limit is on the text as sent; what is stored is
 * trimmed.
 */
const visibleText = (min: number, max: number, tooFew: string) =>
  z
    .string()
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`)
    .regex(visibleCharactersPattern(min), tooFew)
    .describe(
      `At least ${min} visible character${min === 1 ? '' : 's'}: control, format (zero-width, bidi overrides) and white-space characters do not count. At most ${max.toLocaleString('en-US')} characters as sent. Stored without leading and trailing white space.`,
    )
    .transform((text) => text.trim());
const Reason = visibleText(MIN_REASON_CHARACTERS, 2_000, `give a reason of at least ${MIN_REASON_CHARACTERS} visible characters (letters, digits, punctuation or symbols)`);
const PlanPart = visibleText(1, 10_000, 'must not be empty (at least one visible character)');
const Timestamp = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 timestamp with Z or an offset' });

/**
 * A rule over several query parameters, which JSON Schema cannot say of parameters: declared once,
 * checked by the router (through `constrained`) and published in the OpenAPI document
 * (`x-offside-constraints`, and in words in the operation's description).
 */
export type QueryConstraint =
  | { readonly kind: 'exactlyOneOf'; readonly fields: readonly string[] }
  | { readonly kind: 'notAfter'; readonly field: string; readonly other: string };

export function describeConstraint(constraint: QueryConstraint): string {
  return constraint.kind === 'exactlyOneOf'
    ? `give exactly one of ${constraint.fields.join(', ')}`
    : `${constraint.field} must not be later than ${constraint.other}`;
}

/** The schema with its constraints checked; an issue names the first field a constraint is about. */
function constrained<T extends z.ZodObject>(schema: T, constraints: readonly QueryConstraint[]): T {
  return schema.superRefine((value: Record<string, unknown>, ctx) => {
    for (const constraint of constraints) {
      if (constraint.kind === 'exactlyOneOf') {
        if (constraint.fields.filter((field) => value[field] !== undefined).length !== 1) {
          ctx.addIssue({ code: 'custom', path: [constraint.fields[0] ?? ''], message: describeConstraint(constraint) });
        }
      } else {
        const from = value[constraint.field];
        const to = value[constraint.other];
        if (typeof from === 'string' && typeof to === 'string' && Date.parse(from) > Date.parse(to)) {
          ctx.addIssue({ code: 'custom', path: [constraint.field], message: describeConstraint(constraint) });
        }
      }
    }
  });
}
const Limit = (max: number, fallback: number) => z.coerce.number().int('must be an integer').min(1).max(max).default(fallback);


/** A page's position: only a `nextCursor` the same list answered; anything else is 400. */
const Cursor = z.string().min(1).optional().describe('nextCursor of the previous page of the same list; any other value is refused (400)');
const CASES_CONSTRAINTS: readonly QueryConstraint[] = [{ kind: 'notAfter', field: 'openedFrom', other: 'openedTo' }];
const TIMELINE_CONSTRAINTS: readonly QueryConstraint[] = [{ kind: 'notAfter', field: 'from', other: 'to' }];
const PERIOD_CONSTRAINTS: readonly QueryConstraint[] = [{ kind: 'notAfter', field: 'from', other: 'to' }];
/** A period of analysts' decisions: from included, to excluded, either end open. */
const DecisionPeriodQuery = constrained(
  z.object({
    from: Timestamp.optional().describe('decisions at or after this time; not later than to'),
    to: Timestamp.optional().describe('decisions before this time'),
  }),
  PERIOD_CONSTRAINTS,
);
const isoPeriod = (query: { from?: string | undefined; to?: string | undefined }) => ({
  ...(query.from ? { from: new Date(query.from).toISOString() } : {}),
  ...(query.to ? { to: new Date(query.to).toISOString() } : {}),
});
const AUDIT_CONSTRAINTS: readonly QueryConstraint[] = [{ kind: 'exactlyOneOf', fields: ['caseId', 'sellerId', 'actor'] }];

const Decision = z.object({ decision: z.enum(['approve', 'deny']), reason: Reason });
const CaseParams = z.object({ caseId: Id });
/** A seller's plan of action, as an analyst records it or the marketplace relays it. */
const AppealBody = z.object({
  rootCause: PlanPart,
  actionsTaken: PlanPart,
  prevention: PlanPart,
  receivedAt: Timestamp.optional(),
});
const SellerParams = z.object({ sellerId: Id });
const RulesVersionParams = z.object({ version: z.coerce.number().int('must be an integer').min(1) });
const NotifierParams = z.object({ buyerId: Id });
const ContestBody = z.object({
  reason: Reason,
  /** The buyer's language (BCP 47), for the decision's notice. */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag, e.g. fr or pt-BR').optional(),
});


export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The caller, in the first of the route's roles it holds; undefined on public routes. */
  readonly actor: Actor;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** OpenAPI style: `/v1/cases/{caseId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** Roles that may call it, in the order an actor's role is chosen for the audit; 'public' needs no token. */
  readonly roles: readonly Role[] | 'public';
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Rules across body fields JSON Schema cannot say (the body schema checks them; the OpenAPI document states them as `x-offside-body-rules`). */
  readonly bodyRules?: readonly { readonly field: string; readonly reason: string }[];
  /** Rules over several query parameters (the query schema checks them; the OpenAPI document states them). */
  readonly constraints?: readonly QueryConstraint[];
  readonly success: { readonly status: number; readonly description: string; readonly schema: z.ZodType };
  /** Errors it may answer besides those every route of its kind answers (400, 401, 403, 415, 413, 500, 503). */
  readonly errors?: readonly (404 | 409)[];
  /** Answers other than the success and the errors, each with its own schema (readiness: 503). */
  readonly otherResponses?: readonly { readonly status: number; readonly description: string; readonly schema: z.ZodType }[];
  /** A public route that still reads through the product's ports (so it can fail: 500, 503). */
  readonly usesDependencies?: boolean;
  handle(input: RouteInput<unknown, unknown, unknown>, deps: ConsoleDeps): Promise<RouteResult>;
}

/** Declares a route with its handler typed by its schemas. */
function route<P extends z.ZodObject = z.ZodObject<Record<never, never>>, Q extends z.ZodObject = z.ZodObject<Record<never, never>>, B extends z.ZodType = z.ZodUndefined>(
  spec: Omit<Route, 'handle' | 'params' | 'query' | 'body'> & {
    readonly params?: P;
    readonly query?: Q;
    readonly body?: B;
    handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>, deps: ConsoleDeps): Promise<RouteResult>;
  },
): Route {
  // The router parses params, query and body with these very schemas before calling `handle`.
  return spec;
}


/** A decision on a rung that waits for one: the same shape for a suspension and a legal hold. */
function decisionRoute(rung: 'suspend' | 'legal-hold', segment: string, operationId: string, summary: string): Route {
  return route({
    method: 'POST',
    path: `/v1/cases/{caseId}/${segment}`,
    operationId,
    summary,
    tag: 'decisions',
    roles: PERMITTED[rung === 'suspend' ? 'decide-suspension' : 'decide-legal-hold'],
    params: CaseParams,
    body: Decision,
    success: { status: 200, description: 'The decision was recorded and handed to the workflow', schema: CaseSummarySchema },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 200, body: summariseCase(await decideRung({ caseId: params.caseId, rung, ...body }, actor, deps)) }),
  });
}

export const ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'Liveness: answers 200 without a token',
    tag: 'platform',
    roles: 'public',
    success: { status: 200, description: 'The console is up', schema: z.object({ status: z.literal('ok') }) },
    handle: async () => ({ status: 200, body: { status: 'ok' } }),
  }),
  route({
    method: 'GET',
    path: '/ready',
    operationId: 'readiness',
    summary: 'Readiness: whether each service the console depends on answers now; 503 while one does not',
    tag: 'platform',
    roles: 'public',
    success: { status: 200, description: 'Every dependency is up', schema: ReadinessSchema },
    otherResponses: [{ status: 503, description: 'A dependency is down: each one with its state and, when down, why', schema: ReadinessSchema }],
    handle: async (_input, deps) => {
      const readiness = await checkReadiness(deps.readiness);
      return readiness.status === 'ready' ? { status: 200, body: readiness } : { status: 503, body: readiness, headers: { 'retry-after': '5' } };
    },
  }),
  route({
    method: 'GET',
    path: '/v1/cases',
    operationId: 'listCases',
    summary: 'Cases, newest opened first, filtered, a page at a time',
    tag: 'cases',
    roles: PERMITTED.read,
    query: constrained(
      z.object({
        status: z.enum(CASE_STATUSES).optional(),
        rung: z.enum(RUNGS).optional().describe('the rung the case asks for'),
        sellerId: Id.optional(),
        openedFrom: Timestamp.optional().describe('cases opened at or after this time; not later than openedTo'),
        openedTo: Timestamp.optional().describe('cases opened at or before this time'),
        signal: z.enum(RULES).optional().describe('cases where this rule fired'),
        limit: Limit(MAX_CASE_PAGE_SIZE, DEFAULT_CASE_PAGE_SIZE),
        cursor: Cursor,
      }),
      CASES_CONSTRAINTS,
    ),
    constraints: CASES_CONSTRAINTS,
    success: { status: 200, description: 'One page of cases', schema: z.object({ cases: z.array(CaseSummarySchema), nextCursor: z.string().optional() }) },
    handle: async ({ query }, deps) => {
      const { signal, openedFrom, openedTo, ...rest } = query;
      const iso = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
      const page = await listCases(
        { ...rest, ...(signal ? { rule: signal } : {}), openedFrom: iso(openedFrom), openedTo: iso(openedTo) },
        deps,
      );
      return { status: 200, body: page };
    },
  }),
  route({
    method: 'GET',
    path: '/v1/cases/{caseId}',
    operationId: 'getCase',
    summary: 'One case with its timeline: evidence, rules fired with points, rungs, decisions, notices',
    tag: 'cases',
    roles: PERMITTED.read,
    params: CaseParams,
    success: {
      status: 200,
      description: 'The case and its timeline, in time order',
      schema: z.object({ case: CaseSchema, timeline: z.array(z.looseObject({ at: z.string(), type: z.enum(['evidence', 'signal', 'audit']) })) }),
    },
    errors: [404],
    handle: async ({ params }, deps) => ({ status: 200, body: await caseTimeline(params.caseId, deps) }),
  }),
  decisionRoute('suspend', 'suspension-decision', 'decideSuspension', 'Approve or deny the suspension the case waits for (analyst); a denial sends the case back to coaching'),
  decisionRoute('legal-hold', 'legal-hold-decision', 'decideLegalHold', 'Approve or deny the legal hold the case waits for (legal role)'),
  route({
    method: 'POST',
    path: '/v1/cases/{caseId}/dismissal',
    operationId: 'dismissCase',
    summary: 'Dismiss the case (a false positive naming the wrong signals, or resolved otherwise): the workflow stops, its strikes are withdrawn',
    tag: 'decisions',
    roles: PERMITTED.dismiss,
    params: CaseParams,
    body: dismissalRequest({ reason: Reason }),
    success: { status: 200, description: 'The case is dismissed', schema: CaseSummarySchema },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 200, body: summariseCase(await dismissCase({ caseId: params.caseId, ...body }, actor, deps)) }),
  }),
  route({
    method: 'POST',
    path: '/v1/cases/{caseId}/escalation',
    operationId: 'escalateCase',
    summary: 'Ask for the next rung of the case: a warning for a case for review, which starts the ladder at warn (suspension and legal hold still wait for their approvals)',
    tag: 'decisions',
    roles: PERMITTED.escalate,
    params: CaseParams,
    body: z.object({ reason: Reason }),
    success: { status: 200, description: 'The case asks for the next rung', schema: CaseSummarySchema },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 200, body: summariseCase(await escalateCase({ caseId: params.caseId, ...body }, actor, deps)) }),
  }),
  route({
    method: 'GET',
    path: '/v1/sellers/{sellerId}',
    operationId: 'getSeller',
    summary: 'A seller: standing, strikes with their expiry, suspension, appeals, cases and ring links',
    tag: 'sellers',
    roles: PERMITTED.read,
    params: SellerParams,
    success: {
      status: 200,
      description: 'The seller as the ladder sees it',
      schema: SellerProfile,
    },
    handle: async ({ params }, deps) => ({ status: 200, body: await sellerProfile(params.sellerId, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/sellers/{sellerId}/coaching-completions',
    operationId: 'recordCoachingCompletion',
    summary: "Record that the seller completed its policy course: the coaching the ladder waits for ends",
    tag: 'sellers',
    roles: PERMITTED['record-coaching'],
    params: SellerParams,
    body: z.object({ completedAt: Timestamp.optional(), note: z.string().max(2_000).optional() }),
    success: { status: 200, description: 'The completion was handed to the workflow', schema: CaseSummarySchema },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({
      status: 200,
      body: summariseCase(await recordCoachingCompletion({ sellerId: params.sellerId, ...body }, actor, deps)),
    }),
  }),
  route({
    method: 'POST',
    path: '/v1/sellers/{sellerId}/appeals',
    operationId: 'fileAppeal',
    summary: "Record a suspended seller's appeal: its plan of action",
    tag: 'sellers',
    roles: PERMITTED['record-appeal'],
    params: SellerParams,
    body: AppealBody,
    success: { status: 201, description: 'The appeal waits for a decision', schema: Appeal },
    errors: [409],
    handle: async ({ params, body, actor }, deps) => ({ status: 201, body: await fileAppeal({ sellerId: params.sellerId, ...body }, actor, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/sellers/{sellerId}/appeals/{appealId}/decision',
    operationId: 'decideAppeal',
    summary: 'Accept (reinstate the seller) or reject an appeal',
    tag: 'sellers',
    roles: PERMITTED['decide-appeal'],
    params: z.object({ sellerId: Id, appealId: Id }),
    body: z.object({ outcome: z.enum(['accepted', 'rejected']), reason: Reason }),
    success: { status: 200, description: 'The appeal is decided', schema: Appeal },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 200, body: await decideAppeal({ ...params, ...body }, actor, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/complaints',
    operationId: 'fileComplaint',
    summary: 'Take in a buyer complaint of off-platform contact; it feeds detection at once',
    tag: 'complaints',
    roles: PERMITTED['file-complaint'],
    body: BuyerComplaintInput,
    success: {
      status: 201,
      description: "The complaint is stored (contact handles hashed), the buyer acknowledged with its reference, and detection has run unless the notifier is restricted (Art. 23 DSA); the seller's open case, if any",
      schema: z.object({ complaintId: z.string(), reference: z.string(), counted: z.boolean(), sellerId: z.string(), case: CaseSummarySchema.nullable() }),
    },
    handle: async ({ body }, deps) => {
      const { complaint, reference, counted } = await receiveNotice(body, deps);
      const open = await deps.cases.openCase(complaint.sellerId);
      return { status: 201, body: { complaintId: complaint.eventId, reference, counted, sellerId: complaint.sellerId, case: open ? summariseCase(open) : null } };
    },
  }),
  route({
    method: 'GET',
    path: '/v1/cases/{caseId}/statements',
    operationId: 'getCaseStatements',
    summary: "The case's statements of reasons (Art. 17 DSA), oldest first: the suspension's, and its revision when the restriction ended",
    tag: 'cases',
    roles: PERMITTED.read,
    params: CaseParams,
    success: { status: 200, description: 'Each statement exactly as sent to the DSA Transparency Database (none when nothing was restricted)', schema: CaseStatements },
    errors: [404],
    handle: async ({ params }, deps) => {
      const statements = await caseStatements(params.caseId, deps);
      return { status: 200, body: { statements: statements.map(({ issuedAt, revises, statement }) => ({ issuedAt, ...(revises ? { revises } : {}), statement })) } };
    },
  }),
  route({
    method: 'GET',
    path: '/v1/notifiers/{buyerId}',
    operationId: 'getNotifier',
    summary: "A notifier's standing (Art. 23 DSA): complaints found unfounded, a warning, a restriction, whether their complaints count now, a contest",
    tag: 'complaints',
    roles: PERMITTED.read,
    params: NotifierParams,
    success: { status: 200, description: "The notifier's standing (a buyer never sanctioned has a clean one)", schema: NotifierStanding },
    handle: async ({ params }, deps) => ({ status: 200, body: await readNotifierStanding(params.buyerId, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/notifiers/{buyerId}/contests',
    operationId: 'fileNotifierContest',
    summary: "Record a buyer's contest of an Art. 23 decision about their complaints (a warning or a restriction), for a person to decide",
    tag: 'complaints',
    roles: PERMITTED['record-notifier-contest'],
    params: NotifierParams,
    body: ContestBody,
    success: { status: 201, description: 'The contest waits for a decision', schema: NotifierStanding },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 201, body: await fileNotifierContest({ buyerId: params.buyerId, ...body }, actor, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/notifiers/{buyerId}/contest-decision',
    operationId: 'decideNotifierContest',
    summary: "Uphold (withdraw the sanction) or reject a buyer's contest of an Art. 23 decision; the buyer is told",
    tag: 'complaints',
    roles: PERMITTED['decide-notifier-contest'],
    params: NotifierParams,
    body: z.object({ outcome: z.enum(['upheld', 'rejected']), reason: Reason }),
    success: { status: 200, description: 'The contest is decided', schema: NotifierStanding },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 200, body: await decideNotifierContest({ buyerId: params.buyerId, ...body }, actor, deps) }),
  }),
  route({
    method: 'GET',
    path: '/v1/audit',
    operationId: 'queryAudit',
    summary: 'The audit log, newest first, by case, seller or actor (exactly one)',
    tag: 'audit',
    roles: PERMITTED.read,
    query: constrained(
      z.object({
        caseId: Id.optional().describe('entries of this case (exactly one of caseId, sellerId, actor)'),
        sellerId: Id.optional().describe("entries of this seller's cases and account (exactly one of caseId, sellerId, actor)"),
        actor: z.string().min(1).optional().describe('entries by this person: the id the audit records (exactly one of caseId, sellerId, actor)'),
        limit: Limit(MAX_AUDIT_PAGE_SIZE, 50),
        cursor: Cursor,
      }),
      AUDIT_CONSTRAINTS,
    ),
    constraints: AUDIT_CONSTRAINTS,
    success: { status: 200, description: 'One page of entries', schema: z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().optional() }) },
    handle: async ({ query }, deps) => {
      const page = { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
      const result =
        query.caseId !== undefined
          ? await deps.audit.byCase(query.caseId, page)
          : query.sellerId !== undefined
            ? await deps.audit.bySeller(query.sellerId, page)
            : await deps.audit.byActor(query.actor ?? '', page);
      return { status: 200, body: result };
    },
  }),
  route({
    method: 'GET',
    path: '/v1/queue',
    operationId: 'caseQueue',
    summary: 'The work queue: cases waiting for a decision first (longest wait first), then by points, then oldest; cases for review (forReview: one kind of evidence, no rung asked for, no notice sent) among them; filtered, a page at a time',
    tag: 'console',
    roles: PERMITTED.read,
    query: z.object({
      status: z.enum(CASE_STATUSES).default('open'),
      rung: z.enum(RUNGS).optional().describe('the rung the case asks for'),
      signal: z.enum(RULES).optional().describe('cases where this rule fired'),
      sellerId: Id.optional(),
      marketplace: z.string().regex(/^[A-Za-z]{2}$/u, 'must be a two-letter marketplace code').optional().describe("the seller's home marketplace"),
      limit: Limit(MAX_QUEUE_PAGE_SIZE, DEFAULT_QUEUE_PAGE_SIZE),
      cursor: Cursor,
    }),
    success: { status: 200, description: 'One page of the queue', schema: QueuePage },
    handle: async ({ query }, deps) => {
      const { signal, ...rest } = query;
      const page = await caseQueue({ ...rest, ...(signal ? { rule: signal } : {}) }, deps);
      return { status: 200, body: { items: page.entries.map(queueItem), total: page.total, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
    },
  }),
  route({
    method: 'GET',
    path: '/v1/cases/{caseId}/summary',
    operationId: 'getCaseView',
    summary: "A case as the console shows it: the seller's standing and strikes, signals by rule, the ladder's rungs with decisions and notices, contact handles (as references), what the caller may do, the audit trail",
    tag: 'console',
    roles: PERMITTED.read,
    params: CaseParams,
    success: { status: 200, description: 'The case view', schema: CaseView },
    errors: [404],
    handle: async ({ params, actor }, deps) => ({ status: 200, body: caseView(await readCase(params.caseId, deps), actor.role, deps.config) }),
  }),
  route({
    method: 'GET',
    path: '/v1/cases/{caseId}/timeline',
    operationId: 'getCaseTimeline',
    summary: 'The chronology of a case, a page at a time: condensed (runs of seller messages as one entry, default) or in full; text with labelled phrases marked and contact handles as references',
    tag: 'console',
    roles: PERMITTED.read,
    params: CaseParams,
    query: constrained(
      z.object({
        view: z.enum(TIMELINE_VIEWS).default('condensed'),
        from: Timestamp.optional().describe('entries at or after this time; not later than to'),
        to: Timestamp.optional().describe('entries at or before this time'),
        limit: Limit(MAX_TIMELINE_PAGE_SIZE, DEFAULT_TIMELINE_PAGE_SIZE),
        cursor: Cursor,
      }),
      TIMELINE_CONSTRAINTS,
    ),
    constraints: TIMELINE_CONSTRAINTS,
    success: { status: 200, description: 'One page of the chronology, in time order', schema: TimelinePage },
    errors: [404],
    handle: async ({ params, query }, deps) => {
      const iso = (time: string | undefined) => (time === undefined ? undefined : new Date(time).toISOString());
      const record = await readCase(params.caseId, deps);
      return { status: 200, body: timelinePage(record, { ...query, from: iso(query.from), to: iso(query.to) }, deps.config) };
    },
  }),
  // Detection's rules (issue 17): admins only, every change with a reason, recorded with its diff.
  route({
    method: 'GET',
    path: '/v1/rules/versions',
    operationId: 'listRulesVersions',
    summary: "Detection's rules: every version (which one is live) and every change, newest first, with who made it, why and its diff",
    tag: 'rules',
    roles: PERMITTED['change-rules'],
    success: {
      status: 200,
      description: 'The versions, oldest first, and the changes',
      schema: z.object({
        live: z.number().int(),
        versions: z.array(
          z.object({ version: z.number().int(), description: z.string().optional(), createdAt: z.string(), createdBy: z.string(), reason: z.string(), live: z.boolean() }),
        ),
        changes: z.array(RulesChangeSchema),
      }),
    },
    handle: async (_input, deps) => ({ status: 200, body: await listRulesVersions(deps) }),
  }),
  route({
    method: 'GET',
    path: '/v1/rules/versions/{version}',
    operationId: 'getRulesVersion',
    summary: 'One version of the rules, the whole document',
    tag: 'rules',
    roles: PERMITTED['change-rules'],
    params: RulesVersionParams,
    success: {
      status: 200,
      description: 'The version',
      schema: z.object({ live: z.boolean(), createdAt: z.string(), createdBy: z.string(), reason: z.string(), config: DetectionConfigSchema }),
    },
    errors: [404],
    handle: async ({ params }, deps) => ({ status: 200, body: await getRulesVersion(params.version, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/rules/versions',
    operationId: 'createRulesVersion',
    summary: 'Store a new version of the rules (validated; numbered by the store; not live until made live)',
    tag: 'rules',
    roles: PERMITTED['change-rules'],
    body: z.object({ config: DetectionConfigDraftSchema, reason: Reason }),
    bodyRules: CONSISTENCY_RULES.map((rule) => ({ field: ['body', 'config', ...rule.path].join('.'), reason: rule.message })),
    success: {
      status: 201,
      description: 'The version stored, and what it changes against the live one',
      schema: z.object({ version: z.number().int(), comparedWith: z.number().int(), diff: z.array(ConfigChangeSchema) }),
    },
    errors: [409],
    handle: async ({ body, actor }, deps) => ({ status: 201, body: await createRulesVersion(body, actor, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/rules/live',
    operationId: 'makeRulesLive',
    summary: 'Make a stored version of the rules live: the consumers judge the next events by it (within their cache period, 60 s at most)',
    tag: 'rules',
    roles: PERMITTED['change-rules'],
    body: z.object({ version: z.number().int().min(1), reason: Reason }),
    success: { status: 200, description: 'The change, with the diff from the version it replaced', schema: RulesChangeSchema },
    errors: [404, 409],
    handle: async ({ body, actor }, deps) => ({ status: 200, body: await makeRulesLive(body, actor, deps) }),
  }),
  route({
    method: 'GET',
    path: '/v1/rules/shadow',
    operationId: 'shadowComparison',
    summary: 'The shadow version (a candidate judged beside the live rules on live traffic, acted on by nothing) and, per seller it judged, the live outcome beside the shadow\'s, changed sellers first',
    tag: 'rules',
    roles: PERMITTED.read,
    query: z.object({
      version: z.coerce.number().int('must be an integer').min(1).optional().describe('an earlier shadow version to compare; @default the shadow pointer'),
      limit: Limit(MAX_SHADOW_PAGE_SIZE, DEFAULT_SHADOW_PAGE_SIZE),
      cursor: Cursor,
    }),
    success: { status: 200, description: 'The pointer and one page of sellers, changed first, then by seller id', schema: ShadowComparison },
    handle: async ({ query }, deps) => ({ status: 200, body: await shadowComparison(query, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/rules/shadow',
    operationId: 'setShadowRules',
    summary: 'Set the shadow version (a stored version other than the live one: judged beside it on live traffic, within the consumers\' cache period) or clear it with version null',
    tag: 'rules',
    roles: PERMITTED['change-rules'],
    body: z.object({ version: z.number().int('must be an integer').min(1).nullable().describe('the version to run in shadow; null clears the shadow'), reason: Reason }),
    success: { status: 200, description: 'The change (shadow-set or shadow-cleared), with the diff of the shadow from the live version', schema: RulesChangeSchema },
    errors: [404, 409],
    handle: async ({ body, actor }, deps) => ({ status: 200, body: await setShadowRules(body, actor, deps) }),
  }),
  route({
    method: 'GET',
    path: '/v1/rules/signals/{signalId}/cases',
    operationId: 'signalReview',
    summary: 'The open cases a signal opened or escalated, for review once it is switched off (the kill switch closes none)',
    tag: 'rules',
    roles: PERMITTED.read,
    params: z.object({ signalId: z.enum(SIGNAL_IDS) }),
    success: {
      status: 200,
      description: "Whether the signal is enabled in the live rules, and the open cases resting on it, oldest first",
      schema: SignalReview,
    },
    handle: async ({ params }, deps) => ({ status: 200, body: await signalReview(params.signalId, deps) }),
  }),
  route({
    method: 'GET',
    path: '/v1/reports/signals',
    operationId: 'signalPrecision',
    summary: "Each signal's precision from analysts' outcomes over a period of decisions (confirmed cases against false positives naming it)",
    tag: 'reports',
    roles: PERMITTED.read,
    query: DecisionPeriodQuery,
    constraints: PERIOD_CONSTRAINTS,
    success: { status: 200, description: 'One row per signal', schema: SignalPrecisionReportSchema },
    handle: async ({ query }, deps) => ({ status: 200, body: await signalPrecisionReport(isoPeriod(query), deps) }),
  }),
  route({
    method: 'GET',
    path: '/v1/labels',
    operationId: 'exportLabels',
    summary: 'Settled cases as labelled data: signals, outcome, and each flagged seller message redacted with its verdict',
    tag: 'reports',
    roles: PERMITTED.read,
    query: DecisionPeriodQuery,
    constraints: PERIOD_CONSTRAINTS,
    success: { status: 200, description: 'Settled cases, oldest decision first', schema: z.object({ cases: z.array(LabelledCaseSchema) }) },
    handle: async ({ query }, deps) => ({ status: 200, body: { cases: await exportLabels(isoPeriod(query), deps) } }),
  }),
  // Service routes (DSA Art. 16, 20): machines relay with their own client-credentials token (the
  // service role, scope offside/intake), never a person's; they read nothing and decide nothing.
  route({
    method: 'POST',
    path: '/v1/service/complaints',
    operationId: 'relayComplaint',
    summary: "The help centre relays a buyer's complaint (a notice under Art. 16 DSA): acknowledged at once, then detection",
    tag: 'service',
    roles: PERMITTED['relay-complaint'],
    body: BuyerComplaintInput,
    success: {
      status: 201,
      description: 'The notice is recorded and the buyer acknowledged with its reference; counted is false while its notifier is restricted (Art. 23 DSA)',
      schema: z.object({ reference: z.string(), counted: z.boolean() }),
    },
    handle: async ({ body }, deps) => {
      const { reference, counted } = await receiveNotice(body, deps);
      return { status: 201, body: { reference, counted } };
    },
  }),
  route({
    method: 'POST',
    path: '/v1/service/sellers/{sellerId}/appeals',
    operationId: 'relayAppeal',
    summary: "The marketplace relays a suspended seller's appeal (Art. 20 DSA): it waits for a person other than the suspension's approver",
    tag: 'service',
    roles: PERMITTED['relay-appeal'],
    params: SellerParams,
    body: AppealBody,
    success: { status: 201, description: 'The appeal waits for a decision', schema: Appeal },
    errors: [409],
    handle: async ({ params, body, actor }, deps) => ({ status: 201, body: await fileAppeal({ sellerId: params.sellerId, ...body }, actor, deps) }),
  }),
  route({
    method: 'POST',
    path: '/v1/service/notifiers/{buyerId}/contests',
    operationId: 'relayNotifierContest',
    summary: "The help centre relays a buyer's contest of an Art. 23 decision about their complaints: it waits for a person",
    tag: 'service',
    roles: PERMITTED['relay-notifier-contest'],
    params: NotifierParams,
    body: ContestBody,
    success: { status: 201, description: 'The contest waits for a decision', schema: NotifierStanding },
    errors: [404, 409],
    handle: async ({ params, body, actor }, deps) => ({ status: 201, body: await fileNotifierContest({ buyerId: params.buyerId, ...body }, actor, deps) }),
  }),
];
