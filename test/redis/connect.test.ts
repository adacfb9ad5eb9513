import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { GHLConfigError } from '../../src/errors.js';
import { createRedisTokenStore, GHLTokenStoreError, RedisTokenStore } from '../../src/redis/index.js';
import { describeWithRedis, freePort, redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  if (redisServerInstalled) redis = await startRedisServer();
});
afterAll(() => redis?.stop());

describeWithRedis('createRedisTokenStore', () => {
  it('connects with ioredis and returns a working store plus close()', async () => {
    const prefix = `test:${randomUUID()}:`;
    const { store, close } = await createRedisTokenStore({ url: redis.url, prefix, lockTtlMs: 5_000 });
    try {
      expect(store).toBeInstanceOf(RedisTokenStore);
      await store.set('loc', { accessToken: 'a', refreshToken: 'r' });
      expect(await store.withLock('loc', () => store.get('loc'))).toEqual({ accessToken: 'a', refreshToken: 'r' });
      const check = new Redis(redis.url);
      expect(await check.get(`${prefix}loc`)).toBe('{"accessToken":"a","refreshToken":"r","revision":1}');
      check.disconnect();
    } finally {
      await close();
    }
    await expect(store.get('loc')).rejects.toBeInstanceOf(GHLTokenStoreError);
  });

  it('fails quickly with GHLTokenStoreError when Redis is unreachable, without the password', async () => {
    const started = performance.now();
    const error = await createRedisTokenStore({ url: `redis://:hunter2-pw@127.0.0.1:${await freePort()}` }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect(error).toMatchObject({ operation: 'connect' });
    expect((error as Error).message).toMatch(/^Redis token store: connecting to Redis at redis:\/\/127\.0\.0\.1:\d+ failed \(connect ECONNREFUSED/);
    expect(inspect(error, { depth: 10 })).not.toContain('hunter2');
  });

  it('rejects a URL that is not redis:// or rediss:// and bad store options with GHLConfigError', async () => {
    await expect(createRedisTokenStore({ url: 'http://127.0.0.1:6379' })).rejects.toBeInstanceOf(GHLConfigError);
    await expect(createRedisTokenStore({ url: 'not a url' })).rejects.toBeInstanceOf(GHLConfigError);
    await expect(createRedisTokenStore({ url: redis.url, lockTtlMs: -1 })).rejects.toThrow(/lockTtlMs/);
  });

  it('says to install ioredis when the optional peer is missing', async () => {
    vi.resetModules();
    vi.doMock('ioredis', () => {
      throw new Error("Cannot find package 'ioredis'");
    });
    try {
      const { createRedisTokenStore: create } = await import('../../src/redis/connect.js');
      // resetModules gave this import its own copy of the error classes: compare by name.
      await expect(create({ url: redis.url })).rejects.toMatchObject({
        name: 'GHLConfigError',
        message: expect.stringMatching(/needs the optional peer dependency ioredis: npm install ioredis/),
      });
    } finally {
      vi.doUnmock('ioredis');
      vi.resetModules();
    }
  });
});
