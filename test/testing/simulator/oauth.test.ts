import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';
import { apiClient, refresh, tokenRequest } from './http.js';

let now = 1_700_000_000_000;
let sim: GHLSimulator;
beforeEach(async () => {
  now = 1_700_000_000_000;
  sim = await createGHLSimulator({ now: () => now });
});
afterEach(() => sim.close());

const getContacts = (token: string) => apiClient(sim.url, token)('GET', `/contacts/?locationId=${sim.locationId}`);

describe('POST /oauth/token — refresh_token grant', () => {
  it('rotates: a new pair, the old refresh token dead, the old access token still alive', async () => {
    const first = sim.issueTokens();
    const res = await refresh(sim, first.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86399,
      refresh_token: expect.any(String),
      scope: 'contacts.readonly contacts.write',
      userType: 'Location',
      locationId: 'sim-location',
      companyId: 'sim-company',
      userId: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
    });
    expect(res.body.refresh_token).not.toBe(first.refreshToken);
    expect(res.body.access_token).not.toBe(first.accessToken);
    expect(sim.currentRefreshToken()).toBe(res.body.refresh_token);
    // GHL access tokens live until they expire; a refresh does not kill the old one (ghl-api.md §1.3).
    expect((await getContacts(first.accessToken)).status).toBe(200);
    expect((await getContacts(res.body.access_token)).status).toBe(200);
  });

  it('rejects a reused refresh token with invalid_grant and counts it', async () => {
    const { refreshToken } = sim.issueTokens();
    expect((await refresh(sim, refreshToken)).status).toBe(200);
    const reused = await refresh(sim, refreshToken);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid grant: refresh token is invalid' });
    expect(sim.stats).toMatchObject({ tokenRequests: 2, refreshGrants: 1, invalidGrants: 1, codeGrants: 0, apiRequests: 0 });
    expect(sim.stats.byRoute).toEqual({ 'POST /oauth/token': 2 });
  });

  it('rejects unknown and revoked refresh tokens', async () => {
    expect((await refresh(sim, 'not-a-token')).body.error).toBe('invalid_grant');
    const { refreshToken, accessToken } = sim.issueTokens();
    sim.revokeRefreshToken(refreshToken);
    expect((await refresh(sim, refreshToken)).body.error).toBe('invalid_grant');
    expect(sim.currentRefreshToken()).toBeUndefined();
    expect((await getContacts(accessToken)).status).toBe(200);
    expect(sim.stats.invalidGrants).toBe(2);
  });

  it('counts token requests exactly, one per call, across outcomes', async () => {
    const { refreshToken } = sim.issueTokens();
    const chain = [refreshToken];
    for (let i = 0; i < 5; i++) chain.push((await refresh(sim, chain.at(-1) as string)).body.refresh_token);
    await refresh(sim, chain[2] as string);
    await tokenRequest(sim.url, { client_id: 'wrong', client_secret: 'x', grant_type: 'refresh_token', refresh_token: chain.at(-1) as string });
    expect(sim.stats).toMatchObject({ tokenRequests: 7, refreshGrants: 5, invalidGrants: 1 });
    expect(new Set(chain).size).toBe(6);
    expect(sim.currentRefreshToken()).toBe(chain.at(-1));
  });

  it('reports expires_in from accessTokenTtlMs in whole seconds (at least 1) and expires by the injected clock', async () => {
    const short = await createGHLSimulator({ accessTokenTtlMs: 400, now: () => now });
    try {
      const res = await refresh(short, short.issueTokens().refreshToken);
      expect(res.body.expires_in).toBe(1);
      const call = () => apiClient(short.url, res.body.access_token)('GET', `/contacts/?locationId=${short.locationId}`);
      expect((await call()).status).toBe(200);
      now += 400;
      expect((await call()).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('POST /oauth/token — request checks', () => {
  it('accepts only form encoding, without a Version header', async () => {
    const { refreshToken } = sim.issueTokens();
    const res = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    // The refused JSON request did not spend the token.
    expect((await refresh(sim, refreshToken)).status).toBe(200);
  });

  it('answers 401 invalid_client for wrong credentials', async () => {
    const res = await tokenRequest(sim.url, { client_id: sim.clientId, client_secret: 'nope', grant_type: 'refresh_token', refresh_token: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('rejects unsupported grant types and missing parameters', async () => {
    const base = { client_id: sim.clientId, client_secret: sim.clientSecret };
    expect((await tokenRequest(sim.url, { ...base, grant_type: 'client_credentials' })).body.error).toBe('unsupported_grant_type');
    expect((await tokenRequest(sim.url, { ...base, grant_type: 'refresh_token' })).body.error).toBe('invalid_request');
    expect((await tokenRequest(sim.url, { ...base, grant_type: 'authorization_code' })).body.error).toBe('invalid_request');
  });
});

describe('POST /oauth/token — authorization_code grant', () => {
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    tokenRequest(sim.url, { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'authorization_code', code, ...extra });

  it('exchanges a code once; a second exchange is invalid_grant', async () => {
    const code = sim.issueAuthorizationCode({ locationId: 'loc-2' });
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(first.body.locationId).toBe('loc-2');
    expect(sim.currentRefreshToken('loc-2')).toBe(first.body.refresh_token);
    expect((await exchange(code)).body.error).toBe('invalid_grant');
    expect(sim.stats).toMatchObject({ codeGrants: 1, invalidGrants: 1, tokenRequests: 2 });
  });

  it('checks redirect_uri when both the code and the request carry one', async () => {
    const code = sim.issueAuthorizationCode({ redirectUri: 'https://app.example/cb' });
    expect((await exchange(code, { redirect_uri: 'https://evil.example/cb' })).body.error).toBe('invalid_grant');
    const other = sim.issueAuthorizationCode({ redirectUri: 'https://app.example/cb' });
    expect((await exchange(other, { redirect_uri: 'https://app.example/cb' })).status).toBe(200);
  });

  it('a new install replaces the location’s current refresh token', async () => {
    const old = sim.issueTokens();
    const fresh = await exchange(sim.issueAuthorizationCode());
    expect(sim.currentRefreshToken()).toBe(fresh.body.refresh_token);
    // Rotating the older install's chain does not make it "current" again.
    await refresh(sim, old.refreshToken);
    expect(sim.currentRefreshToken()).toBe(fresh.body.refresh_token);
  });

  it('issues Company tokens without a locationId', async () => {
    const res = await exchange(sim.issueAuthorizationCode({ userType: 'Company' }));
    expect(res.body.userType).toBe('Company');
    expect(res.body).not.toHaveProperty('locationId');
    expect(sim.currentRefreshToken(sim.companyId)).toBe(res.body.refresh_token);
    expect((await getContacts(res.body.access_token)).status).toBe(403);
  });
});

describe('issued credentials', () => {
  it('issueTokens returns a TokenSet-shaped pair with an absolute expiry by the injected clock', () => {
    const tokens = sim.issueTokens({ accessTokenTtlMs: 60_000 });
    expect(tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresAt: now + 60_000,
      scope: 'contacts.readonly contacts.write',
      userType: 'Location',
      locationId: 'sim-location',
      companyId: 'sim-company',
    });
  });

  it('tokens are random and JWT-shaped, never sequential', () => {
    const tokens = Array.from({ length: 20 }, () => sim.issueTokens());
    const all = tokens.flatMap((t) => [t.accessToken, t.refreshToken]);
    expect(new Set(all).size).toBe(40);
    for (const token of all) expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('a Private Integration Token never expires and cannot be refreshed', async () => {
    const pit = sim.issuePrivateIntegrationToken();
    expect(pit).toMatch(/^pit-[0-9a-f-]{36}$/);
    sim.expireAccessTokens();
    now += 400 * 86_400_000;
    expect((await getContacts(pit)).status).toBe(200);
    expect((await refresh(sim, pit)).body.error).toBe('invalid_grant');
  });

  it('expireAccessTokens and revocation turn tokens into 401s', async () => {
    const a = sim.issueTokens();
    const b = sim.issueTokens({ locationId: 'loc-b' });
    sim.expireAccessTokens();
    expect((await getContacts(a.accessToken)).status).toBe(401);
    const renewed = await refresh(sim, a.refreshToken);
    expect((await getContacts(renewed.body.access_token)).status).toBe(200);

    sim.revokeAccessToken(renewed.body.access_token);
    expect((await getContacts(renewed.body.access_token)).status).toBe(401);

    sim.revokeAllTokens();
    expect((await refresh(sim, b.refreshToken)).body.error).toBe('invalid_grant');
    expect(sim.stats.unauthorized).toBe(2);
  });
});
