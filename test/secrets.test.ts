import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { GHLClient } from '../src/client.js';
import type { GHLClientOptions } from '../src/options.js';
import { DurableEnvTokenStore } from '../src/stores/durable-env.js';
import { EnvTokenStore } from '../src/stores/env.js';
import { MemoryTokenStore } from '../src/stores/memory.js';
import type { TokenStore } from '../src/stores/token-store.js';
import { server } from './msw.js';

// Every credential here is a plain string no pattern recognises (not JWT-shaped, no "Bearer"
// prefix where it appears): only masking by exact value keeps them out.
const BASE = 'https://services.leadconnectorhq.com';
const SECRETS = {
  accessToken: 'AT-SECRET-a1b2c3d4e5',
  refreshToken: 'RT-SECRET-f6g7h8i9j0',
  clientSecret: 'CS-SECRET-k1l2m3n4o5',
  newAccessToken: 'AT-SECRET-NEW-p6q7r8',
  newRefreshToken: 'RT-SECRET-NEW-s9t0u1',
  privateIntegrationToken: 'pit-7f3e9a1c-4b2d-4e8f-a6c5-0d1e2f3a4b5c',
};

function setup(store?: TokenStore, expired = true, extra: GHLClientOptions = {}) {
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
    ...extra,
  });
  return { ghl, lines };
}

const tally = { failures: 0, surfaces: 0 };
afterAll(() => {
  console.info(`secret scan: ${tally.surfaces} surfaces of ${tally.failures} provoked failures and printed objects checked, 0 secrets found`);
});

/** Every surface a secret could reach: message, String(), util.inspect (depth 10, hidden too), JSON, each log line. */
function expectNoSecret(error: unknown, lines: string[]) {
  const surfaces = [
    error instanceof Error ? error.message : '',
    String(error),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error) ?? '',
    ...lines,
  ];
  expect(error).toBeDefined();
  for (const surface of surfaces) for (const secret of Object.values(SECRETS)) expect(surface).not.toContain(secret);
  tally.failures += 1;
  tally.surfaces += surfaces.length;
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

describe('no token or secret, masked by exact value, when GHL or user code echoes one', () => {
  const pitStore = () => new MemoryTokenStore({ 'loc-1': { accessToken: SECRETS.privateIntegrationToken } });

  it('a custom fetch that throws an error quoting the token and carrying its headers', async () => {
    const leakyFetch = async (input: Request | URL | string, init?: RequestInit) => {
      const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
      throw Object.assign(new Error(`proxy refused ${headers.get('authorization')?.slice('Bearer '.length)}`), { headers, code: 'EPROXY' });
    };
    const { ghl, lines } = setup(pitStore(), false, { fetch: leakyFetch });
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('a custom store whose set throws an error quoting the new tokens', async () => {
    server.use(http.post(`${BASE}/oauth/token`, refreshed), http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c1' } })));
    const inner = new MemoryTokenStore({ 'loc-1': { accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshToken, expiresAt: 0 } });
    const failing: TokenStore = {
      get: (k) => inner.get(k),
      set: async (_key, tokens) => Promise.reject(new Error(`disk full writing ${tokens.accessToken} / ${tokens.refreshToken}`)),
    };
    const { ghl, lines } = setup(failing);
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('an onTokensRefreshed hook that throws an error quoting the tokens', async () => {
    server.use(http.post(`${BASE}/oauth/token`, refreshed), http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c1' } })));
    const hook = () => {
      throw new Error(`webhook mirror rejected ${SECRETS.newAccessToken} and ${SECRETS.newRefreshToken}`);
    };
    const { ghl, lines } = setup(undefined, true, { onTokensRefreshed: hook });
    await ghl.contacts.get('c1');
    expect(lines.some((line) => line.includes('onTokensRefreshed'))).toBe(true);
    expectNoSecret(new Error('(the call succeeded; its log lines are checked)'), lines);
  });

  it('GHL echoing the access token in response headers, body and traceId (API)', async () => {
    server.use(
      http.get(`${BASE}/contacts/:id`, ({ request }) => {
        const token = request.headers.get('authorization')?.slice('Bearer '.length) ?? '';
        return HttpResponse.json({ message: `token ${token} lacks scope`, traceId: token }, { status: 403, headers: { 'x-debug-token': token, 'x-trace-id': token } });
      }),
    );
    const { ghl, lines } = setup(pitStore(), false);
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('GHL echoing the refresh token and client secret in token-endpoint response headers', async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        return HttpResponse.json(
          { error: 'invalid_grant', error_description: `refresh token ${form.get('refresh_token')} is spent` },
          { status: 400, headers: { 'x-echo-refresh': form.get('refresh_token') ?? '', 'x-echo-secret': form.get('client_secret') ?? '' } },
        );
      }),
    );
    const { ghl, lines } = setup();
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('a non-JSON 2xx body echoing the token', async () => {
    server.use(http.get(`${BASE}/contacts/:id`, () => new HttpResponse(`<pre>${SECRETS.privateIntegrationToken}</pre>`, { status: 200 })));
    const { ghl, lines } = setup(pitStore(), false);
    expectNoSecret(await ghl.contacts.get('c1').catch((e: unknown) => e), lines);
  });

  it('a 429 too long to wait, a per-attempt timeout and an abort', async () => {
    server.use(
      http.get(`${BASE}/contacts/429`, ({ request }) => HttpResponse.json({ message: request.headers.get('authorization') }, { status: 429, headers: { 'Retry-After': '3600' } })),
      http.get(`${BASE}/contacts/slow`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    // One client each: after a 429 the client's rate limiter holds its calls for the Retry-After.
    for (const [id, call] of [['429', {}], ['slow', {}], ['slow', { signal: AbortSignal.timeout(10) }]] as const) {
      const { ghl, lines } = setup(pitStore(), false);
      expectNoSecret(await ghl.contacts.get(id, call).catch((e: unknown) => e), lines);
    }
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
    const printed = objects.flatMap((object) => [inspect(object, { depth: 10, showHidden: false }), JSON.stringify(object)]);
    expect(printed.join('\n')).toContain('GHLClient');
    for (const surface of printed) for (const secret of Object.values(SECRETS)) expect(surface).not.toContain(secret);
    tally.failures += objects.length;
    tally.surfaces += printed.length;
  });
});

