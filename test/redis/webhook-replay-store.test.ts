import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { GHLConfigError, GHLError } from '../../src/errors.js';
import { RedisWebhookReplayStore } from '../../src/redis/index.js';
import { createWebhookHandler } from '../../src/webhooks/index.js';
import { contactCreatePayload, signEd25519, testPublicKeys } from '../webhooks/signer.js';
import { useRedisServer } from './connections.js';
import { describeWithRedis } from './redis-server.js';

const { connect, unreachable } = useRedisServer();

const prefix = () => `test:${randomUUID()}:`;

describeWithRedis('RedisWebhookReplayStore', () => {
  it('claims once per id across connections (SET NX), with the TTL as PX, under prefix + id', async () => {
    const keyPrefix = prefix();
    const [a, b] = [new RedisWebhookReplayStore({ client: connect(), prefix: keyPrefix }), new RedisWebhookReplayStore({ client: connect(), prefix: keyPrefix })];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('wh-1', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const ttl = await connect().pttl(`${keyPrefix}wh-1`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await a.release('wh-1');
    expect(await b.claim('wh-1', 1_000)).toBe(true);
  });

  it('uses the prefix ghl:webhooks: by default; every key expires (fractional TTLs rounded up to whole ms)', async () => {
    const client = connect();
    const store = new RedisWebhookReplayStore({ client });
    const id = randomUUID();
    expect(store.prefix).toBe('ghl:webhooks:');
    expect(await store.claim(id, 2_500.2)).toBe(true);
    const ttl = await client.pttl(`ghl:webhooks:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2_501);
  });

  it('two handlers (two instances of a fleet) sharing it process a duplicate once', async () => {
    const keyPrefix = prefix();
    const calls: string[] = [];
    const instances = [0, 1].map((n) =>
      createWebhookHandler({ publicKeys: testPublicKeys(), replayStore: new RedisWebhookReplayStore({ client: connect(), prefix: keyPrefix }), onEvent: (event) => void calls.push(`${n}:${event.webhookId}`) }),
    );
    const body = JSON.stringify(contactCreatePayload());
    const headers = { 'x-ghl-signature': signEd25519(body) };
    const results = await Promise.all([instances[0]!.handle(body, headers), instances[1]!.handle(body, headers)]);
    expect(results.map((result) => result.status)).toEqual([200, 200]);
    expect(results.filter((result) => 'duplicate' in result.body)).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('Redis down: a GHLError (the handler answers 500, so GHL retries), never an acceptance', async () => {
    const store = new RedisWebhookReplayStore({ client: await unreachable() });
    const error = await store.claim('wh-x', 1_000).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GHLError);
    expect((error as Error).message).toMatch(/Redis webhook replay store: SET .*wh-x NX failed/);
    const onEvent = () => {
      throw new Error('must not be called');
    };
    const handler = createWebhookHandler({ publicKeys: testPublicKeys(), replayStore: store, onEvent });
    const body = JSON.stringify(contactCreatePayload());
    expect(await handler.handle(body, { 'x-ghl-signature': signEd25519(body) })).toEqual({ status: 500, body: { ok: false, error: 'internal-error' } });
  });

  it('needs a client with set and del', () => {
    expect(() => new RedisWebhookReplayStore({} as never)).toThrow(GHLConfigError);
    expect(() => new RedisWebhookReplayStore({ client: { set: () => undefined } as never })).toThrow(/set and del/);
  });
});
