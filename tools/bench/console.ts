/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they see the DOM.
/**
 * The web console's figures: the production bundle's size gzipped; how long the queue takes to
 * show when opened; and how long the case page takes to draw a 500-entry chronology, from the
 * moment the answer arrives to the entries in the page (parse, validate, render). The console is
 * the real bundle behind the local console host (its development sign-in included); the API's
 * answers are synthetic, served by the browser's request interception, so the figures measure the
 * console and not the platform.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureConsoleBundle } from '../../console/bundle';
import { CaseView, QueuePage, TimelinePage } from '../../shared/adapters/http/console-views';
import type { TimelineEntry } from '../../shared/adapters/http/console-views';
import { launchChromium } from '../browser';
import { consoleSite } from '../local/console-site';

export const BUNDLE_TARGET_BYTES = 250 * 1024;
export const LOAD_TARGET_MILLIS = 1_000;
export const DRAW_TARGET_MILLIS = 300;
const TIMELINE_ENTRIES = 500;
const ROUNDS = 5;

export interface ConsoleFigures {
  readonly bundle: { readonly files: number; readonly bytes: number; readonly gzipBytes: number; readonly target: number; readonly pass: boolean };
  readonly load: { readonly millis: number; readonly rounds: number; readonly target: number; readonly pass: boolean };
  readonly timeline: { readonly entries: number; readonly drawMillis: number; readonly rounds: number; readonly target: number; readonly pass: boolean };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function bundleSize(dir: string) {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(js|css|html)$/u.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.length, 0),
    gzipBytes: files.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0),
  };
}

const CASE_ID = 'case_bench0000000000000';
const EMAIL = { type: 'handle' as const, kind: 'email' as const, ref: 'A', otherSellers: ['S-OTHER-1', 'S-OTHER-2'] };
const at = (index: number) => new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();

/** A chronology of `count` entries, the mix of a real case: mostly seller messages, with reviews, look-ups, signals and ladder steps. */
export function syntheticTimeline(count: number): TimelineEntry[] {
  return Array.from({ length: count }, (_, index): TimelineEntry => {
    const base = { id: `entry-${index}`, at: at(index) };
    switch (index % 10) {
      case 3:
        return { kind: 'review', ...base, reviewId: `R-${index}`, orderId: `O-${index}`, buyerId: `B-${index}`, action: 'posted', rating: 1, flip: false, title: [{ type: 'text', text: 'Leaked in the box' }], body: [{ type: 'text', text: 'Half of it was on the packaging when it arrived.' }] };
      case 6:
        return { kind: 'lookup', ...base, downloadId: `D-${index}`, reportType: 'customer-contacts', actorId: 'APP-X', appId: 'APP-X', containsBuyerPii: true, orderCount: 2, covered: [{ reviewId: `R-${index - 3}`, orderId: `O-${index - 3}`, rating: 1 }] };
      case 8:
        return { kind: 'signal', ...base, rule: 'targeted-lookup', points: 25, explanation: [{ type: 'text', text: `Report D-${index - 2} covers 1 of its 2 orders that had just received a negative review.` }] };
      case 9:
        return { kind: 'audit', ...base, action: 'notice-sent', actor: 'system', role: 'system', rung: 'warn', reason: 'notice to the seller: Policy warning' };
      default:
        return {
          kind: 'message',
          ...base,
          messageId: `M-${index}`,
          threadId: `T-${index}`,
          buyerId: `B-${index}`,
          sender: 'seller',
          labels: ['off_platform_contact', 'review_manipulation'],
          attachments: 0,
          points: 80,
          text: [
            { type: 'text', text: 'Hi! As a thank-you we would like to send you a FREE gift. Just ' },
            { type: 'text', text: 'register your ', label: 'off_platform_contact' },
            { ...EMAIL, label: 'off_platform_contact' },
            { type: 'text', text: ' with your order number', label: 'off_platform_contact' },
            { type: 'text', text: ' and, if you are happy, ' },
            { type: 'text', text: 'update your review', label: 'review_manipulation' },
            { type: 'text', text: '. Cheers!' },
          ],
        };
    }
  });
}

function syntheticAnswers(): Record<string, unknown> {
  const entries = syntheticTimeline(TIMELINE_ENTRIES);
  const summary = { caseId: CASE_ID, sellerId: 'S-BENCH', status: 'open', openedAt: at(0), updatedAt: at(TIMELINE_ENTRIES), points: 4000, requestedRung: 'suspend', appliedRung: 'coach', waitingFor: 'approval:suspend', rules: ['seller-message', 'targeted-lookup'] } as const;
  const waiting = { kind: 'approval', rung: 'suspend', since: at(TIMELINE_ENTRIES) } as const;
  const queue = QueuePage.parse({
    items: Array.from({ length: 25 }, (_, index) => ({ ...summary, caseId: `${CASE_ID}${index}`, sellerId: `S-BENCH-${index}`, marketplace: 'US', waiting, signalCount: 50, forReview: false, review: null, appeal: null })),
    total: 25,
  });
  const view = CaseView.parse({
    case: { ...summary, marketplace: 'US', openedRung: 'warn', rungRequestedAt: at(0), waiting },
    seller: { sellerId: 'S-BENCH', status: 'active', standing: 'coached', activeStrikes: [], strikes: [] },
    signals: [{ rule: 'seller-message', count: 300, points: 3000, firstAt: at(0), lastAt: at(TIMELINE_ENTRIES), examples: [[{ type: 'text', text: 'On-platform message M-1 asks to change a review.' }]] }],
    ladder: ['warn', 'coach', 'suspend', 'legal-hold'].map((rung) => ({ rung, state: rung === 'suspend' ? 'waiting' : 'applied', approver: null, decisions: [], notices: [] })),
    handles: [{ ref: 'A', kind: 'email', messages: 300, otherSellers: ['S-OTHER-1', 'S-OTHER-2'] }],
    actions: [{ action: 'decide-suspension', allowed: true }],
    audit: [],
    timelineEntries: { condensed: TIMELINE_ENTRIES, full: TIMELINE_ENTRIES },
  });
  return { queue, view, timeline: TimelinePage.parse({ entries, total: entries.length }) };
}

export async function measureConsole(say: (line: string) => void): Promise<ConsoleFigures> {
  say('console: production bundle');
  const { dir } = ensureConsoleBundle(say);
  const size = bundleSize(dir);
  const site = consoleSite({ dist: dir });
  const server = createServer((request, response) => {
    void site(request, response).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const answers = syntheticAnswers();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/v1/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      const body = path === '/v1/queue' ? answers.queue : path.endsWith('/summary') ? answers.view : path.endsWith('/timeline') ? answers.timeline : undefined;
      await (body === undefined ? route.fulfill({ status: 404, json: { error: 'not_found', message: path } }) : route.fulfill({ json: body }));
    });
    say('console: sign in, then open the queue and the case page');
    await page.goto(`${base}/?as=analyst`);
    await page.waitForURL('**/queue');
    const loads: number[] = [];
    const draws: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = Date.now();
      await page.goto(`${base}/queue`);
      await page.getByRole('link', { name: 'S-BENCH-0', exact: true }).waitFor();
      loads.push(Date.now() - started);
      await page.goto(`${base}/cases/${CASE_ID}`);
      const mark = `chronology:condensed:${TIMELINE_ENTRIES}`;
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark);
      draws.push(
        await page.evaluate((name) => {
          const drawn = performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
          const answer = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/timeline'));
          return drawn - (answer instanceof PerformanceResourceTiming ? answer.responseEnd : Number.NaN);
        }, mark),
      );
      if ((await page.locator('[data-entry]').count()) !== TIMELINE_ENTRIES) throw new Error('the case page did not draw every entry');
    }
    const load = median(loads);
    const draw = median(draws);
    return {
      bundle: { ...size, target: BUNDLE_TARGET_BYTES, pass: size.gzipBytes <= BUNDLE_TARGET_BYTES },
      load: { millis: load, rounds: ROUNDS, target: LOAD_TARGET_MILLIS, pass: load <= LOAD_TARGET_MILLIS },
      timeline: { entries: TIMELINE_ENTRIES, drawMillis: draw, rounds: ROUNDS, target: DRAW_TARGET_MILLIS, pass: draw <= DRAW_TARGET_MILLIS },
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
