/**
 * The console's router on in-memory adapters: who is checked before what, what a body must be,
 * and the input the schemas alone could not refuse (a time range backwards, a reason of nothing
 * visible, an unpaired surrogate).
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/adapters/http/auth';
import { UnauthenticatedError } from '../../shared/adapters/http/auth';
import type { ConsoleRequest } from '../../shared/adapters/http/router';
import { memoryProduct } from '../../shared/composition/memory';

const api = memoryProduct().consoleApi();
const analyst = (): Principal => ({ id: 'ana', roles: ['analyst'] });
const legal = (): Principal => ({ id: 'lee', roles: ['legal'] });
const nobody = (): Principal => {
  throw new UnauthenticatedError('no bearer token');
};

async function call(request: Partial<ConsoleRequest> & { path: string }, who: () => Principal = analyst) {
  const answer = await api.handle({ method: 'GET', query: {}, ...request }, who);
  return { status: answer.status, body: JSON.parse(answer.body) as { error?: string; issues?: { field: string; reason: string }[] } };
}

const post = (path: string, body: unknown, extra: Partial<ConsoleRequest> = {}) =>
  call({ method: 'POST', path, contentType: 'application/json', body: JSON.stringify(body), ...extra });

const complaint = { buyerId: 'B-1', sellerId: 'S-1', channel: 'email', summary: 'wrote to me', receivedAt: '2026-03-01T10:00:00Z' };

describe('the console router', () => {
  it('refuses a case list whose openedFrom is later than its openedTo with 400, naming openedFrom', async () => {
    const answer = await call({ path: '/v1/cases', query: { openedFrom: '2026-03-02T00:00:00Z', openedTo: '2026-03-01T00:00:00Z' } });
    expect(answer).toEqual({
      status: 400,
      body: expect.objectContaining({ issues: [{ field: 'query.openedFrom', reason: 'openedFrom must not be later than openedTo' }] }) as unknown,
    });
    expect((await call({ path: '/v1/cases', query: { openedFrom: '2026-03-01T00:00:00Z', openedTo: '2026-03-01T00:00:00Z' } })).status).toBe(200);
  });

  it('compares the range as instants, whatever the offsets', async () => {
    // 10:00+02:00 is 08:00Z: before 09:00Z, so the range is the right way round.
    const answer = await call({ path: '/v1/cases', query: { openedFrom: '2026-03-01T10:00:00+02:00', openedTo: '2026-03-01T09:00:00Z' } });
    expect(answer.status).toBe(200);
  });

  it('refuses a timeline range backwards with 400, naming from', async () => {
    const answer = await call({ path: '/v1/cases/case_x/timeline', query: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } });
    expect(answer.body.issues).toEqual([{ field: 'query.from', reason: 'from must not be later than to' }]);
  });

  it.each([
    ['control characters', '\u0001\u0002\u0003\u0004'],
    ['zero-width characters', '\u200b\u200c\u200d\u2060\ufeff'],
    ['bidi overrides', '\u202e\u202d\u2066\u2067\u2069'],
    ['white space of every kind', ' \u00a0\u2003\t\n '],
    ['two visible characters among invisible ones', '\u200bo\u202ek\u200b'],
  ])('refuses a reason made only of %s', async (_what, reason) => {
    const answer = await post('/v1/cases/case_x/dismissal', { reason, category: 'duplicate' });
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([{ field: 'body.reason', reason: 'give a reason of at least 3 visible characters (letters, digits, punctuation or symbols)' }]);
  });

  it('takes a reason with three visible characters, in any script', async () => {
    for (const reason of ['abc', '\u200b証拠あ\u200b', ' ok! ']) {
      expect((await post('/v1/cases/case_x/dismissal', { reason, category: 'duplicate' })).status, reason).toBe(404);
    }
  });

  it('checks the length of a reason as it was sent, white space included', async () => {
    const answer = await post('/v1/cases/case_x/dismissal', { reason: `${'x'.repeat(1_998)}    `, category: 'duplicate' });
    expect(answer.body.issues).toEqual([{ field: 'body.reason', reason: 'must be at most 2,000 characters' }]);
    expect((await post('/v1/cases/case_x/dismissal', { reason: `${'x'.repeat(1_996)}    `, category: 'duplicate' })).status).toBe(404);
  });

  it('refuses a dismissal without a category, naming the field', async () => {
    const answer = await post('/v1/cases/case_x/dismissal', { reason: 'not what it looked like' });
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([expect.objectContaining({ field: 'body.category' })]);
  });

  it('refuses a false positive that names no wrong signal, and wrong signals on any other category', async () => {
    const none = await post('/v1/cases/case_x/dismissal', { reason: 'not what it looked like', category: 'false-positive' });
    expect(none.body.issues).toEqual([{ field: 'body.wrongSignals', reason: 'a false positive names at least one signal that was wrong (wrongSignals)' }]);
    const empty = await post('/v1/cases/case_x/dismissal', { reason: 'not what it looked like', category: 'false-positive', wrongSignals: [] });
    expect(empty.status).toBe(400);
    const complied = await post('/v1/cases/case_x/dismissal', { reason: 'the seller complied', category: 'seller-complied', wrongSignals: ['ring'] });
    expect(complied.body.issues).toEqual([{ field: 'body.wrongSignals', reason: 'only a false positive names wrong signals' }]);
    const unknown = await post('/v1/cases/case_x/dismissal', { reason: 'not what it looked like', category: 'false-positive', wrongSignals: ['astrology'] });
    expect(unknown.body.issues).toEqual([expect.objectContaining({ field: 'body.wrongSignals.0' })]);
    expect((await post('/v1/cases/case_x/dismissal', { reason: 'not what it looked like', category: 'false-positive', wrongSignals: ['ring'] })).status).toBe(404);
  });

  it('refuses a signal report whose period runs backwards, naming from', async () => {
    const answer = await call({ path: '/v1/reports/signals', query: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } });
    expect(answer.body.issues).toEqual([{ field: 'query.from', reason: 'from must not be later than to' }]);
    expect((await call({ path: '/v1/labels', query: { to: 'yesterday' } })).body.issues).toEqual([expect.objectContaining({ field: 'query.to' })]);
  });

  it('refuses a body that is not application/json with 415, whatever it holds', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await post('/v1/complaints', complaint, { contentType });
      expect(answer.status, contentType).toBe(415);
      expect(answer.body.issues).toEqual([{ field: 'header.content-type', reason: 'must be application/json' }]);
    }
    expect((await post('/v1/complaints', complaint, { contentType: undefined })).status).toBe(415);
    expect((await post('/v1/complaints', complaint, { contentType: 'Application/JSON; charset=utf-8' })).status).toBe(201);
  });

  it('authenticates and checks the role before it reads a body', async () => {
    let reads = 0;
    const body = async () => {
      reads += 1;
      return JSON.stringify(complaint);
    };
    expect((await call({ method: 'POST', path: '/v1/complaints', contentType: 'application/json', body }, nobody)).status).toBe(401);
    expect((await call({ method: 'POST', path: '/v1/complaints', contentType: 'application/json', body }, legal)).status).toBe(403);
    expect((await call({ method: 'POST', path: '/v1/complaints', contentType: 'text/plain', body })).status).toBe(415);
    expect(reads).toBe(0);
    expect((await call({ method: 'POST', path: '/v1/complaints', contentType: 'application/json', body })).status).toBe(201);
    expect(reads).toBe(1);
  });

  it('refuses an unpaired surrogate in a body, a path or a query with 400 and the field', async () => {
    const inBody = await post('/v1/complaints', { ...complaint, sellerId: 'S-\ud800' });
    expect(inBody.body.issues).toEqual([{ field: 'body.sellerId', reason: 'must be well-formed Unicode text (an unpaired UTF-16 surrogate at character 3)' }]);
    const inQuery = await call({ path: '/v1/queue', query: { sellerId: '\udc00S' } });
    expect(inQuery.body.issues).toEqual([{ field: 'query.sellerId', reason: 'must be well-formed Unicode text (an unpaired UTF-16 surrogate at character 1)' }]);
    const inPath = await call({ path: '/v1/sellers/S-%ED%A0%80' });
    expect(inPath).toMatchObject({ status: 400, body: { issues: [{ field: 'path.sellerId', reason: 'must be percent-encoded UTF-8' }] } });
  });
});
