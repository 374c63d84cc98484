/**
 * Starts the enforcement ladder's executions for cases, one rung at a time: a case starts at the
 * rung it opened at; each rung above the last one applied runs once the case asks for it. A
 * higher rung supersedes an execution still waiting at a lower one. Execution names derive from
 * the case and the rung, so seeing the same case twice starts nothing twice.
 */
import type { Case } from '../domain/cases/case';
import { rungIndex } from '../domain/cases/case';
import type { Rung } from '../domain/detection/config';
import { executionName, rungAbove } from '../domain/ladder/policy';
import type { LocalStateMachineRunner } from './step-functions/runner';

/** Where local runs (npm start, replay) send coached sellers, and where suspended ones appeal. */
export const DEVELOPMENT_LADDER_LINKS = {
  courseUrl: 'https://sellercentral.marketplace.example/learn/communication-policy',
  appealAddress: 'appeals@marketplace.example',
} as const;

/** The rung the ladder should run next for a case, or null when it has done all it asks for. */
export function nextRungToRun(item: Case): Rung | null {
  if (item.status !== 'open') return null;
  const next = item.applied ? rungAbove(item.applied.rung) : (item.openedRung ?? item.requestedRung);
  if (next === null) return null;
  return rungIndex(next) <= rungIndex(item.requestedRung) ? next : null;
}

export class LadderDriver {
  private readonly current = new Map<string, { readonly name: string; readonly rung: Rung }>();

  constructor(private readonly runner: LocalStateMachineRunner) {}

  /** Starts what the case asks for next, if anything; resolves to the execution started. */
  async advance(item: Case): Promise<string | undefined> {
    const next = nextRungToRun(item);
    if (next === null) return undefined;
    const running = this.current.get(item.caseId);
    if (running && rungIndex(running.rung) >= rungIndex(next)) return undefined;
    if (running && this.runner.describe(running.name).status === 'RUNNING') {
      await this.runner.stop(running.name, { error: 'Superseded', cause: `case ${item.caseId} asks for ${next}` });
    }
    const name = executionName(item.caseId, next);
    this.runner.start(name, { caseId: item.caseId, sellerId: item.sellerId, rung: next });
    this.current.set(item.caseId, { name, rung: next });
    return name;
  }
}
