import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLClient } from '../src/client.js';
import { DurableEnvTokenStore } from '../src/stores/durable-env.js';
import { EnvTokenStore } from '../src/stores/env.js';
import { MemoryTokenStore } from '../src/stores/memory.js';
import type { TokenStore } from '../src/stores/token-store.js';
import { server } from './msw.js';

const BASE = 'https://services.leadconnectorhq.com';
const SECRETS = {
  accessToken: 'AT-SECRET-a1b2c3d4e5',
  refreshToken: 'RT-SECRET-f6g7h8i9j0',
  clientSecret: 'CS-SECRET-k1l2m3n4o5',
  newAccessToken: 'AT-SECRET-NEW-p6q7r8',
  newRefreshToken: 'RT-SECRET-NEW-s9t0u1',
};

function setup(store?: TokenStore, expired = true) {
  const lines: string[] = [];
  const log = (message: string, ...rest: unknown[]) => lines.push([message, ...rest.map((r) => inspect(r))].join(' '));
  const tokenStore =
    store ??
    new MemoryTokenStore({
      'loc-1': { accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshToken, expiresAt: expired ? Date.now() - 1 : Date.now() + 3_600_000 },
    });
  const ghl = new GHLClient({
    locationId: 'loc-1',
    clientId: 'client-1',
    clientSecret: SECRETS.clientSecret,
    tokenStore,
    env: {},
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 50,
    logger: { debug: log, info: log, warn: log, error: log },
  });
  return { ghl, lines };
}

function expectNoSecret(error: unknown, lines: string[]) {
  const surfaces = [
    error instanceof Error ? error.message : '',
    String(error),
    inspect(error, { depth: 10 }),
    JSON.stringify(error),
    ...lines,
  ].join('\n');
  expect(lines.length + surfaces.length).toBeGreaterThan(0);
  for (const secret of Object.values(SECRETS)) expect(surfaces).not.toContain(secret);
}

const refreshed = () =>
  HttpResponse.json({ access_token: SECRETS.newAccessToken, refresh_token: SECRETS.newRefreshToken, expires_in: 86_399 });

describe('no token or secret in any error or log line', () => {
  it('when the refresh token is rejected (GHL echoing the request back)', async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, async ({ request }) =>
        HttpResponse.json({ error: 'invalid_grant', error_description: `bad request: ${await request.text()}` }, { status: 400 }),
      ),
    );
    const { ghl, lines } = setup();
    const error = await ghl.contacts.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(error, lines);
  });

  it('when the token endpoint keeps failing with 5xx and dropped connections', async () => {
    let n = 0;
    server.use(http.post(`${BASE}/oauth/token`, () => ((n += 1) % 2 ? HttpResponse.error() : HttpResponse.json({ message: 'down' }, { status: 502 }))));
    const { ghl, lines } = setup();
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('when the API answers 401 twice', async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, refreshed),
      http.get(`${BASE}/contacts/:id`, ({ request }) =>
        HttpResponse.json({ statusCode: 401, message: `Invalid JWT ${request.headers.get('authorization')}` }, { status: 401 }),
      ),
    );
    const { ghl, lines } = setup(undefined, false);
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('when the API times out', async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, refreshed),
      http.get(`${BASE}/contacts/:id`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    const { ghl, lines } = setup();
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('when the token endpoint times out', async () => {
    server.use(http.post(`${BASE}/oauth/token`, async () => {
      await delay(500);
      return refreshed();
    }));
    const { ghl, lines } = setup();
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('when the API fails with 5xx and network errors', async () => {
    let n = 0;
    server.use(
      http.post(`${BASE}/oauth/token`, refreshed),
      http.get(`${BASE}/contacts/:id`, () => ((n += 1) % 2 ? HttpResponse.error() : HttpResponse.json({ message: 'oops' }, { status: 500 }))),
    );
    const { ghl, lines } = setup();
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('when the store cannot save the rotated tokens', async () => {
    server.use(http.post(`${BASE}/oauth/token`, refreshed), http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c1' } })));
    const inner = new MemoryTokenStore({ 'loc-1': { accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshToken, expiresAt: 0 } });
    const failing: TokenStore = { get: (k) => inner.get(k), set: async () => Promise.reject(new Error('EACCES: permission denied')) };
    const { ghl, lines } = setup(failing);
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('in status, selfTest and successful calls', async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, refreshed),
      http.post(`${BASE}/contacts/search`, () => HttpResponse.json({ contacts: [], total: 0 })),
    );
    const { ghl, lines } = setup();
    const report = await ghl.selfTest();
    expect(report.ok).toBe(true);
    expectNoSecret(new Error(JSON.stringify([report, await ghl.status()])), lines);
  });
});

describe('no token or secret when objects are printed', () => {
  it('util.inspect and JSON.stringify of the client, its tokens, its OAuth part and the stores', async () => {
    server.use(http.post(`${BASE}/oauth/token`, refreshed), http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c1' } })));
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: 'loc-1', GHL_REFRESH_TOKEN: SECRETS.refreshToken, GHL_ACCESS_TOKEN: SECRETS.accessToken };
    const { ghl } = setup();
    await ghl.contacts.get('c1'); // the client now caches rotated tokens
    const objects: unknown[] = [
      ghl,
      ghl.tokens,
      ghl.oauth,
      ghl.location('loc-2'),
      ghl.tokenStore,
      new EnvTokenStore({ env }),
      new DurableEnvTokenStore({ env, tokenFile: '/nonexistent/never-written.json' }),
    ];
    const printed = objects.flatMap((object) => [inspect(object, { depth: 10, showHidden: false }), JSON.stringify(object)]).join('\n');
    expect(printed).toContain('GHLClient');
    for (const secret of Object.values(SECRETS)) expect(printed).not.toContain(secret);
  });
});

