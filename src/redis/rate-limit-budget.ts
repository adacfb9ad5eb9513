import PQueue from 'p-queue';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { GHLAbortError } from '../errors.js';
import { sleep } from '../http/sleep.js';
import { PRIORITY, type AcquireOptions, type RateLimitBudget, type ReleaseSlot } from '../rate-limit/budget.js';
import type { RateLimitWindow } from '../rate-limit/window.js';

/**
 * The Redis client the budget needs: rate-limiter-flexible drives ioredis through `defineCommand`
 * (its Lua script) and `multi`. An ioredis `Redis` (v5 or v6) fits; the type stays structural so
 * this entry's declarations never import ioredis.
 */
export interface RateLimitRedisClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  multi(...args: never[]): unknown;
}

/** The command `defineCommand` adds for SETTLE (ioredis makes each defined command a method). */
type SettleCommand = (key: string, windowMs: string) => Promise<unknown>;
const SETTLE_COMMAND = 'ghlRateLimitSettle';

export interface RedisRateLimitBudgetOptions {
  /** An ioredis client. */
  client: RateLimitRedisClient;
  /** Key prefix; one key per app and location lives under it. Default `'ghl:rate:'`. */
  prefix?: string | undefined;
}

/**
 * How long past its window a request's entry stays when its response never comes back (the process
 * died): longer than any attempt (the transport's timeout is 30 s by default), so a slow request is
 * never forgotten while on the wire.
 */
const PENDING_HOLD_MS = 60_000;

// rate-limiter-flexible counts in fixed windows, and a fixed window cannot keep a fleet inside a
// rolling one: requests late in one window plus a burst at the start of the next can reach twice
// the limit within one rolling interval, and GHL's 429 comes back. Its Lua hook (the script behind
// every consume) is replaced by a sliding log: one sorted-set entry per request, scored with the
// time it leaves the log (Redis's clock, so all processes share one timeline).
//
// GHL counts a request when it arrives, which is after it left here by however long the network and
// this process take: an entry that expired a window after it was *written* let the next burst in
// early (1-3 429s with two processes, measured). So, like the in-memory budget, a request is held
// until a window after its *response*: it is written as pending (scored PENDING_HOLD_MS past the
// window), and SETTLE rescores one pending entry to "window from now" when the response comes.
// Which pending entry does not matter: all of them are alive until settled, so the count is the
// same. A process killed mid-request leaves its entries pending; they expire on their own.
// Same contract as the library's own script: it returns {consumed, ms until a point may free}, and
// consumed > max is a rejection (nothing recorded). While every entry is pending, no expiry time is
// known: the wait is a poll of 1 % of the window, since another process's settle sends no signal.
// ARGV: points to take, seconds (unused), max, pending lifetime in seconds (fractional).
const SLIDING_LOG = `local take = tonumber(ARGV[1])
local max = tonumber(ARGV[3])
local lifetime = math.ceil(tonumber(ARGV[4]) * 1000)
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local count = redis.call('ZCARD', KEYS[1])
if count + take > max then
  local window = lifetime - ${PENDING_HOLD_MS}
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local wait = math.max(10, math.floor(window / 100))
  if first[2] and tonumber(first[2]) - now <= window then wait = tonumber(first[2]) - now end
  return {max + 1, math.max(wait, 1)}
end
local sequence = redis.call('INCRBY', KEYS[1] .. ':seq', take)
for i = 1, take do
  redis.call('ZADD', KEYS[1], now + lifetime, now .. '-' .. (sequence - i))
end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local keep = math.max(tonumber(last[2]) - now, 1)
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('PEXPIRE', KEYS[1] .. ':seq', keep)
return {count + take, lifetime}`;

// A response came back: the oldest still-pending entry (scored beyond "a window from now") now
// leaves the log a window from now. ARGV: the window in ms.
const SETTLE = `local window = tonumber(ARGV[1])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local pending = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now + window), '+inf', 'LIMIT', 0, 1)
if pending[1] then redis.call('ZADD', KEYS[1], 'XX', now + window, pending[1]) end
return pending[1] and 1 or 0`;

/**
 * A rate-limit budget in Redis, so a fleet of processes shares one GHL window per location:
 * rate-limiter-flexible's `RateLimiterRedis` (one atomic Lua call per request, here a sliding log),
 * with an in-memory insurance limiter that paces each process on its own while Redis is
 * unreachable. Within a process, waiters queue in order (`'live'` first) and one at a time ask Redis.
 *
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisRateLimitBudget } from 'ghl-sdk/redis';
 * const ghl = new GHLClient({ rateLimit: { budget: new RedisRateLimitBudget({ client: new Redis(url) }) } });
 * ```
 */
export class RedisRateLimitBudget implements RateLimitBudget {
  private readonly client: RateLimitRedisClient;
  private readonly prefix: string;
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly queues = new Map<string, PQueue>();
  private readonly lastRemaining = new Map<string, number>();
  private readonly resumeTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(options: RedisRateLimitBudgetOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'ghl:rate:';
    this.client.defineCommand(SETTLE_COMMAND, { numberOfKeys: 1, lua: SETTLE });
  }

  async acquire(key: string, window: RateLimitWindow, options: AcquireOptions): Promise<ReleaseSlot> {
    const queue = this.queueFor(key);
    // A waiter keeps the process alive through a pause (see pause).
    this.resumeTimers.get(key)?.ref?.();
    const limiter = this.limiterFor(key, window);
    try {
      await queue.add(({ signal }) => this.consume(limiter, key, signal), { priority: PRIORITY[options.priority], signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw new GHLAbortError('Aborted while waiting for the GHL rate-limit window', { cause: options.signal.reason });
      throw error;
    }
    const settle = (this.client as unknown as Record<typeof SETTLE_COMMAND, SettleCommand>)[SETTLE_COMMAND].bind(this.client);
    const logKey = limiter.getKey(key);
    return (settledWindow) => {
      // Unreachable Redis: the entry stays pending and expires PENDING_HOLD_MS late, which only
      // ever slows the fleet down.
      settle(logKey, String(settledWindow.intervalMs)).catch(() => undefined);
    };
  }

  /**
   * Holds this process's requests for `key`. Not a Redis block: the log holds one entry per request
   * sent, and every other process that meets the same 429 pauses itself.
   */
  async pause(key: string, ms: number): Promise<void> {
    const queue = this.queueFor(key);
    queue.pause();
    this.lastRemaining.set(key, 0);
    clearTimeout(this.resumeTimers.get(key));
    const timer = setTimeout(() => queue.start(), ms);
    if (queue.size === 0) timer.unref?.();
    this.resumeTimers.set(key, timer);
  }

  hasRoom(key: string): boolean {
    return (this.lastRemaining.get(key) ?? 1) > 0;
  }

  private queueFor(key: string): PQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new PQueue({ concurrency: 1 });
      this.queues.set(key, queue);
    }
    return queue;
  }

  private async consume(limiter: RateLimiterRedis, key: string, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      try {
        const granted = await limiter.consume(key);
        this.lastRemaining.set(key, granted.remainingPoints);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        this.lastRemaining.set(key, 0);
        await sleep(Math.max(1, rejection.msBeforeNext), signal, 'waiting for the shared rate-limit window');
      }
    }
  }

  /** One limiter per key: its `duration` is a pending entry's lifetime, the window plus PENDING_HOLD_MS. */
  private limiterFor(key: string, window: RateLimitWindow): RateLimiterRedis {
    const shape = { points: window.max, duration: window.intervalMs / 1000 };
    let limiter = this.limiters.get(key);
    if (!limiter || limiter.points !== shape.points) {
      limiter = new RateLimiterRedis({
        ...shape,
        storeClient: this.client,
        keyPrefix: this.prefix.replace(/:$/, ''),
        customIncrTtlLuaScript: SLIDING_LOG,
        insuranceLimiter: new RateLimiterMemory({ points: shape.points, duration: Math.max(1, Math.ceil(shape.duration)) }),
      });
      this.limiters.set(key, limiter);
    }
    // Consumes for one key run one at a time (its queue), so setting the duration here is safe.
    limiter.duration = (window.intervalMs + PENDING_HOLD_MS) / 1000;
    return limiter;
  }
}
