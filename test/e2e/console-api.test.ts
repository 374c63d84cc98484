/**
 * The console API over real HTTP against the local platform (DynamoDB Local, fauxqs, the SES
 * emulator, the synthesized ladder on the real clock), with tokens from `offside token`: the
 * role matrix, validation, pagination, stale decisions, and the seed case worked end to end.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CAST } from '../../events/demo/cast';
import { SellerStatusChangedSchema } from '../../events/v1/outbound';
import { ROUTES } from '../../shared/adapters/http/routes';
import type { LocalPlatform } from '../../tools/local/platform';
import { DEMO_STREAM, startLocalPlatform } from '../../tools/local/platform';
import { eventually } from '../support/console-client';
import { freePort } from '../support/free-port';

const root = join(import.meta.dirname, '../..');
const SEED = DEMO_CAST.seed;
let platform: LocalPlatform;
let base = '';
const tokens: Record<'analyst' | 'legal' | 'admin', string> = { analyst: '', legal: '', admin: '' };

async function token(role: string, user: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'bin/offside.js'), 'token', '--role', role, '--user', user], { cwd: root });
  return stdout.trim();
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), 'content-type': 'application/json' },
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const CaseSummary = z.looseObject({ caseId: z.string(), sellerId: z.string(), waitingFor: z.string().nullable(), appliedRung: z.string().nullable(), rules: z.array(z.string()) });
const CasePage = z.object({ cases: z.array(CaseSummary), nextCursor: z.string().optional() });

async function seedCase() {
  const page = CasePage.parse((await call('GET', `/v1/cases?sellerId=${SEED.sellerId}`, { token: tokens.analyst })).body);
  return page.cases[0];
}

beforeAll(async () => {
  platform = await startLocalPlatform({ port: await freePort() });
  base = platform.consoleUrl;
  [tokens.analyst, tokens.legal, tokens.admin] = await Promise.all([token('analyst', 'ana'), token('legal', 'lee'), token('admin', 'root')]);
  await platform.publish(DEMO_STREAM);
  await platform.drained();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

/** A request each route answers without changing anything that matters: ids that do not exist. */
function probe(route: (typeof ROUTES)[number]): { path: string; body?: unknown } {
  const path = route.path
    .replace('{caseId}', 'case_doesnotexist')
    .replace('{sellerId}', 'S-NOBODY')
    .replace('{appealId}', 'appeal_none')
    .replace('{version}', '999')
    .replace('{signalId}', 'ring')
    .replace('{buyerId}', 'B-NOBODY');
  const query = route.operationId === 'queryAudit' ? '?caseId=case_doesnotexist' : '';
  const bodies: Record<string, unknown> = {
    decideSuspension: { decision: 'approve', reason: 'role matrix probe' },
    decideLegalHold: { decision: 'approve', reason: 'role matrix probe' },
    dismissCase: { reason: 'role matrix probe', category: 'other' },
    escalateCase: { reason: 'role matrix probe' },
    recordCoachingCompletion: {},
    fileAppeal: { rootCause: 'x', actionsTaken: 'y', prevention: 'z' },
    decideAppeal: { outcome: 'rejected', reason: 'role matrix probe' },
    // A version that does not exist (404) and an invalid document (400): the rules stay as they are.
    makeRulesLive: { version: 999, reason: 'role matrix probe' },
    setShadowRules: { version: 999, reason: 'role matrix probe' },
    createRulesVersion: { config: { version: 1 }, reason: 'role matrix probe' },
    fileNotifierContest: { reason: 'role matrix probe' },
    relayNotifierContest: { reason: 'role matrix probe' },
    decideNotifierContest: { outcome: 'rejected', reason: 'role matrix probe' },
    fileComplaint: { buyerId: 'B-PROBE', sellerId: 'S-NOBODY', channel: 'email', summary: 'role matrix probe', receivedAt: '2026-03-01T10:00:00Z' },
  };
  return { path: `${path}${query}`, body: bodies[route.operationId] };
}

describe('the console API on the local platform', () => {
  it('answers /health without a token', async () => {
    expect(await call('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('enforces the role matrix on every route: 401 without or with a bad token, 403 for a wrong role', async () => {
    const forged = `${tokens.admin.slice(0, -4)}AAAA`;
    const matrix: string[] = [];
    for (const route of ROUTES) {
      if (route.roles === 'public') continue;
      const { path, body } = probe(route);
      const anonymous = await call(route.method, path, { body });
      const bad = await call(route.method, path, { body, token: forged });
      matrix.push(`${route.operationId} none:${anonymous.status} forged:${bad.status}`);
      expect(anonymous.status, `${route.operationId} without a token`).toBe(401);
      expect(bad.status, `${route.operationId} with a forged token`).toBe(401);
      for (const role of ['analyst', 'legal', 'admin'] as const) {
        const answer = await call(route.method, path, { body, token: tokens[role] });
        const allowed = route.roles.includes(role);
        if (allowed) expect([401, 403], `${route.operationId} as ${role}: ${JSON.stringify(answer.body)}`).not.toContain(answer.status);
        else expect(answer.status, `${route.operationId} as ${role}`).toBe(403);
      }
    }
    expect(matrix.length).toBe(ROUTES.filter((route) => route.roles !== 'public').length);
  }, 120_000);

  it('serves a valid OpenAPI 3.1 document that names every route', async () => {
    const { status, body } = await call('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(await new Validator().validate(body)).toEqual({ valid: true });
    const paths = z.record(z.string(), z.record(z.string(), z.unknown())).parse(body.paths);
    for (const route of ROUTES) expect(Object.keys(paths[route.path] ?? {}), route.path).toContain(route.method.toLowerCase());
  });

  it('refuses invalid input with 400, naming the field and the reason', async () => {
    const empty = await call('POST', '/v1/cases/case_x/dismissal', { token: tokens.analyst, body: { reason: '', category: 'duplicate' } });
    expect(empty.status).toBe(400);
    expect(empty.body.issues).toEqual([{ field: 'body.reason', reason: 'give a reason of at least 3 visible characters (letters, digits, punctuation or symbols)' }]);
    const channel = await call('POST', '/v1/complaints', {
      token: tokens.analyst,
      body: { buyerId: 'B-1', sellerId: 'S-1', channel: 'pigeon', summary: 'wrote to me', receivedAt: '2026-03-01T10:00:00Z' },
    });
    expect(channel.status).toBe(400);
    expect(channel.body.issues).toEqual([expect.objectContaining({ field: 'body.channel' })]);
    const limit = await call('GET', '/v1/cases?limit=0', { token: tokens.analyst });
    expect(limit.status).toBe(400);
    expect(limit.body.issues).toEqual([expect.objectContaining({ field: 'query.limit' })]);
    const notJson = await call('POST', '/v1/complaints', { token: tokens.analyst, raw: '{"buyerId":' });
    expect(notJson).toMatchObject({ status: 400, body: { issues: [{ field: 'body', reason: 'not valid JSON' }] } });
    const audit = await call('GET', '/v1/audit', { token: tokens.analyst });
    expect(audit.body.issues).toEqual([{ field: 'query.caseId', reason: 'give exactly one of caseId, sellerId, actor' }]);
  });

  it('pages through cases with a cursor, without gaps or repeats', async () => {
    // Two buyers' complaints open a case against each of three new sellers. The buyers left the
    // sellers negative reviews first: a complaint from a buyer without one counts for nothing (issue 12).
    const reviews = join(mkdtempSync(join(tmpdir(), 'offside-page-')), 'reviews.jsonl');
    const review = (sellerId: string, buyerId: string, i: number) => ({
      specversion: '1.0',
      id: `evt-rp-R-${sellerId}-${buyerId}`,
      source: 'marketplace/reviews',
      type: 'review.posted',
      time: '2026-03-01T09:00:00Z',
      subject: sellerId,
      datacontenttype: 'application/json',
      data: { reviewId: `R-${sellerId}-${buyerId}`, orderId: `112-0000000-10000${i}`, productId: 'B0PAGE00001', sellerId, buyerId, rating: 1, marketplace: 'US', title: 'Broke', body: 'Broke on the first day.' },
    });
    const sellers = ['S-PAGE-1', 'S-PAGE-2', 'S-PAGE-3'];
    writeFileSync(reviews, `${sellers.flatMap((sellerId, i) => ['B-PAGE-1', 'B-PAGE-2'].map((buyerId, j) => JSON.stringify(review(sellerId, buyerId, i * 2 + j)))).join('\n')}\n`);
    await platform.publish(reviews);
    await platform.drained();
    for (const sellerId of sellers) {
      for (const buyerId of ['B-PAGE-1', 'B-PAGE-2']) {
        const filed = await call('POST', '/v1/complaints', {
          token: tokens.analyst,
          body: { buyerId, sellerId, channel: 'email', summary: 'The seller wrote to my personal e-mail offering a refund to delete my review.', receivedAt: '2026-03-02T09:00:00Z' },
        });
        expect(filed.status).toBe(201);
      }
    }
    const everything = CasePage.parse((await call('GET', '/v1/cases?limit=100', { token: tokens.analyst })).body).cases.map((item) => item.caseId);
    expect(everything.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = CasePage.parse((await call('GET', `/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: tokens.legal })).body);
      expect(page.cases.length).toBeLessThanOrEqual(2);
      seen.push(...page.cases.map((item) => item.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(everything);
    const filtered = CasePage.parse((await call('GET', '/v1/cases?signal=buyer-complaint&limit=100', { token: tokens.analyst })).body);
    expect(filtered.cases.map((item) => item.sellerId)).toEqual(expect.arrayContaining(['S-PAGE-1', 'S-PAGE-2', 'S-PAGE-3']));
    expect((await call('GET', '/v1/cases?cursor=bm90LWEtY3Vyc29y', { token: tokens.analyst })).status).toBe(400);
  });

  it('refuses a dismissal without its category, or a false positive naming no wrong signal, naming the field', async () => {
    const uncategorised = await call('POST', '/v1/cases/case_x/dismissal', { token: tokens.analyst, body: { reason: 'looked fine to me' } });
    expect(uncategorised.status).toBe(400);
    expect(uncategorised.body.issues).toEqual([expect.objectContaining({ field: 'body.category' })]);
    const unnamed = await call('POST', '/v1/cases/case_x/dismissal', { token: tokens.analyst, body: { reason: 'looked fine to me', category: 'false-positive' } });
    expect(unnamed.body.issues).toEqual([{ field: 'body.wrongSignals', reason: 'a false positive names at least one signal that was wrong (wrongSignals)' }]);
    const backwards = await call('GET', '/v1/reports/signals?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z', { token: tokens.analyst });
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([{ field: 'query.from', reason: 'from must not be later than to' }]);
  });

  it('dismisses a false positive: its strikes are withdrawn and the audit says who and why', async () => {
    const [target] = CasePage.parse((await call('GET', '/v1/cases?sellerId=S-PAGE-3', { token: tokens.analyst })).body).cases;
    await eventually(async () => {
      const seller = z.looseObject({ strikes: z.array(z.unknown()) }).parse((await call('GET', '/v1/sellers/S-PAGE-3', { token: tokens.analyst })).body);
      return seller.strikes.length > 0 ? true : undefined;
    }, 'the warning of S-PAGE-3');
    const dismissed = await call('POST', `/v1/cases/${target?.caseId ?? ''}/dismissal`, { token: tokens.analyst, body: { reason: 'the buyers are one household confusing two shops', category: 'false-positive', wrongSignals: target?.rules ?? [] } });
    expect(dismissed.status).toBe(200);
    const seller = z
      .looseObject({ standing: z.string(), strikes: z.array(z.looseObject({ withdrawnAt: z.string().optional() })) })
      .parse((await call('GET', '/v1/sellers/S-PAGE-3', { token: tokens.legal })).body);
    expect(seller.standing).toBe('good');
    expect(seller.strikes.every((strike) => strike.withdrawnAt !== undefined)).toBe(true);
    const audit = await call('GET', `/v1/audit?actor=ana`, { token: tokens.admin });
    expect(audit.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'dismissed', caseId: target?.caseId, reason: 'the buyers are one household confusing two shops' })]));
    expect(audit.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'dismissed', dismissal: { category: 'false-positive', wrongSignals: target?.rules } })]));
    expect((await call('POST', `/v1/cases/${target?.caseId ?? ''}/dismissal`, { token: tokens.analyst, body: { reason: 'twice', category: 'duplicate' } })).status).toBe(409);
    // What the dismissal taught: the case is a false positive of its signals in the report and the labels.
    const report = z
      .object({ cases: z.record(z.string(), z.number()), signals: z.array(z.object({ signal: z.string(), wrong: z.number() })) })
      .parse((await call('GET', '/v1/reports/signals', { token: tokens.legal })).body);
    expect(report.cases['false-positive']).toBeGreaterThanOrEqual(1);
    for (const rule of target?.rules ?? []) expect(report.signals.find((row) => row.signal === rule)?.wrong, rule).toBeGreaterThanOrEqual(1);
    const labels = z.object({ cases: z.array(z.looseObject({ caseId: z.string(), outcome: z.looseObject({ kind: z.string() }) })) }).parse((await call('GET', '/v1/labels', { token: tokens.analyst })).body);
    expect(labels.cases.find((label) => label.caseId === target?.caseId)?.outcome.kind).toBe('false-positive');
  }, 90_000);

  it('works the seed case end to end: complaint filed, case seen, suspension approved, seller suspended, legal hold, audit', async () => {
    const complaint = await call('POST', '/v1/complaints', {
      token: tokens.analyst,
      body: {
        buyerId: SEED.buyerId,
        sellerId: SEED.sellerId,
        orderId: SEED.orderId,
        channel: 'email',
        summary: 'After my 1-star review the seller e-mailed me at jane.doe@example.com offering a $40 gift card to remove it.',
        receivedAt: SEED.complaintReceivedAt,
      },
    });
    expect(complaint.status).toBe(201);
    expect(JSON.stringify(complaint.body)).not.toContain('jane.doe@example.com');

    const waiting = await eventually(async () => {
      const item = await seedCase();
      return item?.waitingFor === 'approval:suspend' ? item : undefined;
    }, 'the seed case to wait for a suspension approval', 90_000);
    const detail = await call('GET', `/v1/cases/${waiting.caseId}`, { token: tokens.analyst });
    expect(detail.status).toBe(200);
    const timeline = z.array(z.looseObject({ at: z.string(), type: z.string() })).parse(detail.body.timeline);
    expect(timeline.map((entry) => entry.at)).toEqual([...timeline.map((entry) => entry.at)].sort());
    expect(timeline).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'signal', rule: 'buyer-complaint' }), expect.objectContaining({ type: 'evidence', kind: 'complaint' })]));
    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'audit', action: 'case-opened' }),
        expect.objectContaining({ type: 'audit', action: 'rung-applied', rung: 'warn' }),
        expect.objectContaining({ type: 'audit', action: 'notice-sent', rung: 'warn' }),
      ]),
    );
    expect(JSON.stringify(detail.body)).not.toContain('jane.doe@example.com');

    expect((await call('POST', `/v1/cases/${waiting.caseId}/legal-hold-decision`, { token: tokens.legal, body: { decision: 'approve', reason: 'not yet asked' } })).status).toBe(409);
    const approved = await call('POST', `/v1/cases/${waiting.caseId}/suspension-decision`, {
      token: tokens.analyst,
      body: { decision: 'approve', reason: 'targeted look-ups, repeated off-platform offers, buyer complaint' },
    });
    expect(approved.status).toBe(200);
    const stale = await call('POST', `/v1/cases/${waiting.caseId}/suspension-decision`, { token: tokens.admin, body: { decision: 'deny', reason: 'too late' } });
    expect(stale.status).toBe(409);

    const seller = await eventually(async () => {
      const body = z.looseObject({ status: z.string(), standing: z.string() }).parse((await call('GET', `/v1/sellers/${SEED.sellerId}`, { token: tokens.analyst })).body);
      return body.status === 'suspended' ? body : undefined;
    }, 'the seed seller to be suspended');
    expect(seller.standing).toBe('suspended');

    const { Messages = [] } = await platform.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: platform.sellerEventsQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const events = Messages.map((message) => SellerStatusChangedSchema.parse(JSON.parse(message.Body ?? '')));
    const suspension = events.find((event) => event.subject === SEED.sellerId && event.data.reason === 'suspension-approved');
    expect(suspension?.data.status).toBe('suspended');

    const Store = z.object({ emails: z.array(z.looseObject({ subject: z.string(), destination: z.object({ to: z.array(z.string()) }) })) });
    // The suspension notice is sent after the seller's status changes: wait for it, do not race it.
    const toSeed = await eventually(async () => {
      const mail = Store.parse(await (await fetch(`${platform.emulators.ses.endpoint}/store`)).json());
      const sent = mail.emails.filter((item) => item.destination.to.includes('s-cookwell@sellers.marketplace.example'));
      return sent.length >= 3 ? sent : undefined;
    }, 'the warning, coaching and suspension notices to the seed seller');
    expect(toSeed.length).toBeGreaterThanOrEqual(3);

    // The evidence keeps asking for more: the next rung is a legal hold, which only the legal role approves.
    const legalWait = await eventually(async () => {
      const item = await seedCase();
      if (item?.waitingFor === 'approval:legal-hold') return item;
      if (item?.waitingFor === null && item.appliedRung === 'suspend') {
        await call('POST', `/v1/cases/${waiting.caseId}/escalation`, { token: tokens.analyst, body: { reason: 'litigation expected' } });
      }
      return undefined;
    }, 'the seed case to wait for a legal hold approval');
    expect((await call('POST', `/v1/cases/${legalWait.caseId}/legal-hold-decision`, { token: tokens.analyst, body: { decision: 'approve', reason: 'x'.repeat(5) } })).status).toBe(403);
    expect((await call('POST', `/v1/cases/${legalWait.caseId}/legal-hold-decision`, { token: tokens.legal, body: { decision: 'approve', reason: 'preserve for litigation' } })).status).toBe(200);
    await eventually(async () => ((await seedCase())?.appliedRung === 'legal-hold' ? true : undefined), 'the legal hold');

    const s3 = new S3Client({ endpoint: platform.emulators.sqs.endpoint, region: platform.emulators.region, credentials: platform.emulators.credentials, forcePathStyle: true });
    try {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: platform.evidenceBucket, Prefix: `legal-holds/${legalWait.caseId}/` }));
      const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
      const manifestKey = keys.find((key) => key.endsWith('manifest.json')) ?? '';
      const read = async (key: string) => (await (await s3.send(new GetObjectCommand({ Bucket: platform.evidenceBucket, Key: key }))).Body?.transformToString()) ?? '';
      const manifest = z.object({ files: z.array(z.object({ name: z.string(), sha256: z.string() })) }).parse(JSON.parse(await read(manifestKey)));
      for (const file of manifest.files) {
        expect(createHash('sha256').update(await read(manifestKey.replace('manifest.json', file.name))).digest('hex')).toBe(file.sha256);
      }
      expect(manifest.files.map((file) => file.name).sort()).toEqual(['audit.jsonl', 'case.json', 'evidence.jsonl']);
    } finally {
      s3.destroy();
    }

    const audit = z.object({ entries: z.array(z.looseObject({ actor: z.string(), action: z.string(), role: z.string() })) }).parse(
      (await call('GET', `/v1/audit?caseId=${waiting.caseId}&limit=500`, { token: tokens.legal })).body,
    );
    const said = audit.entries.map((entry) => `${entry.actor}/${entry.role}:${entry.action}`);
    expect(said).toEqual(expect.arrayContaining(['ana/analyst:approved', 'lee/legal:approved', 'system/system:legal-hold-applied', 'system/system:rung-applied']));
  }, 180_000);
});
