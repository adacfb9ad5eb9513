import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  GHLAbortError,
  GHLApiError,
  GHLConfigError,
  GHLConnectionError,
  GHLRateLimitError,
  GHLResponseError,
  GHLServerError,
  GHLTimeoutError,
  GHLValidationError,
} from '../../src/errors.js';
import type { RateLimitSnapshot } from '../../src/http/rate-limit.js';
import { Transport, type AuthProvider } from '../../src/http/transport.js';
import { silentLogger } from '../../src/logger.js';
import type { FetchLike } from '../../src/options.js';
import { BASE } from '../helpers/fake-ghl.js';
import { countRequests, server } from '../msw.js';

function transport(overrides: { retries?: number; minDelayMs?: number; maxDelayMs?: number; timeoutMs?: number; fetch?: FetchLike } = {}) {
  return new Transport({
    baseUrl: BASE,
    apiVersion: '2021-07-28',
    timeoutMs: overrides.timeoutMs ?? 30_000,
    retry: { retries: overrides.retries ?? 3, minDelayMs: overrides.minDelayMs ?? 1, maxDelayMs: overrides.maxDelayMs ?? 60_000 },
    fetch: overrides.fetch,
    logger: silentLogger,
    now: Date.now,
  });
}

function staticAuth(token = 'tok-1'): AuthProvider {
  return { getAccessToken: async () => token, handleUnauthorized: async () => null };
}

function sequence(...responses: Array<() => Response>) {
  let calls = 0;
  const requests: Request[] = [];
  const resolver = ({ request }: { request: Request }) => {
    requests.push(request);
    const next = responses[Math.min(calls, responses.length - 1)];
    calls += 1;
    return next?.();
  };
  return { resolver, requests, count: () => calls };
}

const ok = () => HttpResponse.json({ ok: true });

describe('Transport: headers and URL', () => {
  it('sends Authorization, Version and Accept, the query string and a JSON body', async () => {
    const seen = sequence(ok);
    server.use(http.post(`${BASE}/things/search`, seen.resolver));
    const response = await transport().request(
      { method: 'POST', path: '/things/search', query: { a: 1, b: ['x', 'y'], skip: undefined }, body: { q: 'z' } },
      {},
      { auth: staticAuth('tok-9') },
    );
    expect(response.body).toEqual({ ok: true });
    const request = seen.requests[0] as Request;
    expect(request.headers.get('authorization')).toBe('Bearer tok-9');
    expect(request.headers.get('version')).toBe('2021-07-28');
    expect(request.headers.get('accept')).toBe('application/json');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(new URL(request.url).search).toBe('?a=1&b=x&b=y');
    expect(await request.json()).toEqual({ q: 'z' });
  });

  it('sends no Version header when told (the token endpoint declares none)', async () => {
    const seen = sequence(ok);
    server.use(http.post(`${BASE}/oauth/token`, seen.resolver));
    await transport().attempt({ method: 'POST', path: '/oauth/token', form: { a: 'b' }, version: null });
    const request = seen.requests[0] as Request;
    expect(request.headers.has('version')).toBe(false);
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await request.text()).toBe('a=b');
  });

  it('uses a custom fetch, looked up per request', async () => {
    const custom = vi.fn<FetchLike>(async () => new Response('{"custom":true}', { status: 200 }));
    const response = await transport({ fetch: custom }).request({ method: 'GET', path: '/x' });
    expect(response.body).toEqual({ custom: true });
    expect(custom).toHaveBeenCalledOnce();
  });

  it('reports the X-RateLimit-* snapshot of every response', async () => {
    server.use(
      http.get(`${BASE}/x`, () =>
        HttpResponse.json(
          {},
          {
            headers: {
              'X-RateLimit-Max': '100',
              'X-RateLimit-Remaining': '97',
              'X-RateLimit-Interval-Milliseconds': '10000',
              'X-RateLimit-Limit-Daily': '200000',
              'X-RateLimit-Daily-Remaining': '199000',
            },
          },
        ),
      ),
    );
    const snapshots: RateLimitSnapshot[] = [];
    await transport().request({ method: 'GET', path: '/x' }, {}, { onRateLimit: (s) => snapshots.push(s) });
    expect(snapshots[0]).toMatchObject({ max: 100, remaining: 97, intervalMs: 10_000, dailyLimit: 200_000, dailyRemaining: 199_000 });
  });

  it('a Version header value with a line break is a GHLValidationError naming version; nothing is sent', async () => {
    const sent = countRequests();
    const error = await transport()
      .request({ method: 'GET', path: '/x', version: '2021-07-28\r\nX-Injected: 1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues[0]?.path).toBe('version');
    expect(sent.count).toBe(0);
    expect(() => new Transport({ ...transport().config, apiVersion: '2021\n07' })).toThrow(GHLConfigError);
  });

  it('a GET with a body (fetch cannot send one) is a GHLValidationError naming body; nothing is sent', async () => {
    const sent = countRequests();
    const error = await transport().request({ method: 'GET', path: '/x', body: { q: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues[0]?.path).toBe('body');
    expect(sent.count).toBe(0);
  });

  it('a custom fetch receives the Request ky built (URL, method, headers, body)', async () => {
    const seen: Request[] = [];
    const custom: FetchLike = async (input, init) => {
      seen.push(new Request(input, init));
      return new Response('{}', { status: 200 });
    };
    await transport({ fetch: custom }).request({ method: 'POST', path: '/things', query: { a: 1 }, body: { q: 'z' } }, {}, { auth: staticAuth('tok-7') });
    const request = seen[0] as Request;
    expect([request.method, request.url, request.headers.get('authorization')]).toEqual(['POST', `${BASE}/things?a=1`, 'Bearer tok-7']);
    expect(await request.json()).toEqual({ q: 'z' });
  });

  it('a 2xx body that is not JSON is a GHLResponseError keeping an excerpt, credentials masked', async () => {
    server.use(http.get(`${BASE}/x`, ({ request }) => new HttpResponse(`<html>you sent ${request.headers.get('authorization')}; raw: tok-9-abcdefgh</html>`, { status: 200 })));
    const error = await transport().request({ method: 'GET', path: '/x' }, {}, { auth: staticAuth('tok-9-abcdefgh') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLResponseError);
    expect((error as GHLResponseError).body).toBe('<html>you sent Bearer [redacted]; raw: [redacted]</html>');
  });

  it('credentials GHL echoes in response headers, body and traceId are masked on the error', async () => {
    server.use(
      http.get(`${BASE}/x`, ({ request }) =>
        HttpResponse.json(
          { message: `bad token ${request.headers.get('authorization')}`, traceId: 'trace-tok-9-abcdefgh' },
          { status: 403, headers: { 'x-echo-auth': request.headers.get('authorization') ?? '', 'x-echo-raw': 'tok-9-abcdefgh', 'x-request-id': 'r-1' } },
        ),
      ),
    );
    const error = (await transport().request({ method: 'GET', path: '/x' }, {}, { auth: staticAuth('tok-9-abcdefgh') }).catch((e: unknown) => e)) as GHLApiError;
    expect(error).toBeInstanceOf(GHLApiError);
    expect(error.headers['x-echo-auth']).toBe('Bearer [redacted]');
    expect(error.headers['x-echo-raw']).toBe('[redacted]');
    expect(error.traceId).toBe('trace-[redacted]');
    expect(inspect(error, { depth: 10 }) + JSON.stringify(error) + error.message).not.toContain('tok-9-abcdefgh');
  });
});

describe('Transport: 429', () => {
  it('waits Retry-After (1 s) and then succeeds', async () => {
    vi.useFakeTimers();
    const seen = sequence(() => HttpResponse.json({ message: 'Too Many Requests' }, { status: 429, headers: { 'Retry-After': '1' } }), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    const pending = transport().request({ method: 'GET', path: '/x' });
    await vi.advanceTimersByTimeAsync(990);
    expect(seen.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    await expect(pending).resolves.toMatchObject({ status: 200 });
    expect(seen.count()).toBe(2);
  });

  it('without Retry-After, waits the rate-limit interval header (jittered upwards like any backoff)', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const seen = sequence(() => HttpResponse.json({}, { status: 429, headers: { 'X-RateLimit-Interval-Milliseconds': '2500' } }), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    const pending = transport().request({ method: 'GET', path: '/x' });
    await vi.advanceTimersByTimeAsync(2_400);
    expect(seen.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toMatchObject({ status: 200 });
  });

  it('replays even a create after 429: GHL did not process it', async () => {
    const seen = sequence(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '0' } }), () => HttpResponse.json({ contact: { id: '1' } }, { status: 201 }));
    server.use(http.post(`${BASE}/contacts/`, seen.resolver));
    await transport().request({ method: 'POST', path: '/contacts/', body: {}, idempotent: false });
    expect(seen.count()).toBe(2);
  });

  it('gives up with GHLRateLimitError (retryAfterMs) when Retry-After exceeds maxDelayMs', async () => {
    const seen = sequence(() => HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'Retry-After': '120' } }));
    server.use(http.get(`${BASE}/x`, seen.resolver));
    const error = await transport({ maxDelayMs: 60_000 }).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLRateLimitError);
    expect((error as GHLRateLimitError).retryAfterMs).toBe(120_000);
    expect(seen.count()).toBe(1);
  });

  it.each([
    ['negative', '-3'],
    ['a past date', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['tiny', '0.001'],
  ])('a Retry-After that is %s waits the backoff, not milliseconds', async (_name, retryAfter) => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const seen = sequence(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': retryAfter } }));
    server.use(http.get(`${BASE}/x`, seen.resolver));
    const pending = transport({ retries: 3, minDelayMs: 500 }).request({ method: 'GET', path: '/x' });
    const assertion = expect(pending).rejects.toBeInstanceOf(GHLRateLimitError);
    await vi.advanceTimersByTimeAsync(490);
    expect(seen.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(seen.count()).toBe(2);
    // 500, 1 000, 2 000: three retries take 3.5 s, not 20 ms.
    await vi.advanceTimersByTimeAsync(2_970);
    expect(seen.count()).toBe(3);
    await vi.advanceTimersByTimeAsync(20);
    expect(seen.count()).toBe(4);
    await assertion;
  });

  it('throws GHLRateLimitError once retries are spent', async () => {
    const seen = sequence(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '0' } }));
    server.use(http.get(`${BASE}/x`, seen.resolver));
    await expect(transport({ retries: 2 }).request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(GHLRateLimitError);
    expect(seen.count()).toBe(3);
  });
});

describe('Transport: 5xx and network errors', () => {
  it('retries an idempotent call on 5xx with backoff', async () => {
    const seen = sequence(() => HttpResponse.json({}, { status: 503 }), () => HttpResponse.json({}, { status: 502 }), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    await expect(transport().request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    expect(seen.count()).toBe(3);
  });

  it('backs off exponentially with jitter (fake timers)', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const seen = sequence(() => HttpResponse.json({}, { status: 500 }), () => HttpResponse.json({}, { status: 500 }), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    const pending = transport({ minDelayMs: 1_000 }).request({ method: 'GET', path: '/x' });
    await vi.advanceTimersByTimeAsync(999);
    expect(seen.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(seen.count()).toBe(2);
    await vi.advanceTimersByTimeAsync(1_990);
    expect(seen.count()).toBe(2);
    await vi.advanceTimersByTimeAsync(20);
    await expect(pending).resolves.toMatchObject({ status: 200 });
  });

  it('never replays a non-idempotent POST after a 5xx', async () => {
    const seen = sequence(() => HttpResponse.json({ message: 'boom' }, { status: 500 }));
    server.use(http.post(`${BASE}/contacts/`, seen.resolver));
    await expect(transport().request({ method: 'POST', path: '/contacts/', body: {}, idempotent: false })).rejects.toBeInstanceOf(GHLServerError);
    expect(seen.count()).toBe(1);
  });

  it('never replays a non-idempotent POST after a dropped connection', async () => {
    const seen = sequence(() => HttpResponse.error());
    server.use(http.post(`${BASE}/contacts/`, seen.resolver));
    const error = await transport().request({ method: 'POST', path: '/contacts/', body: {}, idempotent: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/not replayed/);
    expect(seen.count()).toBe(1);
  });

  it('retries an idempotent call after a dropped connection', async () => {
    const seen = sequence(() => HttpResponse.error(), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    await expect(transport().request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    expect(seen.count()).toBe(2);
  });

  it('replays even a create when the connection was refused (it never left this machine)', async () => {
    let calls = 0;
    const refusingOnce: FetchLike = async (input, init) => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      return new Response('{"contact":{"id":"c1"}}', { status: 201, headers: { 'content-type': 'application/json' } });
    };
    const response = await transport({ fetch: refusingOnce }).request({ method: 'POST', path: '/contacts/', body: {}, idempotent: false });
    expect(response.status).toBe(201);
    expect(calls).toBe(2);
  });

  it('re-reads the token for every attempt (a long backoff can outlive it)', async () => {
    const seen = sequence(() => HttpResponse.json({}, { status: 503 }), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    let n = 0;
    const rotating: AuthProvider = { getAccessToken: async () => `tok-${(n += 1)}`, handleUnauthorized: async () => null };
    await transport().request({ method: 'GET', path: '/x' }, {}, { auth: rotating });
    expect(seen.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('retry: 0 (retry: false) makes one attempt', async () => {
    const seen = sequence(() => HttpResponse.json({}, { status: 503 }));
    server.use(http.get(`${BASE}/x`, seen.resolver));
    await expect(transport({ retries: 0 }).request({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(GHLServerError);
    expect(seen.count()).toBe(1);
  });
});

describe('Transport: timeouts and abort', () => {
  it('a slow answer is a GHLTimeoutError', async () => {
    server.use(http.get(`${BASE}/x`, async () => {
      await delay(1_000);
      return ok();
    }));
    const error = await transport({ retries: 0 }).request({ method: 'GET', path: '/x' }, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTimeoutError);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/timed out after 30 ms/);
  });

  it('an aborted call is a GHLAbortError and is not retried', async () => {
    const seen = sequence(ok);
    server.use(http.get(`${BASE}/x`, async (info) => {
      await delay(1_000);
      return seen.resolver(info);
    }));
    const sent = countRequests();
    const controller = new AbortController();
    const pending = transport().request({ method: 'GET', path: '/x' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(error).not.toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/aborted/);
    expect(sent.count).toBe(1);
  });

  it('an abort during a retry wait stops the wait', async () => {
    vi.useFakeTimers();
    const seen = sequence(() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '30' } }), ok);
    server.use(http.get(`${BASE}/x`, seen.resolver));
    const controller = new AbortController();
    const pending = transport().request({ method: 'GET', path: '/x' }, { signal: controller.signal });
    const assertion = expect(pending).rejects.toBeInstanceOf(GHLAbortError);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await assertion;
    expect(seen.count()).toBe(1);
  });
});

describe('Transport: bounded waits (review findings)', () => {
  it('the timeout covers a body that stalls after the headers', async () => {
    const stalling: FetchLike = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"contact":'));
            init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
          },
        }),
        { status: 200 },
      );
    const error = await transport({ retries: 0, timeoutMs: 30, fetch: stalling }).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTimeoutError);
  });

  it("the caller's signal also bounds the wait for a token", async () => {
    const slowAuth: AuthProvider = { getAccessToken: () => new Promise<string>(() => {}), handleUnauthorized: async () => null };
    const error = await transport()
      .request({ method: 'GET', path: '/x' }, { signal: AbortSignal.timeout(30) }, { auth: slowAuth })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect((error as Error).message).toMatch(/waiting for a token\) was aborted/);
  });

  it("a caller's AbortSignal.timeout() is reported as an abort, not as our timeoutMs", async () => {
    server.use(http.get(`${BASE}/x`, async () => {
      await delay(1_000);
      return ok();
    }));
    const error = await transport({ retries: 0 }).request({ method: 'GET', path: '/x' }, { signal: AbortSignal.timeout(20) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(error).not.toBeInstanceOf(GHLTimeoutError);
    expect((error as Error).message).toMatch(/was aborted/);
  });

  it('a non-JSON 2xx from the token endpoint keeps no body (it may hold fresh tokens)', async () => {
    server.use(http.post(`${BASE}/oauth/token`, () => new HttpResponse('access_token=NEW-AT&refresh_token=NEW-RT', { status: 200 })));
    const error = await transport().attempt({ method: 'POST', path: '/oauth/token', form: { a: 'b' }, version: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLResponseError);
    expect((error as GHLResponseError).body).toBeUndefined();
    expect(inspect(error, { depth: 10 })).not.toContain('NEW-RT');
  });
});


describe('Transport: the rate-limit gate', () => {
  it('every attempt waits for the gate and settles its ticket: with the response, or without one on a network error', async () => {
    const settled: Array<{ ticket: number; status: number | undefined }> = [];
    let tickets = 0;
    const gate = {
      acquire: async (priority: string) => {
        expect(priority).toBe('bulk');
        return ++tickets;
      },
      settle: (ticket: number, response?: { status: number }) => settled.push({ ticket, status: response?.status }),
    };
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ ok: true }), { status: calls === 2 ? 503 : 200, headers: { 'content-type': 'application/json' } });
    };
    const response = await transport({ fetch }).request({ method: 'GET', path: '/things/1' }, { priority: 'bulk' }, { auth: staticAuth(), limiter: gate });
    expect(response.status).toBe(200);
    expect(settled).toEqual([
      { ticket: 1, status: undefined },
      { ticket: 2, status: 503 },
      { ticket: 3, status: 200 },
    ]);
  });
});
