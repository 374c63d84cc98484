import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Evaluation, KindFigures } from '../../tools/cli/evaluation';
import { evaluationChart } from '../../tools/cli/evaluation-chart';
import { EXPECTATIONS, describeExpectation } from '../../tools/sim/expectations';
import { SELLER_KINDS } from '../../tools/sim/truth';
import type { SellerKind } from '../../tools/sim/truth';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

/** A row of the per-kind table; every seller with a case was warned, every visible one caught if it has a case. */
function kindRow(kind: SellerKind, figures: Pick<KindFigures, 'sellers' | 'withCase' | 'suspended' | 'acted' | 'visible'>): KindFigures {
  const expectation = EXPECTATIONS[kind];
  return {
    kind,
    role: expectation.role,
    ...figures,
    warned: figures.withCase,
    review: 0,
    caught: Math.min(figures.withCase, figures.visible),
    warnedVisible: Math.min(figures.withCase, figures.visible),
    expectation,
    expected: describeExpectation(expectation),
    pass: true,
  };
}

const evaluation: Evaluation = {
  sellers: 20,
  violators: 9,
  honest: 11,
  recall: 0.75,
  recallVisible: 1,
  warnedVisible: 1,
  precision: 0.9,
  honestWarnedRate: 0.091,
  honestReviewRate: 0,
  honestSuspended: 0,
  daysToFirstAction: { median: 1.5, p90: 12.3, measured: 6 },
  byKind: [
    kindRow('honest', { sellers: 8, withCase: 1, suspended: 0, acted: 0, visible: 0 }),
    kindRow('honest-refunder', { sellers: 3, withCase: 0, suspended: 0, acted: 0, visible: 0 }),
    kindRow('onplatform-solicitor', { sellers: 2, withCase: 2, suspended: 1, acted: 2, visible: 2 }),
    kindRow('offplatform-harasser', { sellers: 3, withCase: 3, suspended: 3, acted: 3, visible: 3 }),
    kindRow('subtle-harasser', { sellers: 2, withCase: 0, suspended: 0, acted: 2, visible: 0 }),
    kindRow('ring-member', { sellers: 2, withCase: 1, suspended: 1, acted: 1, visible: 1 }),
  ],
  events: { accepted: 1234, duplicates: 5, rejected: 0 },
  verdict: { pass: true, checks: [] },
};

/** Every element opened is closed: a cheap well-formedness check without an XML parser. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/gu)) {
    const [, closing, name, selfClosing] = match;
    if (!name || selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe('the evaluation chart', () => {
  it('is one well-formed SVG document', () => {
    const svg = evaluationChart(evaluation);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(balanced(svg)).toBe(true);
  });

  it('has a row for every seller kind, with what was caught and missed', () => {
    const svg = evaluationChart(evaluation);
    for (const row of evaluation.byKind) expect(svg).toContain(`${row.kind} (${row.sellers})`);
    expect(svg).toContain('caught 0 of 2 (0.0%); 0 visible');
    expect(svg).toContain('<title>missed: 2</title>');
    expect(svg).toContain('warned 1 (12.5%), review 0, suspended 0');
  });

  it('shows the median and p90 days to first action', () => {
    const svg = evaluationChart(evaluation);
    expect(svg).toContain('median 1.5 d');
    expect(svg).toContain('p90 12.3 d');
  });

  it('says so when no violator was acted on', () => {
    const svg = evaluationChart({ ...evaluation, daysToFirstAction: { median: null, p90: null, measured: 0 } });
    expect(svg).toContain('no violator received an action');
  });

  it('escapes text', () => {
    expect(evaluationChart(evaluation, 'a < b & c')).toContain('a &lt; b &amp; c');
  });
});

describe('offside evaluate --chart', () => {
  it('writes the chart and leaves standard output as it was', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offside-chart-'));
    const bin = join(root, 'bin/offside.js');
    await run(process.execPath, [bin, 'simulate', '--sellers', '20', '--days', '30', '--seed', '3', '--out', out], { cwd: root });
    const args = [bin, 'evaluate', join(out, 'events.jsonl'), join(out, 'truth.json'), '--json'];
    const chart = join(out, 'evaluation.svg');
    const [plain, charted] = await Promise.all([run(process.execPath, args, { cwd: root }), run(process.execPath, [...args, '--chart', chart], { cwd: root })]);
    expect(charted.stdout).toBe(plain.stdout);
    expect(existsSync(chart)).toBe(true);
    const svg = readFileSync(chart, 'utf8');
    expect(balanced(svg)).toBe(true);
    for (const kind of SELLER_KINDS) expect(svg).toContain(kind);
  }, 60_000);
});
