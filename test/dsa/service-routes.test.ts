/**
 * The service routes (DSA Art. 16, 20): the help centre relays a buyer's complaint and the
 * marketplace a seller's appeal with a machine token (the service role, from a client-credentials
 * token's scope), never a person's; a machine reads and decides nothing, and a person cannot call
 * them.
 */
import { describe, expect, it } from 'vitest';
import { principalFromClaims } from '../../shared/adapters/http/auth';
import type { Principal } from '../../shared/adapters/http/auth';
import { memoryProduct } from '../../shared/composition/memory';
import { SERVICE_SCOPE } from '../../shared/domain/ladder/roles';
import { developmentToken, verifyDevelopmentToken } from '../../tools/local/development-token';

const helpCentre: Principal = principalFromClaims({ sub: 'a1b2c3', client_id: 'a1b2c3', scope: SERVICE_SCOPE, token_use: 'access' });
const analyst: Principal = { id: 'analyst@marketplace.example', roles: ['analyst'] };

const complaint = { buyerId: 'buyer-7', sellerId: 'seller-7', channel: 'phone', summary: 'They called me about my review', receivedAt: '2026-04-01T09:00:00Z', language: 'es' };

function api() {
  const product = memoryProduct({ now: () => new Date('2026-04-01T10:00:00.000Z') });
  const consoleApi = product.consoleApi();
  const call = (principal: Principal, method: string, path: string, body?: unknown) =>
    consoleApi.handle({ method, path, query: {}, ...(body === undefined ? {} : { contentType: 'application/json', body: JSON.stringify(body) }) }, () => principal);
  return { product, call };
}

describe('a client-credentials token', () => {
  it('is the service role, named by its client, with no person’s role', () => {
    expect(helpCentre).toEqual({ id: 'service:a1b2c3', roles: ['service'] });
  });

  it('is what `offside token --role service` makes locally', async () => {
    const token = await developmentToken('service', { subject: 'help-centre' });
    expect(await verifyDevelopmentToken(`Bearer ${token}`)).toEqual({ id: 'service:help-centre', roles: ['service'] });
  });
});

describe('POST /v1/service/complaints', () => {
  it('takes the help centre’s complaint and acknowledges the buyer at once, in their language', async () => {
    const { call, product } = api();
    const response = await call(helpCentre, 'POST', '/v1/service/complaints', complaint);
    expect(response.status).toBe(201);
    const body = JSON.parse(response.body) as { reference: string; counted: boolean };
    expect(body.counted).toBe(true);
    expect(product.notifier.delivered[0]).toMatchObject({ noticeId: `${body.reference}:acknowledged`, to: 'buyer-7@buyers.marketplace.example' });
    expect(product.notifier.delivered[0]?.subject).toContain('Hemos recibido su denuncia');
  });

  it('refuses a person’s token (403), and says which field is wrong in a bad body (400)', async () => {
    const { call } = api();
    expect((await call(analyst, 'POST', '/v1/service/complaints', complaint)).status).toBe(403);
    const bad = await call(helpCentre, 'POST', '/v1/service/complaints', { ...complaint, channel: 'pigeon' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('channel');
  });
});

describe('what a machine may not do', () => {
  it('read a case list or decide anything', async () => {
    const { call } = api();
    expect((await call(helpCentre, 'GET', '/v1/cases')).status).toBe(403);
    expect((await call(helpCentre, 'POST', '/v1/sellers/seller-7/appeals/appeal_x/decision', { outcome: 'accepted', reason: 'looks fine' })).status).toBe(403);
  });
});

describe('POST /v1/service/sellers/{sellerId}/appeals', () => {
  it('refuses an appeal of a seller who is not suspended, with the reason (409)', async () => {
    const { call } = api();
    const response = await call(helpCentre, 'POST', '/v1/service/sellers/seller-7/appeals', { rootCause: 'a', actionsTaken: 'b', prevention: 'c' });
    expect(response.status).toBe(409);
    expect(response.body).toContain('not suspended');
  });
});
