import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { GHLClient } from '../../src/client.js';
import { GHLConfigError, GHLError } from '../../src/errors.js';
import { GHLTokenStoreError, RedisTokenStore, type RedisLike } from '../../src/redis/index.js';
import { verifyTokenStore } from '../../src/testing/index.js';
import { useRedisServer } from './connections.js';
import { describeWithRedis, startRedisServer } from './redis-server.js';

const { connect, unreachable } = useRedisServer();

const prefix = (): string => `test:${randomUUID()}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokens = (): TokenSet => ({ accessToken: `at-${randomUUID()}`, refreshToken: `rt-${randomUUID()}`, expiresAt: Date.now() + 60_000, userType: 'Location', locationId: 'loc-1' });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describeWithRedis('RedisTokenStore: storage', () => {
  it('passes the verifyTokenStore conformance kit', async () => {
    const report = await verifyTokenStore(new RedisTokenStore({ client: connect(), prefix: prefix() }));
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.some((check) => check.name.startsWith('withLock') && !check.skipped)).toBe(true);
    expect(report.ok).toBe(true);
  });

  it('keeps tokens as JSON under prefix + key (with a revision), with the default prefix ghl:tokens:', async () => {
    const client = connect();
    const key = `loc-${randomUUID()}`;
    const set = tokens();
    await new RedisTokenStore({ client }).set(key, set);
    expect(JSON.parse((await client.get(`ghl:tokens:${key}`)) ?? 'null')).toEqual({ ...set, revision: 1 });
    await new RedisTokenStore({ client }).set(key, set);
    expect(JSON.parse((await client.get(`ghl:tokens:${key}`)) ?? 'null')).toEqual({ ...set, revision: 2 });
    const store = new RedisTokenStore({ client });
    expect(await store.get(key)).toEqual(set);
    await store.delete(key);
    expect(await client.get(`ghl:tokens:${key}`)).toBeNull();
    expect(await store.get(key)).toBeNull();
  });

  it('reports malformed JSON clearly without echoing the value', async () => {
    const client = connect();
    const p = prefix();
    const secret = `{"accessToken":"SECRET-${randomUUID()}"`; // truncated JSON
    await client.set(`${p}loc`, secret);
    const error = await rejection(new RedisTokenStore({ client, prefix: p }).get('loc'));
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect(error).toBeInstanceOf(GHLError);
    expect(error).toMatchObject({ name: 'GHLTokenStoreError', operation: 'get', key: `${p}loc` });
    expect((error as Error).message).toMatch(/^Redis token store: the value at .*loc is not a JSON token set/);
    expect(inspect(error, { depth: 10 })).not.toContain('SECRET');
    await client.set(`${p}arr`, '[1,2]');
    await expect(new RedisTokenStore({ client, prefix: p }).get('arr')).rejects.toBeInstanceOf(GHLTokenStoreError);
  });

  it('wraps Redis command errors and drops the command arguments ioredis attaches', async () => {
    const client = connect();
    const p = prefix();
    await client.hset(`${p}loc`, 'field', 'value');
    const error = await rejection(new RedisTokenStore({ client, prefix: p }).get('loc'));
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect((error as Error).message).toMatch(/^Redis token store: GET .*loc failed \(WRONGTYPE/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect((error as Error & { cause: object }).cause).not.toHaveProperty('command');
  });

  it('never puts the tokens of a failed SET in the error, its cause or its inspection', async () => {
    const set = tokens();
    const failing: RedisLike = {
      get: async () => null,
      del: async () => 0,
      set: async () => 'OK',
      // The write script carries the tokens in its arguments; the generation script does not.
      eval: async (script: string, ...args: unknown[]) => {
        if (!script.includes('revision')) return 'generation-1';
        throw Object.assign(new Error('READONLY You can\'t write against a read only replica.'), { command: { name: 'eval', args } });
      },
    };
    const error = await rejection(new RedisTokenStore({ client: failing }).set('loc', set));
    expect(error).toMatchObject({ name: 'GHLTokenStoreError', operation: 'set' });
    expect((error as Error).message).toContain('READONLY');
    const everything = inspect(error, { depth: 10, showHidden: true });
    expect(everything).not.toContain(set.accessToken);
    expect(everything).not.toContain(set.refreshToken);
  });

  it('rejects a missing client or a bad lock setting with GHLConfigError', () => {
    expect(() => new RedisTokenStore({} as never)).toThrow(GHLConfigError);
    expect(() => new RedisTokenStore({ client: connect(), lockTtlMs: 0 })).toThrow(/lockTtlMs/);
    expect(() => new RedisTokenStore({ client: connect(), lockWaitMs: 1.5 })).toThrow(/lockWaitMs/);
  });
});

describeWithRedis('RedisTokenStore: withLock', () => {
  it('excludes callers on separate connections (as separate processes would be)', async () => {
    const p = prefix();
    const stores = Array.from({ length: 4 }, () => new RedisTokenStore({ client: connect(), prefix: p, lockRetryDelayMs: 5 }));
    let active = 0;
    let maxActive = 0;
    let counter = 0;
    await Promise.all(
      stores.flatMap((store) =>
        Array.from({ length: 5 }, () =>
          store.withLock('loc', async () => {
            maxActive = Math.max(maxActive, ++active);
            const seen = counter;
            await sleep(3);
            counter = seen + 1;
            active--;
          }),
        ),
      ),
    );
    expect(maxActive).toBe(1);
    expect(counter).toBe(20);
    expect(await connect().get(`${p}lock:loc`)).toBeNull();
  });

  it('renews the lock while a slow but alive holder runs past the TTL', async () => {
    const p = prefix();
    const holder = new RedisTokenStore({ client: connect(), prefix: p, lockTtlMs: 200 });
    const contender = new RedisTokenStore({ client: connect(), prefix: p, lockTtlMs: 200, lockRetryDelayMs: 10 });
    const events: string[] = [];
    const holding = holder.withLock('loc', async () => {
      events.push('holder in');
      await sleep(700); // 3.5 TTLs
      events.push('holder out');
    });
    await sleep(30);
    await contender.withLock('loc', async () => {
      events.push('contender in');
    });
    await holding;
    expect(events).toEqual(['holder in', 'holder out', 'contender in']);
  });

  it('frees the lock of a holder that vanished after its TTL, and not before', async () => {
    const client = connect();
    const p = prefix();
    // A holder that took the lock and died: nobody renews or releases it.
    await client.set(`${p}lock:loc`, 'ghost-holder', 'PX', 400);
    const started = performance.now();
    await new RedisTokenStore({ client, prefix: p, lockRetryDelayMs: 10 }).withLock('loc', async () => undefined);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(350);
    expect(waited).toBeLessThan(900);
  });

  it('releases only its own lock (compare-and-delete)', async () => {
    const client = connect();
    const p = prefix();
    await new RedisTokenStore({ client, prefix: p }).withLock('loc', async () => {
      // As if our TTL ran out and another process took the lock meanwhile.
      await client.set(`${p}lock:loc`, 'someone-else', 'PX', 5_000);
    });
    expect(await client.get(`${p}lock:loc`)).toBe('someone-else');
  });

  it('bounds the wait: lockWaitMs exceeded is a GHLTokenStoreError, not a hang', async () => {
    const client = connect();
    const p = prefix();
    await client.set(`${p}lock:loc`, 'busy-holder', 'PX', 10_000);
    const started = performance.now();
    const error = await rejection(new RedisTokenStore({ client, prefix: p, lockWaitMs: 150 }).withLock('loc', async () => 'never'));
    expect(performance.now() - started).toBeLessThan(600);
    expect(error).toMatchObject({ name: 'GHLTokenStoreError', operation: 'lock' });
    expect((error as Error).message).toMatch(/timed out after \d+ ms waiting for the refresh lock/);
  });

  it('stores the owner (host:pid:uuid) in the lock key while held', async () => {
    const client = connect();
    const p = prefix();
    const owner = await new RedisTokenStore({ client, prefix: p }).withLock('loc', () => client.get(`${p}lock:loc`));
    expect(owner).toMatch(new RegExp(`:${process.pid}:[0-9a-f-]{36}$`));
    expect(await client.pttl(`${p}lock:loc`)).toBe(-2);
  });
});

describeWithRedis('RedisTokenStore: Redis unavailable', () => {
  it('fails get, set, delete and withLock quickly with GHLTokenStoreError naming Redis and the operation', async () => {
    const store = new RedisTokenStore({ client: await unreachable() });
    const started = performance.now();
    const failures = await Promise.all([
      rejection(store.get('loc')),
      rejection(store.set('loc', tokens())),
      rejection(store.delete('loc')),
      rejection(store.withLock('loc', async () => 'never')),
    ]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(failures.map((error) => (error as GHLTokenStoreError).operation)).toEqual(['get', 'set', 'delete', 'lock']);
    for (const error of failures) {
      expect(error).toBeInstanceOf(GHLTokenStoreError);
      expect((error as Error).message).toMatch(/^Redis token store: (GET|SET|DEL|taking the refresh lock) .* failed \(/);
    }
  });

  it('a GHLClient over an unreachable Redis fails its call with GHLTokenStoreError, not a hang', async () => {
    const ghl = new GHLClient({
      locationId: 'loc-1',
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl: 'http://127.0.0.1:9',
      tokenStore: new RedisTokenStore({ client: await unreachable() }),
    });
    const started = performance.now();
    await expect(ghl.contacts.get('c-1')).rejects.toBeInstanceOf(GHLTokenStoreError);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('fails fast when Redis goes away mid-life (maxRetriesPerRequest)', async () => {
    const doomed = await startRedisServer();
    const client = connect(doomed.url, { maxRetriesPerRequest: 1, connectTimeout: 300 });
    const store = new RedisTokenStore({ client, prefix: prefix() });
    await store.set('loc', tokens());
    await doomed.stop();
    const started = performance.now();
    const error = await rejection(store.get('loc'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ name: 'GHLTokenStoreError', operation: 'get' });
  });
});
