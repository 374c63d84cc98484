/**
 * Signing in: OpenID Connect authorization code with PKCE (oidc-client-ts), against whatever
 * /config.json names. On AWS that is the Cognito user pool's hosted UI; under `npm start` it is
 * the local platform, which answers the same endpoints with development users. The console has
 * no other way in: it never reads a token from the address bar.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User } from 'oidc-client-ts';
import { z } from 'zod';
import { ROLES } from '../../shared/domain/ladder/roles';
import type { Role } from '../../shared/domain/ladder/roles';

const ConsoleConfig = z.object({
  /** The OpenID issuer (Cognito: https://cognito-idp.<region>.amazonaws.com/<pool id>). */
  issuer: z.string(),
  clientId: z.string(),
  authorizationEndpoint: z.url(),
  tokenEndpoint: z.url(),
  /** Where signing out ends (Cognito's /logout with client_id and logout_uri). */
  signOutUrl: z.string(),
  /** Shown on the sign-in page, e.g. "development users (npm start)". */
  environment: z.string(),
  /** Where the console API answers: '' for this origin (npm start), the HTTP API's URL on AWS. */
  apiUrl: z.string().default(''),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;

export interface Session {
  readonly user: string;
  readonly roles: readonly Role[];
  /** The role the console acts in: the first role of the user's groups. */
  readonly role: Role;
  readonly idToken: string;
}

let config: Promise<ConsoleConfig> | undefined;
let manager: Promise<UserManager> | undefined;
let redirecting: Promise<void> | undefined;

async function fetchConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return ConsoleConfig.parse(await response.json());
}

export const loadConfig = (): Promise<ConsoleConfig> => (config ??= fetchConfig());

const users = (): Promise<UserManager> => (manager ??= makeManager());

async function makeManager(): Promise<UserManager> {
  const settings = await loadConfig();
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: `${location.origin}/callback`,
    response_type: 'code',
    scope: 'openid email profile',
    metadata: {
      issuer: settings.issuer,
      authorization_endpoint: settings.authorizationEndpoint,
      token_endpoint: settings.tokenEndpoint,
    },
    loadUserInfo: false,
    automaticSilentRenew: false,
    // A tab's session ends with the tab: nothing stays behind on a shared machine.
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

const Groups = z.union([z.array(z.string()), z.string()]).optional();

function sessionOf(user: User): Session | undefined {
  if (user.expired || !user.id_token) return undefined;
  const groups = Groups.safeParse(user.profile['cognito:groups']);
  const names = groups.success ? (Array.isArray(groups.data) ? groups.data : [groups.data ?? '']) : [];
  const roles = ROLES.filter((role) => names.includes(role));
  const [role] = roles;
  if (role === undefined) return undefined;
  const email = typeof user.profile.email === 'string' ? user.profile.email : undefined;
  return { user: email ?? user.profile.sub, roles, role, idToken: user.id_token };
}

export async function currentSession(): Promise<Session | undefined> {
  const user = await (await users()).getUser();
  return user ? sessionOf(user) : undefined;
}

/** Leaves for the sign-in page, once however often it is asked; back at `returnTo` once signed in. */
export function signIn(returnTo: string): Promise<void> {
  redirecting ??= (async () => {
    const manager = await users();
    await manager.removeUser();
    await manager.signinRedirect({ state: { returnTo } });
  })();
  return redirecting;
}

const ReturnState = z.object({ returnTo: z.string().startsWith('/') });

/** Completes the sign-in at /callback; resolves to where the person was going. */
export async function completeSignIn(): Promise<{ session: Session | undefined; returnTo: string }> {
  const user = await (await users()).signinCallback();
  const state = ReturnState.safeParse(user?.state);
  return { session: user ? sessionOf(user) : undefined, returnTo: state.success ? state.data.returnTo : '/queue' };
}

export async function signOut(): Promise<void> {
  const settings = await loadConfig();
  await (await users()).removeUser();
  location.assign(settings.signOutUrl);
}
