/**
 * The web console on this machine, beside the API on the same origin: the built bundle
 * (console/dist), its /config.json, and a development stand-in for Cognito's hosted UI that
 * speaks the same OAuth 2.0 authorization code flow with PKCE, so the console signs in here
 * exactly as it does on AWS. Its users are development users: `/?as=analyst|legal|admin` (an
 * optional `&user=NAME`) signs the browser in as one and opens the queue; without it, the sign-in
 * page offers the three roles. The tokens are the development tokens of `npx offside token`,
 * which no deployed console or API accepts; nothing here is deployed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { consoleContentSecurityPolicy } from '../../infra/constructs/console-csp';
import { CONSOLE_AUDIENCE, DEVELOPMENT_ISSUER, developmentToken } from './development-token';
import type { Role } from '../../shared/domain/ladder/roles';
import { PERSON_ROLES as ROLES } from '../../shared/domain/ladder/roles';

/** The console's response headers, as CloudFront's response headers policy sets them on AWS. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': consoleContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** What the API answers itself; everything else that is a GET belongs to the console. */
const API_PATHS = /^\/(v1\/|health$|ready$|openapi\.json$)/u;
const CLIENT_ID = 'offside-local-console';
const CODE_LIFETIME_MILLIS = 60_000;
const AS_COOKIE = 'offside-dev-as';
const USER = /^[A-Za-z0-9._@-]{1,64}$/u;

interface PendingCode {
  readonly role: Role;
  readonly user: string;
  readonly challenge: string;
  readonly redirectUri: string;
  readonly expires: number;
}

const isRole = (value: string | null | undefined): value is Role => ROLES.some((role) => role === value);
const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': type, ...CONSOLE_SECURITY_HEADERS, ...headers });
  response.end(body);
}

const redirect = (response: ServerResponse, location: string, headers: Record<string, string> = {}) => {
  response.writeHead(302, { location, 'cache-control': 'no-store', ...headers });
  response.end();
};

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function signInPage(params: URLSearchParams, problem?: string): string {
  const hidden = [...params.entries()].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  const buttons = ROLES.map((role) => `<button type="submit" name="role" value="${role}">Sign in as ${role}</button>`).join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · Offside console (development)</title>
<link rel="stylesheet" href="/oauth2/sign-in.css"></head><body><main>
<h1>Offside console</h1><p>Development sign-in: <code>npm start</code> only. A deployed console signs in through Cognito.</p>
${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/oauth2/authorize">${hidden}
<label for="user">Name in the audit trail (optional)</label><input id="user" name="user" autocomplete="username" pattern="[A-Za-z0-9._@-]{1,64}">
<div class="roles">${buttons}</div></form>
<p>Or open <code>/?as=analyst</code>, <code>/?as=legal</code> or <code>/?as=admin</code>.</p></main></body></html>`;
}

const SIGN_IN_CSS = `body{font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1b1f24;margin:0}main{max-width:32rem;margin:4rem auto;background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:1.5rem 2rem}
label{display:block;font-weight:600;margin-top:1rem}input{font:inherit;padding:.35rem .5rem;border:1px solid #6b7280;border-radius:4px;width:100%;box-sizing:border-box}
.roles{display:flex;gap:.5rem;margin-top:1rem;flex-wrap:wrap}button{font:inherit;padding:.5rem .9rem;border:1px solid #374151;border-radius:4px;background:#111827;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}[role=alert]{color:#b42318}code{background:#eef1f5;padding:0 .25rem}`;

/**
 * Answers the console's requests (GETs outside the API, and the sign-in endpoints); resolves to
 * false for anything it does not serve, which the API then answers.
 */
export function consoleSite(options: { readonly dist: string; readonly now?: () => Date }) {
  const codes = new Map<string, PendingCode>();
  const now = options.now ?? (() => new Date());

  const issueCode = (response: ServerResponse, params: URLSearchParams, role: Role, user: string | undefined, extra: Record<string, string> = {}) => {
    const redirectUri = params.get('redirect_uri') ?? '';
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { role, user: user && USER.test(user) ? user : `local-${role}`, challenge: params.get('code_challenge') ?? '', redirectUri, expires: now().getTime() + CODE_LIFETIME_MILLIS });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    redirect(response, target.toString(), extra);
  };

  /** The authorization request must come from this console: our client, our origin, PKCE with S256. */
  const authorizationProblem = (params: URLSearchParams, origin: string): string | undefined => {
    if (params.get('client_id') !== CLIENT_ID) return 'unknown client_id';
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (params.get('redirect_uri') !== `${origin}/callback`) return 'redirect_uri must be this console';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE with S256 is required';
    return undefined;
  };

  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = await formBody(request);
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const fail = (description: string) => send(response, 400, 'application/json', JSON.stringify({ error: 'invalid_grant', error_description: description }), { 'cache-control': 'no-store' });
    if (form.get('grant_type') !== 'authorization_code') return fail('grant_type must be authorization_code');
    if (!pending || pending.expires < now().getTime()) return fail('unknown or expired code');
    if (form.get('client_id') !== CLIENT_ID || form.get('redirect_uri') !== pending.redirectUri) return fail('client_id or redirect_uri differ from the authorization request');
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return fail('code_verifier does not match the code_challenge');
    const idToken = await developmentToken(pending.role, { subject: pending.user, now: now() });
    send(response, 200, 'application/json', JSON.stringify({ id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: 12 * 3600 }), { 'cache-control': 'no-store' });
  }

  async function file(response: ServerResponse, path: string): Promise<void> {
    const relativePath = normalize(path).replace(/^(\.\.[/\\])+/u, '');
    const full = join(options.dist, relativePath);
    const asset = relativePath.startsWith('/assets/') && existsSync(full);
    if (!existsSync(join(options.dist, 'index.html'))) {
      return send(response, 503, 'text/plain; charset=utf-8', 'The console is not built: npm start builds it (see console/bundle.ts).');
    }
    if (asset) return send(response, 200, TYPES[extname(full)] ?? 'application/octet-stream', await readFile(full), { 'cache-control': 'public, max-age=31536000, immutable' });
    // Every other path is a page of the single-page console.
    return send(response, 200, TYPES['.html'] ?? 'text/html', await readFile(join(options.dist, 'index.html')), { 'cache-control': 'no-cache' });
  }

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const origin = `http://${request.headers.host ?? 'localhost'}`;
    const method = request.method ?? 'GET';
    if (API_PATHS.test(url.pathname)) return false;
    if (method === 'POST' && url.pathname === '/oauth2/token') {
      await token(request, response);
      return true;
    }
    if (method === 'POST' && url.pathname === '/oauth2/authorize') {
      const form = await formBody(request);
      const role = form.get('role');
      const problem = authorizationProblem(form, origin) ?? (isRole(role) ? undefined : 'choose a role');
      if (problem || !isRole(role)) send(response, 400, TYPES['.html'] ?? '', signInPage(form, problem));
      else issueCode(response, form, role, form.get('user') ?? undefined);
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (url.pathname === '/config.json') {
      const config = {
        issuer: DEVELOPMENT_ISSUER,
        clientId: CLIENT_ID,
        authorizationEndpoint: `${origin}/oauth2/authorize`,
        tokenEndpoint: `${origin}/oauth2/token`,
        signOutUrl: '/signin',
        environment: `development users (npm start); tokens for ${CONSOLE_AUDIENCE}`,
      };
      send(response, 200, TYPES['.json'] ?? '', JSON.stringify(config), { 'cache-control': 'no-store' });
      return true;
    }
    if (url.pathname === '/oauth2/sign-in.css') {
      send(response, 200, TYPES['.css'] ?? '', SIGN_IN_CSS);
      return true;
    }
    if (url.pathname === '/oauth2/authorize') {
      const problem = authorizationProblem(url.searchParams, origin);
      const as = cookie(request, AS_COOKIE);
      const [role, user] = (as ?? '').split(':');
      if (problem) send(response, 400, TYPES['.html'] ?? '', signInPage(url.searchParams, problem));
      else if (isRole(role)) issueCode(response, url.searchParams, role, user, { 'set-cookie': `${AS_COOKIE}=; Path=/oauth2; Max-Age=0; HttpOnly; SameSite=Lax` });
      else send(response, 200, TYPES['.html'] ?? '', signInPage(url.searchParams), { 'cache-control': 'no-store' });
      return true;
    }
    if (url.pathname === '/' && url.searchParams.has('as')) {
      const role = url.searchParams.get('as');
      const user = url.searchParams.get('user');
      if (!isRole(role)) {
        send(response, 400, 'text/plain; charset=utf-8', `?as= takes one of ${ROLES.join(', ')}`);
        return true;
      }
      // The next sign-in of this browser is this development user; /signin drops the tab's session and starts it.
      const value = user && USER.test(user) ? `${role}:${user}` : role;
      redirect(response, '/signin', { 'set-cookie': `${AS_COOKIE}=${encodeURIComponent(value)}; Path=/oauth2; Max-Age=60; HttpOnly; SameSite=Lax` });
      return true;
    }
    await file(response, url.pathname);
    return true;
  };
}

export type ConsoleSite = ReturnType<typeof consoleSite>;
