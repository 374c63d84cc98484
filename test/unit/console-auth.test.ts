import { describe, expect, it } from 'vitest';
import { UnauthenticatedError, developmentToken, principalFromClaims, rolesOf, verifyDevelopmentToken } from '../../shared/adapters/http/auth';

const NOW = new Date('2026-03-01T10:00:00.000Z');

describe('console tokens', () => {
  it('accepts a development token for its role and subject', () => {
    const token = developmentToken('legal', { subject: 'lee', now: NOW });
    expect(verifyDevelopmentToken(`Bearer ${token}`, NOW)).toEqual({ id: 'lee', roles: ['legal'] });
  });

  it('refuses a missing, malformed, tampered or expired token', () => {
    const token = developmentToken('analyst', { now: NOW, hours: 1 });
    const [header, payload, signature] = token.split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), 'cognito:groups': ['legal'] })).toString('base64url');
    expect(() => verifyDevelopmentToken(undefined, NOW)).toThrow(UnauthenticatedError);
    expect(() => verifyDevelopmentToken('Basic dXNlcjpwYXNz', NOW)).toThrow(/not a bearer JWT/u);
    expect(() => verifyDevelopmentToken(`Bearer ${header}.${elevated}.${signature}`, NOW)).toThrow(/signature/u);
    expect(() => verifyDevelopmentToken(`Bearer ${token}`, new Date(NOW.getTime() + 2 * 3_600_000))).toThrow(/expired/u);
  });

  it('reads roles from Cognito groups as a JWT array or as API Gateway flattens them', () => {
    expect(rolesOf(['analyst', 'everyone'])).toEqual(['analyst']);
    expect(rolesOf('[analyst legal]')).toEqual(['analyst', 'legal']);
    expect(rolesOf(undefined)).toEqual([]);
    expect(principalFromClaims({ sub: 'u-1', email: 'ana@example.org', 'cognito:groups': '[admin]' })).toEqual({ id: 'ana@example.org', roles: ['admin'] });
    expect(() => principalFromClaims({})).toThrow(UnauthenticatedError);
  });
});
