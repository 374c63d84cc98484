/**
 * Re-assesses a seller over all of its signals, in event-time order (domain/cases/case.ts,
 * decideCase): opens a case on its first evidence (for review while it does not warrant a warning), or brings its open case up to what they
 * say. The result depends on the signals alone, never on the order they were stored in. A
 * concurrent writer makes the save fail with a conflict; the assessment is then read and decided
 * again, so the last save is decided on every signal stored before it.
 */
import type { Case } from '../domain/cases/case';
import { caseHistory, decideCase } from '../domain/cases/case';
import type { DetectionConfig } from '../domain/detection/config';
import type { CaseStore } from '../ports/case-store';
import { CaseConflictError } from '../ports/case-store';

export interface AssessSellerDeps {
  readonly cases: CaseStore;
  readonly config: DetectionConfig;
}

const ATTEMPTS = 5;

export async function assessSeller(sellerId: string, deps: AssessSellerDeps): Promise<Case | undefined> {
  for (let attempt = 1; ; attempt++) {
    const [signals, open, all] = await Promise.all([
      deps.cases.sellerSignals(sellerId),
      deps.cases.openCase(sellerId),
      deps.cases.listCases({ sellerId }),
    ]);
    const decision = decideCase(sellerId, signals, open, deps.config, caseHistory(all));
    if (decision.action === 'none') return open;
    try {
      await deps.cases.saveCase(decision.case);
      return decision.case;
    } catch (error) {
      if (!(error instanceof CaseConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
