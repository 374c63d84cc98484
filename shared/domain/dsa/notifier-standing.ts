/**
 * Notices from buyers (Art. 16 DSA) and the misuse rule (Art. 23): a buyer whose complaints are
 * repeatedly found unfounded (the case they joined dismissed) is warned first, then their
 * complaints stop counting for a period; both decisions are the buyer's to contest. Kept at the
 * intake, on the notifier's own record, apart from detection's weighing of complaints. Pure.
 */

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
  readonly restriction?: { readonly from: string; readonly until: string; readonly contested?: { readonly at: string; readonly reason: string } };
  /** Optimistic concurrency: 0 for a record never written. */
  readonly version: number;
}

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

/** The notifier contests the restriction: recorded, for a person to decide. */
export function contestRestriction(standing: NotifierStanding, reason: string, at: string): NotifierStanding {
  if (!standing.restriction) throw new Error(`notifier ${standing.buyerId} is not restricted`);
  return { ...standing, restriction: { ...standing.restriction, contested: { at, reason } } };
}

/** A person upholds the contest: the restriction ends now. */
export function liftRestriction(standing: NotifierStanding, at: string): NotifierStanding {
  if (!standing.restriction) throw new Error(`notifier ${standing.buyerId} is not restricted`);
  return { ...standing, restriction: { ...standing.restriction, until: at } };
}
