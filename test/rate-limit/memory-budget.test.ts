import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GHLAbortError } from '../../src/errors.js';
import type { ReleaseSlot } from '../../src/rate-limit/budget.js';
import { MemoryRateLimitBudget } from '../../src/rate-limit/memory-budget.js';

const WINDOW = { max: 5, intervalMs: 1_000 };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Grant {
  at: number;
  release: ReleaseSlot;
}

/** Acquires `n` slots; each grant records when it came. */
function acquireMany(budget: MemoryRateLimitBudget, n: number, priority: 'live' | 'bulk' = 'bulk', key = 'loc'): Promise<Grant>[] {
  return Array.from({ length: n }, () => budget.acquire(key, WINDOW, { priority }).then((release) => ({ at: Date.now(), release })));
}

const timesOf = async (grants: Promise<Grant>[]) => (await Promise.all(grants)).map((grant) => grant.at);
const releaseAll = async (grants: Promise<Grant>[]) => {
  for (const grant of await Promise.all(grants)) grant.release(WINDOW);
};

describe('MemoryRateLimitBudget', () => {
  it('lets `max` requests go, then each slot a whole window after its response came back', async () => {
    const budget = new MemoryRateLimitBudget();
    const first = acquireMany(budget, 5);
    const waiting = acquireMany(budget, 2);
    expect(await timesOf(first)).toEqual([0, 0, 0, 0, 0]);
    await vi.advanceTimersByTimeAsync(200); // the responses come back at t = 200
    await releaseAll(first);
    await vi.advanceTimersByTimeAsync(5_000);
    // GHL counted them no later than t = 200: their slots free at 1200, not at 1000.
    expect(await timesOf(waiting)).toEqual([1_200, 1_200]);
  });

  it('a request still on the wire keeps its slot, however long it takes', async () => {
    const budget = new MemoryRateLimitBudget();
    const first = await Promise.all(acquireMany(budget, 5));
    for (const grant of first.slice(0, 4)) grant.release(WINDOW);
    const waiting = acquireMany(budget, 5);
    await vi.advanceTimersByTimeAsync(5_000);
    const settled = await Promise.all(waiting.slice(0, 4));
    expect(settled.map((grant) => grant.at)).toEqual([1_000, 1_000, 1_000, 1_000]);
    let fifth: number | undefined;
    void waiting[4]?.then((grant) => (fifth = grant.at));
    await vi.advanceTimersByTimeAsync(0);
    expect(fifth).toBeUndefined();
    first[4]?.release(WINDOW); // its response comes at t = 5000
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fifth).toBe(6_000);
  });

  it('counts a release once, and frees the slot after the window it is given', async () => {
    const budget = new MemoryRateLimitBudget();
    const [grant] = await Promise.all(acquireMany(budget, 1));
    grant?.release({ max: 5, intervalMs: 300 });
    grant?.release({ max: 5, intervalMs: 300 });
    const rest = acquireMany(budget, 5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await timesOf(rest)).toEqual([0, 0, 0, 0, 300]);
  });

  it("serves 'live' requests before 'bulk' ones waiting for the same window", async () => {
    const budget = new MemoryRateLimitBudget();
    const full = acquireMany(budget, 5);
    await releaseAll(full);
    const order: string[] = [];
    const bulk = Array.from({ length: 3 }, (_, i) => budget.acquire('loc', WINDOW, { priority: 'bulk' }).then(() => order.push(`bulk${i}`)));
    const live = budget.acquire('loc', WINDOW, { priority: 'live' }).then(() => order.push('live'));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([...bulk, live]);
    expect(order[0]).toBe('live');
  });

  it('keeps each location on its own budget', async () => {
    const budget = new MemoryRateLimitBudget();
    await Promise.all(acquireMany(budget, 5, 'bulk', 'a'));
    expect(await timesOf(acquireMany(budget, 5, 'bulk', 'b'))).toEqual([0, 0, 0, 0, 0]);
  });

  it('pause holds every request for the key until it ends', async () => {
    const budget = new MemoryRateLimitBudget();
    await releaseAll(acquireMany(budget, 1));
    await budget.pause('loc', 3_000);
    expect(budget.hasRoom('loc')).toBe(false);
    const granted = acquireMany(budget, 2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await timesOf(granted)).toEqual([3_000, 3_000]);
  });

  it('an abort while waiting rejects with GHLAbortError and frees the place in line; an abort after the grant keeps the slot held', async () => {
    const budget = new MemoryRateLimitBudget();
    const afterGrant = new AbortController();
    const held = await budget.acquire('loc', WINDOW, { priority: 'bulk', signal: afterGrant.signal });
    afterGrant.abort(); // the request may already be on its way: its slot stays until it is released
    const others = acquireMany(budget, 4);
    await releaseAll(others);
    const controller = new AbortController();
    const waiting = budget.acquire('loc', WINDOW, { priority: 'bulk', signal: controller.signal });
    const assertion = expect(waiting).rejects.toBeInstanceOf(GHLAbortError);
    controller.abort();
    await assertion;
    const next = acquireMany(budget, 5);
    await vi.advanceTimersByTimeAsync(1_000);
    held(WINDOW);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await timesOf(next)).toEqual([1_000, 1_000, 1_000, 1_000, 2_000]);
  });

  it('a new `max` stated by GHL applies at once; slots already held stay held', async () => {
    const budget = new MemoryRateLimitBudget();
    await Promise.all(acquireMany(budget, 5));
    const wider = { max: 8, intervalMs: 1_000 };
    const granted = Array.from({ length: 4 }, () => budget.acquire('loc', wider, { priority: 'bulk' }).then(() => Date.now()));
    let count = 0;
    for (const promise of granted) void promise.then(() => count++);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(count).toBe(3); // 5 held + 3 = 8
  });

  it('hasRoom tells whether the budget itself would let another request go', async () => {
    const budget = new MemoryRateLimitBudget();
    expect(budget.hasRoom('loc')).toBe(true);
    const four = acquireMany(budget, 4);
    await Promise.all(four);
    expect(budget.hasRoom('loc')).toBe(true);
    const fifth = acquireMany(budget, 1);
    await Promise.all(fifth);
    expect(budget.hasRoom('loc')).toBe(false);
    await releaseAll([...four, ...fifth]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(budget.hasRoom('loc')).toBe(true);
  });

  it('reconcile holds, for a window, what GHL counts beyond the slots held here, and only free slots', async () => {
    const budget = new MemoryRateLimitBudget();
    const ours = await Promise.all(acquireMany(budget, 1));
    budget.reconcile('loc', WINDOW, 3); // GHL counts 3: ours and 2 this budget never saw
    expect(budget.tryAcquire('loc', WINDOW, 'bulk')).toBeDefined();
    expect(budget.tryAcquire('loc', WINDOW, 'bulk')).toBeDefined();
    expect(budget.tryAcquire('loc', WINDOW, 'bulk')).toBeUndefined(); // 1 + 2 reserved + 2 = 5
    budget.reconcile('loc', WINDOW, 3); // already held here: nothing more to reserve
    budget.reconcile('loc', WINDOW, 1_000); // a hostile count takes at most the free slots, which are none
    const waiting = acquireMany(budget, 2);
    for (const grant of ours) grant.release(WINDOW);
    await vi.advanceTimersByTimeAsync(1_000);
    // The reserved two and ours free a window after their reconcile / release, at t = 1000.
    expect(await timesOf(waiting)).toEqual([1_000, 1_000]);
  });

  it('tryAcquire grants a free slot synchronously, and defers to acquire when the window is full, someone waits, or a pause runs', async () => {
    const budget = new MemoryRateLimitBudget();
    const first = budget.tryAcquire('loc', WINDOW, 'live');
    expect(first).toBeTypeOf('function');
    const rest = await Promise.all(acquireMany(budget, 4));
    expect(budget.tryAcquire('loc', WINDOW, 'live')).toBeUndefined(); // all 5 slots taken
    const waiting = acquireMany(budget, 1);
    first?.(WINDOW);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await timesOf(waiting)).toEqual([1_000]);
    await releaseAll([...waiting, ...rest.map(async (grant) => grant)]);
    await vi.advanceTimersByTimeAsync(1_000);
    await budget.pause('loc', 500);
    expect(budget.tryAcquire('loc', WINDOW, 'live')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    const granted = budget.tryAcquire('loc', WINDOW, 'bulk');
    expect(granted).toBeTypeOf('function');
    // A fast-path grant is a slot like any other: counted once, held a window after its release.
    granted?.(WINDOW);
    granted?.(WINDOW);
    const next = acquireMany(budget, 5);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await timesOf(next)).toEqual([2_500, 2_500, 2_500, 2_500, 3_500]);
  });

  it('frees held slots with one timer per location, not one per request', async () => {
    const budget = new MemoryRateLimitBudget();
    const wide = { max: 1_000, intervalMs: 1_000 };
    const grants = await Promise.all(Array.from({ length: 1_000 }, () => budget.acquire('loc', wide, { priority: 'bulk' })));
    for (const [i, release] of grants.entries()) {
      if (i > 0 && i % 100 === 0) await vi.advanceTimersByTimeAsync(10);
      release(wide);
    }
    expect(vi.getTimerCount()).toBe(1);
    const later = Array.from({ length: 1_000 }, () => budget.acquire('loc', wide, { priority: 'bulk' }).then(() => Date.now()));
    await vi.advanceTimersByTimeAsync(2_000);
    const times = await Promise.all(later);
    // The first 100 answers came back at t = 0 and free at 1000; the last 100 at t = 90, free at 1090.
    expect(Math.min(...times)).toBe(1_000);
    expect(Math.max(...times)).toBe(1_090);
  });

  it('a shorter window stated meanwhile frees its slots in deadline order, never a slot early', async () => {
    const budget = new MemoryRateLimitBudget();
    const [slow, fast] = await Promise.all(acquireMany(budget, 2));
    const rest = await Promise.all(acquireMany(budget, 3));
    slow?.release({ max: 5, intervalMs: 1_000 }); // frees at 1000
    fast?.release({ max: 5, intervalMs: 200 }); // frees at 200, though released later
    const waiting = acquireMany(budget, 2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await timesOf(waiting)).toEqual([200, 1_000]);
    for (const grant of rest) grant.release(WINDOW);
  });
});
