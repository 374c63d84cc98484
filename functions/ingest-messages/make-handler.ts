import type { MessageSent } from '../../events/v1/schemas';
import type { ConsumerDeps } from '../../shared/composition/product';
import { makeIngestionHandler } from '../../shared/adapters/lambda/ingestion-handler';
import { recordMessage } from '../../shared/use-cases/record-message';

export const makeHandler = (deps: ConsumerDeps) =>
  makeIngestionHandler<MessageSent>(
    { name: 'ingest-messages', accepts: ['message.sent'], process: (event) => recordMessage(event, deps) },
    deps,
  );
