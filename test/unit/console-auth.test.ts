import { SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError, principalFromClaims, rolesOf } from '../../shared/adapters/http/auth';
import { auditActor } from '../../shared/use-cases/actor';
import { CONSOLE_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_KEY, developmentToken, verifyDevelopmentToken } from '../../tools/local/development-token';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;

/** The claims `offside token` writes, for a token issued at NOW that lives an hour. */
const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: DEVELOPMENT_ISSUER,
  aud: CONSOLE_AUDIENCE,
  sub: 'ana',
  'cognito:groups': ['analyst'],
  iat: NOW_SECONDS,
  exp: NOW_SECONDS + 3600,
  ...overrides,
});

/** A token signed with the development key, with any claims and algorithm. */
const forge = (payload: JWTPayload, alg = 'HS256') => new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(DEVELOPMENT_KEY);

const verify = (token: string, at = NOW) => verifyDevelopmentToken(`Bearer ${token}`, at);

describe('development tokens', () => {
  it('accepts a token for its role and subject', async () => {
    const token = await developmentToken('legal', { subject: 'lee', now: NOW });
    expect(await verify(token)).toEqual({ id: 'lee', roles: ['legal'] });
  });

  it('keeps the claims offside token has always written', async () => {
    const token = await developmentToken('admin', { now: NOW, hours: 2 });
    const [header = '', payload = ''] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      iss: 'offside-local',
      aud: 'offside-console',
      sub: 'local-admin',
      'cognito:groups': ['admin'],
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 7200,
    });
  });

  it('reads the Bearer scheme in any case', async () => {
    const token = await developmentToken('analyst', { now: NOW });
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      expect(await verifyDevelopmentToken(`${scheme} ${token}`, NOW)).toEqual({ id: 'local-analyst', roles: ['analyst'] });
    }
  });

  it('refuses a missing header and another scheme', async () => {
    await expect(verifyDevelopmentToken(undefined, NOW)).rejects.toThrow(UnauthenticatedError);
    await expect(verifyDevelopmentToken('Basic dXNlcjpwYXNz', NOW)).rejects.toThrow(/not a bearer JWT/u);
  });

  it('refuses a token whose payload was changed', async () => {
    const [header, payload, signature] = (await developmentToken('analyst', { now: NOW })).split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), 'cognito:groups': ['legal'] })).toString('base64url');
    await expect(verify(`${header}.${elevated}.${signature}`)).rejects.toThrow(/signature/u);
  });

  it('refuses a token with any other last character of its signature, the spellings of the same bytes included', async () => {
    const token = await developmentToken('analyst', { now: NOW });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const others = [...alphabet].filter((character) => character !== token.at(-1));
    expect(others).toHaveLength(63);
    for (const character of others) {
      await expect(verify(`${token.slice(0, -1)}${character}`), character).rejects.toThrow(/signature/u);
    }
  });

  it('refuses a token signed with another algorithm', async () => {
    await expect(verify(await forge(claims(), 'HS512'))).rejects.toThrow(/HS256/u);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`;
    await expect(verify(unsigned)).rejects.toThrow(UnauthenticatedError);
  });

  it('refuses an expired token, and one without an expiry', async () => {
    const token = await developmentToken('analyst', { now: NOW, hours: 1 });
    await expect(verify(token, new Date(NOW.getTime() + 2 * 3_600_000))).rejects.toThrow(/expired/u);
    await expect(verify(await forge(claims({ exp: undefined })))).rejects.toThrow(/exp/u);
  });

  it('refuses a token before its nbf, and accepts it from then on', async () => {
    const token = await forge(claims({ nbf: NOW_SECONDS + 600 }));
    await expect(verify(token)).rejects.toThrow(/not valid yet/u);
    expect(await verify(token, new Date(NOW.getTime() + 600_000))).toEqual({ id: 'ana', roles: ['analyst'] });
  });

  it('refuses a token issued in the future beyond a few seconds of clock tolerance', async () => {
    await expect(verify(await forge(claims({ iat: NOW_SECONDS + 60 })))).rejects.toThrow(/issued in the future/u);
    expect(await verify(await forge(claims({ iat: NOW_SECONDS + 3 })))).toEqual({ id: 'ana', roles: ['analyst'] });
  });

  it('refuses a token without an iat, and one issued longer ago than a token may live', async () => {
    await expect(verify(await forge(claims({ iat: undefined })))).rejects.toThrow(/iat/u);
    const old = await forge(claims({ iat: NOW_SECONDS - 31 * 86_400, exp: NOW_SECONDS + 3600 }));
    await expect(verify(old)).rejects.toThrow(/issued too long ago/u);
  });

  it('refuses another issuer or audience', async () => {
    await expect(verify(await forge(claims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/pool' })))).rejects.toThrow(/iss/u);
    await expect(verify(await forge(claims({ aud: 'someone-else' })))).rejects.toThrow(/aud/u);
  });

  it('refuses a token without a subject', async () => {
    await expect(verify(await forge(claims({ sub: undefined })))).rejects.toThrow(/sub/u);
  });
});

describe('principals from the JWT authorizer (AWS)', () => {
  it('reads roles from Cognito groups as a JWT array or as API Gateway flattens them', () => {
    expect(rolesOf(['analyst', 'everyone'])).toEqual(['analyst']);
    expect(rolesOf('[analyst legal]')).toEqual(['analyst', 'legal']);
    expect(rolesOf(undefined)).toEqual([]);
    expect(principalFromClaims({ sub: 'u-1', 'cognito:groups': '[admin]' })).toEqual({ id: 'u-1', roles: ['admin'] });
    expect(() => principalFromClaims({})).toThrow(UnauthenticatedError);
  });

  it('names the caller by the immutable subject, never by the e-mail a user can change, with the username for display', () => {
    const claims = { sub: '8c1f0e52-0b7a-4c55-9d0e-2f6c3a1b9e77', email: 'someone.else@example.org', 'cognito:username': 'ana', 'cognito:groups': '[analyst]' };
    const principal = principalFromClaims(claims);
    expect(principal).toEqual({ id: '8c1f0e52-0b7a-4c55-9d0e-2f6c3a1b9e77', name: 'ana', roles: ['analyst'] });
    expect(auditActor({ id: principal.id, role: 'analyst', ...(principal.name ? { name: principal.name } : {}) })).toEqual({
      actor: '8c1f0e52-0b7a-4c55-9d0e-2f6c3a1b9e77',
      actorName: 'ana',
      role: 'analyst',
    });
  });
});
