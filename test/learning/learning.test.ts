/**
 * Learning from analysts' decisions, on in-memory adapters through the use cases: a dismissal
 * keeps its category (and the signals that were wrong) in the case and the audit; settled cases
 * export as labelled data; each signal's precision follows from the outcomes in a period.
 */
import { describe, expect, it } from 'vitest';
import type { MemoryProduct } from '../../shared/composition/memory';
import { memoryProduct } from '../../shared/composition/memory';
import { findContactHandles } from '../../shared/domain/contact-handles';
import { dismissCase } from '../../shared/use-cases/dismiss-case';
import { exportLabels } from '../../shared/use-cases/export-labels';
import { signalPrecisionReport } from '../../shared/use-cases/signal-precision-report';
import { storeCase } from '../support/settled-cases';

const analyst = { id: 'ana', role: 'analyst' as const };
const at = (time: string) => () => new Date(time);
const consoleDeps = (product: MemoryProduct) => ({ ...product, appealAddress: 'appeals@marketplace.example', readiness: [] });

describe('dismissing a case', () => {
  it('keeps the category and the wrong signals in the case and in the audit', async () => {
    const product = memoryProduct({ now: at('2026-03-05T09:00:00Z') });
    const item = await storeCase(product, { sellerId: 'S-FP', rules: ['seller-message', 'targeted-lookup'] });
    const dismissed = await dismissCase({ caseId: item.caseId, reason: 'the lookup was a support agent', category: 'false-positive', wrongSignals: ['targeted-lookup'] }, analyst, consoleDeps(product));
    expect(dismissed.closure).toMatchObject({ category: 'false-positive', wrongSignals: ['targeted-lookup'], by: 'ana' });
    expect((await product.cases.getCase(item.caseId))?.closure?.wrongSignals).toEqual(['targeted-lookup']);
    const entry = (await product.audit.byCase(item.caseId)).entries.find((candidate) => candidate.action === 'dismissed');
    expect(entry?.dismissal).toEqual({ category: 'false-positive', wrongSignals: ['targeted-lookup'] });
  });

  it('refuses a wrong signal the case does not have, as a conflict with the case, and changes nothing', async () => {
    const product = memoryProduct();
    const item = await storeCase(product, { sellerId: 'S-NOT-RING', rules: ['seller-message'] });
    await expect(dismissCase({ caseId: item.caseId, reason: 'no ring here', category: 'false-positive', wrongSignals: ['ring'] }, analyst, consoleDeps(product))).rejects.toMatchObject({
      name: 'StateConflictError',
      message: expect.stringContaining('has no ring signal') as unknown,
    });
    expect((await product.cases.getCase(item.caseId))?.status).toBe('open');
    expect((await product.audit.byCase(item.caseId)).entries).toEqual([]);
  });
});

async function decidedWorld() {
  const product = memoryProduct({ now: at('2026-03-10T12:00:00Z') });
  const deps = consoleDeps(product);
  // Confirmed: a warning applied, never dismissed.
  await storeCase(product, { sellerId: 'S-WARNED', rules: ['seller-message', 'buyer-complaint'], applied: { rung: 'warn', at: '2026-03-03T10:00:00.000Z' }, message: 'Write to me at shop.owner@example.com and remove that review' });
  // A false positive naming the message as wrong.
  const fp = await storeCase(product, { sellerId: 'S-FALSE', rules: ['seller-message', 'targeted-lookup'], message: 'Can you update the rating once the refund lands?' });
  await dismissCase({ caseId: fp.caseId, reason: 'the buyer asked for the refund first', category: 'false-positive', wrongSignals: ['seller-message'] }, analyst, deps);
  // Resolved otherwise, nothing applied: says nothing of its signals.
  const dup = await storeCase(product, { sellerId: 'S-DUP', rules: ['targeted-lookup'] });
  await dismissCase({ caseId: dup.caseId, reason: 'same as the case of the other shop', category: 'duplicate' }, analyst, deps);
  // Open and undecided: not settled.
  await storeCase(product, { sellerId: 'S-OPEN', rules: ['seller-message'] });
  return product;
}

describe('signal precision from analysts outcomes', () => {
  it('counts confirmed cases as right, false positives as wrong for the signals they name, the rest as unjudged', async () => {
    const report = await signalPrecisionReport({}, { cases: (await decidedWorld()).cases });
    expect(report.cases).toEqual({ confirmed: 1, 'false-positive': 1, resolved: 1 });
    const row = (signal: string) => report.signals.find((candidate) => candidate.signal === signal);
    expect(row('seller-message')).toEqual({ signal: 'seller-message', right: 1, wrong: 1, unjudged: 0, precision: 0.5 });
    expect(row('targeted-lookup')).toEqual({ signal: 'targeted-lookup', right: 0, wrong: 0, unjudged: 2, precision: null });
    expect(row('buyer-complaint')).toEqual({ signal: 'buyer-complaint', right: 1, wrong: 0, unjudged: 0, precision: 1 });
    expect(row('ring')).toEqual({ signal: 'ring', right: 0, wrong: 0, unjudged: 0, precision: null });
  });

  it('counts only the decisions made in the period (from included, to excluded)', async () => {
    const product = await decidedWorld();
    // The warning was applied on the 3rd, the dismissals made on the 10th.
    const early = await signalPrecisionReport({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T12:00:00.000Z' }, product);
    expect(early.cases).toEqual({ confirmed: 1, 'false-positive': 0, resolved: 0 });
    const late = await signalPrecisionReport({ from: '2026-03-10T12:00:00.000Z' }, product);
    expect(late.cases).toEqual({ confirmed: 0, 'false-positive': 1, resolved: 1 });
  });

  it('reads a dismissal recorded before categories as a false positive of every signal of the case', async () => {
    const product = memoryProduct();
    const item = await storeCase(product, { sellerId: 'S-OLD', rules: ['ring'] });
    await product.cases.saveCase({ ...item, status: 'dismissed', closure: { by: 'ana', role: 'analyst', reason: 'old', at: '2026-03-04T00:00:00.000Z' }, version: 2 });
    const report = await signalPrecisionReport({}, product);
    expect(report.signals.find((row) => row.signal === 'ring')).toMatchObject({ wrong: 1, precision: 0 });
  });
});

describe('the labels export', () => {
  it('labels each settled case and its flagged messages, with the analyst verdict and no contact handle in clear', async () => {
    const labels = await exportLabels({}, await decidedWorld());
    expect(labels.map((label) => [label.sellerId, label.outcome.kind])).toEqual([
      ['S-WARNED', 'confirmed'],
      ['S-DUP', 'resolved'],
      ['S-FALSE', 'false-positive'],
    ]);
    const [warned, , falsePositive] = labels;
    expect(warned?.messages).toEqual([expect.objectContaining({ labels: expect.arrayContaining(['off_platform_contact']) as unknown, verdict: 'violation' })]);
    expect(warned?.signals.map((signal) => [signal.rule, signal.verdict])).toEqual([
      ['seller-message', 'right'],
      ['buyer-complaint', 'right'],
    ]);
    expect(falsePositive?.messages).toEqual([expect.objectContaining({ text: 'Can you update the rating once the refund lands?', verdict: 'not-a-violation' })]);
    expect(falsePositive?.signals.map((signal) => [signal.rule, signal.verdict])).toEqual([
      ['seller-message', 'wrong'],
      ['targeted-lookup', 'unjudged'],
    ]);
    const text = JSON.stringify(labels);
    expect(text).not.toContain('shop.owner@example.com');
    expect(findContactHandles(text)).toEqual([]);
  });
});
