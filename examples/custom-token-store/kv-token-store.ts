import { randomUUID } from 'node:crypto';
import { GHLError, type TokenSet, type TokenStore } from 'ghl-sdk';
import type { KvClient } from './kv-client.js';

export interface KvTokenStoreOptions {
  /** Prefix of every key this store writes. Default `ghl:`. */
  prefix?: string;
  /**
   * How long a lock holder may go silent before others take the lock over (a crashed process).
   * The holder renews it every third of this while it works. Default 30 000 ms.
   */
  leaseMs?: number;
  /** Give up waiting for the lock after this long. Default 60 000 ms. */
  waitTimeoutMs?: number;
  /** Pause between attempts to take the lock (jittered). Default 10 ms. */
  retryDelayMs?: number;
}

interface Lease {
  owner: string;
  expiresAt: number;
}

/**
 * A `TokenStore` over a key-value store with compare-and-set. Tokens are one JSON value per key;
 * `withLock` is a lease taken with compare-and-set, so across every process sharing the KV only one
 * refreshes a location's token at a time — the others wait, and the SDK re-reads the tokens the
 * winner saved instead of spending the single-use refresh token again.
 */
export class KvTokenStore implements TokenStore {
  private readonly kv: KvClient;
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly waitTimeoutMs: number;
  private readonly retryDelayMs: number;

  constructor(kv: KvClient, options: KvTokenStoreOptions = {}) {
    this.kv = kv;
    this.prefix = options.prefix ?? 'ghl:';
    this.leaseMs = options.leaseMs ?? 30_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 10;
  }

  async get(key: string): Promise<TokenSet | null> {
    const entry = await this.kv.get(`${this.prefix}tokens:${key}`);
    return entry ? (JSON.parse(entry.value) as TokenSet) : null;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    await this.kv.put(`${this.prefix}tokens:${key}`, JSON.stringify(tokens));
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(`${this.prefix}tokens:${key}`);
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}lock:${key}`;
    const owner = randomUUID();
    const lease = () => JSON.stringify({ owner, expiresAt: Date.now() + this.leaseMs } satisfies Lease);
    let version = await this.acquire(lockKey, lease, key);

    // Renew while fn runs, so a slow refresh (retries with backoff) never outlives its lease.
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = this.kv.compareAndSet(lockKey, lease(), version).then((next) => {
        if (next !== null) version = next;
      });
    }, this.leaseMs / 3);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
      await renewing.catch(() => undefined);
      // Only our own lease: if it was taken over, deleting would free someone else's lock.
      await this.kv.delete(lockKey, version);
    }
  }

  /** Takes the lock when it is free or its holder's lease ran out; returns the lease's version. */
  private async acquire(lockKey: string, lease: () => string, key: string): Promise<number> {
    const deadline = Date.now() + this.waitTimeoutMs;
    for (;;) {
      const current = await this.kv.get(lockKey);
      if (!current || (JSON.parse(current.value) as Lease).expiresAt <= Date.now()) {
        const version = await this.kv.compareAndSet(lockKey, lease(), current?.version ?? null);
        if (version !== null) return version;
      }
      if (Date.now() > deadline) throw new GHLError(`Timed out after ${this.waitTimeoutMs} ms waiting for the token lock of "${key}"`);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * (0.5 + Math.random())));
    }
  }
}
