import type { ReportDownloaded } from '../../events/v1/schemas';
import type { ConsumerDeps } from '../../shared/composition/product';
import { makeIngestionHandler } from '../../shared/adapters/lambda/ingestion-handler';
import { recordReportDownload } from '../../shared/use-cases/record-report-download';

export const makeHandler = (deps: ConsumerDeps) =>
  makeIngestionHandler<ReportDownloaded>(
    { name: 'ingest-report-downloads', accepts: ['report.downloaded'], process: (event) => recordReportDownload(event, deps) },
    deps,
  );
