import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import type { TokenStore } from '../../src/stores/token-store.js';

const FULL: TokenSet = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresAt: 1_750_000_000_000,
  scope: 'contacts.readonly contacts.write',
  userType: 'Location',
  locationId: 'loc-1',
  companyId: 'co-1',
};

describe('MemoryTokenStore', () => {
  it('is a TokenStore without withLock (single process: the TokenManager mutex suffices)', () => {
    const store: TokenStore = new MemoryTokenStore();
    expect(store.withLock).toBeUndefined();
  });

  it('round-trips every field and returns null for an unknown key', async () => {
    const store = new MemoryTokenStore();
    await store.set('loc-1', FULL);
    expect(await store.get('loc-1')).toEqual(FULL);
    expect(await store.get('loc-2')).toBeNull();
  });

  it('keeps keys isolated', async () => {
    const store = new MemoryTokenStore();
    await store.set('a', { accessToken: 'at-a', refreshToken: 'rt-a' });
    await store.set('b', { accessToken: 'at-b' });
    expect(await store.get('a')).toEqual({ accessToken: 'at-a', refreshToken: 'rt-a' });
    expect(await store.get('b')).toEqual({ accessToken: 'at-b' });
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toEqual({ accessToken: 'at-b' });
  });

  it('set replaces the whole set (a rotated set without a field does not keep the old one)', async () => {
    const store = new MemoryTokenStore();
    await store.set('loc-1', FULL);
    await store.set('loc-1', { accessToken: 'at-2', refreshToken: 'rt-2' });
    expect(await store.get('loc-1')).toEqual({ accessToken: 'at-2', refreshToken: 'rt-2' });
  });

  it('drops undefined fields on set', async () => {
    const store = new MemoryTokenStore();
    await store.set('loc-1', { accessToken: 'at', refreshToken: undefined, expiresAt: undefined });
    const got = await store.get('loc-1');
    expect(got).toEqual({ accessToken: 'at' });
    expect(Object.keys(got ?? {})).toEqual(['accessToken']);
  });

  it('hands out copies: mutating what get returned does not change the store', async () => {
    const store = new MemoryTokenStore();
    await store.set('loc-1', FULL);
    const got = await store.get('loc-1');
    if (!got) throw new Error('expected tokens');
    got.accessToken = 'tampered';
    delete got.refreshToken;
    expect(await store.get('loc-1')).toEqual(FULL);
    expect(await store.get('loc-1')).not.toBe(await store.get('loc-1'));
  });

  it('stores a copy: mutating the object passed to set does not change the store', async () => {
    const store = new MemoryTokenStore();
    const tokens: TokenSet = { ...FULL };
    await store.set('loc-1', tokens);
    tokens.refreshToken = 'changed-later';
    expect((await store.get('loc-1'))?.refreshToken).toBe('rt-1');
  });

  it('is seeded per key, from copies of the seed', async () => {
    const seed: Record<string, TokenSet> = { 'loc-1': { ...FULL }, 'loc-2': { accessToken: 'pit-2' } };
    const store = new MemoryTokenStore(seed);
    const seedTokens = seed['loc-1'];
    if (seedTokens) seedTokens.accessToken = 'changed-after-construction';
    expect(await store.get('loc-1')).toEqual(FULL);
    expect(await store.get('loc-2')).toEqual({ accessToken: 'pit-2' });
    expect(await store.get('loc-3')).toBeNull();
  });

  it('two stores never share state', async () => {
    const a = new MemoryTokenStore();
    const b = new MemoryTokenStore();
    await a.set('loc-1', FULL);
    expect(await b.get('loc-1')).toBeNull();
  });

  it('delete of an unknown key is a no-op', async () => {
    const store = new MemoryTokenStore({ 'loc-1': FULL });
    await expect(store.delete('nope')).resolves.toBeUndefined();
    expect(await store.get('loc-1')).toEqual(FULL);
  });
});

/** The part of `ghl-sdk/testing` used here, typed locally so this file compiles without it. */
interface VerifyKit {
  verifyTokenStore(store: TokenStore): Promise<{ ok: boolean; checks: Array<{ name: string; ok: boolean; skipped?: boolean; error?: string }> }>;
}

// The conformance kit from `ghl-sdk/testing`, when it is present in this tree.
const kitPath = new URL('../../src/testing/index.ts', import.meta.url);
if (existsSync(kitPath)) {
  describe('verifyTokenStore (ghl-sdk/testing)', () => {
    it('passes every check for MemoryTokenStore', async () => {
      const { verifyTokenStore } = (await import(kitPath.href)) as VerifyKit;
      const report = await verifyTokenStore(new MemoryTokenStore());
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.checks.filter((check) => !check.skipped).length).toBeGreaterThanOrEqual(6);
    });
  });
}
