/**
 * Cases for the learning-from-decisions tests, written straight into a product's stores: a case
 * per seller with the signals given, its flagged seller messages stored as evidence (through the
 * same redaction ingestion uses), and the analysts' decisions made through the use cases.
 */
import type { Case } from '../../shared/domain/cases/case';
import type { RuleName } from '../../shared/domain/detection/signals';
import { messageEvidence } from '../../shared/domain/evidence';
import type { MemoryProduct } from '../../shared/composition/memory';
import { messageSent } from './events';

export interface CaseSketch {
  readonly sellerId: string;
  readonly rules: readonly RuleName[];
  readonly openedAt?: string;
  /** A rung the ladder applied, and when. */
  readonly applied?: { readonly rung: 'warn' | 'coach' | 'suspend'; readonly at: string };
  /** The text of the seller's flagged message, for a case with a seller-message signal. */
  readonly message?: string;
}

/** Stores the case (and its flagged message): what detection would have written. */
export async function storeCase(product: MemoryProduct, sketch: CaseSketch): Promise<Case> {
  const openedAt = sketch.openedAt ?? '2026-03-02T10:00:00.000Z';
  const event = messageSent({ sellerId: sketch.sellerId, body: sketch.message ?? 'Please remove your review and I will refund you.' }, openedAt);
  const message = messageEvidence(event, product.hashHandle);
  if (sketch.rules.includes('seller-message')) await product.store.put(message);
  const item: Case = {
    caseId: `case_${sketch.sellerId}`,
    sellerId: sketch.sellerId,
    status: 'open',
    openedAt,
    updatedAt: openedAt,
    points: 10,
    requestedRung: 'warn',
    rungRequestedAt: openedAt,
    signals: sketch.rules.map((rule) => ({
      signalId: rule === 'seller-message' ? `seller-message:${message.eventId}` : `${rule}:${sketch.sellerId}`,
      rule,
      time: openedAt,
      points: 5,
      explanation: `${rule} fired`,
      evidenceIds: rule === 'seller-message' ? [message.eventId] : [],
      tags: [],
    })),
    ...(sketch.applied ? { applied: { ...sketch.applied } } : {}),
    configVersion: '1',
    version: 1,
  };
  await product.cases.saveCase(item);
  return item;
}
