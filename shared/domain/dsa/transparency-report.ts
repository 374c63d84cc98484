/**
 * The transparency report's figures (Art. 15 and 24 DSA) for a period, from what the product
 * recorded: notices received from buyers and what became of them, decisions by source and by
 * the automation involved, appeals and their outcomes, reversals, and notifiers sanctioned under
 * Art. 23. Pure; every total is the sum of its parts, and the report says so (`checks`).
 */
import type { Rung } from '../ladder/rungs';
import type { NoticeRecord, NotifierStanding } from './notifier-standing';

export interface ReportDecision {
  readonly caseId: string;
  readonly rung: Rung;
  readonly at: string;
  /** A buyer's complaint (a notice under Art. 16) is among the case's evidence. */
  readonly byNotice: boolean;
}

export interface ReportAppeal {
  readonly filedAt: string;
  readonly decision?: { readonly outcome: 'accepted' | 'rejected'; readonly at: string };
}

export interface ReportInput {
  readonly from: string;
  readonly to: string;
  /** Notices received in the period. */
  readonly notices: readonly NoticeRecord[];
  /** Rungs applied in the period. */
  readonly decisions: readonly ReportDecision[];
  /** Cases dismissed in the period, and whether a rung had been applied on them (a reversal). */
  readonly dismissals: readonly { readonly at: string; readonly afterAction: boolean }[];
  /** Appeals filed in the period. */
  readonly appeals: readonly ReportAppeal[];
  readonly standings: readonly NotifierStanding[];
}

const HOUR_MS = 3_600_000;
const inPeriod = (time: string | undefined, input: Pick<ReportInput, 'from' | 'to'>) => time !== undefined && time >= input.from && time < input.to;

/** The median of a list of hours, rounded to a tenth; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;

/** Rungs a person approves (suspension, legal hold): decided partly by automated means; the others fully. */
const APPROVED_RUNGS: readonly Rung[] = ['suspend', 'legal-hold'];

export function transparencyReport(input: ReportInput) {
  const notices = input.notices;
  const counted = notices.filter((notice) => notice.counted);
  const actedOn = counted.filter((notice) => notice.outcome?.decision === 'actioned');
  const dismissed = counted.filter((notice) => notice.outcome?.decision === 'dismissed');
  const pending = counted.filter((notice) => notice.outcome === undefined);
  const decided = counted.filter((notice) => notice.outcome !== undefined);
  const byRung = Object.fromEntries((['warn', 'coach', 'suspend', 'legal-hold'] as const).map((rung) => [rung, input.decisions.filter((decision) => decision.rung === rung).length]));
  const partly = input.decisions.filter((decision) => APPROVED_RUNGS.includes(decision.rung)).length;
  const decidedAppeals = input.appeals.filter((appeal) => appeal.decision !== undefined);
  const accepted = decidedAppeals.filter((appeal) => appeal.decision?.outcome === 'accepted').length;
  const warned = input.standings.filter((standing) => inPeriod(standing.warnedAt, input)).length;
  const restricted = input.standings.filter((standing) => inPeriod(standing.restriction?.from, input)).length;
  const reversedDismissals = input.dismissals.filter((dismissal) => dismissal.afterAction).length;
  const report = {
    period: { from: input.from, to: input.to },
    notices: {
      received: notices.length,
      notCountedUnderArticle23: notices.length - counted.length,
      actedOn: actedOn.length,
      foundUnfounded: dismissed.length,
      awaitingDecision: pending.length,
      medianHoursToDecision: median(decided.map((notice) => hoursBetween(notice.receivedAt, notice.outcome?.at ?? notice.receivedAt))),
    },
    decisions: {
      total: input.decisions.length,
      byRung,
      onNotice: input.decisions.filter((decision) => decision.byNotice).length,
      ownInitiative: input.decisions.filter((decision) => !decision.byNotice).length,
      fullyAutomated: input.decisions.length - partly,
      partlyAutomatedWithHumanApproval: partly,
    },
    appeals: {
      filed: input.appeals.length,
      accepted,
      rejected: decidedAppeals.length - accepted,
      pending: input.appeals.length - decidedAppeals.length,
      medianHoursToDecision: median(decidedAppeals.map((appeal) => hoursBetween(appeal.filedAt, appeal.decision?.at ?? appeal.filedAt))),
    },
    reversals: { total: accepted + reversedDismissals, appealsAccepted: accepted, dismissalsAfterAction: reversedDismissals },
    notifiersSanctioned: { warned, restricted },
  };
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const checks = {
    noticesAddUp: report.notices.received === report.notices.notCountedUnderArticle23 + report.notices.actedOn + report.notices.foundUnfounded + report.notices.awaitingDecision,
    decisionsBySourceAddUp: report.decisions.total === report.decisions.onNotice + report.decisions.ownInitiative,
    decisionsByRungAddUp: report.decisions.total === sum(Object.values(report.decisions.byRung)),
    decisionsByAutomationAddUp: report.decisions.total === report.decisions.fullyAutomated + report.decisions.partlyAutomatedWithHumanApproval,
    appealsAddUp: report.appeals.filed === report.appeals.accepted + report.appeals.rejected + report.appeals.pending,
  };
  return { ...report, checks };
}

export type TransparencyReport = ReturnType<typeof transparencyReport>;
