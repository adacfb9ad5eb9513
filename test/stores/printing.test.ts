import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { RedisTokenStore } from '../../src/redis/index.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import { EnvTokenStore } from '../../src/stores/env.js';
import { FileTokenStore } from '../../src/stores/file.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import type { TokenStore } from '../../src/stores/token-store.js';

const SECRETS = {
  accessToken: 'AT-SECRET-print-a1b2',
  refreshToken: 'RT-SECRET-print-c3d4',
  clientSecret: 'CS-SECRET-print-e5f6',
  redisPassword: 'REDIS-PASSWORD-g7h8',
};
const TOKENS: TokenSet = { accessToken: SECRETS.accessToken, refreshToken: SECRETS.refreshToken, expiresAt: Date.now() + 3_600_000 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghl-printing-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every way an app or a logger turns an object into text. */
function printed(store: TokenStore): string {
  const spread = { ...store };
  return [
    inspect(store, { depth: Infinity, showHidden: true }),
    inspect(spread, { depth: Infinity, showHidden: true }),
    JSON.stringify(store),
    JSON.stringify(spread),
    String(store),
    `${JSON.stringify(Object.entries(spread))}`,
  ].join('\n');
}

describe('printing a token store never shows a secret', () => {
  it('inspects, spreads and stringifies every store (memory, env, durable env, file, Redis) holding tokens and finds no secret', async () => {
    const env = (): Record<string, string | undefined> => ({
      GHL_LOCATION_ID: 'loc-1',
      GHL_CLIENT_ID: 'client-1',
      GHL_CLIENT_SECRET: SECRETS.clientSecret,
      GHL_ACCESS_TOKEN: SECRETS.accessToken,
      GHL_REFRESH_TOKEN: SECRETS.refreshToken,
    });
    // Never connected: ioredis keeps the password in its options either way.
    const client = new Redis(`redis://:${SECRETS.redisPassword}@127.0.0.1:1`, { lazyConnect: true });
    const redis = new RedisTokenStore({ client, prefix: 'print:' });
    const stores: Array<[string, TokenStore]> = [
      ['MemoryTokenStore', new MemoryTokenStore({ 'loc-1': TOKENS })],
      ['EnvTokenStore', new EnvTokenStore({ env: env() })],
      ['EnvTokenStore', new EnvTokenStore({ env: env(), envFile: join(dir, '.env') })],
      ['DurableEnvTokenStore', new DurableEnvTokenStore({ env: env(), cwd: dir })],
      ['DurableEnvTokenStore', new DurableEnvTokenStore({ env: env(), cwd: dir, envFile: '.env.durable' })],
      ['FileTokenStore', new FileTokenStore({ path: join(dir, 'tokens.json') })],
      ['RedisTokenStore', redis],
    ];
    for (const [name, store] of stores) {
      if (!(store instanceof RedisTokenStore)) {
        await store.set('loc-1', TOKENS);
        expect(await store.get('loc-1')).toMatchObject(TOKENS);
      }
      const text = printed(store);
      expect(text, name).toContain(name);
      for (const secret of Object.values(SECRETS)) expect(text, `${name} printed a secret`).not.toContain(secret);
    }
    client.disconnect();
  });

  it('what the stores still let you read on purpose stays readable', () => {
    const env = { GHL_LOCATION_ID: 'loc-1', GHL_REFRESH_TOKEN: SECRETS.refreshToken };
    expect(new EnvTokenStore({ env }).env).toBe(env);
    const durable = new DurableEnvTokenStore({ env, cwd: dir });
    expect([durable.env, durable.locationId, durable.path, durable.kind]).toEqual([env, 'loc-1', join(dir, '.ghl/tokens.json'), 'tokenFile']);
    expect(new FileTokenStore({ path: join(dir, 't.json') }).path).toBe(join(dir, 't.json'));
    expect(new RedisTokenStore({ client: new Redis({ lazyConnect: true }), prefix: 'p:' }).prefix).toBe('p:');
  });
});
