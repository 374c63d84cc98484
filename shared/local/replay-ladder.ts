/**
 * The enforcement ladder inside `offside replay`: the synthesized state machine run by the local
 * runner on a virtual clock that follows the events' time. When a case asks for a rung, an
 * execution named after the case and the rung starts (a higher rung supersedes a waiting lower
 * one). Human decisions follow the replay's `--approvals` mode; nobody completes coaching, so an
 * unanswered coaching escalates after its window, as it would on AWS.
 */
import { z } from 'zod';
import type { Case } from '../domain/cases/case';
import { rungIndex } from '../domain/cases/case';
import type { Rung } from '../domain/detection/config';
import { executionName } from '../domain/ladder/policy';
import { ladderDefinition } from './ladder-definition';
import type { AslDefinition, JsonValue } from './step-functions/asl';
import { LocalStateMachineRunner, VirtualClock } from './step-functions/runner';
import { LADDER_STEP_LOCAL_NAME } from '../../infra/constructs/enforcement-ladder';

export type ApprovalMode = 'none' | 'approve-all' | 'deny-all';

const StepEvent = z.looseObject({ action: z.string(), caseId: z.string(), taskToken: z.string().optional() });

const APPLIES: Readonly<Record<string, Rung>> = {
  'apply-warning': 'warn',
  'assign-coaching': 'coach',
  'apply-suspension': 'suspend',
  'apply-legal-hold': 'legal-hold',
};

export class ReplayLadder {
  private readonly clock = new VirtualClock(0);
  private readonly runner: LocalStateMachineRunner;

  /** The ladder on the definition the CDK synthesizes. */
  static async create(approvals: ApprovalMode): Promise<ReplayLadder> {
    return new ReplayLadder(approvals, await ladderDefinition());
  }
  private readonly applied = new Map<string, { rung: Rung; at: string }[]>();
  /** The execution running for each case, and the rung it is for. */
  private readonly current = new Map<string, { name: string; rung: Rung }>();
  private readonly pending = new Map<string, Case>();

  private constructor(
    private readonly approvals: ApprovalMode,
    definition: AslDefinition,
  ) {
    this.runner = new LocalStateMachineRunner({
      definition,
      handlers: { [LADDER_STEP_LOCAL_NAME]: (event) => this.step(event) },
      clock: this.clock,
    });
  }

  /** Notes a case that was opened or changed; its rung is acted on at the next `settle`. */
  caseSaved(item: Case): void {
    this.pending.set(item.caseId, item);
  }

  /** Moves virtual time forward to `time` (never back), starting the executions cases ask for. */
  async settle(time: string): Promise<void> {
    const target = Date.parse(time);
    if (target > this.clock.now()) await this.clock.advanceTo(target);
    for (const item of this.pending.values()) this.startFor(item);
    this.pending.clear();
    await this.runner.idle();
  }

  private startFor(item: Case): void {
    if (item.status !== 'open') return;
    const running = this.current.get(item.caseId);
    if (running && rungIndex(running.rung) >= rungIndex(item.requestedRung)) return;
    if (running) void this.runner.stop(running.name, { error: 'Superseded', cause: `case asks for ${item.requestedRung}` });
    const name = executionName(item.caseId, item.requestedRung);
    this.runner.start(name, { caseId: item.caseId, sellerId: item.sellerId, rung: item.requestedRung });
    this.current.set(item.caseId, { name, rung: item.requestedRung });
  }

  private async step(event: JsonValue): Promise<JsonValue> {
    const { action, caseId, taskToken } = StepEvent.parse(event);
    const rung = APPLIES[action];
    if (rung) {
      const list = this.applied.get(caseId) ?? [];
      list.push({ rung, at: new Date(this.clock.now()).toISOString() });
      this.applied.set(caseId, list);
    }
    if (action === 'request-approval' && taskToken && this.approvals !== 'none') {
      const decision = this.approvals === 'approve-all' ? 'approve' : 'deny';
      queueMicrotask(() => this.runner.sendTaskSuccess(taskToken, { decision, actor: 'replay', reason: `--approvals ${this.approvals}` }));
    }
    return { ok: true };
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
