import { describe, expect, it } from 'vitest';
import { Mutex } from '../../src/auth/mutex.js';

describe('Mutex (the in-house replacement for async-mutex)', () => {
  it('runs holders one at a time, in arrival order', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = mutex.runExclusive(async () => {
      events.push('1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('1 end');
      return 1;
    });
    const second = mutex.runExclusive(() => {
      events.push('2');
      return 2;
    });
    const third = mutex.runExclusive(async () => {
      events.push('3');
      return 3;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['1 start']);
    releaseFirst();
    expect(await Promise.all([first, second, third])).toEqual([1, 2, 3]);
    expect(events).toEqual(['1 start', '1 end', '2', '3']);
  });

  it('a holder that throws (or rejects) gives its error to its caller and does not block the next', async () => {
    const mutex = new Mutex();
    const sync = mutex.runExclusive(() => {
      throw new Error('sync boom');
    });
    const rejecting = mutex.runExclusive(async () => {
      throw new Error('async boom');
    });
    const next = mutex.runExclusive(() => 'next');
    await expect(sync).rejects.toThrow('sync boom');
    await expect(rejecting).rejects.toThrow('async boom');
    await expect(next).resolves.toBe('next');
  });
});
