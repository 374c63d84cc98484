/**
 * The enforcement ladder inside `offside replay`: the synthesized state machine run by the local
 * runner on a virtual clock that follows the events' time, its steps carried out by the same
 * ladder-step use case as everywhere else, on in-memory adapters. Human decisions follow the
 * replay's `--approvals` mode; nobody completes coaching, so an unanswered coaching escalates
 * after its window, as it would on AWS.
 */
import type { Case } from '../domain/cases/case';
import { rungIndex } from '../domain/cases/case';
import type { Rung } from '../domain/detection/config';
import { InMemoryAuditLog } from '../adapters/memory/audit-log';
import { InMemoryNotifier } from '../adapters/memory/notifier';
import { DevelopmentSellerDirectory } from '../adapters/memory/seller-directory';
import type { CaseStore } from '../ports/case-store';
import type { LadderStepDeps } from '../use-cases/ladder-step';
import { LadderStepInput, ladderStep } from '../use-cases/ladder-step';
import { DEVELOPMENT_LADDER_LINKS, LadderDriver } from './ladder-driver';
import { ladderDefinition } from './ladder-definition';
import type { AslDefinition, JsonValue } from './step-functions/asl';
import { LocalStateMachineRunner, VirtualClock } from './step-functions/runner';
import { LADDER_STEP_LOCAL_NAME } from '../../infra/constructs/enforcement-ladder';

/** How replay answers the approvals the ladder waits for. */
export const APPROVAL_MODES = ['none', 'approve-all', 'deny-all'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

const APPLIES: Readonly<Record<string, Rung>> = {
  'apply-warning': 'warn',
  'assign-coaching': 'coach',
  'apply-suspension': 'suspend',
  'apply-legal-hold': 'legal-hold',
};

export class ReplayLadder {
  private readonly clock = new VirtualClock(0);
  private readonly runner: LocalStateMachineRunner;
  private readonly driver: LadderDriver;
  private readonly applied = new Map<string, { rung: Rung; at: string }[]>();
  private readonly pending = new Map<string, Case>();
  readonly notifier = new InMemoryNotifier();
  readonly audit = new InMemoryAuditLog();
  private readonly stepDeps: LadderStepDeps;

  /** The ladder on the definition the CDK synthesizes, its steps on these cases. */
  static async create(approvals: ApprovalMode, cases: CaseStore): Promise<ReplayLadder> {
    return new ReplayLadder(approvals, cases, await ladderDefinition());
  }

  private constructor(
    private readonly approvals: ApprovalMode,
    cases: CaseStore,
    definition: AslDefinition,
  ) {
    this.runner = new LocalStateMachineRunner({
      definition,
      handlers: { [LADDER_STEP_LOCAL_NAME]: (event) => this.step(event) },
      clock: this.clock,
    });
    this.driver = new LadderDriver(this.runner);
    this.stepDeps = {
      cases,
      notifier: this.notifier,
      audit: this.audit,
      directory: new DevelopmentSellerDirectory(),
      now: () => new Date(this.clock.now()),
      ...DEVELOPMENT_LADDER_LINKS,
    };
  }

  /** Notes a case that was opened or changed; the ladder acts on it at the next `settle`. */
  caseSaved(item: Case): void {
    this.pending.set(item.caseId, item);
  }

  /** Moves virtual time forward to `time` (never back), starting what the changed cases ask for. */
  async settle(time: string): Promise<void> {
    const target = Date.parse(time);
    // Most batches neither move time nor change a case: nothing for the ladder to do.
    if (target <= this.clock.now() && this.pending.size === 0) return;
    if (target > this.clock.now()) await this.clock.advanceTo(target);
    const changed = [...this.pending.values()];
    this.pending.clear();
    for (const item of changed) await this.driver.advance(item);
    await this.runner.idle();
  }

  /** Lets every execution run as far as it can at the current virtual time. */
  async drain(): Promise<void> {
    await this.runner.idle();
  }

  private async step(event: JsonValue): Promise<JsonValue> {
    const input = LadderStepInput.parse(event);
    const result = await ladderStep(input, this.stepDeps);
    const rung = APPLIES[input.action];
    if (rung) {
      const list = this.applied.get(input.caseId) ?? [];
      list.push({ rung, at: new Date(this.clock.now()).toISOString() });
      this.applied.set(input.caseId, list);
    }
    const token = input.taskToken;
    if (input.action === 'request-approval' && token && this.approvals !== 'none') {
      const decision = this.approvals === 'approve-all' ? 'approve' : 'deny';
      queueMicrotask(() => this.runner.sendTaskSuccess(token, { decision, actor: 'replay', reason: `--approvals ${this.approvals}` }));
    }
    return result;
  }

  /** The highest rung applied to any of these cases, and when the first rung was applied. */
  outcome(caseIds: readonly string[]): { highestRung: Rung | null; firstActionAt: string | null } {
    const applied = caseIds.flatMap((caseId) => this.applied.get(caseId) ?? []);
    let highest: Rung | null = null;
    for (const { rung } of applied) if (highest === null || rungIndex(rung) > rungIndex(highest)) highest = rung;
    const first = applied.reduce<string | null>((min, { at }) => (min === null || at < min ? at : min), null);
    return { highestRung: highest, firstActionAt: first };
  }

  async close(): Promise<void> {
    await this.runner.close();
  }
}
