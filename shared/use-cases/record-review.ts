/**
 * Records a review event (posted, edited, removed) as evidence: the review's rating history is what
 * later reveals a negative review that flipped after off-platform pressure.
 */
import type { ReviewEvent } from '../../events/v1/schemas';
import type { HandleHasher } from '../domain/evidence';
import { reviewEvidence } from '../domain/evidence';
import type { EvidenceStore } from '../ports/evidence-store';

export interface RecordReviewDeps {
  readonly store: EvidenceStore;
  readonly hashHandle: HandleHasher;
}

export async function recordReview(event: ReviewEvent, deps: RecordReviewDeps): Promise<void> {
  await deps.store.put(reviewEvidence(event, deps.hashHandle));
}
