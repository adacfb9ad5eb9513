import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { GHLTokenStoreError, RedisTokenStore } from '../../src/redis/index.js';
import { describeWithRedis, redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';

let redis: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  if (redisServerInstalled) redis = await startRedisServer();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(() => redis?.stop());

function connect(options: Record<string, unknown> = {}): Redis {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1, ...options });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('withRedisLock: a lock request that fails leaves no orphan', () => {
  it('a SET NX that times out while Redis is stalled, and that Redis runs once it wakes, is released (compare-and-delete)', async () => {
    const prefix = `orphan:${randomUUID()}:`;
    const lockKey = `${prefix}lock:loc`;
    const admin = connect();
    const store = new RedisTokenStore({ client: connect({ commandTimeout: 150 }), prefix, lockTtlMs: 30_000 });

    redis.pause();
    let error: unknown;
    try {
      error = await store.withLock('loc', async () => 'never').catch((e: unknown) => e);
    } finally {
      redis.resume();
    }
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect(error).toMatchObject({ operation: 'lock' });

    // Redis now runs the queued SET NX (nobody owns it) and then the release queued behind it.
    await admin.ping();
    for (let i = 0; i < 50 && (await admin.exists(lockKey)) === 1; i++) await sleep(20);
    expect(await admin.exists(lockKey)).toBe(0);

    // The next refresh gets the lock at once instead of waiting out the 30 s TTL.
    const started = performance.now();
    await new RedisTokenStore({ client: connect(), prefix, lockWaitMs: 2_000 }).withLock('loc', async () => undefined);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("the best-effort release never deletes a lock that another process holds", async () => {
    const prefix = `orphan:${randomUUID()}:`;
    const lockKey = `${prefix}lock:loc`;
    const admin = connect();
    await admin.set(lockKey, 'another-holder', 'PX', 10_000);
    const error = await new RedisTokenStore({ client: connect(), prefix, lockWaitMs: 100 }).withLock('loc', async () => 'never').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GHLTokenStoreError', operation: 'lock' });
    await admin.ping();
    expect(await admin.get(lockKey)).toBe('another-holder');
  });
});
