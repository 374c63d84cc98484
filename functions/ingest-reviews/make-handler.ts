import type { ReviewEvent } from '../../events/v1/schemas';
import type { ConsumerDeps } from '../../shared/composition/product';
import { makeIngestionHandler } from '../../shared/adapters/lambda/ingestion-handler';
import { recordReview } from '../../shared/use-cases/record-review';

export const makeHandler = (deps: ConsumerDeps) =>
  makeIngestionHandler<ReviewEvent>(
    { name: 'ingest-reviews', accepts: ['review.posted', 'review.edited', 'review.removed'], process: (event) => recordReview(event, deps) },
    deps,
  );
