import { GHLConfigError } from '../errors.js';
import { redisCommandError } from './errors.js';
import { RedisTokenStore, type RedisTokenStoreOptions } from './token-store.js';

export interface CreateRedisTokenStoreOptions extends Omit<RedisTokenStoreOptions, 'client'> {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` (TLS). The password never appears in an error. */
  url: string;
  /**
   * Extra ioredis options, passed to `new Redis(url, options)` over these defaults, chosen so a Redis
   * outage fails a call within seconds instead of hanging it: `connectTimeout: 5_000`,
   * `commandTimeout: 5_000`, `maxRetriesPerRequest: 2`. (Typed loosely so ioredis types stay out of
   * our declarations.)
   */
  redisOptions?: Record<string, unknown> | undefined;
}

/** What `createRedisTokenStore` returns: the store and the way to close the connection it opened. */
export interface RedisTokenStoreConnection {
  store: RedisTokenStore;
  /** Closes the Redis connection (QUIT, or a hard disconnect if that fails). */
  close(): Promise<void>;
}

/**
 * Connects to Redis with ioredis (an optional peer dependency, loaded only here) and returns a
 * `RedisTokenStore` over that connection. Fails with `GHLTokenStoreError` (operation `'connect'`)
 * when Redis cannot be reached, and `GHLConfigError` when ioredis is not installed.
 *
 * ```ts
 * const { store, close } = await createRedisTokenStore({ url: process.env.REDIS_URL! });
 * const ghl = new GHLClient({ tokenStore: store });
 * ```
 */
export async function createRedisTokenStore(options: CreateRedisTokenStoreOptions): Promise<RedisTokenStoreConnection> {
  const { url, redisOptions, ...storeOptions } = options;
  const where = describeUrl(url);
  let Redis: typeof import('ioredis').Redis;
  try {
    // Destructured, not `typeof import('ioredis')` as a whole: NodeNext adds a `default` key to the
    // CJS namespace and the annotation fails (docs/architecture.md "Toolchain traps" 8).
    ({ Redis } = await import('ioredis'));
  } catch (cause) {
    throw new GHLConfigError('createRedisTokenStore needs the optional peer dependency ioredis: npm install ioredis', { cause });
  }
  const client = new Redis(url, { connectTimeout: 5_000, commandTimeout: 5_000, maxRetriesPerRequest: 2, ...redisOptions, lazyConnect: true });
  // A client we own needs an 'error' listener (ioredis prints "Unhandled error event" otherwise);
  // the last error also explains a failed connect better than ioredis's "Connection is closed".
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  let store: RedisTokenStore;
  try {
    // Before connecting: a bad option must not leave a connection behind.
    store = new RedisTokenStore({ ...storeOptions, client });
  } catch (error) {
    client.disconnect();
    throw error;
  }
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw redisCommandError('connect', `connecting to ${where}`, undefined, lastError ?? error);
  }
  return {
    store,
    close: async () => {
      await client.quit().then(
        () => undefined,
        () => client.disconnect(),
      );
    },
  };
}

/** The URL without credentials, for messages. */
function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GHLConfigError('createRedisTokenStore: url must be a redis:// or rediss:// URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new GHLConfigError(`createRedisTokenStore: url must be a redis:// or rediss:// URL (got ${parsed.protocol}//)`);
  }
  return `Redis at ${parsed.protocol}//${parsed.host}`;
}
