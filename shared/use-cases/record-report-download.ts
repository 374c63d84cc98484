/**
 * Records a report download as evidence: which orders' buyer data a seller (or an app acting for
 * it) pulled, and when. A report with buyer data that covers an order after its negative review is
 * how a seller finds the reviewer's address.
 */
import type { ReportDownloaded } from '../../events/v1/schemas';
import { reportDownloadEvidence } from '../domain/evidence';
import type { EvidenceStore } from '../ports/evidence-store';

export interface RecordReportDownloadDeps {
  readonly store: EvidenceStore;
}

export async function recordReportDownload(event: ReportDownloaded, deps: RecordReportDownloadDeps): Promise<void> {
  await deps.store.put(reportDownloadEvidence(event));
}
