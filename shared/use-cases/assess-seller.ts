/**
 * Re-assesses a seller at a point in time: sums the points of its signals in the window, and opens
 * a case or adds the new signals to its open case. A concurrent writer makes the save fail with a
 * conflict; the assessment is then read and decided again.
 */
import type { Case } from '../domain/cases/case';
import { decideCase } from '../domain/cases/case';
import type { DetectionConfig } from '../domain/detection/config';
import { addDays } from '../domain/time';
import type { CaseStore } from '../ports/case-store';
import { CaseConflictError } from '../ports/case-store';

export interface AssessSellerDeps {
  readonly cases: CaseStore;
  readonly config: DetectionConfig;
}

const ATTEMPTS = 3;

export async function assessSeller(sellerId: string, at: string, deps: AssessSellerDeps): Promise<Case | undefined> {
  for (let attempt = 1; ; attempt++) {
    const [signals, open] = await Promise.all([
      deps.cases.sellerSignals(sellerId, { from: addDays(at, -deps.config.windowDays), to: at }),
      deps.cases.openCase(sellerId),
    ]);
    const decision = decideCase(sellerId, at, signals, open, deps.config);
    if (decision.action === 'none') return open;
    try {
      await deps.cases.saveCase(decision.case);
      return decision.case;
    } catch (error) {
      if (!(error instanceof CaseConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
