import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { defaultTokenStore } from '../../src/stores/default-store.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import { EnvTokenStore } from '../../src/stores/env.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';

// Building stores writes nothing: these tests only look at where tokens would go.
const OAUTH_ENV = { GHL_LOCATION_ID: 'loc-1', GHL_CLIENT_ID: 'cid', GHL_CLIENT_SECRET: 'cs', GHL_REFRESH_TOKEN: 'rt-seed' };
const BASE = 'https://services.leadconnectorhq.com';

describe('defaultTokenStore', () => {
  it('process.env: a DurableEnvTokenStore persisting to ./.ghl/tokens.json', () => {
    const store = defaultTokenStore({ env: process.env, locationId: 'loc-1', baseUrl: BASE });
    expect(store).toBeInstanceOf(DurableEnvTokenStore);
    expect((store as DurableEnvTokenStore).path).toBe(join(process.cwd(), '.ghl/tokens.json'));
  });

  it('an env object naming GHL_TOKEN_FILE or GHL_ENV_FILE: durable, at that file', () => {
    const json = defaultTokenStore({ env: { ...OAUTH_ENV, GHL_TOKEN_FILE: '/srv/app/ghl.json' }, locationId: 'loc-1', baseUrl: BASE });
    expect(json).toBeInstanceOf(DurableEnvTokenStore);
    expect((json as DurableEnvTokenStore).path).toBe('/srv/app/ghl.json');
    const dotenv = defaultTokenStore({ env: { ...OAUTH_ENV, GHL_ENV_FILE: '/srv/app/.env' }, locationId: 'loc-1', baseUrl: BASE });
    expect([(dotenv as DurableEnvTokenStore).kind, (dotenv as DurableEnvTokenStore).path]).toEqual(['envFile', '/srv/app/.env']);
  });

  it('any other env object: an EnvTokenStore over it (memory only; no file location is guessed for it)', () => {
    const store = defaultTokenStore({ env: { ...OAUTH_ENV }, locationId: 'loc-1', baseUrl: BASE });
    expect(store).toBeInstanceOf(EnvTokenStore);
    expect(store.durable).toBe(false);
  });
});

describe('GHLClient token store wiring', () => {
  it('fromEnv() and new GHLClient() over process.env default to the durable store', () => {
    const saved = { ...process.env };
    Object.assign(process.env, OAUTH_ENV);
    try {
      expect(GHLClient.fromEnv().tokenStore).toBeInstanceOf(DurableEnvTokenStore);
      expect(new GHLClient().tokenStore).toBeInstanceOf(DurableEnvTokenStore);
    } finally {
      for (const key of Object.keys(OAUTH_ENV)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('fromEnv(env) with GHL_ENV_FILE in it persists to that file; without, stays in the object', () => {
    const withFile = GHLClient.fromEnv({ ...OAUTH_ENV, GHL_ENV_FILE: '/srv/app/.env' }).tokenStore;
    expect(withFile).toBeInstanceOf(DurableEnvTokenStore);
    expect((withFile as DurableEnvTokenStore).kind).toBe('envFile');
    expect(GHLClient.fromEnv({ ...OAUTH_ENV }).tokenStore).toBeInstanceOf(EnvTokenStore);
  });

  it('an explicit tokenStore always wins, GHL_ENV_FILE / GHL_TOKEN_FILE notwithstanding', () => {
    const store = new MemoryTokenStore();
    expect(GHLClient.fromEnv({ ...OAUTH_ENV, GHL_ENV_FILE: '.env', GHL_TOKEN_FILE: 't.json' }, { tokenStore: store }).tokenStore).toBe(store);
    expect(new GHLClient({ env: { ...OAUTH_ENV, GHL_TOKEN_FILE: 't.json' }, tokenStore: store }).tokenStore).toBe(store);
  });
});
