import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { RedisTokenStore } from '../../src/redis/index.js';
import type { TokenStore } from '../../src/stores/token-store.js';
import { createGHLSimulator, type GHLSimulator } from '../../src/testing/index.js';
import { describeWithRedis, redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';

const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));
const INSTANCES = 6;
const CALLS_PER_INSTANCE = 50;

let redis: RedisServer;
let sim: GHLSimulator;
let admin: Redis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!redisServerInstalled) return;
  redis = await startRedisServer();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

/** A worker process of this file's fleet (test/redis/worker-process.ts). */
function startWorker(settings: Record<string, string>): WorkerProcess {
  return spawnWorker(WORKER, { REDIS_URL: redis.url, ...settings }, children);
}

/** A TCP server that accepts connections and never answers: a token endpoint that hangs. */
async function blackHole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describeWithRedis('RedisTokenStore across real processes', () => {
  it(`a fleet of ${INSTANCES} processes sharing one expired token refreshes exactly once`, async () => {
    sim = await createGHLSimulator({ rateLimit: false });
    const prefix = `fleet:${randomUUID()}:`;
    const contact = sim.contacts.seed({ firstName: 'Fleet', email: 'fleet@example.com' });
    await new RedisTokenStore({ client: admin, prefix }).set(sim.locationId, sim.issueTokens({ accessTokenTtlMs: 0 }));

    const workers = Array.from({ length: INSTANCES }, () =>
      startWorker({
        WORKER_MODE: 'fleet',
        GHL_BASE_URL: sim.url,
        CLIENT_ID: sim.clientId,
        CLIENT_SECRET: sim.clientSecret,
        LOCATION_ID: sim.locationId,
        PREFIX: prefix,
        LOCK_TTL_MS: '30000',
        CONTACT_ID: contact.id,
        CALLS: String(CALLS_PER_INSTANCE),
      }),
    );
    for (const worker of workers) expect(await worker.next()).toEqual({ ready: true });
    const started = performance.now();
    for (const worker of workers) worker.child.stdin!.write('go\n');
    const results = (await Promise.all(workers.map((worker) => worker.next()))) as Array<{ ok: number; failed: number; errors: string[] }>;

    const elapsed = Math.round(performance.now() - started);
    const ok = results.reduce((sum, result) => sum + result.ok, 0);
    const stored = await new RedisTokenStore({ client: admin, prefix }).get(sim.locationId);
    console.log(
      `fleet: ${INSTANCES} processes x ${CALLS_PER_INSTANCE} calls in ${elapsed} ms: ok ${ok}/${INSTANCES * CALLS_PER_INSTANCE}, ` +
        `token requests ${sim.stats.tokenRequests}, invalid_grant ${sim.stats.invalidGrants}, API requests ${sim.stats.apiRequests}`,
    );
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    expect(ok).toBe(INSTANCES * CALLS_PER_INSTANCE);
    expect(sim.stats.tokenRequests).toBe(1);
    expect(sim.stats.invalidGrants).toBe(0);
    expect(stored?.refreshToken).toBe(sim.currentRefreshToken());
    expect(await admin.exists(`${prefix}lock:${sim.locationId}`)).toBe(0);
  }, 60_000); // usually 5-10 s; six cold starts on a busy 2-core CI box can take longer

  it('a lock holder killed with SIGKILL mid-refresh delays the next refresh by at most the lock TTL', async () => {
    const LOCK_TTL_MS = 1_500;
    sim = await createGHLSimulator({ rateLimit: false });
    const hole = await blackHole();
    try {
      const prefix = `crash:${randomUUID()}:`;
      const lockKey = `${prefix}lock:${sim.locationId}`;
      await new RedisTokenStore({ client: admin, prefix }).set(sim.locationId, sim.issueTokens({ accessTokenTtlMs: 0 }));

      // The holder's token endpoint is a black hole: its refresh hangs inside the lock, and GHL
      // (the simulator) never sees it, so the refresh token stays unspent.
      const holder = startWorker({
        WORKER_MODE: 'hold',
        GHL_BASE_URL: hole.url,
        CLIENT_ID: sim.clientId,
        CLIENT_SECRET: sim.clientSecret,
        LOCATION_ID: sim.locationId,
        PREFIX: prefix,
        LOCK_TTL_MS: String(LOCK_TTL_MS),
      });
      await holder.next();
      const pid = holder.child.pid!;
      const deadline = Date.now() + 10_000;
      while (!(await admin.get(lockKey))?.includes(`:${pid}:`)) {
        if (Date.now() > deadline) throw new Error('the holder never took the lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Let it renew at least once, so the kill happens with a renewed TTL.
      await new Promise((resolve) => setTimeout(resolve, LOCK_TTL_MS / 2));
      holder.child.kill('SIGKILL');
      const killedAt = performance.now();

      // Notes when this process gets the lock, to measure the delay the dead holder caused.
      const store = new RedisTokenStore({ client: admin, prefix, lockTtlMs: LOCK_TTL_MS });
      let lockedAt: number | undefined;
      const tokenStore: TokenStore = {
        get: (key) => store.get(key),
        set: (key, tokens) => store.set(key, tokens),
        withLock: (key, fn) =>
          store.withLock(key, () => {
            lockedAt ??= performance.now();
            return fn();
          }),
      };
      const ghl = new GHLClient({ locationId: sim.locationId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore });
      const contact = sim.contacts.seed({ firstName: 'After', email: 'after@example.com' });
      expect((await ghl.contacts.get(contact.id)).id).toBe(contact.id);
      const done = performance.now() - killedAt;
      const waited = (lockedAt ?? Infinity) - killedAt;
      console.log(
        `crashed holder: lock taken over ${Math.round(waited)} ms after SIGKILL, call done after ${Math.round(done)} ms (lock TTL ${LOCK_TTL_MS} ms)`,
      );

      // The dead holder's lock really held us up (a live holder renews every TTL/3, so about 2/3 of
      // the TTL or more was left at the kill)...
      expect(waited).toBeGreaterThan(LOCK_TTL_MS / 3);
      // ...and never more than the TTL (plus polling and scheduling slack).
      expect(waited).toBeLessThan(LOCK_TTL_MS + 500);
      expect(sim.stats.tokenRequests).toBe(1);
      expect(sim.stats.invalidGrants).toBe(0);
      expect((await new RedisTokenStore({ client: admin, prefix }).get(sim.locationId))?.refreshToken).toBe(sim.currentRefreshToken());
    } finally {
      await hole.close();
    }
  }, 30_000);
});
