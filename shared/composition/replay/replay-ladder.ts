/**
 * The enforcement ladder inside `offside replay`: the synthesized state machine run by the local
 * runner on a virtual clock that follows the events' time, its steps carried out by the same
 * ladder-step use case as everywhere else, on the product in memory (which the replay's consumers
 * share). Human decisions follow the
 * replay's `--approvals` mode; nobody completes coaching, so an unanswered coaching escalates
 * after its window, as it would on AWS.
 */
import type { Case } from '../../domain/cases/case';
import { rungIndex } from '../../domain/ladder/rungs';
import type { Rung } from '../../domain/ladder/rungs';
import type { MemoryProduct, MemoryProductOptions } from '../memory';
import { memoryProduct } from '../memory';
import { advanceLadder } from '../../use-cases/advance-ladder';
import { decideRung } from '../../use-cases/decide-rung';
import { StateConflictError } from '../../use-cases/errors';
import { LadderStepInput, ladderStep } from '../../use-cases/ladder-step';
import { LocalLadderWorkflow, ladderMachines } from '../../adapters/step-functions-local/local-workflow';
import type { LadderDefinitions } from '../../adapters/step-functions-local/local-workflow';
import type { JsonValue } from '../../adapters/step-functions-local/asl';
import { LocalStateMachineRunner, VirtualClock } from '../../adapters/step-functions-local/runner';
import { LADDER_STEP_LOCAL_NAME } from '../../adapters/step-functions-local/local-name';
import type { ApprovalMode } from './approval-modes';

export class ReplayLadder {
  private readonly clock = new VirtualClock(0);
  private readonly runner: LocalStateMachineRunner;
  private readonly workflow: LocalLadderWorkflow;
  private readonly pending = new Map<string, Case>();
  /** The product in memory (shared/composition/memory.ts), on the virtual clock and this ladder's workflow. */
  readonly product: MemoryProduct;
  private readonly now = () => new Date(this.clock.now());
  /** Approvals under way: settled before the runner is asked to go idle. */
  private decisions: Promise<unknown>[] = [];
  /**
   * For the bench's cost: executions started; state transitions as Step Functions Standard bills
   * them (every state entered, and every retry of a state); the retries among them; and the
   * ladder-step invocations (a Lambda request each on AWS: one per task attempt).
   */
  readonly counts = { executions: 0, stateTransitions: 0, retries: 0, stepInvocations: 0 };
  /** States entered, by state name (the bench counts transitions per execution by state). */
  readonly statesEntered = new Map<string, number>();

  /**
   * The ladder on `definitions` (one state machine per starting rung, as the CDK synthesizes them:
   * tools/local/ladder-definition.ts reads them from a checkout, a backtest on AWS from its run),
   * with the product it runs in. `validated`: the definitions passed the runner's validation where
   * they were made (LocalStateMachineRunnerOptions.validated).
   */
  static create(approvals: ApprovalMode, definitions: LadderDefinitions, options: Omit<MemoryProductOptions, 'now' | 'workflow'> = {}, validated = false): ReplayLadder {
    return new ReplayLadder(approvals, options, definitions, validated);
  }

  private constructor(
    private readonly approvals: ApprovalMode,
    options: Omit<MemoryProductOptions, 'now' | 'workflow'>,
    definitions: LadderDefinitions,
    validated: boolean,
  ) {
    this.runner = new LocalStateMachineRunner({
      machines: ladderMachines(definitions),
      validated,
      handlers: { [LADDER_STEP_LOCAL_NAME]: (event) => this.step(event) },
      clock: this.clock,
      onEvent: (_name, event) => {
        if (event.type === 'ExecutionStarted') this.counts.executions++;
        else if (event.type === 'StateRetried') {
          this.counts.stateTransitions++;
          this.counts.retries++;
        } else if (event.type === 'StateEntered') {
          this.counts.stateTransitions++;
          const state = event.stateName ?? '?';
          this.statesEntered.set(state, (this.statesEntered.get(state) ?? 0) + 1);
        }
      },
    });
    this.workflow = new LocalLadderWorkflow(this.runner);
    this.product = memoryProduct({ ...options, now: this.now, workflow: this.workflow });
    this.product.cases.onSaved = (saved) => this.caseSaved(saved);
    // A decision a wake-up asks for (an approval after a coaching timed out) is taken at the time of
    // that wake-up, not whenever the replay next moves the clock: what happens to one seller never
    // depends on when other sellers' events move time on (and a replay partitioned by seller sees
    // the same times as one in a single process).
    this.clock.addSettler(() => this.idle());
  }

  /** Notes a case that was opened or changed; the ladder acts on it at the next `settle`. */
  private caseSaved(item: Case): void {
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
    const deps = this.product.ladderStarter();
    for (const saved of changed) {
      // The latest version: a step may have written the case since it was noted.
      const item = await deps.cases.getCase(saved.caseId);
      if (item) await advanceLadder(item, deps);
    }
    await this.idle();
  }

  /** Lets every execution run as far as it can at the current virtual time. */
  async drain(): Promise<void> {
    await this.idle();
  }

  /** Idle: no step running, and no decision under way that would start one. */
  private async idle(): Promise<void> {
    await this.runner.idle();
    while (this.decisions.length > 0) {
      const pending = this.decisions;
      this.decisions = [];
      await Promise.all(pending);
      await this.runner.idle();
    }
  }

  private async step(event: JsonValue): Promise<JsonValue> {
    this.counts.stepInvocations++;
    const input = LadderStepInput.parse(event);
    const result = await ladderStep(input, this.product.ladderStep());
    if (input.action === 'request-approval' && this.approvals !== 'none') {
      const decision = this.approvals === 'approve-all' ? 'approve' : 'deny';
      const role = input.rung === 'legal-hold' ? 'legal' : 'analyst';
      const decided = input.rung === 'legal-hold' ? 'legal-hold' : 'suspend';
      // Decided as a person would through the console, once the step has parked its token. A
      // decision that finds nothing waiting any more (a higher rung superseded it) is moot.
      this.decisions.push(
        Promise.resolve()
          .then(() =>
            decideRung(
              { caseId: input.caseId, rung: decided, decision, reason: `replay --approvals ${this.approvals}` },
              { id: 'replay', role },
              this.product.ladderStarter(),
            ),
          )
          .catch((error: unknown) => {
            if (!(error instanceof StateConflictError)) throw error;
          }),
      );
    }
    return result;
  }

  /**
   * What the ladder did to a seller's cases, as the cases and the seller's account record it: the
   * highest rung applied, and when the first rung was (every rung applied before a legal hold
   * left a strike).
   */
  async outcome(sellerId: string, cases: readonly Case[]): Promise<{ highestRung: Rung | null; firstActionAt: string | null }> {
    let highest: Rung | null = null;
    for (const { applied } of cases) if (applied && (highest === null || rungIndex(applied.rung) > rungIndex(highest))) highest = applied.rung;
    const caseIds = new Set(cases.map((item) => item.caseId));
    const strikes = (await this.product.accounts.get(sellerId)).strikes.filter((strike) => caseIds.has(strike.caseId));
    const first = strikes.reduce<string | null>((min, { appliedAt }) => (min === null || appliedAt < min ? appliedAt : min), null);
    return { highestRung: highest, firstActionAt: first };
  }

  async close(): Promise<void> {
    await this.runner.close();
  }
}
