/**
 * `offside report transparency` (the command line is ./commands/report.ts): replays the events
 * (and complaints) in memory, as `offside replay` does, then reports the period's DSA figures
 * from the stores the replay filled, through the same use case a deployment would use.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TransparencyReport } from '../../shared/domain/dsa/transparency-report';
import { buildTransparencyReport } from '../../shared/use-cases/transparency-report';
import type { ApprovalMode } from '../../shared/composition/replay/approval-modes';
import type { CliIo } from './command';
import { errorText } from './command';
import { complaintsOption, replayWithState } from './replay';
import { lazily } from '../../shared/composition/replay/replay-driver';

export interface TransparencyCommandOptions {
  readonly from: string;
  readonly to: string;
  readonly events: string;
  readonly complaints?: string;
  readonly approvals: ApprovalMode;
  readonly closeNotices?: boolean;
  readonly json?: boolean;
}

/** A day given as `--to` is included whole: the period ends at the next midnight. */
const endOf = (to: string) => (to.endsWith('T00:00:00.000Z') ? new Date(Date.parse(to) + 86_400_000).toISOString() : to);

export async function transparencyReportCommand(options: TransparencyCommandOptions, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let report: TransparencyReport;
  try {
    const complaints = await complaintsOption(options.complaints, (message) => io.stderr.write(message));
    const lines = lazily(() => createInterface({ input: createReadStream(options.events, { encoding: 'utf8' }), crlfDelay: Infinity }));
    const { deps } = await replayWithState(lines, {
      approvals: options.approvals,
      ...(complaints.complaints ? { complaints: complaints.complaints } : {}),
      closeNotices: options.closeNotices === true,
    });
    report = await buildTransparencyReport({ from: options.from, to: endOf(options.to) }, deps);
  } catch (error) {
    io.stderr.write(`offside report transparency: ${errorText(error)}\n`);
    return 2;
  }
  if (options.json === true) io.stdout.write(`${JSON.stringify(report)}\n`);
  else io.stdout.write(text(report));
  return Object.values(report.checks).every(Boolean) ? 0 : 1;
}

const hours = (value: number | null) => (value === null ? '-' : `${value} h`);

function text(report: TransparencyReport): string {
  const { notices, decisions, appeals, reversals, notifiersSanctioned } = report;
  return [
    `DSA transparency report, ${report.period.from} to ${report.period.to}`,
    `notices received: ${notices.received} (acted on ${notices.actedOn}, found unfounded ${notices.foundUnfounded}, awaiting a decision ${notices.awaitingDecision}, not counted under Art. 23 ${notices.notCountedUnderArticle23}); median time to decision ${hours(notices.medianHoursToDecision)}`,
    `decisions: ${decisions.total} (on notice ${decisions.onNotice}, own initiative ${decisions.ownInitiative}; fully automated ${decisions.fullyAutomated}, with human approval ${decisions.partlyAutomatedWithHumanApproval}); by rung ${Object.entries(decisions.byRung).map(([rung, n]) => `${rung} ${n}`).join(', ')}`,
    `appeals: ${appeals.filed} (accepted ${appeals.accepted}, rejected ${appeals.rejected}, pending ${appeals.pending}); median time to decision ${hours(appeals.medianHoursToDecision)}`,
    `reversals: ${reversals.total} (appeals accepted ${reversals.appealsAccepted}, dismissals after action ${reversals.dismissalsAfterAction})`,
    `notifiers sanctioned under Art. 23: warned ${notifiersSanctioned.warned}, restricted ${notifiersSanctioned.restricted}`,
    '',
  ].join('\n');
}
