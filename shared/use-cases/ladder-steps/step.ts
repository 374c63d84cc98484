/**
 * What every step of the enforcement ladder works with: the open case it acts on, the rung its
 * state acts on, the time, and an audit that records the step once however often it is retried;
 * the errors the state machine tells apart (infra/constructs/enforcement-ladder.ts retries only
 * TransientError); and the two things several steps do, applying a rung with its notice and
 * ending a wait.
 */
import type { Case } from '../../domain/cases/case';
import { applyRung, endWait } from '../../domain/cases/case';
import { addStrike } from '../../domain/ladder/account';
import type { Rung } from '../../domain/ladder/rungs';
import type { StatementOfReasons } from '../../domain/dsa/transparency-database';
import type { LadderAction } from '../../domain/ladder/transitions';
import { LADDER } from '../../domain/ladder/transitions';
import { addDays } from '../../domain/time';
import type { AuditAction, AuditLog } from '../../ports/audit-log';
import type { CaseStore } from '../../ports/case-store';
import type { EvidenceStore } from '../../ports/evidence-store';
import type { EvidenceVault } from '../../ports/evidence-vault';
import type { Notifier } from '../../ports/notifier';
import type { SellerAccounts } from '../../ports/seller-accounts';
import { updateAccount } from '../../ports/seller-accounts';
import type { SellerDirectory } from '../../ports/seller-directory';
import type { SellerEvents } from '../../ports/seller-events';
import type { StatementStore } from '../../ports/statement-store';
import type { NotifierLedger } from '../../ports/notifier-ledger';
import type { BuyerRelay } from '../notifier-notices';
import { sendSellerNotice } from '../seller-notice';
import { tellNotifiers } from '../tell-notifiers';

export interface LadderStepDeps {
  readonly cases: CaseStore;
  readonly accounts: SellerAccounts;
  readonly evidence: EvidenceStore;
  readonly vault: EvidenceVault;
  readonly sellerEvents: SellerEvents;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly directory: SellerDirectory;
  /** Statements of reasons, stored with their case. */
  readonly statements: StatementStore;
  /** Notices from buyers, whose notifiers are told the decision (Art. 16 DSA). */
  readonly notifiers: NotifierLedger;
  readonly buyerRelay: BuyerRelay;
  readonly now: () => Date;
  /** The policy course coached sellers are assigned. */
  readonly courseUrl: string;
  /** Where suspended sellers send their plan of action. */
  readonly appealAddress: string;
  /** Where the legal team is told of a legal hold. */
  readonly legalTeamAddress: string;
}

/** One step on one case, as the dispatcher (../ladder-step.ts) hands it to the action's use case. */
export interface LadderStep {
  readonly action: LadderAction;
  /** The case, open when the step began. */
  readonly item: Case;
  /** The rung the workflow's state acts on. */
  readonly rung: Rung;
  /** The task token of a state that waits for a person. */
  readonly taskToken?: string;
  readonly at: string;
  /** Records what the step did, once: a retried step finds its entry there and it stands. */
  audit(action: AuditAction, reason?: string): Promise<void>;
}

/** What a step answers the workflow (its state's result; a JSON object, hence a type, not an interface). */
export type StepDone = { readonly done: string };

export type LadderStepUseCase = (step: LadderStep, deps: LadderStepDeps) => Promise<StepDone>;

/** Worth another try (a lost race, a throttled mail): the workflow retries it with backoff. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}
/** The step cannot apply to this case (closed, dismissed): not retried. */
export class CaseNotOpenError extends Error {
  override readonly name = 'CaseNotOpen';
}
/** A rung that needs a human approval has none recorded on the case: never applied, not retried. */
export class NotApprovedError extends Error {
  override readonly name = 'NotApproved';
}

/** The token of the task a waiting state parks on the case; a state that sends none is misbuilt. */
export function taskTokenOf(step: LadderStep): string {
  if (!step.taskToken) throw new CaseNotOpenError(`${step.action} needs a task token`);
  return step.taskToken;
}

/** How many of the case's explanations a seller's notice quotes: the latest. */
const EVIDENCE_LINES = 5;

/**
 * Applies a rung the seller is told of: one notice per case and rung however often the step runs
 * (with the course and its deadline when the rung waits for coaching, the appeal address when it
 * suspends), one strike, and the rung recorded on the case.
 */
export async function applyRungWithNotice(
  step: LadderStep,
  rung: 'warn' | 'coach' | 'suspend',
  deps: LadderStepDeps,
  statement?: StatementOfReasons,
): Promise<void> {
  const { item, at } = step;
  const coaching = LADDER[rung].coaching;
  await sendSellerNotice(
    deps,
    {
      noticeId: `${item.caseId}:${rung}`,
      rung,
      kind: rung,
      sellerId: item.sellerId,
      caseId: item.caseId,
      evidence: item.signals.map((signal) => signal.explanation).slice(-EVIDENCE_LINES),
      signals: item.signals,
      ...(coaching ? { courseUrl: deps.courseUrl, deadline: addDays(at, coaching.windowDays).slice(0, 10) } : {}),
      ...(rung === 'suspend' ? { appealAddress: deps.appealAddress } : {}),
      ...(statement ? { statement: { body: statement, signals: item.signals } } : {}),
    },
    at,
  );
  await updateAccount(deps.accounts, item.sellerId, (account) => addStrike(account, item.caseId, rung, at));
  await deps.cases.saveCase(applyRung(item, rung, at));
  // The case reached a decision: the buyers whose complaints joined it are told (once each).
  await tellNotifiers(item, 'actioned', at, deps);
}

/** Ends the wait the step reports on, the execution going on at `goesTo` (null: where it is). */
export async function endWaitOn(step: LadderStep, goesTo: Rung | null, deps: LadderStepDeps): Promise<void> {
  const next = endWait(step.item, goesTo, step.at);
  if (next !== step.item) await deps.cases.saveCase(next);
}
