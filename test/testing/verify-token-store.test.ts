import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { GHLError } from '../../src/errors.js';
import { FileTokenStore } from '../../src/stores/file.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import type { TokenStore } from '../../src/stores/token-store.js';
import { verifyTokenStore, type StoreReport } from '../../src/testing/index.js';

/** A correct store: a Map plus a per-key promise-chain lock. */
class GoodStore implements TokenStore {
  readonly data = new Map<string, TokenSet>();
  private readonly tails = new Map<string, Promise<unknown>>();
  async get(key: string) {
    const value = this.data.get(key);
    return value ? structuredClone(value) : null;
  }
  async set(key: string, tokens: TokenSet) {
    this.data.set(key, structuredClone(tokens));
  }
  async delete(key: string) {
    this.data.delete(key);
  }
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(fn, fn);
    this.tails.set(key, run.catch(() => undefined));
    return run;
  }
}

const failed = (report: StoreReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);
const skipped = (report: StoreReport) => report.checks.filter((c) => c.skipped).map((c) => c.name);

describe('verifyTokenStore on conforming stores', () => {
  it('passes a correct store with a lock, and cleans up after itself', async () => {
    const store = new GoodStore();
    const report = await verifyTokenStore(store, { prefix: 'probe:' });
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(9);
    expect(skipped(report)).toEqual([]);
    expect(store.data.size).toBe(0);
  });

  it('passes MemoryTokenStore, skipping the withLock checks it does not need', async () => {
    const report = await verifyTokenStore(new MemoryTokenStore());
    expect(report.ok).toBe(true);
    expect(skipped(report)).toEqual([
      'withLock excludes concurrent callers',
      'withLock returns the value of fn',
      'withLock propagates errors and releases the lock after a throw',
    ]);
  });

  describe('FileTokenStore', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ghl-verify-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('passes, lock included', async () => {
      const report = await verifyTokenStore(new FileTokenStore({ path: join(dir, 'tokens.json'), lock: { retryDelayMs: 2 } }), { concurrency: 10 });
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(skipped(report)).toEqual([]);
    });
  });
});

describe('verifyTokenStore on broken stores', () => {
  it('catches a store without key isolation', async () => {
    let slot: TokenSet | null = null;
    const report = await verifyTokenStore({ get: async () => slot, set: async (_key, tokens) => void (slot = tokens) });
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(['unknown key returns null', 'keys are isolated']);
  });

  it('catches lost fields and names them without printing token values', async () => {
    const store = new GoodStore();
    const lossy: TokenStore = { get: (k) => store.get(k), set: (key, { refreshToken: _dropped, ...rest }) => store.set(key, rest) };
    const report = await verifyTokenStore(lossy);
    const roundTrip = report.checks.find((c) => c.name === 'round trip keeps every field');
    expect(roundTrip).toMatchObject({ ok: false, error: 'get after set: field(s) refreshToken differ from what was set' });
    expect(JSON.stringify(report)).not.toMatch(/verify-(access|refresh)-/);
  });

  it('catches a store that merges instead of replacing, and one returning undefined', async () => {
    const store = new GoodStore();
    const merging: TokenStore = {
      get: async (key) => (await store.get(key)) ?? (undefined as unknown as null),
      set: async (key, tokens) => store.set(key, { ...(await store.get(key)), ...tokens }),
    };
    const report = await verifyTokenStore(merging);
    expect(failed(report)).toEqual(['unknown key returns null', 'set replaces the whole token set']);
    expect(report.checks.find((c) => c.name === 'unknown key returns null')?.error).toMatch(/returned undefined/);
  });

  it('catches a lock that does not exclude', async () => {
    const store = new GoodStore();
    const report = await verifyTokenStore({ get: (k) => store.get(k), set: (k, t) => store.set(k, t), withLock: (_key, fn) => fn() });
    expect(failed(report)).toEqual(['withLock excludes concurrent callers']);
    expect(report.checks.find((c) => !c.ok)?.error).toMatch(/20 callers held the lock at once; 19 of 20 increments were lost/);
  });

  it('catches a lock that swallows errors or is never released after a throw', async () => {
    const store = new GoodStore();
    const swallowing: TokenStore = { get: (k) => store.get(k), set: (k, t) => store.set(k, t), withLock: (k, fn) => store.withLock(k, fn).catch(() => undefined as never) };
    expect(failed(await verifyTokenStore(swallowing))).toEqual(['withLock propagates errors and releases the lock after a throw']);

    let held = false;
    const sticky: TokenStore = {
      get: (k) => store.get(k),
      set: (k, t) => store.set(k, t),
      withLock: async (_k, fn) => {
        while (held) await new Promise((resolve) => setTimeout(resolve, 5));
        held = true;
        const value = await fn(); // a throw skips the release
        held = false;
        return value;
      },
    };
    const report = await verifyTokenStore(sticky, { timeoutMs: 100 });
    expect(report.checks.find((c) => c.name.startsWith('withLock propagates'))).toMatchObject({ ok: false, error: 'the lock was not released after fn threw' });
    held = false; // let the stuck waiter finish
  });

  it('throws a GHLError listing the failures when asked', async () => {
    let slot: TokenSet | null = null;
    const broken: TokenStore = { get: async () => slot, set: async (_key, tokens) => void (slot = tokens) };
    const error = await verifyTokenStore(broken, { throwOnFailure: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLError);
    expect((error as Error).message).toMatch(/failed 2 conformance check\(s\): unknown key returns null .*; keys are isolated/);
  });

  it('reports a store that throws instead of crashing', async () => {
    const report = await verifyTokenStore({
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => undefined,
    });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ ok: false, error: 'connection refused' });
  });
});
