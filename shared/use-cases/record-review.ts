/**
 * Records a review event (posted, edited, removed) as evidence and runs detection on it: the
 * review's rating history is what reveals a negative review that flipped after off-platform
 * pressure, and a negative review is what makes a later report download a targeted look-up.
 */
import type { ReviewEvent } from '../../events/v1/schemas';
import type { HandleHasher } from '../domain/evidence';
import { reviewEvidence } from '../domain/evidence';
import type { DetectionDeps } from './detect';
import { detect } from './detect';

export interface RecordReviewDeps extends DetectionDeps {
  readonly hashHandle: HandleHasher;
}

export async function recordReview(event: ReviewEvent, deps: RecordReviewDeps): Promise<void> {
  const evidence = reviewEvidence(event, deps.hashHandle);
  await deps.store.put(evidence);
  await detect(evidence, deps);
}
