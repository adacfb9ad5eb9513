import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { backoffBaseMs, kyRetryOptions, pRetryOptions, serverWait } from '../../src/http/retry-policy.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { BASE, CLIENT_ID, CLIENT_SECRET } from '../helpers/fake-ghl.js';
import { server } from '../msw.js';

const policy = { retries: 3, minDelayMs: 500, maxDelayMs: 60_000 };
const NOW = Date.parse('2026-01-01T00:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('serverWait: what a 429 or 503 asks of the next attempt', () => {
  it.each([
    ['no Retry-After and no window', {}],
    ['a negative Retry-After', { 'Retry-After': '-5' }],
    ['a past date', { 'Retry-After': new Date(NOW - 60_000).toUTCString() }],
    ['a tiny Retry-After (below minDelayMs)', { 'Retry-After': '0.01' }],
    ['Retry-After: 0', { 'Retry-After': '0' }],
  ])('%s: the backoff decides (its floor is minDelayMs)', (_name, values) => {
    expect(serverWait(policy, 429, headers(values), NOW)).toEqual({ kind: 'backoff' });
  });

  it('a Retry-After within maxDelayMs is waited as is (seconds or an HTTP date)', () => {
    expect(serverWait(policy, 429, headers({ 'Retry-After': '2' }), NOW)).toEqual({ kind: 'wait', ms: 2_000, fromRetryAfter: true });
    expect(serverWait(policy, 503, headers({ 'Retry-After': new Date(NOW + 3_000).toUTCString() }), NOW)).toEqual({ kind: 'wait', ms: 3_000, fromRetryAfter: true });
  });

  it('a 429 without Retry-After waits GHL’s rate-limit window; a 503 does not (every GHL response carries that header)', () => {
    const window = headers({ 'X-RateLimit-Interval-Milliseconds': '10000' });
    expect(serverWait(policy, 429, window, NOW)).toEqual({ kind: 'wait', ms: 10_000, fromRetryAfter: false });
    expect(serverWait(policy, 503, window, NOW)).toEqual({ kind: 'backoff' });
  });

  it('more than maxDelayMs is too long: the call fails now', () => {
    expect(serverWait(policy, 429, headers({ 'Retry-After': '120' }), NOW)).toEqual({ kind: 'too-long', ms: 120_000 });
  });
});

describe('one policy, two engines', () => {
  it('ky and p-retry get the same numbers: base minDelayMs · 2ⁿ⁻¹, jitter ×1–2, cap maxDelayMs', () => {
    const ky = kyRetryOptions(policy);
    const pRetry = pRetryOptions(policy);
    expect(pRetry).toEqual({ retries: 3, factor: 2, minTimeout: 500, maxTimeout: 60_000, randomize: true });
    expect({ limit: ky.limit, backoffLimit: ky.backoffLimit, maxRetryAfter: ky.maxRetryAfter }).toEqual({ limit: 3, backoffLimit: 60_000, maxRetryAfter: 60_000 });
    expect([1, 2, 3].map((n) => ky.delay?.(n))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((n) => backoffBaseMs(policy, n))).toEqual([1, 2, 3].map((n) => pRetry.minTimeout! * pRetry.factor! ** (n - 1)));
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const jitter = ky.jitter as (ms: number) => number;
    expect(jitter(1_000)).toBe(1_500); // p-retry's randomize: (random + 1) · delay
  });

  it('an API call (ky) and the token endpoint (p-retry) retry on the same schedule', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const started = Date.now();
    const apiAt: number[] = [];
    const tokenAt: number[] = [];
    server.use(
      http.get(`${BASE}/contacts/:id`, () => {
        apiAt.push(Date.now() - started);
        return HttpResponse.json({ message: 'down' }, { status: 503 });
      }),
      http.post(`${BASE}/oauth/token`, () => {
        tokenAt.push(Date.now() - started);
        return HttpResponse.json({ message: 'down' }, { status: 503 });
      }),
    );
    const options = { locationId: 'loc-1', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, env: {}, retry: { retries: 3, minDelayMs: 1_000, maxDelayMs: 60_000 } };
    const api = new GHLClient({ ...options, tokenStore: new MemoryTokenStore({ 'loc-1': { accessToken: 'pit-abcdefgh' } }) });
    const oauth = new GHLClient({ ...options, tokenStore: new MemoryTokenStore({ 'loc-1': { accessToken: '', refreshToken: 'rt-abcdefgh' } }) });
    const apiCall = expect(api.contacts.get('c1')).rejects.toThrow(/503/);
    const tokenCall = expect(oauth.tokens.refresh()).rejects.toThrow(/503/);
    await vi.advanceTimersByTimeAsync(20_000);
    await apiCall;
    await tokenCall;
    // Waits of 2 000, 4 000 and 8 000 ms (the base doubled by the jitter at its maximum) for both.
    const waits = (at: number[]) => at.slice(1).map((t, i) => t - (at[i] as number));
    expect(waits(apiAt)).toEqual([2_000, 4_000, 8_000]);
    expect(waits(tokenAt)).toEqual([2_000, 4_000, 8_000]);
  });
});
