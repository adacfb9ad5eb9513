import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { GHLAuthenticationError, GHLError, GHLReauthRequiredError } from '../../src/errors.js';
import type { TokenSet } from '../../src/auth/token-set.js';
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

