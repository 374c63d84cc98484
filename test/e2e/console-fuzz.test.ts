/**
 * A property-based fuzz of the console API on the local platform (with cases of its own, so real
 * case and seller ids are among those tried), with requests derived from its own OpenAPI document
 * (test/support/openapi-fuzz.ts): every operation, with requests the document calls valid, invalid
 * by one mutation, and with a body of the wrong media type; each sent without a token, with two
 * forged ones and as each role. Whatever is asked, the console never answers 5xx, answers only
 * statuses the document lists for the operation, each with a body its schema describes, and the
 * status the document implies: 401, 403, then 400 or 415 for what it calls invalid, and never
 * 400 for what it calls valid.
 *
 * OFFSIDE_FUZZ_RUNS sets the runs per operation, caller and kind of request (5 in `npm test`;
 * `npm run fuzz` runs 100); OFFSIDE_FUZZ_SEED replays a run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalPlatform } from '../../tools/local/platform';
import { startLocalPlatform } from '../../tools/local/platform';
import { cliToken } from '../support/console-client';
import { reviewPosted } from '../support/events';
import { freePort } from '../support/free-port';
import type { FuzzRequest, Operation, Role } from '../support/openapi-fuzz';
import { invalidRequest, operationsOf, pathOf, validRequest, wrongMediaType } from '../support/openapi-fuzz';

const RUNS = Number(process.env.OFFSIDE_FUZZ_RUNS ?? 5);
const SEED = process.env.OFFSIDE_FUZZ_SEED === undefined ? undefined : Number(process.env.OFFSIDE_FUZZ_SEED);
const ROLES: readonly Role[] = ['analyst', 'legal', 'admin', 'service'];

let platform: LocalPlatform;
let operations: Operation[] = [];
let validate: (schema: Record<string, unknown>, value: unknown) => string | undefined = () => 'not ready';
const tokens: Record<string, string> = {};
const ids: Record<string, string[]> = {};
let requests = 0;

beforeAll(async () => {
  platform = await startLocalPlatform({ port: await freePort() });
  for (const role of ROLES) tokens[role] = await cliToken(role, `fuzz-${role}`);
  // Real cases among the ids tried: two buyers' complaints open a case against a seller. The
  // buyers left the sellers negative reviews first: a complaint from a buyer without one counts
  // for nothing (issue 12).
  const sellers = ['S-FUZZ-1', 'S-FUZZ-2', 'S-FUZZ-3'];
  const reviews = join(mkdtempSync(join(tmpdir(), 'offside-fuzz-')), 'reviews.jsonl');
  writeFileSync(
    reviews,
    `${sellers.flatMap((sellerId) => ['B-FUZZ-1', 'B-FUZZ-2'].map((buyerId) => JSON.stringify(reviewPosted({ sellerId, buyerId, rating: 1 }, '2026-02-28T10:00:00Z')))).join('\n')}\n`,
  );
  await platform.publish(reviews);
  await platform.drained();
  for (const sellerId of sellers) {
    for (const buyerId of ['B-FUZZ-1', 'B-FUZZ-2']) {
      const filed = await fetch(`${platform.consoleUrl}/v1/complaints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify({ buyerId, sellerId, channel: 'email', summary: 'The seller wrote to my private address offering a refund to delete my review.', receivedAt: '2026-03-01T10:00:00Z' }),
      });
      if (filed.status !== 201) throw new Error(`complaint: ${filed.status}`);
    }
  }
  // A token whose signature was tampered with, and one signed with a key the platform does not hold.
  tokens.tampered = `${tokens.admin?.slice(0, -4) ?? ''}AAAA`;
  tokens.foreign = await new SignJWT({ iss: 'offside-local', aud: 'offside-console', sub: 'mallory', 'cognito:groups': ['admin'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('not the development key, but long enough for HS256'));
  ({ operations, validate } = operationsOf(await (await fetch(`${platform.consoleUrl}/openapi.json`)).json()));
  const cases = z.object({ cases: z.array(z.object({ caseId: z.string(), sellerId: z.string() })) }).parse(
    await (await fetch(`${platform.consoleUrl}/v1/cases?limit=100`, { headers: { authorization: `Bearer ${tokens.analyst}` } })).json(),
  );
  ids.caseId = cases.cases.map((item) => item.caseId);
  ids.sellerId = [...new Set(cases.cases.map((item) => item.sellerId))];
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

type Caller = 'none' | 'tampered' | 'foreign' | Role;
const CALLERS: readonly Caller[] = ['none', 'tampered', 'foreign', ...ROLES];

async function send(operation: Operation, request: FuzzRequest, caller: Caller) {
  requests += 1;
  const url = new URL(`${platform.consoleUrl}${pathOf(operation, request)}`);
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  const token = caller === 'none' ? undefined : tokens[caller];
  const response = await fetch(url, {
    method: operation.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(request.contentType ? { 'content-type': request.contentType } : {}) },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

type Kind = 'valid' | 'invalid' | 'media';

/** The status the document implies for this caller and this kind of request, or the set a valid one may get. */
function expected(operation: Operation, caller: Caller, kind: Kind): readonly number[] {
  if (operation.roles !== undefined) {
    if (caller === 'none' || caller === 'tampered' || caller === 'foreign') return [401];
    if (!operation.roles.includes(caller)) return [403];
  }
  if (kind === 'invalid') return [400];
  if (kind === 'media') return [415];
  return [...operation.responses.keys()].filter((status) => status < 300 || status === 404 || status === 409);
}

function check(operation: Operation, request: FuzzRequest, caller: Caller, kind: Kind, answer: Awaited<ReturnType<typeof send>>) {
  const what = `${operation.method} ${pathOf(operation, request)} ${JSON.stringify(request.query)} as ${caller} (${kind}${request.mutation ? `: ${request.mutation}` : ''}) -> ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
  expect(answer.status, what).toBeLessThan(500);
  const schema = operation.responses.get(answer.status);
  expect(schema, `undocumented status: ${what}`).toBeDefined();
  expect(answer.contentType, what).toMatch(/^application\/json/u);
  expect(validate(schema ?? {}, answer.body), `body does not match the documented schema: ${what}`).toBeUndefined();
  // A body the schema calls valid may still break a rule across its fields the document states (x-offside-body-rules): 400 naming only such rules.
  const breaksBodyRules =
    kind === 'valid' &&
    answer.status === 400 &&
    operation.bodyRules.length > 0 &&
    z
      .object({ issues: z.array(z.object({ field: z.string(), reason: z.string() })).min(1) })
      .safeParse(answer.body)
      .data?.issues.every((issue) => operation.bodyRules.some((rule) => rule.field === issue.field && rule.reason === issue.reason)) === true;
  const allowed = [
    ...expected(operation, caller, kind),
    ...(kind === 'invalid' && (caller === 'analyst' || caller === 'legal' || caller === 'admin') ? (request.orElse ?? []) : []),
    ...(breaksBodyRules ? [400] : []),
  ];
  expect(allowed, what).toContain(answer.status);
}

const arbitraryFor = (operation: Operation, kind: Kind) =>
  kind === 'valid' ? validRequest(operation, ids) : kind === 'invalid' ? invalidRequest(operation, ids) : wrongMediaType(operation, ids);

describe('the console API, fuzzed from its OpenAPI document', () => {
  it('has an operation for every route the document lists, including the public ones', () => {
    expect(operations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(['health', 'readiness', 'openApi', 'listCases', 'queryAudit', 'fileComplaint']));
    expect(ids.caseId?.length, 'real cases to try').toBeGreaterThanOrEqual(3);
  });

  it('answers every operation, caller and kind of request with a documented status and body, never 5xx', async () => {
    for (const operation of operations) {
      const callers = operation.roles === undefined ? (['none'] as const) : CALLERS;
      for (const caller of callers) {
        for (const kind of ['valid', 'invalid', 'media'] as const) {
          const arbitrary = arbitraryFor(operation, kind);
          if (!arbitrary) continue;
          await fc.assert(
            fc.asyncProperty(arbitrary, async (request) => {
              const answer = await send(operation, request, caller);
              check(operation, request, caller, kind, answer);
              // A page with more: the next one, by the cursor the server gave, is as valid.
              const next = answer.status === 200 && typeof answer.body === 'object' && answer.body !== null && 'nextCursor' in answer.body ? answer.body.nextCursor : undefined;
              if (typeof next === 'string') {
                const following = { ...request, query: { ...request.query, cursor: next } };
                check(operation, following, caller, kind, await send(operation, following, caller));
              }
            }),
            { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
          );
        }
      }
    }
    expect(requests).toBeGreaterThan(operations.length * RUNS);
  }, 600_000);
});
