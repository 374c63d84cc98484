/**
 * Records a report download as evidence: which orders' buyer data a seller (or an app acting for
 * it) pulled, and when. A report with buyer data that covers an order after its negative review is
 * how a seller finds the reviewer's address. Then detection runs on it.
 */
import type { ReportDownloaded } from '../../events/v1/schemas';
import { reportDownloadEvidence } from '../domain/evidence';
import type { DetectionDeps } from './detect';
import { detect } from './detect';

export type RecordReportDownloadDeps = DetectionDeps;

export async function recordReportDownload(event: ReportDownloaded, deps: RecordReportDownloadDeps): Promise<void> {
  const evidence = reportDownloadEvidence(event);
  await deps.store.put(evidence);
  await detect(evidence, deps);
}
