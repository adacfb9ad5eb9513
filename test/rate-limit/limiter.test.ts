import { describe, expect, it, vi } from 'vitest';
import type { AcquireOptions, RateLimitBudget, ReleaseSlot } from '../../src/rate-limit/budget.js';
import { RateLimiter } from '../../src/rate-limit/limiter.js';
import { MemoryRateLimitBudget } from '../../src/rate-limit/memory-budget.js';
import type { RateLimitWindow } from '../../src/rate-limit/window.js';
import { GHLClient, MemoryTokenStore } from '../../src/index.js';
import { createGHLSimulator } from '../../src/testing/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

class RecordingBudget implements RateLimitBudget {
  readonly acquired: Array<{ key: string; window: RateLimitWindow; priority: string }> = [];
  readonly pauses: Array<{ key: string; ms: number }> = [];
  /** The window each release was given, in order. */
  readonly released: RateLimitWindow[] = [];
  room = true;
  async acquire(key: string, window: RateLimitWindow, options: AcquireOptions): Promise<ReleaseSlot> {
    this.acquired.push({ key, window, priority: options.priority });
    return (windowNow) => this.released.push(windowNow);
  }
  async pause(key: string, ms: number): Promise<void> {
    this.pauses.push({ key, ms });
  }
  hasRoom(): boolean {
    return this.room;
  }
}

const headers = (values: Record<string, string>) => new Headers(values);
const windowHeaders = (max: number, intervalMs: number, remaining: number) =>
  headers({ 'x-ratelimit-max': String(max), 'x-ratelimit-interval-milliseconds': String(intervalMs), 'x-ratelimit-remaining': String(remaining) });

describe('RateLimiter', () => {
  it('starts from the documented 100 per 10 s, paced 1 % wide, then follows the window GHL states', async () => {
    const budget = new RecordingBudget();
    const limiter = new RateLimiter({ budget, key: 'app:loc', logger: silent, now: Date.now });
    const ticket = await limiter.acquire('live');
    expect(budget.acquired[0]).toEqual({ key: 'app:loc', window: { max: 100, intervalMs: 10_100 }, priority: 'live' });

    limiter.settle(ticket, { status: 200, headers: windowHeaders(100, 1_000, 99) });
    // The slot is released with the window GHL just stated: it stays counted a window after this response.
    expect(budget.released).toEqual([{ max: 100, intervalMs: 1_010 }]);
    await limiter.acquire('bulk');
    expect(budget.acquired[1]).toEqual({ key: 'app:loc', window: { max: 100, intervalMs: 1_010 }, priority: 'bulk' });
    expect(limiter.stats.granted).toBe(2);
  });

  it('an attempt that got no response (network error, timeout) still releases its slot', async () => {
    const budget = new RecordingBudget();
    const limiter = new RateLimiter({ budget, key: 'k', logger: silent, now: Date.now });
    limiter.settle(await limiter.acquire('live'));
    expect(budget.released).toEqual([{ max: 100, intervalMs: 10_100 }]);
  });

  it('tryAcquire: a ticket at once from a budget that can grant synchronously, none from one that cannot', async () => {
    const limiter = new RateLimiter({ budget: new RecordingBudget(), key: 'k', logger: silent, now: Date.now });
    limiter.settle(await limiter.acquire('live'));
    expect(limiter.tryAcquire('live')).toBeUndefined(); // RecordingBudget has no fast path: acquire it is
    const memory = new RateLimiter({ budget: new MemoryRateLimitBudget(), key: 'k', logger: silent, now: Date.now, window: { max: 2, intervalMs: 1_000 } });
    expect(memory.tryAcquire('live')).toBeUndefined(); // before GHL's first answer: the first attempt goes alone, through acquire
    memory.settle(await memory.acquire('live'), { status: 200, headers: windowHeaders(2, 1_000, 1) });
    const ticket = memory.tryAcquire('live');
    expect(ticket).toBeDefined();
    expect(memory.stats.granted).toBe(2);
    expect(memory.tryAcquire('live')).toBeUndefined(); // the window's two slots are taken
    if (ticket) memory.settle(ticket, { status: 200, headers: windowHeaders(2, 1_000, 0), rateLimit: undefined });
  });

  it('until GHL first answers, one attempt at a time; the answer lets the rest go', async () => {
    const limiter = new RateLimiter({ budget: new RecordingBudget(), key: 'k', logger: silent, now: Date.now });
    const first = await limiter.acquire('live');
    let granted = 0;
    const rest = Array.from({ length: 5 }, () => limiter.acquire('bulk').then((ticket) => (granted++, ticket)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toBe(0);
    limiter.settle(first, { status: 200, headers: new Headers() }); // any answer will do, with or without headers
    await Promise.all(rest);
    expect(granted).toBe(5);
  });

  it('a first attempt aborted while it waits for the budget hands its turn to the next', async () => {
    const budget = new MemoryRateLimitBudget();
    const limiter = new RateLimiter({ budget, key: 'k', logger: silent, now: Date.now, window: { max: 1, intervalMs: 60_000 } });
    await budget.acquire('k', { max: 1, intervalMs: 60_000 }, { priority: 'live' }); // someone else holds the only slot
    const stop = new AbortController();
    const first = limiter.acquire('live', stop.signal);
    const second = limiter.acquire('live', AbortSignal.timeout(50));
    stop.abort();
    await expect(first).rejects.toThrow(/aborted/i);
    // The second became the first attempt and waits in the budget now, until its own signal ends it.
    await expect(second).rejects.toThrow(/rate-limit window/);
  });

  it("the first answer's X-RateLimit-Remaining reserves what others spent: no 429 after a run that just stopped", async () => {
    const sim = await createGHLSimulator({ rateLimit: { max: 10, intervalMs: 60_000 } });
    try {
      const token = sim.issuePrivateIntegrationToken();
      // Each client has a budget of its own, as a new process would.
      const run = () => new GHLClient({ locationId: sim.locationId, tokenStore: new MemoryTokenStore({ [sim.locationId]: { accessToken: token } }), baseUrl: sim.url, env: {} });
      await Promise.all(Array.from({ length: 6 }, (_, i) => run().contacts.create({ email: `earlier${i}@example.com` })));
      // A new client (a re-run) knows nothing of those 6: it learns them from the first answer.
      const rerun = run();
      const calls = Array.from({ length: 4 }, (_, i) => rerun.contacts.create({ email: `rerun${i}@example.com` }));
      await Promise.all(calls);
      const stop = new AbortController();
      const late = rerun.contacts.create({ email: 'late@example.com' }, { signal: stop.signal }).then(
        () => 'sent',
        () => 'aborted',
      );
      const outcome = await Promise.race([late, new Promise((resolve) => setTimeout(() => resolve('held'), 300))]);
      expect(outcome).toBe('held'); // 6 + 4 fill the window of 10: the 11th waits instead of meeting a 429
      stop.abort();
      expect(await late).toBe('aborted');
      expect(sim.stats.rateLimited).toBe(0);
      expect(sim.contacts.list()).toHaveLength(10);
    } finally {
      await sim.close();
    }
  });

  it('ignores a window no sane GHL would state (a hostile proxy must not stall or unleash the client)', () => {
    const limiter = new RateLimiter({ budget: new RecordingBudget(), key: 'k', logger: silent, now: Date.now });
    for (const [max, interval] of [[0, 10_000], [100, 0], [1e9, 10_000], [100, 1e12], [1.5, 10_000]] as const) {
      limiter.observe(200, windowHeaders(max, interval, 5));
    }
    expect(limiter.window).toEqual({ max: 100, intervalMs: 10_000 });
  });

  it('a 429 pauses the whole budget for Retry-After, else for the window, and is counted', () => {
    const budget = new RecordingBudget();
    const limiter = new RateLimiter({ budget, key: 'k', logger: silent, now: Date.now });
    limiter.observe(429, headers({ 'retry-after': '3' }));
    limiter.observe(429, windowHeaders(100, 10_000, 0));
    expect(budget.pauses).toEqual([
      { key: 'k', ms: 3_000 },
      { key: 'k', ms: 10_000 },
    ]);
    expect(limiter.stats.rateLimited).toBe(2);
  });

  it('"0 remaining" while its own budget has room means someone else spends the window: it waits a window', () => {
    const budget = new RecordingBudget();
    const limiter = new RateLimiter({ budget, key: 'k', logger: silent, now: Date.now });
    budget.room = false;
    limiter.observe(200, windowHeaders(100, 10_000, 0)); // our own requests filled it: nothing to do
    expect(budget.pauses).toEqual([]);
    budget.room = true;
    limiter.observe(200, windowHeaders(100, 10_000, 0));
    expect(budget.pauses).toEqual([{ key: 'k', ms: 10_000 }]);
  });
});

describe('one budget per location, shared by everything the client does', () => {
  it('a bulk sync beside live calls: live calls jump the queue, and GHL never answers 429', async () => {
    const window = { max: 10, intervalMs: 1_000 };
    const sim = await createGHLSimulator({ rateLimit: window });
    try {
      const ghl = new GHLClient({
        locationId: sim.locationId,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        baseUrl: sim.url,
        tokenStore: new MemoryTokenStore({ [sim.locationId]: sim.issueTokens() }),
        env: {},
        rateLimit: { window },
      });
      const seeded = sim.contacts.seed({ email: 'live@example.com' });
      const bulkRequests = () => (sim.stats.byRoute['POST /contacts/upsert'] ?? 0) + (sim.stats.byRoute['POST /contacts/:contactId/tags'] ?? 0);
      const bulk = ghl.sync.users(Array.from({ length: 12 }, (_, i) => ({ email: `bulk${i}@example.com` })), { concurrency: 4 });
      // Whatever the machine's speed: wait until the bulk run has filled the window (its next requests queue).
      await vi.waitFor(() => expect(bulkRequests()).toBeGreaterThanOrEqual(window.max), { timeout: 15_000, interval: 20 });
      // A location() client for the same location shares the budget too.
      await ghl.location(sim.locationId).contacts.get(seeded.id);
      const bulkRequestsBeforeLive = bulkRequests();
      const report = await bulk;
      expect(report.created).toBe(12);
      expect(sim.stats.rateLimited).toBe(0);
      // The live call took one of the next free slots instead of waiting behind the 14 queued bulk requests.
      expect(bulkRequestsBeforeLive).toBeLessThan(20);
    } finally {
      await sim.close();
    }
  });
});
