/**
 * The console's Lambda host: API Gateway's HTTP API event in, the same answers as the local host
 * out, the caller taken from the JWT authorizer's claims.
 */
import { InMemoryRulesStore } from '../../shared/adapters/memory/rules-store';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/console-api/make-handler';
import { InMemoryRingIndex } from '../../shared/adapters/memory/ring-index';
import { ConsoleApi } from '../../shared/adapters/http/router';
import { DETECTION_CONFIG } from '../../shared/domain/detection/config';
import type { LadderWorkflow } from '../../shared/ports/ladder-workflow';
import { memoryLadderDeps } from '../support/ladder-deps';

const idle: LadderWorkflow = { start: async () => undefined, stop: async () => undefined, resume: async () => undefined, refuse: async () => undefined };

function event(method: string, path: string, claims?: Record<string, string>, body?: unknown): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('the console on Lambda', () => {
  const deps = memoryLadderDeps();
  const api = new ConsoleApi({ ...deps, store: deps.evidence, rings: new InMemoryRingIndex(), config: DETECTION_CONFIG, workflow: idle, hashHandle: (text) => `h${text.length}`, readiness: [], rulesStore: new InMemoryRulesStore(DETECTION_CONFIG) });
  const handler = makeHandler(api);

  it('answers /health without claims', async () => {
    expect(await handler(event('GET', '/health'))).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });

  it('takes the caller from the authorizer claims: 401 without, 403 for a wrong group, 200 for the right one', async () => {
    expect((await handler(event('GET', '/v1/cases'))).statusCode).toBe(401);
    const complaint = { buyerId: 'B-1', sellerId: 'S-1', channel: 'email', summary: 'wrote to me', receivedAt: '2026-03-01T10:00:00Z' };
    expect((await handler(event('POST', '/v1/complaints', { sub: 'u-2', 'cognito:groups': '[legal]' }, complaint))).statusCode).toBe(403);
    const filed = await handler(event('POST', '/v1/complaints', { sub: 'u-1', email: 'ana@example.org', 'cognito:groups': '[analyst]' }, complaint));
    expect(filed.statusCode).toBe(201);
    expect(JSON.parse(filed.body ?? '{}')).toMatchObject({ sellerId: 'S-1', case: null });
  });
});
