/// <reference lib="dom" />
/**
 * Shadow runs on the local platform (DynamoDB Local, fauxqs, the SES emulator, the ladder on the
 * real clock, real HTTP): an admin sets as shadow a candidate that lowers a threshold; events sent
 * through the queues are judged under both; the shadow warns where the live rules open only a case for review, and no
 * notice is sent, no ladder started, nothing queued for it, while the live case beside it goes
 * through the ladder; the comparison route lists the seller as changed, and the console's Shadow
 * page shows the live and shadow outcomes side by side (checked with axe); clearing the shadow, on
 * that page, stops it from the next event on. UPDATE_SCREENSHOTS=1 writes docs/console-shadow.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureConsoleBundle } from '../../console/bundle';
import { ShadowComparison } from '../../shared/adapters/http/console-views';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { DetectionConfigSchema } from '../../shared/domain/detection/config';
import type { LocalPlatform } from '../../tools/local/platform';
import { startLocalPlatform } from '../../tools/local/platform';
import { sentMail } from '../support/aws-clients';
import { launchChromium, seriousAxeViolations } from '../support/browser';
import { cliToken, consoleClient, eventually } from '../support/console-client';
import { publishAndDrain } from '../support/platform-io';
import { messageSent, reviewPosted } from '../support/events';
import { freePort } from '../support/free-port';

const DOCS = join(import.meta.dirname, '../../docs');
/** The ladder works on the real clock: its first notice goes out within seconds, rarely a minute. */
const LADDER_WAIT = 90_000;

let platform: LocalPlatform;
let browser: Browser | undefined;
let api: ReturnType<typeof consoleClient>;
const tokens = { admin: '', analyst: '' };
let candidate = 0;

beforeAll(async () => {
  // The consumers read the rules store at every event here; on AWS the same code caches for 30 s.
  platform = await startLocalPlatform({ port: await freePort(), rulesCacheMs: 0 });
  api = consoleClient(platform.consoleUrl);
  [tokens.admin, tokens.analyst] = await Promise.all([cliToken('admin', 'root'), cliToken('analyst', 'ana')]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const publish = (events: readonly unknown[]): Promise<void> => publishAndDrain(platform, events);

const Versions = z.object({ live: z.number(), changes: z.array(z.looseObject({ kind: z.string(), version: z.number() })) });
const contact = (sellerId: string, buyerId: string, time: string) =>
  messageSent({ sellerId, buyerId, threadId: `T-${buyerId}`, body: `Write to desk.${sellerId.toLowerCase()}@proton.me for your gift.` }, time);
const mailTo = async (sellerId: string) => (await sentMail(platform.emulators.ses.endpoint)).filter((mail) => mail.destination.to.includes(`${sellerId.toLowerCase()}@sellers.marketplace.example`));

describe('shadow runs on the emulators', () => {
  it('sets a candidate as shadow through the console API: admins only, with a reason, a stored version other than the live one', async () => {
    const { live } = await api.read(Versions, '/v1/rules/versions', tokens.admin);
    const { config } = await api.read(z.object({ config: DetectionConfigSchema }), `/v1/rules/versions/${live}`, tokens.admin);
    const lowered: DetectionConfig = { ...config, description: 'two buyers are a practice', cases: { ...config.cases, corroboration: { ...config.cases.corroboration, contactPracticeBuyers: 2 } } };
    const created = await api.call('POST', '/v1/rules/versions', { token: tokens.admin, body: { config: lowered, reason: 'two buyers given the same handle is already a practice' } });
    expect(created.status, created.text).toBe(201);
    candidate = z.object({ version: z.number() }).parse(created.body).version;

    const body = { version: candidate, reason: 'try two buyers on live traffic first' };
    expect((await api.call('POST', '/v1/rules/shadow', { token: tokens.analyst, body })).status).toBe(403);
    const noReason = await api.call('POST', '/v1/rules/shadow', { token: tokens.admin, body: { version: candidate } });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('body.reason');
    const badVersion = await api.call('POST', '/v1/rules/shadow', { token: tokens.admin, body: { version: 'two', reason: 'a name is no version' } });
    expect(badVersion.status).toBe(400);
    expect(badVersion.text).toContain('body.version');
    expect((await api.call('POST', '/v1/rules/shadow', { token: tokens.admin, body: { version: 99, reason: 'no such version' } })).status).toBe(404);
    expect((await api.call('POST', '/v1/rules/shadow', { token: tokens.admin, body: { version: live, reason: 'the live one' } })).status).toBe(409);

    const set = await api.call('POST', '/v1/rules/shadow', { token: tokens.admin, body });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ kind: 'shadow-set', version: candidate, reason: body.reason, diff: expect.arrayContaining([{ path: 'cases.corroboration.contactPracticeBuyers', from: 3, to: 2 }]) as unknown });
    expect((await api.read(Versions, '/v1/rules/versions', tokens.admin)).changes[0]).toMatchObject({ kind: 'shadow-set', version: candidate });
    expect(await api.read(ShadowComparison, '/v1/rules/shadow', tokens.analyst)).toMatchObject({ pointer: { version: candidate, reason: body.reason }, liveVersion: live, version: candidate, sellers: [] });
  });

  it('the shadow warns where the live rules only open a case for review, and nothing acts on the shadow; the comparison lists the seller as changed', async () => {
    // S-SHADOW-1: its handle to two buyers (a practice only under the candidate); S-SHADOW-2: an explicit request (a warning under both).
    await publish([
      contact('S-SHADOW-1', 'B-SH1', '2026-03-01T10:00:00Z'),
      contact('S-SHADOW-1', 'B-SH2', '2026-03-02T10:00:00Z'),
      messageSent({ sellerId: 'S-SHADOW-2', buyerId: 'B-SH3', body: 'I will refund you in full if you delete your 1-star review.' }, '2026-03-01T11:00:00Z'),
    ]);
    // Live, one handle is one kind of evidence, not corroborated: a case for review (no rung, no notice).
    const liveReview = await platform.cases.openCase('S-SHADOW-1');
    expect(liveReview).toMatchObject({ status: 'open', requestedRung: null, configVersion: '1' });
    const shadow = platform.shadowNamespace(candidate);
    const shadowCase = await shadow.cases.openCase('S-SHADOW-1');
    expect(shadowCase).toMatchObject({ status: 'open', requestedRung: 'warn', configVersion: String(candidate) });
    expect((await shadow.cases.sellerSignals('S-SHADOW-1')).map((signal) => signal.configVersion)).toEqual([String(candidate), String(candidate)]);
    expect((await platform.cases.sellerSignals('S-SHADOW-1')).map((signal) => signal.configVersion)).toEqual(['1', '1']);

    // The live case beside it goes through the ladder: its warning is sent...
    const liveCase = await platform.cases.openCase('S-SHADOW-2');
    expect(liveCase).toMatchObject({ status: 'open', requestedRung: 'warn', configVersion: '1' });
    expect(await shadow.cases.openCase('S-SHADOW-2')).toMatchObject({ status: 'open', requestedRung: 'warn' });
    await eventually(async () => ((await mailTo('S-SHADOW-2')).length > 0 ? true : undefined), 'the live warning notice', LADDER_WAIT);
    await eventually(async () => ((await platform.cases.getCase(liveCase?.caseId ?? ''))?.applied?.rung === 'warn' ? true : undefined), 'the live warning applied', LADDER_WAIT);
    // ...and the shadow's: no notice, no ladder (no audit entry, no execution on the case), no statement, not in the queue.
    expect(await mailTo('S-SHADOW-1')).toEqual([]);
    const audit = await api.read(z.object({ entries: z.array(z.unknown()) }), '/v1/audit?sellerId=S-SHADOW-1', tokens.analyst);
    expect(audit.entries).toEqual([]);
    // The shadow's case id is the live review case's (both the seller's first case): the API answers the live one.
    const byId = await api.call('GET', `/v1/cases/${encodeURIComponent(shadowCase?.caseId ?? '')}`, { token: tokens.analyst });
    expect(byId.status).toBe(200);
    expect(byId.text).not.toContain(`"configVersion":"${candidate}"`);
    expect((await shadow.cases.getCase(shadowCase?.caseId ?? ''))?.execution).toBeUndefined();
    const queue = await api.call('GET', '/v1/queue?limit=100', { token: tokens.analyst });
    expect(queue.text).toContain('S-SHADOW-2');
    // S-SHADOW-1 is there only for review (the live rules' case), never with the shadow's warning.
    const listed = z.object({ items: z.array(z.object({ sellerId: z.string(), forReview: z.boolean(), requestedRung: z.string().nullable() }).passthrough()) }).parse(queue.body);
    expect(listed.items.filter((item) => item.sellerId === 'S-SHADOW-1').map((item) => [item.forReview, item.requestedRung])).toEqual([[true, null]]);

    const comparison = await api.read(ShadowComparison, '/v1/rules/shadow', tokens.analyst);
    expect(comparison).toMatchObject({ version: candidate, judgedSellers: 2, changed: 1, unchanged: 1 });
    expect(comparison.sellers.map((row) => [row.sellerId, row.changed, row.live?.requestedRung ?? null, row.shadow?.requestedRung ?? null])).toEqual([
      ['S-SHADOW-1', true, null, 'warn'],
      ['S-SHADOW-2', false, 'warn', 'warn'],
    ]);
    expect(comparison.sellers[1]).toMatchObject({ live: { appliedRung: 'warn' }, shadow: { appliedRung: null } });
  }, LADDER_WAIT * 3);

  it('the complaint intake judges under the shadow too', async () => {
    // A buyer the seller could have harassed: one who left it a negative review before complaining.
    await publish([reviewPosted({ sellerId: 'S-SHADOW-3', buyerId: 'B-SH9', rating: 1 }, '2026-03-02T10:00:00Z')]);
    const filed = await api.call('POST', '/v1/complaints', {
      token: tokens.analyst,
      body: { buyerId: 'B-SH9', sellerId: 'S-SHADOW-3', channel: 'email', summary: 'The seller wrote to my private address about my review.', receivedAt: '2026-03-03T09:00:00Z' },
    });
    expect(filed.status, filed.text).toBe(201);
    const signals = await platform.shadowNamespace(candidate).cases.sellerSignals('S-SHADOW-3');
    expect(signals.map((signal) => [signal.rule, signal.configVersion])).toEqual([['buyer-complaint', String(candidate)]]);
    expect((await platform.cases.sellerSignals('S-SHADOW-3')).map((signal) => [signal.rule, signal.configVersion])).toEqual([['buyer-complaint', '1']]);
  });

  it('shows the live and shadow outcomes side by side on the Shadow page; an admin stops the shadow there, and the next event is judged by the live rules alone', async () => {
    ensureConsoleBundle();
    browser = await launchChromium();
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${platform.consoleUrl}/?as=analyst&user=ana`);
    await page.waitForURL('**/queue');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shadow', exact: true }).click();
    await page.waitForURL('**/shadow');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toMatch(new RegExp(`^Rules version ${candidate} in shadow beside live version 1, since `, 'u'));
    const table = page.getByRole('table', { name: 'Live and shadow outcomes per seller' });
    const changedRow = table.getByRole('row', { name: /S-SHADOW-1/u });
    await changedRow.waitFor();
    expect((await changedRow.getByRole('cell').allInnerTexts()).map((text) => text.trim())).toEqual([expect.stringMatching(/^For review.*\(open, \d+ points\) case_/u), expect.stringMatching(/^Warning \(open, \d+ points\)$/u), 'Would change']);
    const sameRow = table.getByRole('row', { name: /S-SHADOW-2/u });
    expect((await sameRow.getByRole('cell').allInnerTexts()).map((text) => text.trim())).toEqual([
      expect.stringMatching(/^Warning \(open, \d+ points; applied: Warning\) case_/u),
      expect.stringMatching(/^Warning \(open, \d+ points\)$/u),
      'Same',
    ]);
    // Changed sellers first.
    expect((await table.getByRole('rowheader').allInnerTexts())[0]).toBe('S-SHADOW-1');
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/judged 3 sellers: 1 would change, 2 unchanged/u);
    expect(await page.getByRole('button', { name: /shadow/iu }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(DOCS, 'console-shadow.png') });

    // An admin stops it, with a reason, on the same page.
    await page.goto(`${platform.consoleUrl}/?as=admin&user=root`);
    await page.waitForURL('**/queue');
    await page.goto(`${platform.consoleUrl}/shadow`);
    const stop = page.getByRole('button', { name: `Stop running version ${candidate} in shadow` });
    await stop.click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/reason/u);
    await page.getByLabel('Reason').fill('seen enough: two buyers warn too many honest shops');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await stop.click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe('No version in shadow; version 1 is live');
    await page.getByRole('heading', { name: 'Run a version in shadow' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await api.read(Versions, '/v1/rules/versions', tokens.admin)).changes[0]).toMatchObject({ kind: 'shadow-cleared', version: candidate });

    await publish([contact('S-SHADOW-4', 'B-SH4', '2026-03-01T10:00:00Z'), contact('S-SHADOW-4', 'B-SH5', '2026-03-02T10:00:00Z')]);
    expect(await platform.cases.sellerSignals('S-SHADOW-4')).toHaveLength(2);
    expect(await platform.shadowNamespace(candidate).cases.sellerSignals('S-SHADOW-4')).toEqual([]);
    // The cleared shadow's records stay readable by its version.
    const earlier = await api.read(ShadowComparison, `/v1/rules/shadow?version=${candidate}`, tokens.analyst);
    expect(earlier).toMatchObject({ pointer: null, version: candidate, changed: 1 });
  }, 240_000);
});
