/**
 * Rule operations on the local platform (DynamoDB Local, fauxqs, real HTTP): version 1 is live on
 * first start; an admin changes a threshold through the console API and the next event is judged
 * by it; switching a signal off stops it opening cases from the next event on, and the cases it
 * opened before are listed for review, still open.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { DETECTION_CONFIG, DetectionConfigSchema } from '../../shared/domain/detection/config';
import { ensureConsoleBundle } from '../../console/bundle';
import type { LocalPlatform } from '../../tools/local/platform';
import { startLocalPlatform } from '../../tools/local/platform';
import { cliToken, consoleClient } from '../support/console-client';
import { publishAndDrain } from '../support/platform-io';
import { messageSent } from '../support/events';
import { launchChromium, seriousAxeViolations } from '../support/browser';
import { freePort } from '../support/free-port';

let platform: LocalPlatform;
let browser: Browser | undefined;
let api: ReturnType<typeof consoleClient>;
const tokens = { admin: '', analyst: '' };

beforeAll(async () => {
  // The consumers read the rules store at every event here (no cache period to wait out); on AWS
  // and under `npm start` the same code caches for RULES_CACHE_MS.
  platform = await startLocalPlatform({ port: await freePort(), rulesCacheMs: 0 });
  api = consoleClient(platform.consoleUrl);
  [tokens.admin, tokens.analyst] = await Promise.all([cliToken('admin', 'root'), cliToken('analyst', 'ana')]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const publish = (events: readonly unknown[]): Promise<void> => publishAndDrain(platform, events);

const Live = z.object({ live: z.number(), versions: z.array(z.object({ version: z.number(), live: z.boolean() })), changes: z.array(z.looseObject({ kind: z.string() })) });
const Version = z.object({ config: DetectionConfigSchema });

async function liveConfig(): Promise<DetectionConfig> {
  const { live } = await api.read(Live, '/v1/rules/versions', tokens.admin);
  return (await api.read(Version, `/v1/rules/versions/${live}`, tokens.admin)).config;
}

/** Creates a version from the live one, edited, and makes it live, as an admin would. */
async function change(edit: (config: DetectionConfig) => DetectionConfig, reason: string): Promise<number> {
  const created = await api.call('POST', '/v1/rules/versions', { token: tokens.admin, body: { config: edit(await liveConfig()), reason } });
  expect(created.status, created.text).toBe(201);
  const { version } = z.object({ version: z.number() }).parse(created.body);
  const live = await api.call('POST', '/v1/rules/live', { token: tokens.admin, body: { version, reason } });
  expect(live.status, live.text).toBe(200);
  return version;
}

const contact = (sellerId: string, buyerId: string, time: string) =>
  // A handle of the seller's own: one shared by two sellers is a ring, which would open a case by itself.
  messageSent({ sellerId, buyerId, threadId: `T-${buyerId}`, body: `Write to desk.${sellerId.toLowerCase()}@proton.me for your gift.` }, time);

describe('rule operations on the emulators', () => {
  it('stores the shipped configuration as version 1, live, on first start', async () => {
    const listed = await api.read(Live, '/v1/rules/versions', tokens.admin);
    expect(listed.live).toBe(1);
    expect(listed.versions[0]).toMatchObject({ version: 1, live: true });
    expect(listed.changes.at(-1)).toMatchObject({ kind: 'seeded' });
    expect(await liveConfig()).toEqual(DETECTION_CONFIG);
  });

  it('refuses a change from a non-admin, without a reason, or with an invalid threshold (naming the field)', async () => {
    const config = await liveConfig();
    expect((await api.call('POST', '/v1/rules/versions', { token: tokens.analyst, body: { config, reason: 'analysts may not' } })).status).toBe(403);
    expect((await api.call('POST', '/v1/rules/versions', { token: tokens.admin, body: { config } })).status).toBe(400);
    const invalid = await api.call('POST', '/v1/rules/versions', {
      token: tokens.admin,
      body: { config: { ...config, cases: { ...config.cases, corroboration: { ...config.cases.corroboration, contactPracticeBuyers: 0 } } }, reason: 'zero buyers' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('contactPracticeBuyers');
    expect((await api.read(Live, '/v1/rules/versions', tokens.admin)).versions).toHaveLength(1);
  });

  it('judges the next event by a threshold changed through the console API', async () => {
    // Version 1: handles sent to 3 different buyers are a practice; 2 are not.
    await publish([contact('S-RULES-1', 'B-R1', '2026-03-01T10:00:00Z'), contact('S-RULES-1', 'B-R2', '2026-03-02T10:00:00Z')]);
    // One kind of evidence under version 1: a case for review, asking for no rung.
    expect(await platform.cases.openCase('S-RULES-1')).toMatchObject({ requestedRung: null });

    const version = await change(
      (config) => ({ ...config, cases: { ...config.cases, corroboration: { ...config.cases.corroboration, contactPracticeBuyers: 2 } } }),
      'two buyers given the same handle is already a practice',
    );
    const listed = await api.read(Live, '/v1/rules/versions', tokens.admin);
    expect(listed.live).toBe(version);
    expect(listed.changes[0]).toMatchObject({
      kind: 'made-live',
      version,
      previousVersion: 1,
      actor: expect.stringMatching(/.+/u) as unknown,
      reason: 'two buyers given the same handle is already a practice',
      diff: [{ path: 'cases.corroboration.contactPracticeBuyers', from: 3, to: 2 }],
    });

    // The next event of a seller in the same position opens a case under the new version.
    await publish([contact('S-RULES-2', 'B-R3', '2026-03-01T10:00:00Z')]);
    expect(await platform.cases.openCase('S-RULES-2')).toMatchObject({ requestedRung: null });
    await publish([contact('S-RULES-2', 'B-R4', '2026-03-02T10:00:00Z')]);
    const opened = await platform.cases.openCase('S-RULES-2');
    expect(opened).toMatchObject({ status: 'open', requestedRung: 'warn', configVersion: String(version) });
    // Each signal records the version it was judged under.
    expect((await platform.cases.sellerSignals('S-RULES-1')).map((signal) => signal.configVersion)).toEqual(['1', '1']);
    expect((await platform.cases.sellerSignals('S-RULES-2')).map((signal) => signal.configVersion)).toEqual([String(version), String(version)]);
  }, 120_000);

  it('a disabled signal opens no case from the next event on; the cases it opened are listed for review, still open', async () => {
    const solicitation = (sellerId: string, time: string) => messageSent({ sellerId, buyerId: `B-${sellerId}`, body: 'I will refund you in full if you delete your 1-star review.' }, time);
    await publish([solicitation('S-KILL-1', '2026-03-01T10:00:00Z')]);
    const before = await platform.cases.openCase('S-KILL-1');
    expect(before).toMatchObject({ status: 'open' });

    const version = await change(
      (config) => ({ ...config, signals: { ...config.signals, 'seller-message': { ...config.signals['seller-message'], enabled: false } } }),
      'the classifier misfires on refund wording tonight',
    );

    await publish([solicitation('S-KILL-2', '2026-03-01T11:00:00Z')]);
    // The signal is still judged and stored (under the new version), but opens nothing.
    const stored = await platform.cases.sellerSignals('S-KILL-2');
    expect(stored.map((signal) => [signal.rule, signal.configVersion])).toEqual([['seller-message', String(version)]]);
    expect(await platform.cases.openCase('S-KILL-2')).toBeUndefined();

    const review = await api.read(
      z.object({ signalId: z.string(), enabled: z.boolean(), liveVersion: z.number(), cases: z.array(z.looseObject({ caseId: z.string(), sellerId: z.string(), status: z.string(), askedRungs: z.array(z.string()) })) }),
      '/v1/rules/signals/seller-message/cases',
      tokens.analyst,
    );
    expect(review).toMatchObject({ signalId: 'seller-message', enabled: false, liveVersion: version });
    const listed = review.cases.find((item) => item.sellerId === 'S-KILL-1');
    expect(listed).toMatchObject({ caseId: before?.caseId, status: 'open', askedRungs: ['warn'] });
    expect(review.cases.map((item) => item.sellerId)).not.toContain('S-KILL-2');
    // Not closed by the switch.
    expect(await platform.cases.openCase('S-KILL-1')).toMatchObject({ caseId: before?.caseId, status: 'open' });
  }, 120_000);

  it('shows the switched-off signal and its cases to review on the console', async () => {
    ensureConsoleBundle();
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${platform.consoleUrl}/?as=analyst&user=ana`);
    await page.waitForURL('**/queue');
    await page.getByRole('link', { name: 'Signals' }).click();
    await page.waitForURL('**/signals');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText()).toMatch(/^seller-message: switched off in rules version \d+/u);
    const row = page.getByRole('table', { name: 'Open cases to review' }).getByRole('row', { name: /S-KILL-1.*Warning/u });
    await row.waitFor();
    expect(await page.getByRole('table', { name: 'Open cases to review' }).innerText()).not.toContain('S-KILL-2');
    await page.getByLabel('Signal').selectOption('ring');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText()).toMatch(/^ring: on in rules version/u);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 240_000);
});
