import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';
import { RateLimiter } from '../../../src/testing/simulator/rate-limit.js';
import { apiClient } from './http.js';

describe('rate limiting over HTTP (ghl-api.md §6)', () => {
  let now = 0;
  let sim: GHLSimulator;
  beforeEach(async () => {
    now = Date.UTC(2026, 0, 1, 12);
    sim = await createGHLSimulator({ now: () => now });
  });
  afterEach(() => sim.close());

  it('allows 100 requests per 10 s per location, then 429 with Retry-After until the window frees', async () => {
    const call = apiClient(sim.url, sim.issueTokens().accessToken);
    const path = `/contacts/?locationId=${sim.locationId}`;
    for (let i = 1; i <= 100; i++) {
      const res = await call('GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(100 - i));
      now += 10; // 100 requests spread over the first second
    }
    const limited = await call('GET', path);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ statusCode: 429, message: 'Too Many Requests' });
    expect(limited.headers.get('retry-after')).toBe('9'); // the oldest request leaves the window 9 s from now
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(sim.stats.rateLimited).toBe(1);

    // Another location has its own budget.
    const other = apiClient(sim.url, sim.issueTokens({ locationId: 'loc-2' }).accessToken);
    expect((await other('GET', '/contacts/?locationId=loc-2')).status).toBe(200);

    now += 9_000; // the first request has left the window: exactly one slot frees
    const freed = await call('GET', path);
    expect(freed.status).toBe(200);
    expect(freed.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await call('GET', path)).status).toBe(429);
  });

  it('puts all five X-RateLimit-* headers on API responses, errors included', async () => {
    const call = apiClient(sim.url, sim.issueTokens().accessToken);
    const res = await call('GET', '/contacts/unknown-id');
    expect(res.status).toBe(404);
    expect(Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('x-ratelimit')))).toEqual({
      'x-ratelimit-limit-daily': '200000',
      'x-ratelimit-daily-remaining': '199999',
      'x-ratelimit-interval-milliseconds': '10000',
      'x-ratelimit-max': '100',
      'x-ratelimit-remaining': '99',
    });
  });

  it('sends no rate-limit headers when disabled', async () => {
    const free = await createGHLSimulator({ rateLimit: false });
    try {
      const res = await apiClient(free.url, free.issueTokens().accessToken)('GET', `/contacts/?locationId=${free.locationId}`);
      expect(res.headers.get('x-ratelimit-max')).toBeNull();
    } finally {
      await free.close();
    }
  });
});

describe('RateLimiter', () => {
  it('honours custom limits and the daily budget, which resets at UTC midnight', () => {
    const limiter = new RateLimiter({ max: 2, intervalMs: 1_000, dailyLimit: 3 });
    const start = Date.UTC(2026, 0, 1, 23, 59, 50);
    expect(limiter.take('loc', start).allowed).toBe(true);
    expect(limiter.take('loc', start).allowed).toBe(true);
    expect(limiter.take('loc', start)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('loc', start + 1_000)).toMatchObject({ allowed: true, headers: { 'X-RateLimit-Daily-Remaining': '0' } });
    // Daily budget spent: wait until midnight (10 s away), even though the burst window is free.
    expect(limiter.take('loc', start + 5_000)).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
    expect(limiter.take('loc', start + 10_000).allowed).toBe(true);
  });
});
