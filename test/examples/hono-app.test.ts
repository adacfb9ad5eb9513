import { describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../../examples/hono-app/app.js';
import { startServer } from '../../examples/hono-app/server.js';
import { GHLClient, MemoryTokenStore, type AppUser, type TokenSet } from '../../src/index.js';
import type { GHLSimulator } from '../../src/testing/index.js';
import { simulator, tempDir } from '../cli/helpers.js';

const BASE = 'http://app.test/api/integrations/ghl';
const ADMIN = 'admin-secret';
const USERS: Record<string, AppUser> = {
  u1: { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace' },
  bad: { id: 'bad', email: 'not-an-email' },
};

/** A store whose writes take a while, to prove the callback waits for them. */
class SlowStore extends MemoryTokenStore {
  writes = 0;
  override async set(key: string, tokens: TokenSet): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 30));
    await super.set(key, tokens);
    this.writes++;
  }
}

async function setup(options: { tokens?: boolean; overrides?: Partial<AppOptions> } = {}) {
  const sim = await simulator();
  const store = new SlowStore(options.tokens === false ? {} : { [sim.locationId]: sim.issueTokens() });
  const ghl = new GHLClient({ env: {}, baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, locationId: sim.locationId, tokenStore: store, retry: false });
  const logged: unknown[] = [];
  const app = createApp({ ghl, adminToken: ADMIN, findUser: (id) => USERS[id] ?? null, logError: (error) => logged.push(error), ...options.overrides });
  const post = (path: string, body: unknown) =>
    app.request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { sim, store, ghl, app, post, logged };
}

function secretsOf(sim: GHLSimulator, store: MemoryTokenStore) {
  return store.get(sim.locationId).then((tokens) => [tokens?.accessToken, tokens?.refreshToken, sim.clientSecret].filter((s): s is string => Boolean(s)));
}

describe('examples/hono-app', () => {
  it('GET /status reports configuration and token state', async () => {
    const { app, sim } = await setup();
    const response = await app.request(`${BASE}/status`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, configured: true, locationId: sim.locationId, tokenValid: true });
    expect(sim.stats.apiRequests + sim.stats.tokenRequests).toBe(0);
  });

  it('POST /sync-user upserts the user found by findUser, 404 for an unknown one, 400 naming bad fields', async () => {
    const { post, sim } = await setup();
    const ok = await post('/sync-user', { user_id: 'u1', sync_type: 'basic' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ success: true, created: true, sync_type: 'basic', tags: ['app-user'] });
    expect(sim.contacts.list()).toMatchObject([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }]);
    expect((await (await post('/sync-user', { user_id: 'u1' })).json()).created).toBe(false);

    expect((await post('/sync-user', { user_id: 'nobody', sync_type: 'basic' })).status).toBe(404);
    const invalid = await post('/sync-user', { user_id: '', sync_type: 'everything' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ success: false, error: 'validation_failed', fields: ['user_id', 'sync_type'] });
    expect(await (await post('/sync-user', '{ nope')).json()).toMatchObject({ error: 'validation_failed', fields: ['(body)'] });
    expect(await (await post('/sync-user', [1])).json()).toMatchObject({ fields: ['(body)'] });
    // A user record the SDK rejects: its validation error names the field too.
    expect(await (await post('/sync-user', { user_id: 'bad' })).json()).toMatchObject({ error: 'validation_failed', fields: ['email'] });
  });

  it('POST /sync-newsletter upserts and tags the subscriber', async () => {
    const { post, sim } = await setup();
    const response = await post('/sync-newsletter', { email: 'grace@example.com', name: 'Grace Hopper' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, created: true, tags: ['newsletter'] });
    expect(sim.contacts.list()[0]).toMatchObject({ firstName: 'Grace', tags: ['newsletter'] });
    const invalid = await post('/sync-newsletter', { email: 'nope', name: 3 });
    expect(await invalid.json()).toMatchObject({ error: 'validation_failed', fields: ['name'] });
    expect(await (await post('/sync-newsletter', { email: 'nope' })).json()).toMatchObject({ fields: ['email'] });
  });

  it('GET /test-integration needs the admin bearer, then runs the self-test', async () => {
    const { app, sim } = await setup();
    const url = `${BASE}/test-integration`;
    expect((await app.request(url)).status).toBe(401);
    expect((await app.request(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const response = await app.request(url, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, ok: true, steps: [{ name: 'config' }, { name: 'token', ok: true }, { name: 'api', ok: true }] });
    expect(sim.stats.refreshGrants).toBe(1);
  });

  it('runs the OAuth flow: redirect with state, refuse a wrong or reused state, save the tokens before answering', async () => {
    const { app, sim, store } = await setup({ tokens: false });
    const start = await app.request(`${BASE}/oauth/start`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.pathname).toBe('/v2/oauth/chooselocation');
    const state = authorize.searchParams.get('state') ?? '';
    const redirectUri = authorize.searchParams.get('redirect_uri') ?? '';
    expect(redirectUri).toBe(`${BASE}/oauth/callback`);
    const code = sim.issueAuthorizationCode({ redirectUri });
    const callback = (params: Record<string, string>) => app.request(`${redirectUri}?${new URLSearchParams(params).toString()}`);

    expect(await (await callback({ code, state: 'forged' })).json()).toMatchObject({ success: false, error: 'invalid_state' });
    expect(sim.stats.codeGrants).toBe(0);

    const done = await callback({ code, state });
    expect(done.status).toBe(200);
    expect(store.writes).toBe(1); // the slow write finished before the answer
    expect(await done.json()).toEqual({ success: true, location_id: sim.locationId, user_type: 'Location' });
    expect((await store.get(sim.locationId))?.refreshToken).toBe(sim.currentRefreshToken());

    expect((await callback({ code, state })).status).toBe(400); // a state is good once
  });

  it('answers 503 "re-run OAuth" when GHL rejects the refresh token, 502 for other GHL failures, never leaking a token', async () => {
    const { post, sim, store, logged } = await setup();
    const secrets = await secretsOf(sim, store);
    sim.injectFault({ route: 'POST /contacts/upsert', kind: 'status', status: 500 });
    const failed = await post('/sync-newsletter', { email: 'x@example.com' });
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ success: false, error: 'ghl_error', message: expect.stringMatching(/^GHLServerError: /) });

    sim.revokeAllTokens();
    sim.expireAccessTokens();
    const reauth = await post('/sync-newsletter', { email: 'x@example.com' });
    expect(reauth.status).toBe(503);
    const text = await reauth.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'reauth_required', message: expect.stringContaining('re-run OAuth') });
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(logged).toHaveLength(2);
  });

  it('server.ts serves the app on 127.0.0.1 from the environment', async () => {
    const sim = await simulator();
    const server = await startServer(
      { PORT: '0', ADMIN_TOKEN: ADMIN, GHL_BASE_URL: sim.url, GHL_LOCATION_ID: sim.locationId, GHL_CLIENT_ID: sim.clientId, GHL_CLIENT_SECRET: sim.clientSecret },
      await tempDir(),
    );
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/api/integrations/ghl/status`);
      expect(await response.json()).toMatchObject({ success: true, configured: false, missing: ['GHL_REFRESH_TOKEN or GHL_ACCESS_TOKEN'] });
    } finally {
      await server.close();
    }
    await expect(startServer({})).rejects.toThrow(/ADMIN_TOKEN is required/);
  });
});
