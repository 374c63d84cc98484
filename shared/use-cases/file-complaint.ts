/**
 * Takes in a buyer's complaint of off-platform contact (the console intake): stores it as evidence,
 * contact handles hashed, and runs detection, where it is the strongest single signal there is.
 * Filing the same complaint twice is one complaint.
 */
import type { BuyerComplaintInput } from '../../events/v1/complaint';
import type { ComplaintEvidence, HandleHasher } from '../domain/evidence';
import { complaintEvidence } from '../domain/evidence';
import type { DetectionDeps } from './detect';
import { detect } from './detect';

export interface FileComplaintDeps extends DetectionDeps {
  readonly hashHandle: HandleHasher;
}

export async function fileComplaint(input: BuyerComplaintInput, deps: FileComplaintDeps): Promise<ComplaintEvidence> {
  const evidence = complaintEvidence(input, deps.hashHandle);
  await deps.store.put(evidence);
  await detect(evidence, deps);
  return evidence;
}
