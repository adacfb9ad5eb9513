import { tokenSetSchema, type TokenSet } from '../auth/token-set.js';
import { GHLConfigError } from '../errors.js';
import { describeObject, inspectCustom } from '../inspect.js';
import type { TokenStore } from '../stores/token-store.js';
import { GHLTokenStoreError, redisCommandError } from './errors.js';
import { withRedisLock, type RedisLockOptions } from './lock.js';
import type { RedisLike } from './redis-like.js';

export interface RedisTokenStoreOptions {
  /**
   * A connected ioredis client (`new Redis(url)`), or anything with the same `get`/`set`/`del`/`eval`.
   * The store never connects or closes it: you own its lifecycle. For fast failure when Redis is down
   * configure it with e.g. `maxRetriesPerRequest: 2`, `connectTimeout: 5_000`, `commandTimeout: 5_000`
   * (ioredis's defaults retry a command for several seconds before it fails).
   */
  client: RedisLike;
  /**
   * Prefix of every Redis key: tokens live at `prefix + key` (key = the location id) as JSON, the
   * refresh lock at `prefix + 'lock:' + key`. Give each app or environment its own prefix.
   * @default 'ghl:tokens:'
   */
  prefix?: string | undefined;
  /**
   * Lifetime of the refresh lock in ms. A live holder renews it every third of this, so it only runs
   * out when the holder dies or stalls: a holder killed mid-refresh delays the fleet by at most this.
   * Keep the client's `timeoutMs` (which bounds the token request) shorter than this, so a refresh
   * gives up before a stalled holder could lose the lock while still waiting on GHL.
   * @default 30_000
   */
  lockTtlMs?: number | undefined;
  /**
   * How long `withLock` waits for a lock held by someone else before it fails with
   * `GHLTokenStoreError`. Never wait forever: the default covers a crashed holder's full TTL plus one
   * refresh by the next holder at the default 30 s request timeout.
   * @default lockTtlMs + 30_000
   */
  lockWaitMs?: number | undefined;
  /** Mean pause between attempts to take a held lock, in ms (jittered ±50 %). @default 25 */
  lockRetryDelayMs?: number | undefined;
}

const DEFAULT_PREFIX = 'ghl:tokens:';
const DEFAULT_LOCK_TTL_MS = 30_000;
const WAIT_MARGIN_MS = 30_000;
const DEFAULT_RETRY_DELAY_MS = 25;

/**
 * Tokens in Redis, shared by every process and machine of a fleet, with a distributed refresh lock.
 *
 * Why: GHL refresh tokens are single-use and rotate. Two instances refreshing with the same token
 * means one of them gets `invalid_grant`, and if the loser's write lands last the stored refresh
 * token is dead. `withLock` makes the TokenManager's "re-read, refresh, persist" one critical section
 * across the fleet: one instance refreshes, the others wait, re-read and find the fresh token.
 *
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisTokenStore } from 'ghl-sdk/redis';
 * const tokenStore = new RedisTokenStore({ client: new Redis(process.env.REDIS_URL!) });
 * ```
 */
export class RedisTokenStore implements TokenStore {
  readonly prefix: string;
  // A private field (#): the ioredis client holds the Redis password in its options, and
  // `{ ...store }` or a logger serialising the store must not reach it.
  readonly #client: RedisLike;
  readonly #lock: RedisLockOptions;

  constructor(options: RedisTokenStoreOptions) {
    const client = options?.client;
    if (!client || typeof client.get !== 'function' || typeof client.set !== 'function' || typeof client.del !== 'function' || typeof client.eval !== 'function') {
      throw new GHLConfigError('RedisTokenStore needs { client }: an ioredis client (or anything with get, set, del and eval)');
    }
    this.#client = client;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    const ttlMs = positiveInteger(options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS, 'lockTtlMs');
    this.#lock = {
      ttlMs,
      waitMs: positiveInteger(options.lockWaitMs ?? ttlMs + WAIT_MARGIN_MS, 'lockWaitMs'),
      retryDelayMs: positiveInteger(options.lockRetryDelayMs ?? DEFAULT_RETRY_DELAY_MS, 'lockRetryDelayMs'),
    };
  }

  /** Prints the prefix only (never the client, which holds the password): see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('RedisTokenStore', { prefix: this.prefix });
  }

  toJSON(): Record<string, unknown> {
    return { prefix: this.prefix };
  }

  async get(key: string): Promise<TokenSet | null> {
    const redisKey = this.prefix + key;
    let text: string | null;
    try {
      text = await this.#client.get(redisKey);
    } catch (error) {
      throw redisCommandError('get', `GET ${redisKey}`, redisKey, error);
    }
    if (text === null) return null;
    return parseTokens(text, redisKey);
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    const redisKey = this.prefix + key;
    // No expiry on the key: the refresh token inside outlives any access-token lifetime.
    const text = JSON.stringify(tokens);
    try {
      await this.#client.set(redisKey, text);
    } catch (error) {
      throw redisCommandError('set', `SET ${redisKey}`, redisKey, error);
    }
  }

  async delete(key: string): Promise<void> {
    const redisKey = this.prefix + key;
    try {
      await this.#client.del(redisKey);
    } catch (error) {
      throw redisCommandError('delete', `DEL ${redisKey}`, redisKey, error);
    }
  }

  /** Runs `fn` holding the fleet-wide refresh lock for `key`; see `RedisTokenStoreOptions.lockTtlMs`. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return withRedisLock(this.#client, `${this.prefix}lock:${key}`, fn, this.#lock);
  }
}

function parseTokens(text: string, redisKey: string): TokenSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!tokenSetSchema.safeParse(parsed).success) {
    // No cause and no excerpt: JSON.parse's message quotes the value, and the value holds tokens.
    throw new GHLTokenStoreError(`Redis token store: the value at ${redisKey} is not a JSON token set; fix or delete that key`, { operation: 'get', key: redisKey });
  }
  return parsed as TokenSet;
}

function positiveInteger(value: number, option: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new GHLConfigError(`RedisTokenStore: ${option} must be a positive integer of milliseconds (got ${String(value)})`);
  return value;
}
