/**
 * Regression check against the simulator's message templates (tools/sim/texts.ts, written by
 * another engineer and never used to tune the classifier): honest, refund, keep-it-here and buyer
 * templates must get no label; violating templates must get their label.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../shared/domain/classify/classify';
import { EXPECTED_LABEL, renderAll } from './sim-render';
import type { Rendered } from './sim-render';

const rendered = renderAll(40);
const isViolation = (r: Rendered): r is Rendered & { kind: keyof typeof EXPECTED_LABEL } => r.kind in EXPECTED_LABEL;

describe('simulator templates', () => {
  it('renders every intent in every language', () => {
    expect(rendered.length).toBeGreaterThan(500);
  });

  it('honest, refund, hard-negative and buyer templates get no label', () => {
    const flagged = rendered
      .filter((r) => !isViolation(r))
      .map((r) => ({ kind: r.kind, text: r.text, labels: classifyMessage(r.text, r.lang).labels }))
      .filter((r) => r.labels.length > 0);
    expect(flagged).toEqual([]);
  });

  it('violating templates get their label', () => {
    const missed = rendered
      .filter(isViolation)
      .map((r) => ({ kind: r.kind, text: r.text, labels: classifyMessage(r.text, r.lang).labels, want: EXPECTED_LABEL[r.kind] }))
      .filter((r) => !r.labels.includes(r.want));
    expect(missed).toEqual([]);
  });
});
