import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, expectTypeOf, it, onTestFinished, vi } from 'vitest';
import type { TokenSet } from '../src/auth/token-set.js';
import { GHLClient } from '../src/client.js';
import {
  GHLAbortError,
  GHLConfigError,
  GHLConnectionError,
  GHLError,
  GHLForbiddenError,
  GHLServerError,
  GHLTimeoutError,
  GHLValidationError,
} from '../src/errors.js';
import type { GHLClientOptions } from '../src/options.js';
import { DurableEnvTokenStore } from '../src/stores/durable-env.js';
import { MemoryTokenStore } from '../src/stores/memory.js';
import { testClient } from './helpers/client.js';
import { server } from './msw.js';

const BASE = 'https://services.leadconnectorhq.com';
const NOW = 1_750_000_000_000;
const HOUR = 3_600_000;

const pitClient = testClient;

function oauthClient(tokens: TokenSet, options: GHLClientOptions = {}): { client: GHLClient; store: MemoryTokenStore } {
  const store = new MemoryTokenStore({ 'loc-1': tokens });
  const client = new GHLClient({
    locationId: 'loc-1',
    clientId: 'client-1',
    clientSecret: 'secret-1',
    env: {},
    tokenStore: store,
    retry: { retries: 2, minDelayMs: 1 },
    now: () => NOW,
    ...options,
  });
  return { client, store };
}

/** Thrown synchronously or rejected: the error, for assertions. */
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function countRequests(): { readonly count: number; readonly urls: string[] } {
  const seen = { count: 0, urls: [] as string[] };
  const listener = ({ request }: { request: Request }) => {
    seen.count += 1;
    seen.urls.push(`${request.method} ${request.url}`);
  };
  server.events.on('request:start', listener);
  onTestFinished(() => {
    server.events.removeListener('request:start', listener);
  });
  return seen;
}

interface Captured {
  url: URL;
  method: string;
  headers: Headers;
  text: string;
}

/** A `/oauth/token` that rotates: each call answers a new access and refresh token. */
function tokenEndpoint(reply?: () => Response): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http.post(`${BASE}/oauth/token`, async ({ request }) => {
      seen.push({ url: new URL(request.url), method: request.method, headers: request.headers, text: await request.text() });
      if (reply) return reply();
      const n = seen.length;
      return HttpResponse.json({ access_token: `at-new-${n}`, refresh_token: `rt-new-${n}`, expires_in: 86_399, token_type: 'Bearer', scope: 'contacts.readonly', userType: 'Location', locationId: 'loc-1', userId: 'u-1' });
    }),
  );
  return seen;
}

function searchEndpoint(reply: (request: Request) => Response | Promise<Response> = () => HttpResponse.json({ contacts: [{ id: 'c-1' }], total: 7 })): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http.post(`${BASE}/contacts/search`, async ({ request }) => {
      seen.push({ url: new URL(request.url), method: request.method, headers: request.headers, text: await request.clone().text() });
      return reply(request);
    }),
  );
  return seen;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('constructor', () => {
  it('needs a location id and names GHL_LOCATION_ID', async () => {
    for (const env of [{}, { GHL_LOCATION_ID: '   ' }]) {
      const error = await caught(() => new GHLClient({ env, tokenStore: new MemoryTokenStore() }));
      expect(error).toBeInstanceOf(GHLConfigError);
      expect((error as GHLConfigError).missing).toEqual(['GHL_LOCATION_ID']);
      expect((error as Error).message).toContain('GHL_LOCATION_ID');
    }
  });

  it('reads locationId, clientId and clientSecret from the env option, never from process.env', async () => {
    vi.stubEnv('GHL_LOCATION_ID', 'from-process-env');
    const client = new GHLClient({
      env: { GHL_LOCATION_ID: 'loc-env', GHL_CLIENT_ID: 'cid', GHL_CLIENT_SECRET: 'cs' },
      tokenStore: new MemoryTokenStore({ 'loc-env': { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + HOUR } }),
    });
    expect(client.locationId).toBe('loc-env');
    const status = await client.status();
    expect(status.configured).toBe(true);
    expect(status.missing).toEqual([]);
  });

  it('has documented defaults', async () => {
    const client = pitClient();
    const status = await client.status();
    expect(status.baseUrl).toBe('https://services.leadconnectorhq.com');
    expect(status.refreshPolicy).toBe('expiring');
    expect(status.locationId).toBe('loc-1');
    await expect(client.tokens.authHeaders()).resolves.toMatchObject({ Version: '2021-07-28' });
  });

  it('takes baseUrl from the option or GHL_BASE_URL, trailing slash removed, and sends requests there', async () => {
    const seen: string[] = [];
    server.use(
      http.post('https://ghl.example.test/contacts/search', ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json({ contacts: [], total: 0 });
      }),
    );
    const fromOption = pitClient({ baseUrl: 'https://ghl.example.test/' });
    const fromEnv = pitClient({ env: { GHL_BASE_URL: 'https://ghl.example.test' } });
    expect((await fromOption.status()).baseUrl).toBe('https://ghl.example.test');
    await fromOption.contacts.search();
    await fromEnv.contacts.search();
    expect(seen).toEqual(['https://ghl.example.test/contacts/search', 'https://ghl.example.test/contacts/search']);
  });

  it.each([
    ['a baseUrl that is not a URL', { baseUrl: 'services.leadconnectorhq.com' }, /baseUrl/],
    ['a baseUrl that is not http(s)', { baseUrl: 'ftp://services.leadconnectorhq.com' }, /baseUrl/],
    ['a bad GHL_BASE_URL', { env: { GHL_BASE_URL: 'nope' } }, /GHL_BASE_URL/],
    ['an unknown refreshPolicy', { refreshPolicy: 'sometimes' as never }, /refreshPolicy/],
    ['a negative timeoutMs', { timeoutMs: -1 }, /timeoutMs/],
    ['a zero timeoutMs (every request would abort at once)', { timeoutMs: 0 }, /timeoutMs must be an integer of at least 1/],
    ['a fractional timeoutMs', { timeoutMs: 1.5 }, /timeoutMs/],
    ['a negative refreshSkewMs', { refreshSkewMs: -1 }, /refreshSkewMs/],
    ['negative retries', { retry: { retries: -1 } }, /retry\.retries/],
    ['a bad authorizationBaseUrl', { authorizationBaseUrl: 'marketplace' }, /authorizationBaseUrl/],
  ])('rejects %s with GHLConfigError', async (_what, options, message) => {
    const error = await caught(() => pitClient(options as GHLClientOptions));
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ['an empty object', {}, ['tokenStore.get', 'tokenStore.set']],
    ['a store without set', { get: async () => null }, ['tokenStore.set']],
    ['a withLock that is not a function', { get: async () => null, set: async () => {}, withLock: true }, ['tokenStore.withLock']],
    ['a connection string', 'redis://localhost:6379', ['tokenStore.get', 'tokenStore.set']],
  ] as Array<[string, unknown, string[]]>)('rejects %s as tokenStore with GHLConfigError at construction (new GHLClient and fromEnv)', async (_what, tokenStore, missing) => {
    const sent = countRequests();
    for (const make of [
      () => new GHLClient({ locationId: 'loc-1', env: {}, tokenStore: tokenStore as never }),
      () => GHLClient.fromEnv({ GHL_LOCATION_ID: 'loc-1', GHL_ACCESS_TOKEN: 'pit' }, { tokenStore: tokenStore as never }),
    ]) {
      const error = await caught(make);
      expect(error).toBeInstanceOf(GHLConfigError);
      expect((error as GHLConfigError).missing).toEqual(missing);
      for (const name of missing) expect((error as Error).message).toContain(name);
    }
    expect(sent.count).toBe(0);
  });

  it('sends the configured apiVersion on ghl.request(), while each resource keeps its own Version', async () => {
    const seen = searchEndpoint();
    const client = pitClient({ apiVersion: '2021-04-15' });
    await client.request({ method: 'POST', path: '/contacts/search', body: {} });
    await client.contacts.search();
    expect(seen.map((request) => request.headers.get('version'))).toEqual(['2021-04-15', '2021-07-28']);
  });
});

describe('GHLClient.fromEnv', () => {
  const OAUTH_ENV = { GHL_LOCATION_ID: 'loc-env', GHL_CLIENT_ID: 'cid', GHL_CLIENT_SECRET: 'csecret', GHL_REFRESH_TOKEN: 'rt-env' };

  it('builds an OAuth client from GHL_LOCATION_ID + GHL_CLIENT_ID + GHL_CLIENT_SECRET + GHL_REFRESH_TOKEN', async () => {
    const store = new MemoryTokenStore({ 'loc-env': { accessToken: 'at', refreshToken: 'rt', expiresAt: Date.now() + HOUR } });
    const client = GHLClient.fromEnv(OAUTH_ENV, { tokenStore: store });
    expect(client).toBeInstanceOf(GHLClient);
    expect(client.locationId).toBe('loc-env');
    expect(client.tokenStore).toBe(store);
    const status = await client.status();
    expect(status).toMatchObject({ configured: true, missing: [], refreshable: true, tokenValid: true });
  });

  it('builds a Private Integration Token client from GHL_LOCATION_ID + GHL_ACCESS_TOKEN alone', async () => {
    const store = new MemoryTokenStore({ 'loc-env': { accessToken: 'pit-1' } });
    const client = GHLClient.fromEnv({ GHL_LOCATION_ID: 'loc-env', GHL_ACCESS_TOKEN: 'pit-1' }, { tokenStore: store });
    expect(client.locationId).toBe('loc-env');
    expect(await client.status()).toMatchObject({ configured: true, missing: [], refreshable: false, tokenValid: true });
    await expect(client.tokens.authHeaders()).resolves.toMatchObject({ Authorization: 'Bearer pit-1' });
  });

  it.each([
    ['an empty env', {}, ['GHL_LOCATION_ID', 'GHL_CLIENT_ID', 'GHL_CLIENT_SECRET', 'GHL_REFRESH_TOKEN']],
    ['a location only', { GHL_LOCATION_ID: 'loc' }, ['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET', 'GHL_REFRESH_TOKEN']],
    ['a PIT without a location', { GHL_ACCESS_TOKEN: 'pit' }, ['GHL_LOCATION_ID']],
    ['OAuth without a secret and refresh token', { GHL_LOCATION_ID: 'loc', GHL_CLIENT_ID: 'cid' }, ['GHL_CLIENT_SECRET', 'GHL_REFRESH_TOKEN']],
    ['OAuth without a location', { GHL_CLIENT_ID: 'cid', GHL_CLIENT_SECRET: 's', GHL_REFRESH_TOKEN: 'rt' }, ['GHL_LOCATION_ID']],
    ['an access + refresh token without the OAuth app', { GHL_LOCATION_ID: 'loc', GHL_ACCESS_TOKEN: 'at', GHL_REFRESH_TOKEN: 'rt' }, ['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET']],
    ['blank values', { GHL_LOCATION_ID: ' ', GHL_ACCESS_TOKEN: '' }, ['GHL_LOCATION_ID', 'GHL_CLIENT_ID', 'GHL_CLIENT_SECRET', 'GHL_REFRESH_TOKEN']],
  ])('with %s and nothing stored: one GHLConfigError listing exactly the missing names', async (_what, env, missing) => {
    const error = await caught(() => GHLClient.fromEnv(env));
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as GHLConfigError).missing).toEqual(missing);
    for (const name of missing) expect((error as Error).message).toContain(name);
  });

  it('reads only the env object it is given', async () => {
    vi.stubEnv('GHL_LOCATION_ID', 'leaked');
    vi.stubEnv('GHL_ACCESS_TOKEN', 'leaked');
    const error = await caught(() => GHLClient.fromEnv({}));
    expect((error as GHLConfigError).missing).toContain('GHL_LOCATION_ID');
  });

  it('does not demand GHL_REFRESH_TOKEN (nor the OAuth app) when a token store is passed: it is asked at the first call', async () => {
    const store = new MemoryTokenStore({ 'loc-env': { accessToken: 'at-stored', refreshToken: 'rt-stored', expiresAt: Date.now() + HOUR } });
    const client = GHLClient.fromEnv({ GHL_LOCATION_ID: 'loc-env', GHL_CLIENT_ID: 'cid', GHL_CLIENT_SECRET: 'cs' }, { tokenStore: store });
    await expect(client.tokens.authHeaders()).resolves.toMatchObject({ Authorization: 'Bearer at-stored' });
    expect(await client.status()).toMatchObject({ configured: true, missing: [] });

    const empty = GHLClient.fromEnv({ GHL_LOCATION_ID: 'loc-env' }, { tokenStore: new MemoryTokenStore() });
    const error = await caught(() => empty.contacts.get('c-1'));
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as GHLConfigError).missing).toEqual(['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET', 'GHL_REFRESH_TOKEN']);
    expect((error as Error).message).toMatch(/token store holds no tokens for "loc-env"/);
    expect(await empty.status()).toMatchObject({ configured: false });
    expect(await caught(() => GHLClient.fromEnv({ GHL_CLIENT_ID: 'cid' }, { tokenStore: store }))).toMatchObject({ missing: ['GHL_LOCATION_ID'] });
  });

  it('uses tokens `ghl auth` saved in the default token file without GHL_REFRESH_TOKEN in the env', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghl-fromenv-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const env = { GHL_LOCATION_ID: 'loc-env', GHL_CLIENT_ID: 'cid', GHL_CLIENT_SECRET: 'cs', GHL_TOKEN_FILE: join(dir, 'tokens.json') };
    const before = await caught(() => GHLClient.fromEnv(env));
    expect(before).toBeInstanceOf(GHLConfigError);
    expect((before as GHLConfigError).missing).toEqual(['GHL_REFRESH_TOKEN']);
    expect((before as Error).message).toContain(`ghl auth\` to save tokens in ${join(dir, 'tokens.json')}`);

    // What `ghl auth` does: the CLI's store is the same DurableEnvTokenStore over the same file.
    await new DurableEnvTokenStore({ env, locationId: 'loc-env' }).set('loc-env', { accessToken: 'at-saved', refreshToken: 'rt-saved', expiresAt: Date.now() + HOUR });
    const client = GHLClient.fromEnv(env);
    expect(client.tokenStore).toBeInstanceOf(DurableEnvTokenStore);
    await expect(client.tokens.authHeaders()).resolves.toMatchObject({ Authorization: 'Bearer at-saved' });
    // The file does not stand in for the OAuth app: refreshing its tokens needs it.
    expect((await caught(() => GHLClient.fromEnv({ ...env, GHL_CLIENT_SECRET: '' }))) as GHLConfigError).toMatchObject({ missing: ['GHL_CLIENT_SECRET'] });
  });
});

describe('ghl.location(id)', () => {
  it('returns a client for another location that shares the store (key = id) and uses that location’s token', async () => {
    const store = new MemoryTokenStore({ 'loc-1': { accessToken: 'at-1' }, 'loc-2': { accessToken: 'at-2' } });
    const main = new GHLClient({ locationId: 'loc-1', env: {}, tokenStore: store });
    const other = main.location('loc-2');
    expect(other).toBeInstanceOf(GHLClient);
    expect(other.locationId).toBe('loc-2');
    expect(other.tokenStore).toBe(store);

    const seen = searchEndpoint(() => HttpResponse.json({ contacts: [], total: 0 }));
    await other.contacts.search();
    await main.contacts.search();
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer at-2', 'Bearer at-1']);
    expect(seen.map((r) => (JSON.parse(r.text) as { locationId: string }).locationId)).toEqual(['loc-2', 'loc-1']);
  });

  it('refreshes and saves that location’s tokens under its own key', async () => {
    const { client, store } = oauthClient({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW + HOUR });
    await store.set('loc-2', { accessToken: 'old-2', refreshToken: 'rt-2', expiresAt: NOW - 1 });
    const tokenCalls = tokenEndpoint();
    const headers = await client.location('loc-2').tokens.authHeaders();
    expect(headers.Authorization).toBe('Bearer at-new-1');
    expect(new URLSearchParams(tokenCalls[0]?.text).get('refresh_token')).toBe('rt-2');
    expect(await store.get('loc-2')).toMatchObject({ accessToken: 'at-new-1', refreshToken: 'rt-new-1' });
    expect(await store.get('loc-1')).toEqual({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW + HOUR });
  });

  it('rejects an empty id', async () => {
    const error = await caught(() => pitClient().location(' '));
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toEqual(['locationId']);
  });
});

describe('ghl.rateLimit', () => {
  const RATE_HEADERS = {
    'X-RateLimit-Max': '100',
    'X-RateLimit-Remaining': '97',
    'X-RateLimit-Interval-Milliseconds': '10000',
    'X-RateLimit-Limit-Daily': '200000',
    'X-RateLimit-Daily-Remaining': '199990',
  };

  it('is undefined before the first response, then the parsed snapshot of the X-RateLimit-* headers', async () => {
    const client = pitClient({ now: () => NOW });
    expect(client.rateLimit).toBeUndefined();
    expect((await client.status()).rateLimit).toBeUndefined();
    searchEndpoint(() => HttpResponse.json({ contacts: [], total: 0 }, { headers: RATE_HEADERS }));
    await client.contacts.search();
    const expected = { max: 100, remaining: 97, intervalMs: 10_000, dailyLimit: 200_000, dailyRemaining: 199_990, at: NOW };
    expect(client.rateLimit).toEqual(expected);
    expect((await client.status()).rateLimit).toEqual(expected);
  });

  it('is fed by error responses too, and kept when a response carries no rate-limit headers', async () => {
    const client = pitClient({ now: () => NOW, retry: false });
    server.use(
      http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ statusCode: 403, message: 'no access' }, { status: 403, headers: { ...RATE_HEADERS, 'X-RateLimit-Remaining': '5' } }), { once: true }),
      http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c-1' } })),
    );
    await expect(client.contacts.get('c-1')).rejects.toBeInstanceOf(GHLForbiddenError);
    expect(client.rateLimit?.remaining).toBe(5);
    await client.contacts.get('c-1');
    expect(client.rateLimit?.remaining).toBe(5);
  });
});

describe('ghl.request', () => {
  it('sends method, path, query and a custom Version header, and returns the body', async () => {
    const seen: Captured[] = [];
    server.use(
      http.get(`${BASE}/calendars/`, async ({ request }) => {
        seen.push({ url: new URL(request.url), method: request.method, headers: request.headers, text: await request.text() });
        return HttpResponse.json({ calendars: [{ id: 'cal-1' }] });
      }),
    );
    const body = await pitClient().request<{ calendars: Array<{ id: string }> }>({
      method: 'GET',
      path: '/calendars/',
      query: { locationId: 'loc-1', ids: ['a', 'b'], limit: 5, deleted: false, skip: undefined, groupId: null },
      version: '2021-04-15',
    });
    expectTypeOf(body).toEqualTypeOf<{ calendars: Array<{ id: string }> }>();
    expect(body).toEqual({ calendars: [{ id: 'cal-1' }] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.pathname).toBe('/calendars/');
    expect(seen[0]?.url.search).toBe('?locationId=loc-1&ids=a&ids=b&limit=5&deleted=false');
    expect(seen[0]?.headers.get('version')).toBe('2021-04-15');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer at-1');
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
    expect(seen[0]?.text).toBe('');
  });

  it('sends a JSON body with the client version by default; a POST is not retried unless marked idempotent', async () => {
    const seen: Captured[] = [];
    server.use(
      http.post(`${BASE}/opportunities/search`, async ({ request }) => {
        seen.push({ url: new URL(request.url), method: request.method, headers: request.headers, text: await request.text() });
        return seen.length <= 2 ? HttpResponse.json({ message: 'down' }, { status: 503 }) : HttpResponse.json({ opportunities: [] });
      }),
    );
    const client = pitClient();
    await expect(client.request({ method: 'POST', path: '/opportunities/search', body: { q: 'x' } })).rejects.toBeInstanceOf(GHLServerError);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('version')).toBe('2021-07-28');
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(seen[0]?.text ?? '')).toEqual({ q: 'x' });

    await expect(client.request({ method: 'POST', path: '/opportunities/search', body: { q: 'y' }, idempotent: true })).resolves.toEqual({ opportunities: [] });
    expect(seen).toHaveLength(3);
  });

  it.each([
    ['an unknown method', { method: 'FETCH', path: '/x' }, ['method']],
    ['a lowercase method', { method: 'get', path: '/x' }, ['method']],
    ['a path without a leading slash', { method: 'GET', path: 'contacts/' }, ['path']],
    ['an absolute URL as path', { method: 'GET', path: 'https://evil.example/x' }, ['path']],
    ['both', { method: 'HEAD', path: '' }, ['method', 'path']],
  ])('rejects %s with GHLValidationError, sending nothing', async (_what, request, fields) => {
    const sent = countRequests();
    const error = await caught(() => pitClient().request(request as never));
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toEqual(fields);
    expect(sent.count).toBe(0);
  });
});

describe('ghl.status()', () => {
  it('reports a valid OAuth token without calling GHL', async () => {
    const sent = countRequests();
    const { client } = oauthClient({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW + HOUR });
    expect(await client.status()).toEqual({
      configured: true,
      missing: [],
      locationId: 'loc-1',
      baseUrl: 'https://services.leadconnectorhq.com',
      refreshPolicy: 'expiring',
      refreshable: true,
      tokenValid: true,
      refreshTokenRejected: false,
      expiresAt: NOW + HOUR,
      expiresInMs: HOUR,
      rateLimit: undefined,
    });
    expect(sent.count).toBe(0);
  });

  it('reports an expired OAuth token as not valid (and does not refresh it)', async () => {
    const sent = countRequests();
    const { client, store } = oauthClient({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW - 1000 }, { refreshPolicy: 'always' });
    expect(await client.status()).toMatchObject({ configured: true, refreshable: true, tokenValid: false, expiresAt: NOW - 1000, expiresInMs: -1000, refreshPolicy: 'always' });
    expect(await store.get('loc-1')).toMatchObject({ accessToken: 'at-1' });
    expect(sent.count).toBe(0);
  });

  it('an OAuth token with unknown expiry is not valid', async () => {
    const { client } = oauthClient({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(await client.status()).toMatchObject({ tokenValid: false, expiresAt: undefined, expiresInMs: undefined });
  });

  it('names the missing OAuth app settings for a refreshable token', async () => {
    const { client } = oauthClient({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW + HOUR }, { clientId: undefined, clientSecret: undefined });
    expect(await client.status()).toMatchObject({ configured: false, missing: ['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET'], tokenValid: true });
  });

  it('reports a Private Integration Token as configured, valid and not refreshable', async () => {
    expect(await pitClient().status()).toMatchObject({ configured: true, missing: [], refreshable: false, tokenValid: true, expiresAt: undefined, expiresInMs: undefined });
  });

  it('reports no tokens as not configured', async () => {
    const client = new GHLClient({ locationId: 'loc-1', env: {}, tokenStore: new MemoryTokenStore() });
    expect(await client.status()).toMatchObject({ configured: false, missing: ['GHL_REFRESH_TOKEN or GHL_ACCESS_TOKEN'], refreshable: false, tokenValid: false, expiresAt: undefined });
  });
});

describe('ghl.selfTest()', () => {
  it('runs config, token (a real refresh, saved) and api steps', async () => {
    const { client, store } = oauthClient({ accessToken: 'at-old', refreshToken: 'rt-old', expiresAt: NOW + HOUR });
    const tokenCalls = tokenEndpoint();
    const searches = searchEndpoint();
    const report = await client.selfTest();

    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.name, s.ok, s.ran])).toEqual([
      ['config', true, true],
      ['token', true, true],
      ['api', true, true],
    ]);
    expect(report.steps[2]?.detail).toContain('7');
    expect(tokenCalls).toHaveLength(1);
    const form = new URLSearchParams(tokenCalls[0]?.text);
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('refresh_token')).toBe('rt-old');
    expect(form.get('client_id')).toBe('client-1');
    expect(await store.get('loc-1')).toMatchObject({ accessToken: 'at-new-1', refreshToken: 'rt-new-1', expiresAt: NOW + 86_399_000 });
    expect(searches).toHaveLength(1);
    expect(searches[0]?.headers.get('authorization')).toBe('Bearer at-new-1');
    expect(JSON.parse(searches[0]?.text ?? '')).toEqual({ locationId: 'loc-1', pageLimit: 1 });
    for (const secret of ['at-new-1', 'rt-new-1', 'rt-old', 'secret-1']) expect(JSON.stringify(report)).not.toContain(secret);
  });

  it('uses a Private Integration Token as is', async () => {
    const sent = countRequests();
    searchEndpoint();
    const report = await pitClient().selfTest();
    expect(report.ok).toBe(true);
    expect(report.steps[1]?.detail).toMatch(/Private Integration Token/);
    expect(sent.urls).toEqual([`POST ${BASE}/contacts/search`]);
  });

  it('a failing token step marks the api step as not run', async () => {
    const { client } = oauthClient({ accessToken: 'at-old', refreshToken: 'rt-spent', expiresAt: NOW + HOUR });
    const tokenCalls = tokenEndpoint(() => HttpResponse.json({ error: 'invalid_grant', error_description: 'refresh token is invalid' }, { status: 400 }));
    const searches = searchEndpoint();
    const report = await client.selfTest();
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.name, s.ok, s.ran])).toEqual([
      ['config', true, true],
      ['token', false, true],
      ['api', false, false],
    ]);
    expect(report.steps[1]?.detail).toMatch(/GHLReauthRequiredError/);
    expect(tokenCalls).toHaveLength(1);
    expect(searches).toHaveLength(0);
  });

  it('a failing config step marks every later step as not run and sends nothing', async () => {
    const sent = countRequests();
    const client = new GHLClient({ locationId: 'loc-1', env: {}, tokenStore: new MemoryTokenStore() });
    const report = await client.selfTest();
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.name, s.ok, s.ran])).toEqual([
      ['config', false, true],
      ['token', false, false],
      ['api', false, false],
    ]);
    expect(report.steps[0]?.detail).toContain('GHL_REFRESH_TOKEN or GHL_ACCESS_TOKEN');
    expect(sent.count).toBe(0);
  });

  it('reports a failing api call without throwing', async () => {
    searchEndpoint(() => HttpResponse.json({ statusCode: 403, message: 'The token does not have access to this location.' }, { status: 403 }));
    const report = await pitClient().selfTest();
    expect(report.ok).toBe(false);
    expect(report.steps[2]).toMatchObject({ name: 'api', ok: false, ran: true });
    expect(report.steps[2]?.detail).toMatch(/GHLForbiddenError.*does not have access/);
  });
});

describe('ghl.tokens.authHeaders()', () => {
  it('returns Authorization, Version and Accept for the current token', async () => {
    const sent = countRequests();
    await expect(pitClient().tokens.authHeaders()).resolves.toEqual({ Authorization: 'Bearer at-1', Version: '2021-07-28', Accept: 'application/json' });
    expect(sent.count).toBe(0);
  });

  it('refreshes an expiring OAuth token first, once for concurrent callers', async () => {
    const { client, store } = oauthClient({ accessToken: 'at-old', refreshToken: 'rt-old', expiresAt: NOW + 60_000 }, { apiVersion: '2021-04-15' });
    const tokenCalls = tokenEndpoint();
    const all = await Promise.all([client.tokens.authHeaders(), client.tokens.authHeaders(), client.tokens.authHeaders()]);
    for (const headers of all) expect(headers).toEqual({ Authorization: 'Bearer at-new-1', Version: '2021-04-15', Accept: 'application/json' });
    expect(tokenCalls).toHaveLength(1);
    expect(await store.get('loc-1')).toMatchObject({ refreshToken: 'rt-new-1' });
  });
});

describe('per-call signal and timeout', () => {
  function slowGet(ms: number): { count: number } {
    const seen = { count: 0 };
    server.use(
      http.get(`${BASE}/contacts/:id`, async () => {
        seen.count += 1;
        if (seen.count === 1) await delay(ms);
        return HttpResponse.json({ contact: { id: 'c-1' } });
      }),
    );
    return seen;
  }

  it('an abort signal stops the call with GHLAbortError (not a timeout) and no retry', async () => {
    const seen = slowGet(1_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const error = await caught(() => pitClient().contacts.get('c-1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(error).not.toBeInstanceOf(GHLTimeoutError);
    expect((error as Error).message).toMatch(/aborted/);
    expect(performance.now() - started).toBeLessThan(500);
    expect(seen.count).toBe(1);
  });

  it('an already aborted signal fails at once', async () => {
    slowGet(1_000);
    const error = await caught(() => pitClient().contacts.get('c-1', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(GHLAbortError);
  });

  it('an already aborted signal while a refresh is needed starts no refresh and leaves no promise unhandled', async () => {
    const { client } = oauthClient({ accessToken: 'at-old', refreshToken: 'rt-spent', expiresAt: NOW - 1 });
    const tokenCalls = tokenEndpoint(() => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 }));
    const error = await caught(() => client.contacts.get('c-1', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(tokenCalls).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('a signal aborted while the refresh it started runs: the call gives up, the refresh fails later, and no promise is left unhandled', async () => {
    // The refresh goes on (other callers may share it) and fails after the caller left: nobody may
    // be left holding that rejection (test/setup.ts fails the test if so).
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const { client } = oauthClient(
      { accessToken: 'at-old', refreshToken: 'rt-spent', expiresAt: NOW - 1 },
      { logger: { debug: log, info: log, warn: log, error: log } },
    );
    const controller = new AbortController();
    const tokenCalls = tokenEndpoint(() => {
      controller.abort();
      return HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
    });
    const error = await caught(() => client.contacts.get('c-1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(GHLAbortError);
    await vi.waitFor(() => expect(lines.some((line) => line.includes('re-authenticate'))).toBe(true));
    expect(tokenCalls).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('a per-call timeoutMs gives GHLTimeoutError; a create is not replayed', async () => {
    let creates = 0;
    server.use(
      http.post(`${BASE}/contacts/`, async () => {
        creates += 1;
        await delay(1_000);
        return HttpResponse.json({ contact: { id: 'c-1' } }, { status: 201 });
      }),
    );
    const started = performance.now();
    const error = await caught(() => pitClient().contacts.create({ email: 'a@example.com' }, { timeoutMs: 50 }));
    expect(error).toBeInstanceOf(GHLTimeoutError);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect(error).toBeInstanceOf(GHLError);
    expect((error as Error).message).toMatch(/timed out after 50 ms/);
    expect((error as Error).message).toMatch(/not replayed/);
    expect(performance.now() - started).toBeLessThan(500);
    expect(creates).toBe(1);
  });

  it('the per-call timeoutMs overrides the client one; a timed-out GET is retried', async () => {
    const seen = slowGet(1_000);
    const client = pitClient({ timeoutMs: 10_000 });
    await expect(client.contacts.get('c-1', { timeoutMs: 50 })).resolves.toEqual({ id: 'c-1' });
    expect(seen.count).toBe(2);
  });

  it('the client timeoutMs applies when the call sets none', async () => {
    slowGet(1_000);
    const error = await caught(() => pitClient({ timeoutMs: 50, retry: false }).contacts.get('c-1'));
    expect(error).toBeInstanceOf(GHLTimeoutError);
  });
});

describe('printing the client never shows a secret', () => {
  /** Every string reachable from `root` through own properties (any key, enumerable or not), skipping the token store, which holds tokens by design. */
  function reachableStrings(root: unknown, skip: Set<unknown>): string[] {
    const seen = new Set<unknown>();
    const strings: string[] = [];
    const visit = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || skip.has(value)) return;
      seen.add(value);
      if (value instanceof Map) for (const entry of value) visit(entry);
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor && 'value' in descriptor) visit(descriptor.value);
      }
    };
    visit(root);
    return strings;
  }

  it('util.inspect, JSON.stringify and spread of the client and its parts, and everything reachable from them', async () => {
    const secrets = ['at-SECRET-current-1', 'rt-SECRET-current-1', 'cs-SECRET-client-1', 'at-new-1', 'rt-new-1'];
    tokenEndpoint();
    searchEndpoint();
    const { client, store } = oauthClient({ accessToken: 'at-SECRET-current-1', refreshToken: 'rt-SECRET-current-1', expiresAt: NOW - 1 }, { clientSecret: 'cs-SECRET-client-1' });
    await client.contacts.search(); // refreshed: the client now holds the rotated tokens too
    expect(await store.get('loc-1')).toMatchObject({ refreshToken: 'rt-new-1' });
    const parts: unknown[] = [client, client.tokens, client.oauth, client.api, client.contacts, client.sync, client.location('loc-2')];
    const printed = parts.flatMap((part) => [
      inspect(part, { depth: Infinity, showHidden: true, getters: true }),
      JSON.stringify(part) ?? '',
      inspect({ ...(part as object) }, { depth: Infinity, showHidden: true }),
      JSON.stringify({ ...(part as object) }),
      ...reachableStrings(part, new Set([store])),
    ]);
    expect(printed.join('\n')).toContain('GHLClient');
    for (const secret of secrets) expect(printed.join('\n')).not.toContain(secret);
    expect(Object.keys({ ...client }).sort()).toEqual(['api', 'contacts', 'locationId', 'locations', 'oauth', 'sync', 'tokenStore', 'tokens', 'users', 'workflows']);
  });
});
