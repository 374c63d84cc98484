/**
 * Notices from buyers (Art. 16 DSA) and the misuse rule (Art. 23): a buyer whose complaints are
 * repeatedly found unfounded (the case they joined dismissed) is warned first, then their
 * complaints stop counting for a period; both decisions are the buyer's to contest. Kept at the
 * intake, on the notifier's own record, apart from detection's weighing of complaints. Pure.
 */
import { z } from 'zod';

/** One complaint as a notice: its reference (the complaint's id), who sent it, and what became of it. */
export interface NoticeRecord {
  readonly reference: string;
  readonly buyerId: string;
  readonly sellerId: string;
  /** The buyer's language (BCP 47), for the acknowledgement and the outcome. */
  readonly language?: string;
  readonly receivedAt: string;
  /** False when the notifier's complaints did not count (a restriction under Art. 23). */
  readonly counted: boolean;
  /** The decision the notifier was told of, once. */
  readonly outcome?: { readonly decision: 'actioned' | 'dismissed'; readonly at: string; readonly caseId: string };
}

export interface NotifierStanding {
  readonly buyerId: string;
  /** Complaints of theirs found unfounded (the case they joined dismissed), with when. */
  readonly unfounded: readonly { readonly reference: string; readonly at: string }[];
  readonly warnedAt?: string;
  /** Their complaints do not count from `from` to `until`. */
  readonly restriction?: { readonly from: string; readonly until: string };
  /** The case whose dismissal decided the latest sanction (where its audit entries go). */
  readonly sanctionCase?: { readonly caseId: string; readonly sellerId: string };
  /** The latest contest of a sanction, and its decision once a person made it. */
  readonly contest?: NotifierContest;
  /** Optimistic concurrency: 0 for a record never written. */
  readonly version: number;
}

/** How long a notice may wait for a case before it is closed as no breach found (counting as unfounded). */
export const NOTICE_REVIEW_DAYS = 14;

/** The misuse policy: how many unfounded complaints warn, how many more restrict, for how long. */
export const MISUSE_POLICY = {
  /** Unfounded complaints in the look-back period that earn a warning. */
  warnAfter: 3,
  /** Unfounded complaints (counting those before the warning) that restrict, once warned. */
  restrictAfter: 5,
  lookBackDays: 365,
  restrictionDays: 90,
} as const;

const DAY_MS = 86_400_000;
const addDays = (time: string, days: number) => new Date(Date.parse(time) + days * DAY_MS).toISOString();

export const newStanding = (buyerId: string): NotifierStanding => ({ buyerId, unfounded: [], version: 0 });

/** Do the notifier's complaints count at `at`? Not while a restriction runs. */
export function complaintsCount(standing: NotifierStanding, at: string): boolean {
  const restriction = standing.restriction;
  return !restriction || at < restriction.from || at >= restriction.until;
}

export type StandingChange = { readonly standing: NotifierStanding; readonly decision?: 'warned' | 'restricted' };

/**
 * A complaint of theirs was found unfounded at `at`: it is counted, and the notifier warned or
 * restricted when the policy says so (each decision at most once per episode: a warning, then a
 * restriction; a restriction that ended starts a new episode).
 */
export function recordUnfounded(standing: NotifierStanding, reference: string, at: string): StandingChange {
  if (standing.unfounded.some((entry) => entry.reference === reference)) return { standing };
  const since = addDays(at, -MISUSE_POLICY.lookBackDays);
  const unfounded = [...standing.unfounded, { reference, at }].filter((entry) => entry.at >= since);
  const episodeStart = standing.restriction && standing.restriction.until <= at ? standing.restriction.until : undefined;
  const inEpisode = unfounded.filter((entry) => episodeStart === undefined || entry.at >= episodeStart);
  const next = { ...standing, unfounded };
  const warned = standing.warnedAt !== undefined && (episodeStart === undefined || standing.warnedAt >= episodeStart);
  if (!warned && inEpisode.length >= MISUSE_POLICY.warnAfter) return { standing: { ...next, warnedAt: at }, decision: 'warned' };
  const restricted = standing.restriction !== undefined && standing.restriction.until > at;
  if (warned && !restricted && inEpisode.length >= MISUSE_POLICY.restrictAfter) {
    return { standing: { ...next, restriction: { from: at, until: addDays(at, MISUSE_POLICY.restrictionDays) } }, decision: 'restricted' };
  }
  return { standing: next };
}

/** What a sanction's contest is about, and what a person decided. */
export interface NotifierContest {
  readonly of: 'warning' | 'restriction';
  readonly at: string;
  readonly reason: string;
  /** Who relayed or recorded it (a service or an agent). */
  readonly filedBy: string;
  /** The buyer's language (BCP 47), for the decision's notice. */
  readonly language?: string;
  readonly decision?: { readonly outcome: 'upheld' | 'rejected'; readonly at: string; readonly by: string; readonly reason: string };
}

/** A contest as stored and as the console reads it: one schema for the ledger and the API. */
export const NotifierContestSchema = z.object({
  of: z.enum(['warning', 'restriction']),
  at: z.string(),
  reason: z.string(),
  filedBy: z.string(),
  language: z.string().optional(),
  decision: z.object({ outcome: z.enum(['upheld', 'rejected']), at: z.string(), by: z.string(), reason: z.string() }).optional(),
}) satisfies z.ZodType<NotifierContest>;

/** Why a contest cannot be filed or decided now (the API answers 409 with it). */
export class NotifierContestError extends Error {
  override readonly name = 'NotifierContestError';
}

/** The sanction in force at `at`: a running restriction, else a warning of the current episode. */
export function sanctionInForce(standing: NotifierStanding, at: string): 'warning' | 'restriction' | undefined {
  if (standing.restriction && standing.restriction.from <= at && at < standing.restriction.until) return 'restriction';
  const episodeStart = standing.restriction && standing.restriction.until <= at ? standing.restriction.until : undefined;
  if (standing.warnedAt !== undefined && (episodeStart === undefined || standing.warnedAt >= episodeStart)) return 'warning';
  return undefined;
}

/** The notifier contests the sanction in force (Art. 20, 23 DSA): recorded, for a person to decide. */
export function fileContest(standing: NotifierStanding, input: { reason: string; at: string; filedBy: string; language?: string }): NotifierStanding {
  const of = sanctionInForce(standing, input.at);
  if (!of) throw new NotifierContestError(`notifier ${standing.buyerId} is neither warned nor restricted: there is nothing to contest`);
  if (standing.contest && !standing.contest.decision) throw new NotifierContestError(`notifier ${standing.buyerId} already contests their ${standing.contest.of}; a person must decide it first`);
  return { ...standing, contest: { of, at: input.at, reason: input.reason, filedBy: input.filedBy, ...(input.language ? { language: input.language } : {}) } };
}

/**
 * A person decides the contest. Upheld, the sanction is withdrawn and the record starts afresh
 * (the complaints were not unfounded after all): a restriction ends now, a warning is gone, and
 * the unfounded complaints no longer count. Rejected, the sanction stands.
 */
export function decideContest(standing: NotifierStanding, input: { outcome: 'upheld' | 'rejected'; reason: string; at: string; by: string }): NotifierStanding {
  const contest = standing.contest;
  if (!contest || contest.decision) throw new NotifierContestError(`notifier ${standing.buyerId} has no contest waiting for a decision`);
  const decided = { ...standing, contest: { ...contest, decision: { outcome: input.outcome, at: input.at, by: input.by, reason: input.reason } } };
  if (input.outcome === 'rejected') return decided;
  const { warnedAt: _warned, ...rest } = decided;
  return {
    ...rest,
    unfounded: [],
    ...(standing.restriction ? { restriction: { ...standing.restriction, until: standing.restriction.until > input.at ? input.at : standing.restriction.until } } : {}),
  };
}
