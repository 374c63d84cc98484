/**
 * Judging under a shadow version: a candidate runs beside the live rules on live traffic, and what
 * it would have done (signals, cases, rungs asked) is stored in the candidate's own namespace, a
 * case store and ring index that nothing acts on (no ladder, no notice, no queue, no statement of
 * reasons: the ladder starter reads only the live cases, the console's lists only the live ones).
 * The live judgement is stored before; a shadow failure is logged and counted, and never fails the
 * event (the live judgement stands, and the event is not retried for the shadow's sake).
 */
import type { Evidence } from '../domain/evidence';
import type { CaseStore } from '../ports/case-store';
import type { RingIndex } from '../ports/ring-index';
import type { RulesStore } from '../ports/rules-store';

/** A shadow version's own stores. */
export interface ShadowNamespace {
  readonly cases: CaseStore;
  readonly rings: RingIndex;
}

export interface ShadowJudging {
  /**
   * Runs `judgement` (the event judged under shadow `version`) on that version's namespace, then
   * records that the shadow judged the seller. Never rejects.
   */
  judge(evidence: Evidence, version: number, judgement: (namespace: ShadowNamespace) => Promise<unknown>): Promise<void>;
  /** Shadow judgements that failed since this instance started (each is logged too). */
  readonly failures: number;
}

export interface ShadowJudgingDeps {
  /** The namespace of a shadow version (`SHADOW#<n>` in the cases table). */
  readonly namespace: (version: number) => ShadowNamespace;
  readonly rulesStore: Pick<RulesStore, 'markShadowJudged'>;
  readonly logger: { error(message: string, details: Record<string, unknown>): void };
  readonly now?: () => Date;
}

/** The log line of a failed shadow judgement: the infrastructure counts it (a metric filter). */
export const SHADOW_FAILURE_MESSAGE = 'shadow judgement failed; the live judgement stands';

/** Sellers marked judged by this instance, so a busy seller costs one marker write, not one per event. */
const MARKED_LIMIT = 10_000;

export function shadowJudging(deps: ShadowJudgingDeps): ShadowJudging {
  const namespaces = new Map<number, ShadowNamespace>();
  const marked = new Set<string>();
  let failures = 0;
  const now = deps.now ?? (() => new Date());
  return {
    get failures() {
      return failures;
    },
    async judge(evidence, version, judgement) {
      try {
        let namespace = namespaces.get(version);
        if (!namespace) namespaces.set(version, (namespace = deps.namespace(version)));
        await judgement(namespace);
        const key = `${version}\u0000${evidence.sellerId}`;
        if (!marked.has(key)) {
          await deps.rulesStore.markShadowJudged(version, evidence.sellerId, now().toISOString());
          if (marked.size >= MARKED_LIMIT) marked.clear();
          marked.add(key);
        }
      } catch (error) {
        failures++;
        // Ids only: the error's name and message, never the evidence's text.
        deps.logger.error(SHADOW_FAILURE_MESSAGE, {
          shadowVersion: version,
          eventId: evidence.eventId,
          sellerId: evidence.sellerId,
          shadowFailures: failures,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
    },
  };
}
