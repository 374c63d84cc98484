/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they see the DOM.
/**
 * The web console in headless Chromium against the real local platform (DynamoDB Local, fauxqs,
 * the SES emulator, the synthesized ladder on the real clock), the demo loaded: an analyst signs
 * in, finds the seed seller in the queue, reads the highlighted evidence and approves the
 * suspension; the legal role approves the legal hold; the audit shows both decisions. Every page
 * is checked with axe-core. UPDATE_SCREENSHOTS=1 writes the queue and the case page to docs/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBundle } from '../../console/bundle';
import { DEMO_CAST } from '../../events/demo/cast';
import type { LocalPlatform } from '../../tools/local/platform';
import { DEMO_STREAM, startLocalPlatform } from '../../tools/local/platform';
import { fitsWidth, launchChromium, seriousAxeViolations } from '../support/browser';
import { freePort } from '../support/free-port';

const SEED = DEMO_CAST.seed;
const DOCS = join(import.meta.dirname, '../../docs');
const HASH_TOKEN = /\[(email|phone|url|messaging):[0-9a-f]{8,}\]/u;
/** The ladder works on the real clock: approvals it asks for appear within seconds, rarely a minute. */
const LADDER_WAIT = 90_000;

let platform: LocalPlatform;
let browser: Browser;
let page: Page;
let caseUrl = '';

async function screenshot(name: string) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(DOCS, name) });
}

beforeAll(async () => {
  ensureConsoleBundle();
  platform = await startLocalPlatform({ port: await freePort() });
  await platform.publish(DEMO_STREAM);
  await platform.drained();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the web console, worked through the seed case', () => {
  it('signs an analyst in with /?as=analyst and opens the queue, which names the seed seller', async () => {
    await page.goto(`${platform.consoleUrl}/?as=analyst&user=ana`);
    await page.waitForURL('**/queue');
    await expect.poll(() => page.getByRole('banner').innerText()).toMatch(/Signed in as\s+ana\s+\(analyst\)/u);
    const row = page.getByRole('row', { name: new RegExp(`${SEED.sellerId}.*Suspension approval`, 'u') });
    await row.waitFor({ timeout: LADDER_WAIT });
    await screenshot('console-queue.png');
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, LADDER_WAIT + 30_000);

  it('works from the keyboard: a skip link first, with a visible focus ring, and links that open with Enter', async () => {
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the content' });
    await expect.poll(() => skip.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skip.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
    await page.getByRole('link', { name: SEED.sellerId }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/cases/**');
    caseUrl = page.url();
  });

  it('shows the evidence highlighted, contact handles as chips, and never a hash token', async () => {
    await page.getByRole('heading', { name: 'Chronology' }).waitFor();
    const phrase = page.locator('.timeline mark.label-off_platform_contact').first();
    await phrase.waitFor();
    expect(await phrase.innerText()).toContain('e-mail address A');
    expect(await page.locator('.chip').count()).toBeGreaterThan(3);
    expect(await page.locator('body').innerText()).not.toMatch(HASH_TOKEN);
    await page.getByRole('button', { name: /Show all \d+ messages/u }).first().click();
    await expect.poll(() => page.locator('.group-messages li').count()).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Show the samples only' }).click();
  });

  it('offers the analyst the suspension decision but not the legal hold, and says why', async () => {
    await page.getByRole('button', { name: 'Approve suspension' }).waitFor();
    expect(await page.getByRole('button', { name: /legal hold/iu }).count()).toBe(0);
    expect(await page.locator('.withheld').innerText()).toContain('only the legal role may approve or deny a legal hold');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot('console-case.png');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('needs a reason, then approves the suspension', async () => {
    await page.getByRole('button', { name: 'Approve suspension' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Give a reason');
    // Spaces and zero-width characters are not a reason, here as in the API.
    await page.getByLabel('Reason (required; recorded in the audit trail)').fill(' \u200b\u200b \u200bx ');
    await page.getByRole('button', { name: 'Approve suspension' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('at least 3 visible characters');
    await page.getByLabel('Reason (required; recorded in the audit trail)').fill('Targeted look-ups and a stream of off-platform gift offers');
    await page.getByRole('button', { name: 'Approve suspension' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Suspension approved');
  });

  it('fits a 1440x900 laptop screen too', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('signs the legal role in, which approves the legal hold once the ladder asks for it', async () => {
    await page.goto(`${platform.consoleUrl}/?as=legal&user=lee`);
    await page.waitForURL('**/queue');
    await expect.poll(() => page.getByRole('banner').innerText()).toMatch(/Signed in as\s+lee\s+\(legal\)/u);
    await page.goto(caseUrl);
    const approve = page.getByRole('button', { name: 'Approve legal hold' });
    await approve.waitFor({ timeout: LADDER_WAIT });
    expect(await page.getByRole('button', { name: /suspension/iu }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Reason (required; recorded in the audit trail)').fill('Preserve the evidence for litigation');
    await approve.click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Legal hold approved');
  }, LADDER_WAIT + 30_000);

  it('shows both decisions in the audit, by whom and why', async () => {
    const caseId = decodeURIComponent(caseUrl.split('/cases/')[1] ?? '');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByLabel('Search by').selectOption('caseId');
    await page.getByLabel('Value').fill(caseId);
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.locator('table.audit-table');
    await expect.poll(() => table.innerText(), { timeout: 30_000 }).toContain('lee (legal)');
    const text = await table.innerText();
    expect(text).toMatch(/ana \(analyst\)\s+approved: Suspension\s.*Targeted look-ups/u);
    expect(text).toMatch(/lee \(legal\)\s+approved: Legal hold\s.*Preserve the evidence for litigation/u);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('offers the complaint intake to analysts only, and takes a complaint, field errors first', async () => {
    expect(await page.getByRole('link', { name: 'Complaint intake' }).count()).toBe(0);
    await page.goto(`${platform.consoleUrl}/?as=analyst&user=ana`);
    await page.waitForURL('**/queue');
    await page.getByRole('link', { name: 'Complaint intake' }).click();
    await page.getByRole('button', { name: 'File the complaint' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    await page.getByLabel('Buyer id').fill('B-INTAKE-1');
    await page.getByLabel('Seller id').fill('S-INTAKE-1');
    await page.getByLabel('What the buyer says').fill('The seller phoned me at home offering a refund if I delete my review.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'File the complaint' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('filed against S-INTAKE-1');
  });

  it('shows a case for review in the queue, marked "for review: no notice sent" with its reason, and offers to ask for a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offside-browser-review-'));
    const file = join(dir, 'review.jsonl');
    // Reviewed two days ago: the intake files the complaint now, and a complaint counts from a buyer who reviewed the seller negatively within the window.
    const data = { reviewId: 'R-REVIEW-B', orderId: '112-0000000-0000092', productId: 'B0REVIEW002', sellerId: 'S-REVIEW-B', buyerId: 'B-REVIEW-B', rating: 1, marketplace: 'US', title: 'Broke', body: 'Broke on the first day.' };
    writeFileSync(file, `${JSON.stringify({ specversion: '1.0', id: 'evt-rp-R-REVIEW-B', source: 'marketplace/reviews', type: 'review.posted', time: new Date(Date.now() - 2 * 86_400_000).toISOString(), subject: 'S-REVIEW-B', datacontenttype: 'application/json', data })}\n`);
    await platform.publish(file);
    await platform.drained();
    await page.getByRole('link', { name: 'Complaint intake' }).click();
    await page.getByLabel('Buyer id').fill('B-REVIEW-B');
    await page.getByLabel('Seller id').fill('S-REVIEW-B');
    await page.getByLabel('What the buyer says').fill('The seller e-mailed me from a private address about my one-star review.');
    await page.getByRole('button', { name: 'File the complaint' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('filed against S-REVIEW-B');
    await page.getByRole('link', { name: 'Queue', exact: true }).click();
    const row = page.getByRole('row', { name: /S-REVIEW-B.*For review: no notice sent.*One kind of evidence, not corroborated/u });
    await row.waitFor({ timeout: LADDER_WAIT });
    await screenshot('console-queue-review.png');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await row.getByRole('link', { name: 'S-REVIEW-B' }).click();
    await page.waitForURL('**/cases/**');
    await expect.poll(() => page.locator('.case-facts').innerText()).toContain('For review: no notice sent');
    await expect.poll(() => page.locator('.review-reason').innerText()).toMatch(/^Opened for review on .*One kind of evidence, not corroborated: a complaint/u);
    await page.getByRole('button', { name: 'Ask for a warning' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, LADDER_WAIT + 30_000);

  it('dismisses a case only with its category and, for a false positive, the wrong signals; the Signals page counts it', async () => {
    await page.getByRole('link', { name: 'Queue', exact: true }).click();
    const seller = page.getByRole('link', { name: 'S-COOKWELL', exact: true });
    await seller.waitFor({ timeout: LADDER_WAIT });
    await seller.click();
    await page.waitForURL('**/cases/**');
    const dismiss = page.getByRole('button', { name: 'Dismiss the case' });
    await dismiss.waitFor();
    await page.getByLabel('Reason (required; recorded in the audit trail)').fill('The messages answer questions the buyers asked');
    await dismiss.click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Choose why the case is dismissed');
    await page.getByLabel('Why (required to dismiss)').selectOption('false-positive');
    await dismiss.click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Tick the signals that were wrong');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('.wrong-signals input[type=checkbox]').first().check();
    await dismiss.click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Case dismissed');
    await expect.poll(() => page.locator('.dismissal-category').innerText()).toContain('False positive');
    await page.getByRole('link', { name: 'Signal precision', exact: true }).click();
    await page.getByRole('heading', { name: 'Signal precision' }).waitFor();
    await expect.poll(() => page.getByText(/Settled cases: \d+ confirmed, [1-9]\d* false positives?/u).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, LADDER_WAIT + 30_000);

  it('signs out to a sign-in page that offers the three roles', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/oauth2/authorize?**');
    for (const role of ['analyst', 'legal', 'admin']) await page.getByRole('button', { name: `Sign in as ${role}` }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Name in the audit trail (optional)').fill('ada');
    await page.getByRole('button', { name: 'Sign in as admin' }).click();
    await page.waitForURL('**/queue');
    await expect.poll(() => page.getByRole('banner').innerText()).toMatch(/Signed in as\s+ada\s+\(admin\)/u);
  });

  it('has an accessibility check that does report a serious violation where there is one', async () => {
    const probe = await browser.newPage();
    try {
      await probe.setContent('<!doctype html><html lang="en"><title>probe</title><main><input type="text"><button></button></main></html>');
      expect((await seriousAxeViolations(probe)).map((finding) => finding.id).sort()).toEqual(expect.arrayContaining(['button-name', 'label']));
    } finally {
      await probe.close();
    }
  });
});
