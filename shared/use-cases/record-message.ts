/**
 * Records an on-platform message as evidence. Contact handles in the body (e-mails, phones, links,
 * messaging handles) are replaced by their keyed hash before storage: the same handle can then be
 * matched across sellers without ever being kept in clear.
 */
import type { MessageSent } from '../../events/v1/schemas';
import type { HandleHasher } from '../domain/evidence';
import { messageEvidence } from '../domain/evidence';
import type { EvidenceStore } from '../ports/evidence-store';

export interface RecordMessageDeps {
  readonly store: EvidenceStore;
  readonly hashHandle: HandleHasher;
}

export async function recordMessage(event: MessageSent, deps: RecordMessageDeps): Promise<void> {
  await deps.store.put(messageEvidence(event, deps.hashHandle));
}
