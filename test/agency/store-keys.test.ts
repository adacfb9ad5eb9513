import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { companyKey } from '../../src/agency/keys.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import { EnvTokenStore } from '../../src/stores/env.js';
import { FileTokenStore } from '../../src/stores/file.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { companyAndLocationsApart } from './helpers.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ghl-keys-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('company and location tokens never overwrite each other', () => {
  it('MemoryTokenStore', async () => {
    await companyAndLocationsApart(async (companyId, seed) => new MemoryTokenStore({ [companyKey(companyId)]: seed as never }));
  });

  it('FileTokenStore', async () => {
    const path = join(await tempDir(), 'tokens.json');
    await companyAndLocationsApart(async (companyId, seed) => {
      const store = new FileTokenStore({ path });
      await store.set(companyKey(companyId), seed as never);
      return store;
    });
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')) as object).sort()).toEqual(['AGENCY1', 'company:AGENCY1', 'loc-2']);
  });

  it('DurableEnvTokenStore seeded from an agency env (GHL_COMPANY_ID, no GHL_LOCATION_ID)', async () => {
    const dir = await tempDir();
    await companyAndLocationsApart(async (companyId, seed) => {
      const tokens = seed as { accessToken: string; refreshToken: string; expiresAt: number };
      const env: Record<string, string | undefined> = {
        GHL_COMPANY_ID: companyId,
        GHL_ACCESS_TOKEN: tokens.accessToken,
        GHL_REFRESH_TOKEN: tokens.refreshToken,
        GHL_TOKEN_EXPIRES_AT: String(tokens.expiresAt),
      };
      const store = new DurableEnvTokenStore({ env, cwd: dir, tokenFile: 'tokens.json' });
      // The env seed belongs to the company key only, never to a location.
      expect(store.locationId).toBe(companyKey(companyId));
      expect(await store.get(companyId)).toBeNull();
      return store;
    });
  });

  it('EnvTokenStore of an agency env answers for the company key only', async () => {
    const store = new EnvTokenStore({ env: { GHL_COMPANY_ID: 'co', GHL_REFRESH_TOKEN: 'r-co' } });
    expect((await store.get('company:co'))?.refreshToken).toBe('r-co');
    expect(await store.get('co')).toBeNull();
    expect(await store.get('loc-1')).toBeNull();
  });
});
