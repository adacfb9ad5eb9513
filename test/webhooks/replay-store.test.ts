import { describe, expect, it } from 'vitest';
import { MemoryWebhookReplayStore } from '../../src/webhooks/index.js';

describe('MemoryWebhookReplayStore', () => {
  it('claims an id once until it expires; release lets it be claimed again', async () => {
    let now = 1_000;
    const store = new MemoryWebhookReplayStore({ now: () => now });
    expect(await store.claim('a', 100)).toBe(true);
    expect(await store.claim('a', 100)).toBe(false);
    expect(await store.claim('b', 100)).toBe(true);
    now += 99;
    expect(await store.claim('a', 100)).toBe(false);
    now += 1;
    expect(await store.claim('a', 100)).toBe(true);
    await store.release('b');
    expect(await store.claim('b', 100)).toBe(true);
  });

  it('of many concurrent claims of one id, exactly one wins', async () => {
    const store = new MemoryWebhookReplayStore();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('same', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps memory bounded: expired ids are swept as new ones arrive', async () => {
    let now = 0;
    const store = new MemoryWebhookReplayStore({ now: () => now });
    for (let i = 0; i < 20_000; i++) {
      now += 1;
      await store.claim(`id-${i}`, 300);
    }
    // At most the live window (300 ids) plus one sweep interval's worth of expired ones.
    expect(store.size).toBeLessThan(1_500);
  });
});
