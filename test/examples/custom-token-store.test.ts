import { describe, expect, it } from 'vitest';
import { MemoryKv } from '../../examples/custom-token-store/kv-client.js';
import { KvTokenStore } from '../../examples/custom-token-store/kv-token-store.js';
import { runExample } from '../../examples/custom-token-store/main.js';
import { verifyTokenStore } from '../../src/testing/index.js';

describe('examples/custom-token-store', () => {
  it('passes verifyTokenStore', async () => {
    const report = await verifyTokenStore(new KvTokenStore(new MemoryKv()), { throwOnFailure: true });
    expect(report.checks.filter((check) => check.skipped)).toEqual([]);
  });

  it('keeps two clients sharing the KV to one refresh per expiry, without invalid_grant', async () => {
    const lines: string[] = [];
    const result = await runExample((line) => lines.push(line));
    expect(result).toMatchObject({ tokenRequestsPerRound: [1, 1], invalidGrants: 0, storeInSync: true, report: { ok: true } });
    expect(lines).toHaveLength(4);
  });

  it('takes over a lock whose holder stopped renewing it (a crashed process)', async () => {
    const kv = new MemoryKv();
    await kv.put('ghl:lock:loc', JSON.stringify({ owner: 'crashed', expiresAt: Date.now() - 1 }));
    expect(await new KvTokenStore(kv).withLock('loc', async () => 'taken over')).toBe('taken over');
    expect(await kv.get('ghl:lock:loc')).toBeNull();
  });

  it('renews its lease while the holder works, so nobody takes the lock over meanwhile', async () => {
    const kv = new MemoryKv();
    const store = new KvTokenStore(kv, { leaseMs: 30, retryDelayMs: 2 });
    const order: string[] = [];
    const slow = store.withLock('loc', async () => {
      order.push('slow start');
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('slow end');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.withLock('loc', async () => order.push('second'));
    await slow;
    expect(order).toEqual(['slow start', 'slow end', 'second']);
  });

  it('gives up waiting for a held lock after waitTimeoutMs', async () => {
    const kv = new MemoryKv();
    await kv.put('ghl:lock:loc', JSON.stringify({ owner: 'alive', expiresAt: Date.now() + 60_000 }));
    await expect(new KvTokenStore(kv, { waitTimeoutMs: 20 }).withLock('loc', async () => 'never')).rejects.toThrow(/Timed out after 20 ms waiting for the token lock of "loc"/);
  });
});
