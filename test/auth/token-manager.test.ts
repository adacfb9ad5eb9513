import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { GHLClient } from '../../src/client.js';
import {
  GHLAuthenticationError,
  GHLConnectionError,
  GHLError,
  GHLReauthRequiredError,
  GHLResponseError,
  GHLServerError,
  GHLTokenStoreError,
} from '../../src/errors.js';
import type { TokenSet } from '../../src/auth/token-set.js';
import { FileTokenStore } from '../../src/stores/file.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import type { TokenStore } from '../../src/stores/token-store.js';
import { BASE, CLIENT_ID, CLIENT_SECRET, fakeGhl } from '../helpers/fake-ghl.js';
import { server } from '../msw.js';

const LOCATION = 'loc-1';
const HOUR = 3_600_000;

function expiredTokens(refreshToken = 'rt-0'): TokenSet {
  return { accessToken: 'at-expired', refreshToken, expiresAt: Date.now() - 1_000 };
}

function client(store: TokenStore, extra: Partial<ConstructorParameters<typeof GHLClient>[0]> = {}) {
  return new GHLClient({
    locationId: LOCATION,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenStore: store,
    env: {},
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    // Hundreds of concurrent calls against msw: pacing to GHL's window has its own tests.
    rateLimit: false,
    ...extra,
  });
}

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (message: string) => lines.push([level, message]);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('TokenManager: expiring policy', () => {
  it('1,000 concurrent calls on an expired token cause exactly one token request', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    const sdk = client(store);

    const results = await Promise.all(Array.from({ length: 1_000 }, (_, i) => sdk.contacts.get(`c${i}`)));

    expect(results).toHaveLength(1_000);
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.invalidGrants).toBe(0);
    expect(ghl.state.unauthorized).toBe(0);
    expect((await store.get(LOCATION))?.refreshToken).toBe(ghl.state.liveRefreshToken);
  });

  it('refreshes when less than refreshSkewMs is left, not before', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const live = ghl.issue();
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: live, refreshToken: 'rt-0', expiresAt: Date.now() + 6 * 60_000 } });
    const sdk = client(store);
    await sdk.contacts.get('c1');
    expect(ghl.state.tokenRequests).toBe(0);

    const nearExpiry = new MemoryTokenStore({ [LOCATION]: { accessToken: live, refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + 4 * 60_000 } });
    const fresh = client(nearExpiry, { refreshSkewMs: 300_000 });
    await fresh.contacts.get('c1');
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it('treats an unknown expiry with a refresh token as expired', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'at-old', refreshToken: 'rt-0' } });
    await client(store).contacts.get('c1');
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it('sends user_type with the refresh grant and keeps the previous refresh token when GHL sends none', async () => {
    const ghl = fakeGhl({ omitRefreshToken: true });
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    await client(store).contacts.get('c1');
    const form = ghl.state.forms[0];
    expect(form?.get('grant_type')).toBe('refresh_token');
    expect(form?.get('user_type')).toBe('Location');
    expect(form?.get('client_id')).toBe(CLIENT_ID);
    expect((await store.get(LOCATION))?.refreshToken).toBe('rt-0');
  });

  it('two clients over one store in one process share the refresh', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    const a = client(store);
    const b = client(store);
    await Promise.all([...Array.from({ length: 50 }, () => a.contacts.get('x')), ...Array.from({ length: 50 }, () => b.contacts.get('y'))]);
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it('uses a Private Integration Token (no refresh token) as is and never calls the token endpoint', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const pit = ghl.issue();
    const sdk = client(new MemoryTokenStore({ [LOCATION]: { accessToken: pit } }), { clientId: undefined, clientSecret: undefined });
    await sdk.contacts.get('c1');
    expect(ghl.state.tokenRequests).toBe(0);
    expect(ghl.state.authHeaders[0]).toBe(`Bearer ${pit}`);
  });

  it('with no tokens at all, says to run the OAuth flow', async () => {
    server.use(...fakeGhl().handlers);
    await expect(client(new MemoryTokenStore()).contacts.get('c1')).rejects.toThrow(/run the OAuth flow/);
  });
});

describe('TokenManager: always policy', () => {
  it('refreshes before every sequential call and never spends a refresh token twice', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'x', refreshToken: 'rt-0', expiresAt: Date.now() + HOUR } });
    const sdk = client(store, { refreshPolicy: 'always' });
    for (let i = 0; i < 10; i += 1) await sdk.contacts.get(`c${i}`);
    expect(ghl.state.tokenRequests).toBe(10);
    expect(ghl.state.invalidGrants).toBe(0);
    const spent = ghl.state.forms.map((form) => form.get('refresh_token'));
    expect(new Set(spent).size).toBe(spent.length);
  });

  it('concurrent calls share one refresh', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'x', refreshToken: 'rt-0', expiresAt: Date.now() + HOUR } });
    const sdk = client(store, { refreshPolicy: 'always' });
    await Promise.all(Array.from({ length: 1_000 }, (_, i) => sdk.contacts.get(`c${i}`)));
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.invalidGrants).toBe(0);
    expect((await store.get(LOCATION))?.refreshToken).toBe(ghl.state.liveRefreshToken);
  });
});

describe('TokenManager: 401 handling', () => {
  it('a 401 triggers one refresh and one replay', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    // Valid by its expiry, but GHL no longer accepts it (revoked server-side).
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'at-revoked', refreshToken: 'rt-0', expiresAt: Date.now() + HOUR } });
    const contact = await client(store).contacts.get('c1');
    expect(contact.id).toBe('c1');
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.apiRequests).toBe(2);
    expect(ghl.state.unauthorized).toBe(1);
  });

  it('concurrent 401s on the same token refresh once', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'at-revoked', refreshToken: 'rt-0', expiresAt: Date.now() + HOUR } });
    const sdk = client(store);
    await Promise.all(Array.from({ length: 100 }, (_, i) => sdk.contacts.get(`c${i}`)));
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.invalidGrants).toBe(0);
  });

  it('a second 401 after the refresh is a GHLAuthenticationError, logged as such', async () => {
    const ghl = fakeGhl();
    server.use(http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ statusCode: 401, message: 'Invalid JWT' }, { status: 401 })), ...ghl.handlers);
    const { lines, logger } = recordingLogger();
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'at-revoked', refreshToken: 'rt-0', expiresAt: Date.now() + HOUR } });
    const error = await client(store, { logger }).contacts.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAuthenticationError);
    expect((error as GHLAuthenticationError).status).toBe(401);
    expect(ghl.state.tokenRequests).toBe(1);
    expect(lines).toContainEqual(['error', 'Still getting 401 after token refresh - may need to re-authenticate']);
  });

  it('a 401 for a token that is no longer current replays with the current one without refreshing', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const current = ghl.issue();
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'at-stale-cached', refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + HOUR } });
    const sdk = client(store);
    // The client caches the stale token; then another process refreshes and writes the store.
    await sdk.tokens.getAccessToken();
    await store.set(LOCATION, { accessToken: current, refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + HOUR });
    await sdk.contacts.get('c1');
    expect(ghl.state.tokenRequests).toBe(0);
    expect(ghl.state.authHeaders).toEqual(['Bearer at-stale-cached', `Bearer ${current}`]);
  });

  it('a 401 with a Private Integration Token is final: no token request', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const sdk = client(new MemoryTokenStore({ [LOCATION]: { accessToken: 'pit-revoked' } }));
    await expect(sdk.contacts.get('c1')).rejects.toBeInstanceOf(GHLAuthenticationError);
    expect(ghl.state.tokenRequests).toBe(0);
    expect(ghl.state.apiRequests).toBe(1);
  });
});

describe('TokenManager: refresh failures', () => {
  it('a revoked refresh token gives GHLReauthRequiredError after a single token request', async () => {
    const ghl = fakeGhl({ refreshToken: 'rt-live' });
    server.use(...ghl.handlers);
    const { lines, logger } = recordingLogger();
    const sdk = client(new MemoryTokenStore({ [LOCATION]: expiredTokens('rt-revoked') }), { logger });
    const error = await sdk.contacts.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLReauthRequiredError);
    expect((error as Error).message).toMatch(/Re-run the OAuth flow/);
    expect((error as Error).message).toMatch(/invalid/i);
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.apiRequests).toBe(0);
    expect(lines.some(([level, line]) => level === 'error' && line.includes('may need to re-authenticate'))).toBe(true);
  });

  it('retries the token endpoint on 5xx and network errors', async () => {
    const ghl = fakeGhl();
    let failures = 0;
    server.use(
      http.post(`${BASE}/oauth/token`, () => {
        failures += 1;
        if (failures === 1) return HttpResponse.json({ message: 'down' }, { status: 503 });
        if (failures === 2) return HttpResponse.error();
        return undefined;
      }),
      ...ghl.handlers,
    );
    await client(new MemoryTokenStore({ [LOCATION]: expiredTokens() })).contacts.get('c1');
    expect(failures).toBe(3);
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it('when someone else rotated the token meanwhile, re-reads the store instead of failing', async () => {
    const ghl = fakeGhl({ refreshToken: 'rt-0' });
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens('rt-0') });
    // A process without a lock refreshes right after our in-lock re-read: our rt-0 is now spent.
    let reads = 0;
    const racingStore: TokenStore = {
      get: async (key) => {
        const value = await store.get(key);
        reads += 1;
        if (reads === 2) {
          const other = client(new MemoryTokenStore({ [LOCATION]: expiredTokens('rt-0') }));
          const rotated = await other.tokens.refresh();
          await store.set(LOCATION, rotated);
        }
        return value;
      },
      set: (key, tokens) => store.set(key, tokens),
    };
    await client(racingStore).contacts.get('c1');
    expect(ghl.state.invalidGrants).toBe(1);
    expect(ghl.state.tokenRequests).toBe(2);
  });

  it('if the store cannot save rotated tokens, the caller gets an error and the tokens are kept in memory', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    let failSet = true;
    const flaky: TokenStore = {
      get: (key) => store.get(key),
      set: async (key, tokens) => {
        if (failSet) throw new Error('disk full');
        await store.set(key, tokens);
      },
    };
    const { lines, logger } = recordingLogger();
    const sdk = client(flaky, { logger });

    const error = await sdk.contacts.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLError);
    expect((error as Error).message).toMatch(/could not save them; they are kept in memory/);
    expect(lines.some(([level, line]) => level === 'error' && line.includes('kept in memory'))).toBe(true);

    // The next call uses the in-memory tokens: no second refresh with the spent refresh token.
    await sdk.contacts.get('c2');
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.invalidGrants).toBe(0);

    // Once the store works again, the next refresh saves the kept tokens first, then the new ones.
    failSet = false;
    await sdk.tokens.refresh();
    expect(ghl.state.invalidGrants).toBe(0);
    expect((await store.get(LOCATION))?.refreshToken).toBe(ghl.state.liveRefreshToken);
  });

  it('persists the rotated tokens before any caller receives the new access token', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    const events: string[] = [];
    const slowStore: TokenStore = {
      get: (key) => store.get(key),
      set: async (key, tokens) => {
        events.push('set:start');
        await new Promise((resolve) => setTimeout(resolve, 20));
        await store.set(key, tokens);
        events.push('set:done');
      },
    };
    server.use(
      http.get(`${BASE}/contacts/:id`, () => {
        events.push('api');
        return undefined;
      }),
    );
    await client(slowStore).contacts.get('c1');
    expect(events).toEqual(['set:start', 'set:done', 'api']);
  });

  it('calls onTokensRefreshed after saving; a failing hook is logged, not thrown', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    const seen: Array<[string, string | undefined]> = [];
    const { lines, logger } = recordingLogger();
    const sdk = client(store, {
      logger,
      onTokensRefreshed: async (tokens, key) => {
        seen.push([key, (await store.get(key))?.refreshToken]);
        expect(tokens.refreshToken).toBe(ghl.state.liveRefreshToken);
        throw new Error('hook broke');
      },
    });
    await sdk.contacts.get('c1');
    expect(seen).toEqual([[LOCATION, ghl.state.liveRefreshToken]]);
    expect(lines.some(([level, line]) => level === 'warn' && line.includes('onTokensRefreshed hook failed'))).toBe(true);
    expect(lines.some(([level, line]) => level === 'info' && line.includes('GHL token refreshed proactively before API call'))).toBe(true);
  });
});

describe('TokenManager: cross-process lock', () => {
  it('runs the refresh inside store.withLock and re-reads the store inside it', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    const fresh = ghl.issue();
    let locks = 0;
    const locking: TokenStore = {
      get: (key) => store.get(key),
      set: (key, tokens) => store.set(key, tokens),
      withLock: async (key, fn) => {
        locks += 1;
        // Another process held the lock and refreshed while we waited for it.
        await store.set(key, { accessToken: fresh, refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + HOUR });
        return fn();
      },
    };
    await client(locking).contacts.get('c1');
    expect(locks).toBe(1);
    expect(ghl.state.tokenRequests).toBe(0);
    expect(ghl.state.authHeaders).toEqual([`Bearer ${fresh}`]);
  });

  it('rejects malformed stored tokens with a clear error', async () => {
    const broken: TokenStore = { get: async () => ({ refreshToken: 5 }) as unknown as TokenSet, set: vi.fn() };
    await expect(client(broken).contacts.get('c1')).rejects.toThrow(/malformed tokens for "loc-1"/);
  });
});

describe('TokenManager: status and headers', () => {
  it('reports status without refreshing and builds auth headers', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const expiresAt = Date.now() + HOUR;
    const live = ghl.issue();
    const sdk = client(new MemoryTokenStore({ [LOCATION]: { accessToken: live, refreshToken: 'rt-0', expiresAt } }));
    const status = await sdk.tokens.status();
    expect(status).toMatchObject({ key: LOCATION, hasTokens: true, refreshable: true, accessTokenValid: true, expiresAt });
    expect(JSON.stringify(status)).not.toContain(live);
    expect(await sdk.tokens.authHeaders()).toEqual({ Authorization: `Bearer ${live}`, Version: '2021-07-28', Accept: 'application/json' });
    expect(ghl.state.tokenRequests).toBe(0);
  });
});

describe('TokenManager: hooks and re-entrancy', () => {
  it('an onTokensRefreshed hook may call the SDK without deadlocking (expiring and always)', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    for (const refreshPolicy of ['expiring', 'always'] as const) {
      let depth = 0;
      const sdk: GHLClient = client(new MemoryTokenStore({ [LOCATION]: expiredTokens(ghl.state.liveRefreshToken) }), {
        refreshPolicy,
        onTokensRefreshed: async () => {
          depth += 1;
          // A refresh inside the hook fires the hook again: stop after one level.
          if (depth === 1) {
            await sdk.contacts.get('from-hook');
            await sdk.tokens.refresh();
          }
        },
      });
      await expect(sdk.contacts.get('c1')).resolves.toMatchObject({ id: 'c1' });
      expect(depth).toBeGreaterThanOrEqual(2);
    }
    expect(ghl.state.invalidGrants).toBe(0);
  });

  it('tokens.refresh() always rotates, even when a refresh that will find the tokens fresh is in flight', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const live = ghl.issue();
    const inner = new MemoryTokenStore({ [LOCATION]: { accessToken: live, refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + HOUR } });
    let releaseReRead: () => void = () => {};
    let reads = 0;
    const store: TokenStore = {
      get: async (key) => {
        reads += 1;
        // First read: what this process last saw (expired). The re-read inside the lock: what
        // another process has saved since (fresh), delivered once the forced refresh is queued.
        if (reads === 1) return expiredTokens(ghl.state.liveRefreshToken);
        if (reads === 2) await new Promise<void>((resolve) => (releaseReRead = resolve));
        return inner.get(key);
      },
      set: (key, tokens) => inner.set(key, tokens),
    };
    const sdk = client(store);
    const stale = sdk.tokens.getAccessToken();
    await vi.waitFor(() => expect(reads).toBe(2));
    const forced = sdk.tokens.refresh();
    releaseReRead();
    expect(await stale).toBe(live);
    const tokens = await forced;
    expect(tokens.accessToken).not.toBe(live);
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.invalidGrants).toBe(0);
  });

  it('tokens that could not be saved are saved by a later call, not only at the next refresh', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const inner = new MemoryTokenStore({ [LOCATION]: expiredTokens() });
    let failSet = true;
    const flaky: TokenStore = {
      get: (key) => inner.get(key),
      set: async (key, tokens) => {
        if (failSet) throw new Error('store down');
        await inner.set(key, tokens);
      },
    };
    let now = Date.now();
    const sdk = client(flaky, { now: () => now });
    await expect(sdk.contacts.get('c1')).rejects.toThrow(/could not save them/);
    failSet = false;
    now += 10_000;
    await sdk.contacts.get('c2');
    await vi.waitFor(async () => expect((await inner.get(LOCATION))?.refreshToken).toBe(ghl.state.liveRefreshToken));
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it("an expired token without a refresh token is GHLReauthRequiredError under 'expiring' too", async () => {
    server.use(...fakeGhl().handlers);
    const sdk = client(new MemoryTokenStore({ [LOCATION]: { accessToken: 'pit-old', expiresAt: Date.now() - 1 } }));
    await expect(sdk.contacts.get('c1')).rejects.toBeInstanceOf(GHLReauthRequiredError);
  });
});


/** A token endpoint that answers `body` (raw JSON text, so non-finite numbers like 1e400 can be sent) to the first request. */
function oddTokenResponse(body: string) {
  let answered = false;
  server.use(
    http.post(`${BASE}/oauth/token`, () => {
      if (answered) return undefined;
      answered = true;
      return new HttpResponse(body, { headers: { 'content-type': 'application/json' } });
    }),
    http.get(`${BASE}/contacts/:id`, ({ params }) => HttpResponse.json({ contact: { id: String(params['id']) } })),
  );
}

describe('TokenManager: an odd token response never throws away the rotated refresh token', () => {
  const NOW = 1_750_000_000_000;
  const DAY_MS = 86_400_000;

  it.each([
    ['scope is an array', '"scope":["contacts.readonly","contacts.write"],"expires_in":86399', 'scope', NOW + 86_399_000],
    ['expires_in is a string', '"expires_in":"86399"', 'expires_in', NOW + 86_399_000],
    ['expires_in is null', '"expires_in":null', 'expires_in', NOW + DAY_MS],
    ['expires_in is missing', '"scope":"contacts.readonly"', 'expires_in', NOW + DAY_MS],
    ['expires_in is huge', '"expires_in":1e300', 'expires_in', NOW + DAY_MS],
    ['expires_in is not finite', '"expires_in":1e400', 'expires_in', NOW + DAY_MS],
    ['expires_in is zero', '"expires_in":0', 'expires_in', NOW + DAY_MS],
    ['expires_in is negative', '"expires_in":-30', 'expires_in', NOW + DAY_MS],
    ['userType is null', '"userType":null,"expires_in":86399', undefined, NOW + 86_399_000],
    ['userType is unknown', '"userType":"Agency","expires_in":86399', 'userType', NOW + 86_399_000],
    ['locationId is a number', '"locationId":42,"expires_in":86399', 'locationId', NOW + 86_399_000],
  ])('when %s: the new tokens are saved, expiresAt is sane, the oddity is logged', async (_what, fields, loggedField, expiresAt) => {
    oddTokenResponse(`{"access_token":"at-new","refresh_token":"rt-new",${fields}}`);
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: 'at-old', refreshToken: 'rt-old', expiresAt: NOW - 1 } });
    const { lines, logger } = recordingLogger();
    await expect(client(store, { logger, now: () => NOW }).contacts.get('c1')).resolves.toMatchObject({ id: 'c1' });
    const saved = await store.get(LOCATION);
    expect(saved).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-new', expiresAt });
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
    const odd = lines.filter(([level, line]) => level === 'warn' && line.includes('odd fields'));
    if (loggedField) expect(odd.map(([, line]) => line).join('\n')).toContain(loggedField);
    else expect(odd).toEqual([]);
    expect(lines.map(([, line]) => line).join('\n')).not.toMatch(/at-new|rt-new|rt-old/);
  });

  it('a non-finite expires_in leaves a JSON token file every later process can read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghl-odd-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'tokens.json');
    await new FileTokenStore({ path }).set(LOCATION, expiredTokens('rt-old'));
    oddTokenResponse('{"access_token":"at-new","refresh_token":"rt-new","expires_in":1e400}');
    await client(new FileTokenStore({ path })).contacts.get('c1');
    const later = client(new FileTokenStore({ path }));
    await expect(later.tokens.status()).resolves.toMatchObject({ hasTokens: true, accessTokenValid: true });
    await expect(later.tokens.getAccessToken()).resolves.toBe('at-new');
  });

  it('a stored expiresAt of null (what a non-finite expiry became in JSON) is read as unknown: refreshed, not "malformed"', async () => {
    const ghl = fakeGhl({ refreshToken: 'rt-live' });
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore();
    const legacy: TokenStore = { get: async () => ({ accessToken: 'at-old', refreshToken: 'rt-live', expiresAt: null }) as unknown as TokenSet, set: (key, tokens) => store.set(key, tokens) };
    await expect(client(legacy).contacts.get('c1')).resolves.toMatchObject({ id: 'c1' });
    expect(ghl.state.tokenRequests).toBe(1);
    expect((await store.get(LOCATION))?.refreshToken).toBe(ghl.state.liveRefreshToken);
  });
});

describe('TokenManager: after invalid_grant the dead refresh token is never sent again', () => {
  it('later calls, tokens.refresh() and other clients fail fast without a token request until the store holds new tokens', async () => {
    const ghl = fakeGhl({ refreshToken: 'rt-live' });
    server.use(...ghl.handlers);
    const inner = new MemoryTokenStore({ [LOCATION]: expiredTokens('rt-dead') });
    let reads = 0;
    const store: TokenStore = {
      get: (key) => {
        reads += 1;
        return inner.get(key);
      },
      set: (key, tokens) => inner.set(key, tokens),
    };
    const { lines, logger } = recordingLogger();
    const sdk = client(store, { logger });
    await expect(sdk.contacts.get('c1')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect(ghl.state.tokenRequests).toBe(1);

    const readsBefore = reads;
    for (const attempt of [() => sdk.contacts.get('c2'), () => sdk.tokens.refresh(), () => sdk.tokens.getAccessToken(), () => client(store).contacts.get('c3')]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GHLReauthRequiredError);
      expect((error as Error).message).toMatch(/re-run the OAuth flow/);
    }
    expect(ghl.state.tokenRequests).toBe(1);
    expect(reads).toBeGreaterThan(readsBefore); // it looked at the store each time
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);

    // Someone re-ran the OAuth flow: the store changed, and calls work again.
    const fresh = ghl.issue();
    await inner.set(LOCATION, { accessToken: fresh, refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + HOUR });
    await expect(sdk.contacts.get('c4')).resolves.toMatchObject({ id: 'c4' });
    expect(ghl.state.authHeaders.at(-1)).toBe(`Bearer ${fresh}`);
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it('notes the rejection in the store, so another process does not send the dead token either', async () => {
    const ghl = fakeGhl({ refreshToken: 'rt-live' });
    server.use(...ghl.handlers);
    const shared = new MemoryTokenStore({ [LOCATION]: expiredTokens('rt-dead') });
    // Two store objects over one storage: what two processes sharing a file or Redis look like.
    const processA: TokenStore = { get: (key) => shared.get(key), set: (key, tokens) => shared.set(key, tokens) };
    const processB: TokenStore = { get: (key) => shared.get(key), set: (key, tokens) => shared.set(key, tokens) };
    await expect(client(processA).contacts.get('c1')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect((await shared.get(LOCATION))?.refreshTokenRejectedAt).toEqual(expect.any(Number));

    const { lines, logger } = recordingLogger();
    const other = client(processB, { logger });
    await expect(other.contacts.get('c2')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    await expect(other.tokens.status()).resolves.toMatchObject({ refreshTokenRejected: true, accessTokenValid: false });
    expect(ghl.state.tokenRequests).toBe(1);
    expect(lines.filter(([level, line]) => level === 'error' && line.includes('noted in the token store'))).toHaveLength(1);
  });

  it('does not note it when GHL blamed the app (invalid_client), nor over tokens deleted meanwhile', async () => {
    server.use(...fakeGhl({ refreshToken: 'rt-live' }).handlers);
    const store = new MemoryTokenStore({ [LOCATION]: expiredTokens('rt-live') });
    await expect(client(store, { clientSecret: 'not-the-secret' }).contacts.get('c1')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect((await store.get(LOCATION))?.refreshTokenRejectedAt).toBeUndefined();

    // An uninstall deleted the tokens while the refresh was failing: the marker must not bring them back.
    let reads = 0;
    const sets: TokenSet[] = [];
    const uninstalled: TokenStore = {
      get: async () => ((reads += 1) === 1 ? expiredTokens('rt-dead') : null),
      set: async (_key, tokens) => {
        sets.push(tokens);
      },
    };
    await expect(client(uninstalled).contacts.get('c1')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect(sets).toEqual([]);
  });
});

describe("TokenManager: the original integration's fallback when a refresh fails", () => {
  const NOW = 1_750_000_000_000;

  function liveSetup(options: { expiresInMs: number; refreshPolicy?: 'expiring' | 'always'; timeoutMs?: number }) {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const current = ghl.issue();
    const store = new MemoryTokenStore({ [LOCATION]: { accessToken: current, refreshToken: ghl.state.liveRefreshToken, expiresAt: NOW + options.expiresInMs } });
    const clock = { now: NOW };
    const { lines, logger } = recordingLogger();
    const sdk = client(store, { logger, now: () => clock.now, refreshPolicy: options.refreshPolicy ?? 'expiring', timeoutMs: options.timeoutMs ?? 30_000 });
    return { ghl, current, store, clock, lines, sdk };
  }

  /** The token endpoint fails as `kind` while `down.value` is true, then answers normally. */
  function failingTokenEndpoint(kind: '503' | '429' | 'network' | 'timeout') {
    const down = { value: true, attempts: 0 };
    server.use(
      http.post(`${BASE}/oauth/token`, async () => {
        if (!down.value) return undefined;
        down.attempts += 1;
        if (kind === '503') return HttpResponse.json({ message: 'unavailable' }, { status: 503 });
        if (kind === '429') return HttpResponse.json({ message: 'slow down' }, { status: 429 });
        if (kind === 'network') return HttpResponse.error();
        await delay(1_000);
        return HttpResponse.json({ message: 'too late' }, { status: 504 });
      }),
    );
    return down;
  }

  it.each(['503', '429', 'network', 'timeout'] as const)(
    "under 'always', a token endpoint failing with %s does not fail calls while the access token is valid",
    async (kind) => {
      const { ghl, current, store, clock, lines, sdk } = liveSetup({ expiresInMs: HOUR, refreshPolicy: 'always', timeoutMs: 50 });
      const down = failingTokenEndpoint(kind);

      await expect(sdk.contacts.get('c1')).resolves.toMatchObject({ id: 'c1' });
      await expect(sdk.contacts.get('c2')).resolves.toMatchObject({ id: 'c2' });
      expect(ghl.state.authHeaders).toEqual([`Bearer ${current}`, `Bearer ${current}`]);
      const warnings = lines.filter(([level]) => level === 'warn').map(([, line]) => line);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/Failed to refresh token proactively.*using the current access token.*2025-06-15T16:06:40.000Z/);
      expect(warnings[0]).not.toContain(current);
      const attemptsDuringOutage = down.attempts;
      expect(attemptsDuringOutage).toBeGreaterThan(0);

      // A later call tries the refresh again; once the endpoint is back, the tokens rotate.
      down.value = false;
      clock.now += 31_000;
      await sdk.contacts.get('c3');
      expect(ghl.state.tokenRequests).toBe(1);
      expect(ghl.state.authHeaders.at(-1)).not.toBe(`Bearer ${current}`);
      expect((await store.get(LOCATION))?.refreshToken).toBe(ghl.state.liveRefreshToken);
    },
  );

  it("under 'expiring', inside the refresh skew, a network failure falls back too; once the token has expired it does not", async () => {
    const { ghl, current, clock, sdk } = liveSetup({ expiresInMs: 2 * 60_000 });
    failingTokenEndpoint('network');
    await expect(sdk.contacts.get('c1')).resolves.toMatchObject({ id: 'c1' });
    expect(ghl.state.authHeaders).toEqual([`Bearer ${current}`]);

    clock.now += 3 * 60_000;
    const error = await sdk.contacts.get('c2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect(ghl.state.authHeaders).toHaveLength(1);
  });

  it('tokens.refresh() and a 401 never fall back: they need a new token', async () => {
    const { sdk } = liveSetup({ expiresInMs: HOUR });
    failingTokenEndpoint('503');
    await expect(sdk.tokens.refresh()).rejects.toBeInstanceOf(GHLServerError);
    // GHL refuses the (unexpired) access token: falling back to it would only repeat the 401.
    server.use(http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ message: 'Invalid JWT' }, { status: 401 })));
    await expect(sdk.contacts.get('c1')).rejects.toBeInstanceOf(GHLServerError);
  });

  it('a dead refresh token with a valid access token: calls go on, one error names the deadline, status reports it, expiry ends it', async () => {
    const { ghl, current, clock, lines, sdk } = liveSetup({ expiresInMs: HOUR, refreshPolicy: 'always' });
    ghl.state.liveRefreshToken = 'rt-someone-else'; // ours is now dead: invalid_grant

    for (const id of ['c1', 'c2', 'c3']) await expect(sdk.contacts.get(id)).resolves.toMatchObject({ id });
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.invalidGrants).toBe(1);
    expect(ghl.state.authHeaders).toEqual([`Bearer ${current}`, `Bearer ${current}`, `Bearer ${current}`]);
    const errors = lines.filter(([level]) => level === 'error').map(([, line]) => line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/may need to re-authenticate.*until 2025-06-15T16:06:40.000Z; re-run the OAuth flow before then/);
    await expect(sdk.status()).resolves.toMatchObject({ tokenValid: true, refreshTokenRejected: true, expiresAt: NOW + HOUR });

    clock.now += HOUR;
    await expect(sdk.contacts.get('c4')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.authHeaders).toHaveLength(3);
  });
});

describe('TokenManager: token store failures are GHLTokenStoreError', () => {
  const STORED_RT = 'rt-SECRET-kept-in-store';

  it.each(['get', 'set', 'withLock'] as const)('a custom store whose %s throws (echoing a token it holds)', async (method) => {
    const ghl = fakeGhl({ refreshToken: STORED_RT });
    server.use(...ghl.handlers);
    const inner = new MemoryTokenStore({ [LOCATION]: expiredTokens(STORED_RT) });
    let reads = 0;
    const store: TokenStore = {
      // The first read works (the client now knows the tokens); the re-read inside the lock fails.
      get: (key) => ((reads += 1) > 1 && method === 'get' ? Promise.reject(new Error(`connection lost while reading ${STORED_RT}`)) : inner.get(key)),
      set: (key, tokens) => (method === 'set' ? Promise.reject(new Error(`cannot write ${JSON.stringify(tokens)} (${tokens.refreshToken})`)) : inner.set(key, tokens)),
      withLock: (key, fn) => (method === 'withLock' ? Promise.reject(new TypeError('lock service down')) : fn()),
    };
    const error = await client(store).contacts.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect((error as GHLTokenStoreError).operation).toBe(method === 'withLock' ? 'lock' : method);
    expect((error as GHLTokenStoreError).key).toBe(LOCATION);
    expect((error as Error).cause).toBeInstanceOf(Error);
    const printed = `${(error as Error).message}\n${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}`;
    for (const secret of [STORED_RT, ghl.state.liveRefreshToken, ...ghl.state.liveAccessTokens]) expect(printed).not.toContain(secret);
  });

  it('malformed stored tokens are a GHLTokenStoreError naming the fields, not a GHLResponseError', async () => {
    const broken: TokenStore = { get: async () => ({ refreshToken: 5 }) as unknown as TokenSet, set: vi.fn() };
    const error = await client(broken).contacts.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect(error).not.toBeInstanceOf(GHLResponseError);
    expect((error as Error).message).toMatch(/malformed tokens for "loc-1" \(accessToken, refreshToken\)/);
  });
});
