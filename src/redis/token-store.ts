import { randomUUID } from 'node:crypto';
import { dropUndefined, tokenSetSchema, type TokenSet } from '../auth/token-set.js';
import { GHLConfigError, type TokenStoreOperation } from '../errors.js';
import { describeObject, inspectCustom } from '../inspect.js';
import type { TokenStore } from '../stores/token-store.js';
import { GHLTokenStoreError, redisCommandError } from './errors.js';
import { withRedisLock, type RedisLockOptions } from './lock.js';
import type { RedisLike } from './redis-like.js';
import { decodeStoredValue, encodeTokens, ENSURE_GENERATION, RESTORE_TOKENS, SET_TOKENS, type StoredValue } from './stored-value.js';

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
   * refresh lock at `prefix + 'lock:' + key`, the data generation (which tells a key Redis lost from
   * one deleted on purpose) at `prefix + 'meta:generation'`. Give each app or environment its own prefix.
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

/** A value this process read or wrote, and the generation of Redis's data it was in. */
interface HeldValue extends StoredValue {
  generation: string | null;
}

/**
 * Tokens in Redis, shared by every process and machine of a fleet, with a distributed refresh lock.
 *
 * Why: GHL refresh tokens are single-use and rotate. Two instances refreshing with the same token
 * means one of them gets `invalid_grant`, and if the loser's write lands last the stored refresh
 * token is dead. `withLock` makes the TokenManager's "re-read, refresh, persist" one critical section
 * across the fleet: one instance refreshes, the others wait, re-read and find the fresh token.
 *
 * If Redis loses its data (a restart without persistence), the processes put back the tokens they
 * hold; a deliberate `delete` (an uninstall) stays deleted (see stored-value.ts).
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
  /** Per key, the last value this process read or wrote: what it puts back if Redis loses its data. */
  readonly #held = new Map<string, HeldValue>();
  readonly #generationKey: string;

  constructor(options: RedisTokenStoreOptions) {
    const client = options?.client;
    if (!client || typeof client.get !== 'function' || typeof client.set !== 'function' || typeof client.del !== 'function' || typeof client.eval !== 'function') {
      throw new GHLConfigError('RedisTokenStore needs { client }: an ioredis client (or anything with get, set, del and eval)');
    }
    this.#client = client;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.#generationKey = `${this.prefix}meta:generation`;
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

  /**
   * The tokens at `prefix + key`. When the key is missing but this process held tokens for it and
   * Redis lost its data since (the generation it saw them in is gone), those tokens are put back
   * first; when a value put back that way is older than what this process holds, it is replaced.
   */
  async get(key: string): Promise<TokenSet | null> {
    const redisKey = this.prefix + key;
    const stored = await this.#read(redisKey);
    const held = this.#held.get(key);
    if (stored) {
      const heldNewer = held && stored.restored && held.revision > stored.revision && held.tokens.refreshToken !== stored.tokens.refreshToken;
      if (!heldNewer) {
        this.#held.set(key, { ...stored, generation: await this.#ensureGeneration('get', `GET ${redisKey}`, redisKey) });
        return { ...stored.tokens };
      }
    } else if (!held || held.generation === (await this.#currentGeneration())) {
      // Never seen here, or deleted on purpose (an uninstall) in the generation we saw it in.
      this.#held.delete(key);
      return null;
    }
    return this.#restore(key, held);
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    const redisKey = this.prefix + key;
    if (!tokenSetSchema.safeParse(tokens).success) {
      throw new GHLTokenStoreError(`Redis token store: refusing to SET ${redisKey} to something that is not a token set`, { operation: 'set', key: redisKey });
    }
    const stored = dropUndefined({ ...tokens });
    const generation = await this.#ensureGeneration('set', `SET ${redisKey}`, redisKey);
    let revision: number;
    try {
      // No expiry on the key: the refresh token inside outlives any access-token lifetime.
      revision = Number(await this.#client.eval(SET_TOKENS, 1, redisKey, encodeTokens(stored)));
    } catch (error) {
      throw redisCommandError('set', `SET ${redisKey}`, redisKey, error);
    }
    this.#held.set(key, { tokens: stored, revision, restored: false, generation });
  }

  /** Deletes the key for good: a process that still holds its tokens will not put them back. */
  async delete(key: string): Promise<void> {
    const redisKey = this.prefix + key;
    // The generation must exist, or the next read would take the missing key for lost data.
    await this.#ensureGeneration('delete', `DEL ${redisKey}`, redisKey);
    try {
      await this.#client.del(redisKey);
    } catch (error) {
      throw redisCommandError('delete', `DEL ${redisKey}`, redisKey, error);
    }
    this.#held.delete(key);
  }

  /** Runs `fn` holding the fleet-wide refresh lock for `key`; see `RedisTokenStoreOptions.lockTtlMs`. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return withRedisLock(this.#client, `${this.prefix}lock:${key}`, fn, this.#lock);
  }

  async #read(redisKey: string): Promise<StoredValue | null> {
    let text: string | null;
    try {
      text = await this.#client.get(redisKey);
    } catch (error) {
      throw redisCommandError('get', `GET ${redisKey}`, redisKey, error);
    }
    return text === null ? null : decodeStoredValue(text, redisKey);
  }

  /**
   * The id of the generation of Redis's data, created if missing (before a write, after a read that
   * found a value). A failure is reported as the command it prepares (`what`, on `redisKey`).
   */
  async #ensureGeneration(operation: TokenStoreOperation, what: string, redisKey: string): Promise<string | null> {
    try {
      const reply = await this.#client.eval(ENSURE_GENERATION, 1, this.#generationKey, randomUUID());
      return typeof reply === 'string' ? reply : null;
    } catch (error) {
      throw redisCommandError(operation, what, redisKey, error);
    }
  }

  /** The id of the generation of Redis's data, or null when Redis has none (it lost its data). */
  async #currentGeneration(): Promise<string | null> {
    try {
      return await this.#client.get(this.#generationKey);
    } catch (error) {
      throw redisCommandError('get', `GET ${this.#generationKey}`, this.#generationKey, error);
    }
  }

  /**
   * Puts held tokens back after Redis lost its data, atomically (a compare-and-set script, not the
   * refresh lock: `get` runs inside the TokenManager's lock, which is not re-entrant): only where
   * nothing is stored or an older restored value is, so processes restoring at once keep the
   * newest. Returns what is stored afterwards, ours or another process's.
   */
  async #restore(key: string, held: HeldValue): Promise<TokenSet | null> {
    const redisKey = this.prefix + key;
    const value = encodeTokens(held.tokens, { revision: held.revision, restored: true });
    await this.#ensureGeneration('set', `restoring ${redisKey} after Redis lost its data`, redisKey);
    try {
      await this.#client.eval(RESTORE_TOKENS, 1, redisKey, value, held.revision);
    } catch (error) {
      throw redisCommandError('set', `restoring ${redisKey} after Redis lost its data`, redisKey, error);
    }
    const stored = await this.#read(redisKey);
    if (!stored) return null;
    this.#held.set(key, { ...stored, generation: await this.#currentGeneration() });
    return { ...stored.tokens };
  }
}

function positiveInteger(value: number, option: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new GHLConfigError(`RedisTokenStore: ${option} must be a positive integer of milliseconds (got ${String(value)})`);
  return value;
}
