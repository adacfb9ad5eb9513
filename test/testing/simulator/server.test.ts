import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';
import { apiClient } from './http.js';

let sim: GHLSimulator;
let token: string;
beforeEach(async () => {
  sim = await createGHLSimulator();
  token = sim.issueTokens().accessToken;
});
afterEach(() => sim.close());

const listPath = () => `/contacts/?locationId=${sim.locationId}`;

describe('createGHLSimulator', () => {
  it('listens on a random 127.0.0.1 port', () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
  });

  it('closes at once even with a keep-alive connection and a slow answer pending', async () => {
    await apiClient(sim.url, token)('GET', listPath()); // leaves a keep-alive socket open
    sim.injectFault({ route: '*', kind: 'latency', ms: 60_000 });
    const pending = fetch(`${sim.url}${listPath()}`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(500);
    await pending;
  });

  it('adds latencyMs to every answer', async () => {
    const slow = await createGHLSimulator({ latencyMs: 60 });
    try {
      const started = Date.now();
      await apiClient(slow.url, slow.issueTokens().accessToken)('GET', `/contacts/?locationId=${slow.locationId}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    } finally {
      await slow.close();
    }
  });
});

describe('every API route', () => {
  it('requires a valid bearer token: 401 Invalid JWT otherwise', async () => {
    for (const bearer of [undefined, 'garbage']) {
      const res = await apiClient(sim.url, bearer)('GET', listPath());
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, message: 'Invalid JWT' });
    }
    expect(sim.stats.unauthorized).toBe(2);
  });

  it('enforces the Version header (ghl-api.md §2)', async () => {
    const missing = await apiClient(sim.url, token, {})('GET', listPath());
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/Version header was not found/);
    const wrong = await apiClient(sim.url, token, { version: '2021-04-15' })('GET', listPath());
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/Version header "2021-04-15"/);
    expect((await apiClient(sim.url, token)('GET', listPath())).status).toBe(200);
  });

  it('can skip the Version check', async () => {
    const lax = await createGHLSimulator({ requireVersionHeader: false });
    try {
      expect((await apiClient(lax.url, lax.issueTokens().accessToken, {})('GET', `/contacts/?locationId=${lax.locationId}`)).status).toBe(200);
    } finally {
      await lax.close();
    }
  });

  it('answers 403 for another location', async () => {
    const res = await apiClient(sim.url, token)('GET', '/contacts/?locationId=someone-else');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, message: 'The token does not have access to this location.' });
  });

  it('answers 404 "Cannot METHOD /path" for unknown routes and counts them', async () => {
    const res = await apiClient(sim.url, token)('PATCH', '/contacts/abc');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Cannot PATCH /contacts/abc');
    expect((await apiClient(sim.url, token)('GET', '/nope')).body.message).toBe('Cannot GET /nope');
    expect(sim.stats.byRoute).toEqual({ 'PATCH /contacts/abc': 1, 'GET /nope': 1 });
    expect(sim.stats.apiRequests).toBe(2);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await fetch(`${sim.url}/contacts/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, version: '2021-07-28', 'content-type': 'application/json' },
      body: '{"locationId":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/JSON/) });
  });

  it('counts requests per route pattern and resets stats in place', async () => {
    const call = apiClient(sim.url, token);
    const { id } = sim.contacts.seed({ email: 'a@example.com' });
    await call('GET', `/contacts/${id}`);
    await call('GET', `/contacts/${id}/`);
    await call('POST', '/contacts', { locationId: sim.locationId, email: 'b@example.com' });
    const stats = sim.stats;
    expect(stats.byRoute).toEqual({ 'GET /contacts/:contactId': 2, 'POST /contacts/': 1 });
    sim.resetStats();
    expect(stats).toEqual({ tokenRequests: 0, refreshGrants: 0, codeGrants: 0, invalidGrants: 0, apiRequests: 0, unauthorized: 0, rateLimited: 0, byRoute: {}, locationTokenMints: {} });
    await call('GET', `/contacts/${id}`);
    expect(stats.apiRequests).toBe(1);
  });
});
