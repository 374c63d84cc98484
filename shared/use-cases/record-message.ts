/**
 * Records an on-platform message as evidence. Contact handles in the body (e-mails, phones, links,
 * messaging handles) are replaced by their keyed hash before storage: the same handle can then be
 * matched across sellers without ever being kept in clear. Then detection runs on it.
 */
import type { MessageSent } from '../../events/v1/schemas';
import type { HandleHasher } from '../domain/evidence';
import { messageEvidence } from '../domain/evidence';
import type { DetectionDeps } from './detect';
import { detect } from './detect';

export interface RecordMessageDeps extends DetectionDeps {
  readonly hashHandle: HandleHasher;
}

export async function recordMessage(event: MessageSent, deps: RecordMessageDeps): Promise<void> {
  const evidence = messageEvidence(event, deps.hashHandle);
  await deps.store.put(evidence);
  await detect(evidence, deps);
}
