/**
 * The transparency report for a period (Art. 15, 24 DSA): gathers what the stores recorded (the
 * cases and their audit, the sellers' appeals, the notices and notifier standings) and hands it
 * to the domain's figures (../domain/dsa/transparency-report.ts). A read-only use case, for the
 * `offside report transparency` command.
 */
import type { AuditEntry } from '../ports/audit-log';
import type { AuditLog } from '../ports/audit-log';
import type { CaseStore } from '../ports/case-store';
import type { NotifierLedger } from '../ports/notifier-ledger';
import type { SellerAccounts } from '../ports/seller-accounts';
import type { ReportAppeal, ReportDecision, TransparencyReport } from '../domain/dsa/transparency-report';
import { transparencyReport } from '../domain/dsa/transparency-report';
import { ledByNotice } from '../domain/dsa/statement';

export interface TransparencyReportDeps {
  readonly cases: CaseStore;
  readonly audit: AuditLog;
  readonly accounts: SellerAccounts;
  readonly notifiers: NotifierLedger;
}

async function caseAudit(audit: AuditLog, caseId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await audit.byCase(caseId, { limit: 500, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

export async function buildTransparencyReport(period: { from: string; to: string }, deps: TransparencyReportDeps): Promise<TransparencyReport> {
  const inPeriod = (time: string) => time >= period.from && time < period.to;
  const decisions: ReportDecision[] = [];
  const dismissals: { at: string; afterAction: boolean }[] = [];
  const cases = await deps.cases.listCases();
  for (const item of cases) {
    const entries = await caseAudit(deps.audit, item.caseId);
    for (const entry of entries) {
      const rung = entry.action === 'legal-hold-applied' ? 'legal-hold' : entry.action === 'rung-applied' ? entry.rung : undefined;
      if (rung && inPeriod(entry.at)) decisions.push({ caseId: item.caseId, rung, at: entry.at, byNotice: ledByNotice(item) });
    }
    if (item.status === 'dismissed' && item.closure && inPeriod(item.closure.at)) dismissals.push({ at: item.closure.at, afterAction: item.applied !== undefined });
  }
  const appeals: ReportAppeal[] = [];
  for (const sellerId of new Set(cases.map((item) => item.sellerId))) {
    for (const appeal of (await deps.accounts.get(sellerId)).appeals) {
      if (inPeriod(appeal.filedAt)) appeals.push({ filedAt: appeal.filedAt, ...(appeal.decision ? { decision: { outcome: appeal.decision.outcome, at: appeal.decision.at } } : {}) });
    }
  }
  return transparencyReport({
    ...period,
    notices: await deps.notifiers.noticesReceived(period.from, period.to),
    decisions,
    dismissals,
    appeals,
    standings: await deps.notifiers.sanctioned(),
  });
}
