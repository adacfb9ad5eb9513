import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { freePort, redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';

/**
 * One throwaway `redis-server` for the calling test file (started before its tests, stopped after),
 * and connections to it that are closed after each test.
 */
export function useRedisServer() {
  let redis: RedisServer | undefined;
  const clients: Redis[] = [];
  beforeAll(async () => {
    // Without redis-server the file's describeWithRedis blocks are skipped (see redis-installed.ts).
    if (redisServerInstalled) redis = await startRedisServer();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(() => redis?.stop());

  /** A fresh connection (each one is what a separate process would have). */
  function connect(url = redis?.url ?? '', options: Record<string, unknown> = {}): Redis {
    const client = new Redis(url, { maxRetriesPerRequest: 1, ...options });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  }

  /** A connection to a port nothing listens on, configured to fail at once instead of queueing. */
  async function unreachable(): Promise<Redis> {
    return connect(`redis://127.0.0.1:${await freePort()}`, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 200, retryStrategy: () => null });
  }

  return { connect, unreachable };
}
