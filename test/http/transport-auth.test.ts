import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { GHLAbortError, GHLAuthenticationError, GHLTimeoutError, GHLValidationError } from '../../src/errors.js';
import { Transport, type AuthProvider, type RequestContext } from '../../src/http/transport.js';
import { silentLogger } from '../../src/logger.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { BASE, CLIENT_ID, CLIENT_SECRET, fakeGhl } from '../helpers/fake-ghl.js';
import { countRequests, server } from '../msw.js';

// The transport's side of auth and aborts: the token per attempt (ky's beforeRequest and
// beforeRetry hooks), the 401 replay, the pacing seam, and what an abort may never leave behind.

function transport(retries = 3, minDelayMs = 1) {
  return new Transport({ baseUrl: BASE, apiVersion: '2021-07-28', timeoutMs: 30_000, retry: { retries, minDelayMs, maxDelayMs: 60_000 }, fetch: undefined, logger: silentLogger, now: Date.now });
}

const GET = { method: 'GET', path: '/x' } as const;
const ok = () => HttpResponse.json({ ok: true });

function authSequence(...tokens: string[]): AuthProvider & { asked: number } {
  const auth = {
    asked: 0,
    getAccessToken: async () => tokens[Math.min((auth.asked += 1) - 1, tokens.length - 1)] as string,
    handleUnauthorized: async () => null,
  };
  return auth;
}

/** Collects warnings and unhandled rejections while `fn` runs, and a little after. */
async function watchProcess(fn: () => Promise<void>): Promise<{ warnings: string[]; unhandled: unknown[] }> {
  const warnings: string[] = [];
  const unhandled: unknown[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('warning', onWarning);
  process.on('unhandledRejection', onUnhandled);
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('warning', onWarning);
    process.off('unhandledRejection', onUnhandled);
  }
  return { warnings, unhandled };
}

describe('Transport: the token per attempt', () => {
  it('asks once per attempt: the first in beforeRequest, each retry’s in beforeRetry', async () => {
    const seen: string[] = [];
    let n = 0;
    server.use(http.get(`${BASE}/x`, ({ request }) => {
      seen.push(request.headers.get('authorization') ?? '');
      return (n += 1) < 3 ? HttpResponse.json({}, { status: 503 }) : ok();
    }));
    const auth = authSequence('tok-1', 'tok-2', 'tok-3');
    await transport().request(GET, {}, { auth });
    expect(seen).toEqual(['Bearer tok-1', 'Bearer tok-2', 'Bearer tok-3']);
    expect(auth.asked).toBe(3);
  });

  it('a backoff longer than the token’s life sends a fresh token on the retry (TokenManager, fake clock)', async () => {
    vi.useFakeTimers();
    const ghl = fakeGhl();
    const first = ghl.issue();
    let calls = 0;
    server.use(
      http.get(`${BASE}/contacts/:id`, ({ request, params }) => {
        ghl.state.authHeaders.push(request.headers.get('authorization') ?? '');
        if ((calls += 1) === 1) return HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'Retry-After': '30' } });
        return HttpResponse.json({ contact: { id: String(params['id']) } });
      }),
      ...ghl.handlers,
    );
    // Fresh for 5 more minutes and 10 s: inside the refresh skew once the 30 s wait is over.
    const store = new MemoryTokenStore({ 'loc-1': { accessToken: first, refreshToken: ghl.state.liveRefreshToken, expiresAt: Date.now() + 310_000 } });
    const sdk = new GHLClient({ locationId: 'loc-1', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenStore: store, env: {} });
    const pending = sdk.contacts.get('c1');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(ghl.state.authHeaders).toEqual([`Bearer ${first}`]);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(pending).resolves.toMatchObject({ id: 'c1' });
    expect(ghl.state.tokenRequests).toBe(1);
    expect(ghl.state.authHeaders).toHaveLength(2);
    expect(ghl.state.authHeaders[1]).not.toBe(`Bearer ${first}`);
    expect((await store.get('loc-1'))?.accessToken).toBe(ghl.state.authHeaders[1]?.replace('Bearer ', ''));
  });

  it('a stored access token with a line break is a GHLValidationError: nothing sent, not retried', async () => {
    server.use(http.get(`${BASE}/x`, ok));
    const sent = countRequests();
    const auth = authSequence('stored-value\r\nX-Evil: 1');
    const error = await transport().request(GET, {}, { auth }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues[0]?.path).toBe('accessToken');
    expect((error as Error).message).not.toContain('stored-value');
    expect(sent.count).toBe(0);
    expect(auth.asked).toBe(1);
  });
});

describe('Transport: the 401 replay', () => {
  function unauthorizedOnce() {
    const seen: string[] = [];
    server.use(http.get(`${BASE}/x`, ({ request }) => {
      seen.push(request.headers.get('authorization') ?? '');
      return seen.length === 1 ? HttpResponse.json({ message: 'Invalid JWT' }, { status: 401 }) : ok();
    }));
    return seen;
  }
  const refreshing = (): AuthProvider => ({ getAccessToken: async () => 'tok-old', handleUnauthorized: async () => 'tok-new' });

  it('spends no retry: it works with retry: false (retries 0)', async () => {
    const seen = unauthorizedOnce();
    await expect(transport(0).request(GET, {}, { auth: refreshing() })).resolves.toMatchObject({ status: 200 });
    expect(seen).toEqual(['Bearer tok-old', 'Bearer tok-new']);
  });

  it('keeps the retries the first attempts left: 503, 401, then the replay may still retry once', async () => {
    const statuses = [503, 401, 503, 200];
    const seen: string[] = [];
    server.use(http.get(`${BASE}/x`, ({ request }) => {
      seen.push(request.headers.get('authorization') ?? '');
      const status = statuses[seen.length - 1] ?? 500;
      return status === 200 ? ok() : HttpResponse.json({}, { status });
    }));
    await expect(transport(2).request(GET, {}, { auth: refreshing() })).resolves.toMatchObject({ status: 200 });
    expect(seen).toEqual(['Bearer tok-old', 'Bearer tok-old', 'Bearer tok-new', 'Bearer tok-old']);
  });

  it('happens once: a second 401 is a GHLAuthenticationError', async () => {
    let calls = 0;
    server.use(http.get(`${BASE}/x`, () => {
      calls += 1;
      return HttpResponse.json({ message: 'Invalid JWT' }, { status: 401 });
    }));
    await expect(transport().request(GET, {}, { auth: refreshing() })).rejects.toBeInstanceOf(GHLAuthenticationError);
    expect(calls).toBe(2);
  });
});

describe('Transport: the rate-limit gate', () => {
  it('holds a slot around every attempt, retries and the 401 replay included, and gives each back with its answer', async () => {
    const events: string[] = [];
    const statuses = [503, 401, 200];
    let n = 0;
    server.use(http.get(`${BASE}/x`, () => {
      events.push('sent');
      const status = statuses[n++] ?? 200;
      return status === 200 ? ok() : HttpResponse.json({}, { status });
    }));
    const context: RequestContext = {
      auth: {
        getAccessToken: async () => {
          events.push('token');
          return 'tok-1';
        },
        handleUnauthorized: async () => 'tok-2',
      },
      limiter: {
        acquire: async (priority, signal) => {
          events.push(`slot ${priority}${signal ? ' (signal)' : ''}`);
          return events.length;
        },
        settle: (_ticket, response) => {
          events.push(`settled ${response?.status ?? 'without answer'}`);
        },
      },
    };
    await transport().request(GET, { signal: new AbortController().signal }, context);
    expect(events).toEqual([
      'token', 'slot live (signal)', 'sent', 'settled 503',
      'token', 'slot live (signal)', 'sent', 'settled 401',
      'slot live (signal)', 'sent', 'settled 200',
    ]);
  });
});

describe('Transport: the rate-limit gate and the other waits', () => {
  it('the wait for a slot does not count against the attempt’s timeout: each gets timeoutMs', async () => {
    server.use(http.get(`${BASE}/x`, async () => {
      await delay(60);
      return ok();
    }));
    const context: RequestContext = {
      auth: authSequence('tok-1'),
      limiter: { acquire: () => new Promise((resolve) => setTimeout(() => resolve('ticket'), 60)), settle: () => undefined },
    };
    await expect(transport(0).request(GET, { timeoutMs: 100 }, context)).resolves.toMatchObject({ status: 200 });
  });

  it('a slot that does not come within timeoutMs is a GHLTimeoutError saying nothing was sent; the wait is cancelled, nothing retried', async () => {
    const sent = countRequests();
    const waits: AbortSignal[] = [];
    const context: RequestContext = {
      auth: authSequence('tok-1'),
      limiter: {
        acquire: (_priority, signal) =>
          new Promise((_resolve, reject) => {
            waits.push(signal as AbortSignal);
            signal?.addEventListener('abort', () => reject(new GHLAbortError('Aborted while waiting for the GHL rate-limit window')));
          }),
        settle: () => undefined,
      },
    };
    const error = await transport().request(GET, { timeoutMs: 30 }, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTimeoutError);
    expect((error as Error).message).toMatch(/waited 30 ms for a slot in the rate-limit window; nothing was sent/);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.aborted).toBe(true);
    expect(sent.count).toBe(0);
  });

  it('the slot is taken last, right before the request leaves: none is held while a token is awaited', async () => {
    const events: string[] = [];
    server.use(http.get(`${BASE}/x`, ok));
    const context: RequestContext = {
      auth: { getAccessToken: async () => (events.push('token'), 'tok-1'), handleUnauthorized: async () => null },
      limiter: { acquire: async () => (events.push('slot'), 'ticket'), settle: () => void events.push('settled') },
    };
    await transport().request(GET, {}, context);
    expect(events).toEqual(['token', 'slot', 'settled']);
  });

  it('no slot is taken for an attempt whose token wait fails', async () => {
    const acquired: unknown[] = [];
    const context: RequestContext = {
      auth: { getAccessToken: async () => Promise.reject(new GHLValidationError('no token', [])), handleUnauthorized: async () => null },
      limiter: { acquire: async () => (acquired.push('slot'), 'ticket-1'), settle: () => undefined },
    };
    await expect(transport().request(GET, {}, context)).rejects.toThrow('no token');
    expect(acquired).toEqual([]);
  });
});

describe('Transport: aborts leave nothing behind', () => {
  it('an already-aborted call never asks for a token and sends nothing', async () => {
    const sent = countRequests();
    const auth = authSequence('tok-1');
    const error = await transport().request(GET, { signal: AbortSignal.abort() }, { auth }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(auth.asked).toBe(0);
    expect(sent.count).toBe(0);
  });

  it('an already-aborted call while a refresh is needed and the token endpoint fails: no refresh, no unhandled rejection', async () => {
    let tokenRequests = 0;
    server.use(http.post(`${BASE}/oauth/token`, () => {
      tokenRequests += 1;
      return HttpResponse.json({ message: 'down' }, { status: 500 });
    }));
    const store = new MemoryTokenStore({ 'loc-1': { accessToken: 'at-expired-1', refreshToken: 'rt-abcdefgh', expiresAt: Date.now() - 1 } });
    const sdk = new GHLClient({ locationId: 'loc-1', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenStore: store, env: {}, retry: { retries: 1, minDelayMs: 1 } });
    const seen = await watchProcess(async () => {
      await expect(sdk.contacts.get('c1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(GHLAbortError);
    });
    expect(seen.unhandled).toEqual([]);
    expect(tokenRequests).toBe(0);
  });

  it('a call aborted while its refresh is running: the refresh fails later, handled, and other callers still get its outcome', async () => {
    server.use(http.post(`${BASE}/oauth/token`, async () => {
      await delay(100);
      return HttpResponse.json({ error: 'invalid_grant' }, { status: 400 });
    }));
    const store = new MemoryTokenStore({ 'loc-1': { accessToken: 'at-expired-1', refreshToken: 'rt-abcdefgh', expiresAt: Date.now() - 1 } });
    const sdk = new GHLClient({ locationId: 'loc-1', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenStore: store, env: {} });
    const seen = await watchProcess(async () => {
      const aborted = sdk.contacts.get('c1', { signal: AbortSignal.timeout(20) });
      const patient = sdk.contacts.get('c2');
      await expect(aborted).rejects.toBeInstanceOf(GHLAbortError);
      await expect(patient).rejects.toThrow(/Re-run the OAuth flow/);
    });
    expect(seen.unhandled).toEqual([]);
  });

  it('one signal shared by 64 concurrent calls (token waits, retry waits) triggers no MaxListenersExceededWarning', async () => {
    let n = 0;
    server.use(http.get(`${BASE}/x`, async () => ((n += 1) <= 64 ? HttpResponse.json({}, { status: 503 }) : ok())));
    let release!: () => void;
    const tokenReady = new Promise<void>((resolve) => (release = resolve));
    const auth: AuthProvider = { getAccessToken: async () => (await tokenReady, 'tok-1'), handleUnauthorized: async () => null };
    const shared = new AbortController();
    const seen = await watchProcess(async () => {
      const calls = Array.from({ length: 64 }, () => transport(1, 50).request(GET, { signal: shared.signal }, { auth }));
      await new Promise((resolve) => setTimeout(resolve, 20)); // all 64 wait for the token on the shared signal
      release();
      await Promise.all(calls);
    });
    expect(seen.warnings.filter((w) => w.includes('MaxListenersExceeded'))).toEqual([]);
    expect(n).toBe(128);
  });

  it('a ky timeout becomes a GHLTimeoutError whose cause holds no Request and no token', async () => {
    server.use(http.get(`${BASE}/x`, async () => {
      await delay(500);
      return ok();
    }));
    const error = await transport(0).request(GET, { timeoutMs: 20 }, { auth: authSequence('tok-secret-abcdefgh') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTimeoutError);
    expect((error as Error).cause).not.toHaveProperty('request');
    const printed = inspect(error, { depth: 10, showHidden: true });
    expect(printed).not.toContain('tok-secret-abcdefgh');
    expect(printed).not.toMatch(/authorization/i);
  });
});
