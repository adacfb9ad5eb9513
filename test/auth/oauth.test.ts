import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { GHLAbortError, GHLConfigError, GHLRateLimitError, GHLReauthRequiredError, GHLServerError, GHLValidationError } from '../../src/errors.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { BASE, CLIENT_ID, CLIENT_SECRET, fakeGhl } from '../helpers/fake-ghl.js';
import { server } from '../msw.js';

function client(extra: Partial<ConstructorParameters<typeof GHLClient>[0]> = {}) {
  return new GHLClient({
    locationId: 'loc-1',
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenStore: new MemoryTokenStore(),
    env: {},
    retry: { retries: 2, minDelayMs: 1 },
    ...extra,
  });
}

describe('oauth.authorizationUrl', () => {
  it('builds the v2 chooselocation URL with a random state by default', () => {
    const { url, state } = client().oauth.authorizationUrl({ scopes: ['contacts.readonly', 'contacts.write'], redirectUri: 'https://app.example/cb' });
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://marketplace.gohighlevel.com/v2/oauth/chooselocation');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      response_type: 'code',
      redirect_uri: 'https://app.example/cb',
      client_id: CLIENT_ID,
      scope: 'contacts.readonly contacts.write',
      state,
    });
    expect(state).toMatch(/^[0-9a-f-]{36}$/);
    expect(client().oauth.authorizationUrl({ scopes: ['a'], redirectUri: 'https://x.example' }).state).not.toBe(state);
  });

  it('supports the white-label host, a given state and loginWindowOpenMode', () => {
    const sdk = client({ authorizationBaseUrl: 'https://marketplace.leadconnectorhq.com', redirectUri: 'https://app.example/cb' });
    const { url, state } = sdk.oauth.authorizationUrl({ scopes: ['contacts.readonly'], state: 'csrf-1', loginWindowOpenMode: 'self' });
    expect(url.startsWith('https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation?')).toBe(true);
    expect(state).toBe('csrf-1');
    expect(new URL(url).searchParams.get('loginWindowOpenMode')).toBe('self');
  });

  it('names what is missing', () => {
    expect(() => client().oauth.authorizationUrl({ scopes: [] })).toThrow(GHLValidationError);
    expect(() => client().oauth.authorizationUrl({ scopes: [] })).toThrow(/scopes.*redirectUri/);
    expect(() => client({ clientId: undefined }).oauth.authorizationUrl({ scopes: ['a'], redirectUri: 'https://x.example' })).toThrow(GHLConfigError);
  });
});

describe('oauth.exchangeCode', () => {
  it('exchanges the code (form-encoded) and saves the tokens before returning', async () => {
    const ghl = fakeGhl();
    server.use(...ghl.handlers);
    const store = new MemoryTokenStore();
    const sdk = client({ tokenStore: store, redirectUri: 'https://app.example/cb' });
    const tokens = await sdk.oauth.exchangeCode('code-1');
    const form = ghl.state.forms[0];
    expect(form?.get('grant_type')).toBe('authorization_code');
    expect(form?.get('code')).toBe('code-1');
    expect(form?.get('redirect_uri')).toBe('https://app.example/cb');
    expect(tokens.key).toBe('loc-1');
    expect(await store.get('loc-1')).toMatchObject({ accessToken: tokens.accessToken, refreshToken: ghl.state.liveRefreshToken, userType: 'Location', locationId: 'loc-1' });
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 86_000_000);
    // The saved tokens serve the next call without another token request.
    await sdk.contacts.get('c1');
    expect(ghl.state.tokenRequests).toBe(1);
  });

  it('saves under the location GHL installed to', async () => {
    server.use(
      http.post(`${BASE}/oauth/token`, () => HttpResponse.json({ access_token: 'at-x', refresh_token: 'rt-x', expires_in: 86_399, locationId: 'loc-other', userType: 'Location' })),
    );
    const store = new MemoryTokenStore();
    const tokens = await client({ tokenStore: store }).oauth.exchangeCode('code-2');
    expect(tokens.key).toBe('loc-other');
    expect(await store.get('loc-other')).toMatchObject({ accessToken: 'at-x', refreshToken: 'rt-x' });
    expect(await store.get('loc-1')).toBeNull();
  });

  it('a rejected code is GHLReauthRequiredError without retries', async () => {
    let calls = 0;
    server.use(http.post(`${BASE}/oauth/token`, () => {
      calls += 1;
      return HttpResponse.json({ error: 'invalid_grant', error_description: 'code expired' }, { status: 400 });
    }));
    await expect(client().oauth.exchangeCode('old')).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect(calls).toBe(1);
  });

  it('validates the code and the credentials before sending', async () => {
    await expect(client().oauth.exchangeCode('')).rejects.toBeInstanceOf(GHLValidationError);
    const error = await client({ clientSecret: undefined, clientId: undefined }).oauth.exchangeCode('c').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as GHLConfigError).missing).toEqual(['GHL_CLIENT_ID (clientId)', 'GHL_CLIENT_SECRET (clientSecret)']);
  });

  it('a token response without access_token is a clear error', async () => {
    server.use(http.post(`${BASE}/oauth/token`, () => HttpResponse.json({ token_type: 'Bearer' })));
    await expect(client().oauth.exchangeCode('c')).rejects.toThrow(/without a usable access_token/);
  });
});

describe('the token endpoint on p-retry', () => {
  const tokens = () => HttpResponse.json({ access_token: 'at-new-abcdefgh', refresh_token: 'rt-new-abcdefgh', expires_in: 86_399, locationId: 'loc-1', userType: 'Location' });

  it('a 429 waits its Retry-After before the next attempt', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const at: number[] = [];
    server.use(http.post(`${BASE}/oauth/token`, () => {
      at.push(Date.now());
      return at.length === 1 ? HttpResponse.json({ message: 'Too Many Requests' }, { status: 429, headers: { 'Retry-After': '5' } }) : tokens();
    }));
    const pending = client({ retry: { retries: 2, minDelayMs: 100 } }).oauth.exchangeCode('code-abcdefgh');
    await vi.advanceTimersByTimeAsync(4_990);
    expect(at).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    await expect(pending).resolves.toMatchObject({ accessToken: 'at-new-abcdefgh' });
    expect((at[1] as number) - (at[0] as number)).toBe(5_000);
  });

  it('a Retry-After beyond maxDelayMs fails at once with GHLRateLimitError carrying retryAfterMs', async () => {
    let calls = 0;
    server.use(http.post(`${BASE}/oauth/token`, () => {
      calls += 1;
      return HttpResponse.json({ message: 'Too Many Requests' }, { status: 429, headers: { 'Retry-After': '600' } });
    }));
    const error = await client({ retry: { retries: 3, minDelayMs: 1, maxDelayMs: 60_000 } }).oauth.exchangeCode('code-abcdefgh').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLRateLimitError);
    expect((error as GHLRateLimitError).retryAfterMs).toBe(600_000);
    expect(calls).toBe(1);
  });

  it('before retrying a refresh whose POST may have reached GHL, re-reads the store and uses a newer refresh token', async () => {
    const sent: string[] = [];
    server.use(http.post(`${BASE}/oauth/token`, async ({ request }) => {
      sent.push(new URLSearchParams(await request.text()).get('refresh_token') ?? '');
      if (sent.length === 1) {
        // GHL rotated rt-0 and someone else saved the result, but our answer is lost.
        await store.set('loc-1', { accessToken: 'at-by-other', refreshToken: 'rt-saved-by-other', expiresAt: Date.now() - 1 });
        return HttpResponse.error();
      }
      return tokens();
    }));
    const store = new MemoryTokenStore({ 'loc-1': { accessToken: 'at-old-abcdefgh', refreshToken: 'rt-0-abcdefgh', expiresAt: Date.now() - 1 } });
    const refreshed = await client({ tokenStore: store }).tokens.refresh();
    expect(sent).toEqual(['rt-0-abcdefgh', 'rt-saved-by-other']);
    expect(refreshed.refreshToken).toBe('rt-new-abcdefgh');
  });

  it('retries a 429 and a 5xx; a 5xx that persists fails once the retries are spent', async () => {
    const statuses = [429, 502, 200];
    let n = 0;
    server.use(http.post(`${BASE}/oauth/token`, () => {
      const status = statuses[n++] ?? 200;
      return status === 200 ? tokens() : HttpResponse.json({}, { status, headers: { 'Retry-After': '0' } });
    }));
    await expect(client().oauth.exchangeCode('code-abcdefgh')).resolves.toMatchObject({ accessToken: 'at-new-abcdefgh' });
    expect(n).toBe(3);
    n = 0;
    statuses.splice(0, 3, 502, 502, 502);
    await expect(client({ retry: { retries: 2, minDelayMs: 1 } }).oauth.exchangeCode('code-abcdefgh')).rejects.toBeInstanceOf(GHLServerError);
    expect(n).toBe(3);
  });

  it('an abort during the backoff is a GHLAbortError, never p-retry’s or the signal’s own error', async () => {
    server.use(http.post(`${BASE}/oauth/token`, () => HttpResponse.json({ message: 'down' }, { status: 503 })));
    const controller = new AbortController();
    const pending = client({ retry: { retries: 3, minDelayMs: 5_000 } }).oauth.exchangeCode('code-abcdefgh', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    await expect(client().oauth.exchangeCode('code-abcdefgh', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(GHLAbortError);
  });
});
