import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { GHLClient } from '../../src/client.js';
import { RedisTokenStore } from '../../src/redis/index.js';
import { createGHLSimulator, type GHLSimulator } from '../../src/testing/index.js';
import { describeWithRedis, redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';

/**
 * Redis that lost its data (restarted without persistence, flushed): the processes still hold the
 * live tokens in memory and put them back; a deliberate delete (an uninstall) stays deleted.
 */

let redis: RedisServer;
let sim: GHLSimulator | undefined;
const clients: Redis[] = [];
beforeAll(async () => {
  if (redisServerInstalled) redis = await startRedisServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await sim?.close();
  sim = undefined;
});
afterAll(() => redis?.stop());

/** A connection of its own, as a separate process would have. */
function connect(): Redis {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

const tokens = (n: number): TokenSet => ({ accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt: 1_767_225_600_000 + n });

describeWithRedis('RedisTokenStore: Redis lost its data', () => {
  it('a real restart without persistence: the integration keeps working on the tokens a process held, 0 invalid_grant', async () => {
    sim = await createGHLSimulator({ rateLimit: false });
    const prefix = `loss:${randomUUID()}:`;
    const client = (): GHLClient =>
      new GHLClient({
        env: {},
        locationId: sim!.locationId,
        clientId: sim!.clientId,
        clientSecret: sim!.clientSecret,
        baseUrl: sim!.url,
        retry: false,
        tokenStore: new RedisTokenStore({ client: connect(), prefix }),
      });
    await new RedisTokenStore({ client: connect(), prefix }).set(sim.locationId, sim.issueTokens());
    const a = client();
    const b = client();
    await a.tokens.refresh();
    await b.contacts.search({ pageLimit: 1 });

    await redis.restart();
    expect(await connect().dbsize()).toBe(0);

    // b read a's tokens before the restart; it puts them back and refreshes with them.
    await b.tokens.refresh();
    await a.tokens.refresh();
    await a.contacts.search({ pageLimit: 1 });
    expect(sim.stats.invalidGrants).toBe(0);
    expect((await new RedisTokenStore({ client: connect(), prefix }).get(sim.locationId))?.refreshToken).toBe(sim.currentRefreshToken());
  });

  it('every key a process held comes back after FLUSHALL, each once, as the process last saw it', async () => {
    const prefix = `loss:${randomUUID()}:`;
    const a = new RedisTokenStore({ client: connect(), prefix });
    const b = new RedisTokenStore({ client: connect(), prefix });
    await a.set('loc-1', tokens(1));
    await a.set('loc-2', tokens(2));
    expect(await b.get('loc-1')).toEqual(tokens(1));

    await connect().flushall();

    expect(await b.get('loc-1')).toEqual(tokens(1));
    expect(await a.get('loc-2')).toEqual(tokens(2));
    expect(await a.get('loc-1')).toEqual(tokens(1));
    expect(await new RedisTokenStore({ client: connect(), prefix }).get('loc-3')).toBeNull();
  });

  it('a deliberate delete (an uninstall) is never undone by a process that still holds the tokens', async () => {
    const prefix = `loss:${randomUUID()}:`;
    const a = new RedisTokenStore({ client: connect(), prefix });
    const b = new RedisTokenStore({ client: connect(), prefix });
    await a.set('loc-1', tokens(1));
    expect(await b.get('loc-1')).toEqual(tokens(1));

    await a.delete('loc-1');

    expect(await b.get('loc-1')).toBeNull();
    expect(await a.get('loc-1')).toBeNull();
    expect(await connect().exists(`${prefix}loc-1`)).toBe(0);
    // And a re-install afterwards is an ordinary write.
    await b.set('loc-1', tokens(5));
    expect(await a.get('loc-1')).toEqual(tokens(5));
  });

  it('a process holding older tokens that puts them back first is overruled by one holding newer tokens', async () => {
    const prefix = `loss:${randomUUID()}:`;
    const stale = new RedisTokenStore({ client: connect(), prefix });
    const fresh = new RedisTokenStore({ client: connect(), prefix });
    await fresh.set('loc-1', tokens(1));
    expect(await stale.get('loc-1')).toEqual(tokens(1));
    await fresh.set('loc-1', tokens(2));
    await fresh.set('loc-1', tokens(3));

    await connect().flushall();

    // The stale process reads first and puts back what it last saw: rt-1, already spent at GHL.
    expect(await stale.get('loc-1')).toEqual(tokens(1));
    // The process that wrote rt-3 replaces it; from then on everyone reads rt-3.
    expect(await fresh.get('loc-1')).toEqual(tokens(3));
    expect(await stale.get('loc-1')).toEqual(tokens(3));
    expect(await new RedisTokenStore({ client: connect(), prefix }).get('loc-1')).toEqual(tokens(3));
  });
});
