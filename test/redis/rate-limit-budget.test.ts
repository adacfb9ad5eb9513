import { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GHLAbortError } from '../../src/errors.js';
import { RedisRateLimitBudget } from '../../src/redis/index.js';
import { createGHLSimulator } from '../../src/testing/index.js';
import { runTs } from '../helpers/node-child.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

const WORKER = fileURLToPath(new URL('./rate-limit-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let server: RedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe('RedisRateLimitBudget', () => {
  it('shares one window between budgets (processes) on the same Redis key', async () => {
    const window = { max: 4, intervalMs: 1_000 };
    const a = new RedisRateLimitBudget({ client: redis, prefix: 'share:' });
    const b = new RedisRateLimitBudget({ client: redis, prefix: 'share:' });
    const started = Date.now();
    // Each request's response comes back at once: released as soon as granted.
    const times = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).acquire('app:loc', window, { priority: 'bulk' }).then((release) => {
          release(window);
          return Date.now() - started;
        }),
      ),
    );
    times.sort((x, y) => x - y);
    // 4 fit the first window, the other 2 wait for the next one: together, not 4 each.
    expect(times.slice(0, 4).every((t) => t < 500)).toBe(true);
    expect(times.slice(4).every((t) => t >= 900)).toBe(true);
    expect(await redis.zcard('share:app:loc')).toBeGreaterThanOrEqual(2);
  });

  it('a request holds its slot until a window after its response, however long that takes (GHL counts it on arrival)', async () => {
    const window = { max: 2, intervalMs: 300 };
    const budget = new RedisRateLimitBudget({ client: redis, prefix: 'hold:' });
    const releases = await Promise.all([budget.acquire('k', window, { priority: 'bulk' }), budget.acquire('k', window, { priority: 'bulk' })]);
    const started = Date.now();
    let grantedAt = 0;
    const third = budget.acquire('k', window, { priority: 'bulk' }).then((release) => {
      grantedAt = Date.now() - started;
      return release;
    });
    // Two windows pass with both responses outstanding: the third request still waits.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(grantedAt).toBe(0);
    releases[0]?.(window);
    (await third)(window);
    // It went a window after the first response, not a window after the first two left.
    expect(grantedAt).toBeGreaterThanOrEqual(600 + window.intervalMs - 20);
  });

  it('pause holds this process for the 429 wait; an abort while waiting is a GHLAbortError', async () => {
    const window = { max: 100, intervalMs: 10_000 };
    const budget = new RedisRateLimitBudget({ client: redis, prefix: 'pause:' });
    await budget.acquire('k', window, { priority: 'live' });
    await budget.pause('k', 5_000);
    expect(budget.hasRoom('k')).toBe(false);
    const controller = new AbortController();
    const waiting = budget.acquire('k', window, { priority: 'live', signal: controller.signal });
    const assertion = expect(waiting).rejects.toBeInstanceOf(GHLAbortError);
    setTimeout(() => controller.abort(), 200);
    await assertion;
    expect(await redis.zcard('pause:k')).toBe(1);
  });
});

describe('two processes syncing into one location through one Redis budget', () => {
  it('0 responses 429 combined, every user synced once', async () => {
    const window = { max: 30, intervalMs: 1_000 };
    const sim = await createGHLSimulator({ rateLimit: window });
    try {
      const settings = {
        REDIS_URL: server.url,
        GHL_BASE_URL: sim.url,
        LOCATION_ID: sim.locationId,
        ACCESS_TOKEN: sim.issuePrivateIntegrationToken(),
        PREFIX: 'fleet:',
        WINDOW: JSON.stringify(window),
        USERS: '25',
      };
      const results = await Promise.all(['a', 'b'].map((name) => runTs(WORKER, [], { cwd: ROOT, env: { ...settings, EMAIL_PREFIX: name } })));
      for (const result of results) expect(result.stderr).toBe('');
      const reports = results.map((r) => JSON.parse(r.stdout.trim()) as { created: number; failed: number; rateLimited: number });
      expect(reports).toEqual([
        { created: 25, failed: 0, rateLimited: 0 },
        { created: 25, failed: 0, rateLimited: 0 },
      ]);
      expect(sim.stats.rateLimited).toBe(0);
      expect(sim.stats.apiRequests).toBe(100);
      expect(new Set(sim.contacts.list().map((c) => c.email)).size).toBe(50);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
