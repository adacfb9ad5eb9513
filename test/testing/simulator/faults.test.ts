import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';
import { apiClient, refresh } from './http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken);
});
afterEach(() => sim.close());

const create = (email: string) => call('POST', '/contacts/', { locationId: sim.locationId, email });

describe('injectFault', () => {
  it("'status' answers instead of processing, once by default", async () => {
    sim.injectFault({ route: 'POST /contacts/', kind: 'status', status: 502 });
    expect(await create('a@example.com')).toMatchObject({ status: 502, body: { statusCode: 502, message: 'Injected fault' } });
    expect(sim.contacts.list()).toHaveLength(0);
    expect((await create('a@example.com')).status).toBe(201);
  });

  it("'status' takes a body, headers and a count", async () => {
    sim.injectFault({ route: 'GET /contacts/:id', kind: 'status', status: 503, body: { oops: true }, headers: { 'x-custom': 'yes' }, times: 2 });
    const first = await call('GET', '/contacts/abc');
    expect(first).toMatchObject({ status: 503, body: { oops: true } });
    expect(first.headers.get('x-custom')).toBe('yes');
    expect((await call('GET', '/contacts/def')).status).toBe(503);
    expect((await call('GET', '/contacts/abc')).status).toBe(404);
  });

  it("'drop' kills the connection before anything happens", async () => {
    sim.injectFault({ route: 'POST /contacts/', kind: 'drop' });
    await expect(create('a@example.com')).rejects.toThrow(TypeError);
    expect(sim.contacts.list()).toHaveLength(0);
    expect(sim.stats.byRoute['POST /contacts/']).toBe(1);
  });

  it("'dropAfterProcessing' creates the contact, then kills the connection", async () => {
    sim.injectFault({ route: 'POST /contacts/', kind: 'dropAfterProcessing' });
    await expect(create('a@example.com')).rejects.toThrow(TypeError);
    expect(sim.contacts.list()).toHaveLength(1);
    // A blind replay now hits the duplicate rule: exactly why the SDK must not replay POST /contacts/.
    expect((await create('a@example.com')).status).toBe(400);
  });

  it("'dropAfterProcessing' on the token endpoint rotates the refresh token the client never receives", async () => {
    const { refreshToken } = sim.issueTokens();
    sim.injectFault({ route: 'POST /oauth/token', kind: 'dropAfterProcessing' });
    await expect(refresh(sim, refreshToken)).rejects.toThrow(TypeError);
    expect(sim.stats.refreshGrants).toBe(1);
    expect(sim.currentRefreshToken()).not.toBe(refreshToken);
    expect((await refresh(sim, refreshToken)).body.error).toBe('invalid_grant');
  });

  it("'latency' holds the answer back, then processes normally", async () => {
    sim.injectFault({ route: '*', kind: 'latency', ms: 80 });
    const started = Date.now();
    expect((await create('a@example.com')).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("'rateLimit' answers 429, with Retry-After only when given, and the interval header", async () => {
    sim.injectFault({ route: '*', kind: 'rateLimit', retryAfterSeconds: 3 });
    sim.injectFault({ route: '*', kind: 'rateLimit' });
    const first = await call('GET', '/contacts/x');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    const second = await call('GET', '/contacts/x');
    expect(second.headers.get('retry-after')).toBeNull();
    expect(second.headers.get('x-ratelimit-interval-milliseconds')).toBe('10000');
    expect(sim.stats.rateLimited).toBe(2);
  });

  it("'invalidGrant' refuses the refresh without spending the token", async () => {
    const { refreshToken } = sim.issueTokens();
    sim.injectFault({ route: 'POST /oauth/token', kind: 'invalidGrant' });
    expect(await refresh(sim, refreshToken)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(sim.stats.invalidGrants).toBe(1);
    expect((await refresh(sim, refreshToken)).status).toBe(200);
  });

  it('applies faults of one route in injection order; other routes are untouched', async () => {
    sim.injectFault({ route: 'POST /contacts/', kind: 'status', status: 500 });
    sim.injectFault({ route: 'POST /contacts/', kind: 'status', status: 503 });
    expect((await call('GET', `/contacts/?locationId=${sim.locationId}`)).status).toBe(200);
    expect((await create('a@example.com')).status).toBe(500);
    expect((await create('a@example.com')).status).toBe(503);
    expect((await create('a@example.com')).status).toBe(201);
  });

  it('times: Infinity lasts until clearFaults()', async () => {
    sim.injectFault({ route: '*', kind: 'status', status: 500, times: Infinity });
    for (let i = 0; i < 3; i++) expect((await call('GET', '/contacts/x')).status).toBe(500);
    sim.clearFaults();
    expect((await call('GET', '/contacts/x')).status).toBe(404);
  });

  it('rejects malformed faults', () => {
    expect(() => sim.injectFault({ route: 'contacts', kind: 'drop' })).toThrow(TypeError);
    expect(() => sim.injectFault({ route: '*', kind: 'drop', times: 0 })).toThrow(TypeError);
    expect(() => sim.injectFault({ route: '*', kind: 'latency', ms: -1 })).toThrow(TypeError);
  });
});
