import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { companyKey } from '../../src/agency/keys.js';
import { GHLClient } from '../../src/client.js';
import { RedisTokenStore } from '../../src/redis/index.js';
import { createGHLSimulator, type GHLSimulator } from '../../src/testing/index.js';
import { companyAndLocationsApart } from '../agency/helpers.js';
import { describeWithRedis, redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';

const WORKER = fileURLToPath(new URL('./agency-fleet-worker.ts', import.meta.url));
const PROCESSES = 4;
const LOCATIONS = 50;
const CALLS_PER_LOCATION = 20;

let redis: RedisServer;
let sim: GHLSimulator | undefined;
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

describeWithRedis('an agency app across processes on RedisTokenStore', () => {
  it(`${PROCESSES} processes, ${LOCATIONS} locations × ${CALLS_PER_LOCATION} concurrent calls, an expired company token: ${LOCATIONS} mints, 1 company refresh`, async () => {
    sim = await createGHLSimulator({ rateLimit: false });
    const locationIds = sim.agency.addLocations(LOCATIONS).map((location) => location.id);
    const prefix = `agency:${randomUUID()}:`;
    const store = new RedisTokenStore({ client: admin, prefix });
    await store.set(companyKey(sim.companyId), sim.issueTokens({ userType: 'Company', accessTokenTtlMs: 0 }));

    const workers = Array.from({ length: PROCESSES }, () =>
      startWorker({
        GHL_BASE_URL: sim!.url,
        CLIENT_ID: sim!.clientId,
        CLIENT_SECRET: sim!.clientSecret,
        COMPANY_ID: sim!.companyId,
        PREFIX: prefix,
        LOCATION_IDS: locationIds.join(','),
        CALLS_PER_LOCATION: String(CALLS_PER_LOCATION / PROCESSES),
      }),
    );
    for (const worker of workers) expect(await worker.next()).toEqual({ ready: true });
    const started = performance.now();
    for (const worker of workers) worker.child.stdin!.write('go\n');
    const results = (await Promise.all(workers.map((worker) => worker.next()))) as Array<{ ok: number; errors: string[] }>;
    const ok = results.reduce((sum, result) => sum + result.ok, 0);
    const mints = Object.values(sim.stats.locationTokenMints);
    console.log(
      `agency fleet: ${PROCESSES} processes, ${LOCATIONS * CALLS_PER_LOCATION} calls in ${Math.round(performance.now() - started)} ms: ok ${ok}, ` +
        `mints ${mints.reduce((a, b) => a + b, 0)} over ${mints.length} locations, company refreshes ${sim.stats.refreshGrants}, invalid_grant ${sim.stats.invalidGrants}`,
    );
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    expect(ok).toBe(LOCATIONS * CALLS_PER_LOCATION);
    expect(mints).toHaveLength(LOCATIONS);
    expect(mints.every((count) => count === 1)).toBe(true);
    expect(sim.stats.refreshGrants).toBe(1);
    expect(sim.stats.invalidGrants).toBe(0);
    // The company's stored refresh token is the live one, and each location holds its own token.
    expect((await store.get(companyKey(sim.companyId)))?.refreshToken).toBe(sim.currentRefreshToken(sim.companyId));
    for (const id of locationIds) expect((await store.get(id))?.locationId).toBe(id);
  }, 90_000);

  it('in one process on RedisTokenStore: the same, and company and location keys stay apart', async () => {
    sim = await createGHLSimulator({ rateLimit: false });
    const locationIds = sim.agency.addLocations(LOCATIONS).map((location) => location.id);
    const prefix = `agency1:${randomUUID()}:`;
    const store = new RedisTokenStore({ client: admin, prefix });
    await store.set(companyKey(sim.companyId), sim.issueTokens({ userType: 'Company', accessTokenTtlMs: 0 }));
    const company = GHLClient.forCompany({ companyId: sim.companyId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, env: {}, rateLimit: false, tokenStore: store });
    const results = await Promise.allSettled(locationIds.flatMap((id) => Array.from({ length: CALLS_PER_LOCATION }, () => company.location(id).contacts.search({ pageLimit: 1 }))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(LOCATIONS * CALLS_PER_LOCATION);
    expect(Object.values(sim.stats.locationTokenMints)).toEqual(locationIds.map(() => 1));
    expect(sim.stats.refreshGrants).toBe(1);
    expect(sim.stats.invalidGrants).toBe(0);
    expect((await store.get(companyKey(sim.companyId)))?.userType).toBe('Company');
    expect(await admin.exists(`${prefix}${companyKey(sim.companyId)}`)).toBe(1);
  }, 60_000);

  it('company and location tokens never overwrite each other, a location id equal to the company id included', async () => {
    const prefix = `agency-keys:${randomUUID()}:`;
    await companyAndLocationsApart(async (companyId, seed) => {
      const store = new RedisTokenStore({ client: admin, prefix });
      await store.set(companyKey(companyId), seed as never);
      return store;
    });
    expect((await admin.keys(`${prefix}*`)).filter((key) => !key.includes('meta:')).sort()).toEqual([`${prefix}AGENCY1`, `${prefix}company:AGENCY1`, `${prefix}loc-2`]);
  });
});
