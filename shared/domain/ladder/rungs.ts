/**
 * The rungs of the enforcement ladder, lowest first: a warning, coaching, a suspension, a legal
 * hold. A case climbs them one at a time.
 */
export const RUNGS = ['warn', 'coach', 'suspend', 'legal-hold'] as const;
export type Rung = (typeof RUNGS)[number];

export const rungIndex = (rung: Rung): number => RUNGS.indexOf(rung);

export const higherRung = (a: Rung, b: Rung): Rung => (rungIndex(a) >= rungIndex(b) ? a : b);

/**
 * Where a rung a case asks for stands, null (a case for review, asking for none) below every rung:
 * for comparing what two cases, or a case before and after, ask for.
 */
export const requestIndex = (rung: Rung | null): number => (rung === null ? -1 : rungIndex(rung));

/** The rung above `rung` (above none, a case for review's: the first), or null at the top. */
export function rungAbove(rung: Rung | null): Rung | null {
  return RUNGS[requestIndex(rung) + 1] ?? null;
}
