import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { GHLTokenStoreError, redisCommandError } from './errors.js';
import type { RedisLike } from './redis-like.js';

export interface RedisLockOptions {
  /** Lifetime of the lock key; renewed every third of it while the holder runs. */
  ttlMs: number;
  /** Give up waiting for the lock after this long. */
  waitMs: number;
  /** Mean pause between attempts to take a held lock (jittered ±50 %). */
  retryDelayMs: number;
}

// Compare-and-delete / compare-and-pexpire: only the owner may release or extend. A plain DEL after
// our TTL ran out would delete the lock a new holder has since taken.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Runs `fn` while holding the Redis lock `lockKey` (`SET lockKey owner NX PX ttl`), the well-known
 * single-instance Redis lock.
 *
 * - Waiters poll with small jittered delays: a release wakes them within tens of milliseconds, and
 *   the jitter keeps a fleet from retrying in lockstep.
 * - The owner value is unique per acquisition (host, pid and a UUID, so `GET lockKey` shows who holds
 *   it) and release / renewal compare it first.
 * - While `fn` runs the TTL is renewed every `ttlMs / 3`, so a slow but alive holder keeps the lock;
 *   a holder that dies (even by SIGKILL) stops renewing and delays others by at most `ttlMs`.
 * - The TTL is enforced by Redis's own clock, not by comparing clocks across machines.
 */
export async function withRedisLock<T>(client: RedisLike, lockKey: string, fn: () => Promise<T>, options: RedisLockOptions): Promise<T> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  try {
    await acquire(client, lockKey, owner, options);
  } catch (error) {
    // A SET NX whose reply timed out may still run: Redis queues it while stalled and runs it when
    // it wakes, leaving a lock nobody owns that the fleet would wait out for a full TTL. Release it
    // by compare-and-delete (sent on the same connection, so it runs after that SET); best effort,
    // not awaited: the caller gets its error now.
    client.eval(RELEASE, 1, lockKey, owner).catch(() => undefined);
    throw error;
  }
  const stopRenewing = keepRenewing(client, lockKey, owner, options.ttlMs);
  try {
    return await fn();
  } finally {
    stopRenewing();
    // A failed release is not the caller's problem: fn's outcome stands, and the TTL frees the lock.
    await client.eval(RELEASE, 1, lockKey, owner).catch(() => undefined);
  }
}

async function acquire(client: RedisLike, lockKey: string, owner: string, options: RedisLockOptions): Promise<void> {
  // performance.now() is monotonic: a wall-clock jump must not cut a wait short or stretch it.
  const started = performance.now();
  for (;;) {
    let reply: unknown;
    try {
      reply = await client.set(lockKey, owner, 'PX', options.ttlMs, 'NX');
    } catch (error) {
      throw redisCommandError('lock', `taking the refresh lock ${lockKey} (SET NX PX)`, lockKey, error);
    }
    if (reply === 'OK') return;
    const waited = performance.now() - started;
    if (waited >= options.waitMs) {
      throw new GHLTokenStoreError(
        `Redis token store: timed out after ${Math.round(waited)} ms waiting for the refresh lock ${lockKey}; another process holds it (a crashed holder frees it within ${options.ttlMs} ms)`,
        { operation: 'lock', key: lockKey },
      );
    }
    const pause = Math.min(options.retryDelayMs * (0.5 + Math.random()), options.waitMs - waited);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Extends the lock while the holder is alive. Returns the function that stops it. */
function keepRenewing(client: RedisLike, lockKey: string, owner: string, ttlMs: number): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    client.eval(RENEW, 1, lockKey, owner, ttlMs).then(
      (renewed) => {
        // 0: the lock expired and may belong to someone else now; extending it would be wrong.
        if (renewed === 0 && !stopped) stop();
      },
      // A transient Redis error: try again next tick; if Redis stays away the TTL decides.
      () => undefined,
    );
  }, Math.max(1, Math.floor(ttlMs / 3)));
  // The renewal must not keep a finished process alive.
  timer.unref();
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
