import { createRequire } from 'node:module';
import type { IssuedTokens } from '../../src/testing/index.js';
import { loadSdk, ROOT } from './paths.js';
import type { SimInfo } from './sim.js';

/** One way of calling `GET /contacts/:id`, as a benchmark sees it. */
export interface BenchClient {
  readonly name: string;
  get(contactId: string): Promise<unknown>;
}

const VERSION = '2021-07-28';

// The official SDK is CommonJS only (docs/peers.md §1); load it the way a Node app would.
type OfficialModule = typeof import('@gohighlevel/api-client');
let official: OfficialModule | undefined;
function loadOfficial(): OfficialModule {
  official ??= createRequire(`${ROOT}/package.json`)('@gohighlevel/api-client') as OfficialModule;
  return official;
}

/** ghl-sdk (the built dist/index.js) with a MemoryTokenStore seeded with `tokens`. */
export async function ghlSdk(sim: SimInfo, tokens: IssuedTokens, refreshPolicy: 'expiring' | 'always', name = `ghl-sdk ('${refreshPolicy}')`): Promise<BenchClient> {
  const sdk = await loadSdk();
  const ghl = new sdk.GHLClient({
    locationId: sim.locationId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    tokenStore: new sdk.MemoryTokenStore({ [sim.locationId]: tokens }),
    baseUrl: sim.url,
    refreshPolicy,
    env: {},
  });
  return { name, get: (id) => ghl.contacts.get(id) };
}

/**
 * The official `@gohighlevel/api-client` 3.x. `refreshable`: its OAuth flow (MemorySessionStorage
 * holding the refresh token, the `locationId` header to pick the session, README.md:357), so it can
 * refresh against the simulator's /oauth/token. Otherwise the static `locationAccessToken` recipe
 * of docs/peers.md, its cheapest path.
 */
export async function officialSdk(sim: SimInfo, tokens: IssuedTokens, mode: { refreshable: boolean; expired?: boolean }): Promise<BenchClient> {
  const { HighLevel } = loadOfficial();
  const base = { clientId: sim.clientId, clientSecret: sim.clientSecret, apiVersion: VERSION, logLevel: 'none' as const };
  if (!mode.refreshable) {
    const hl = new HighLevel({ ...base, locationAccessToken: tokens.accessToken });
    hl.getHttpClient().defaults.baseURL = sim.url;
    return { name: '@gohighlevel/api-client', get: (contactId) => hl.contacts.getContact({ contactId }) };
  }
  const hl = new HighLevel(base);
  hl.getHttpClient().defaults.baseURL = sim.url;
  // Its stores overwrite expire_at with now + expires_in (docs/peers.md §1): 0 = expired now.
  const expiresIn = mode.expired ? 0 : Math.max(0, Math.floor((tokens.expiresAt - Date.now()) / 1000));
  await hl.getSessionStorage().setSession(sim.locationId, {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_in: expiresIn,
    userType: 'Location',
    locationId: sim.locationId,
    companyId: sim.companyId,
  });
  const headers = { locationId: sim.locationId };
  return { name: '@gohighlevel/api-client', get: (contactId) => hl.contacts.getContact({ contactId }, { headers }) };
}

/**
 * The original integration's pattern in raw fetch: refresh before every call (no lock, no
 * single-flight), keep the rotated refresh token in a variable, then call the API.
 */
export function naiveClient(sim: SimInfo, tokens: IssuedTokens): BenchClient {
  let refreshToken = tokens.refreshToken;
  return {
    name: 'naive (refresh before every call, fetch)',
    async get(contactId) {
      const grant = await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken, user_type: 'Location' }),
      });
      const tokenBody = (await grant.json()) as { access_token?: string; refresh_token?: string; error?: string };
      if (!grant.ok || !tokenBody.access_token) throw new Error(`refresh failed: ${tokenBody.error ?? grant.status}`);
      if (tokenBody.refresh_token) refreshToken = tokenBody.refresh_token;
      const response = await fetch(`${sim.url}/contacts/${contactId}`, {
        headers: { authorization: `Bearer ${tokenBody.access_token}`, version: VERSION, accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`GET /contacts answered ${response.status}`);
      return response.json();
    },
  };
}

/** The same three headers ghl-sdk sends. */
export function apiHeaders(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, version: VERSION, accept: 'application/json' };
}

/** Raw `fetch` with the same headers: the floor. */
export function rawFetch(sim: SimInfo, accessToken: string): BenchClient {
  const headers = apiHeaders(accessToken);
  return {
    name: 'raw fetch',
    async get(contactId) {
      const response = await fetch(`${sim.url}/contacts/${contactId}`, { headers });
      if (!response.ok) throw new Error(`GET /contacts answered ${response.status}`);
      return response.json();
    },
  };
}

type KyModule = typeof import('ky');
export type KyOptions = NonNullable<Parameters<KyModule['default']>[1]>;

/** Bare ky with the same headers; `options` is spread over ky's defaults (ky variants of §3). */
export async function bareKy(sim: SimInfo, accessToken: string, options: KyOptions = {}, name = 'bare ky'): Promise<BenchClient> {
  const ky = (await import('ky')).default;
  const headers = apiHeaders(accessToken);
  return { name, get: (contactId) => ky(`${sim.url}/contacts/${contactId}`, { headers, ...options }).json() };
}
