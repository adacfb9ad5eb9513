import { describe, expect, it, vi } from 'vitest';
import { GHLAbortError } from '../../src/errors.js';
import { abortable, followSignal } from '../../src/http/abort.js';

/** Collects what Node reports while `fn` runs (and a few ticks after): warnings and unhandled rejections. */
async function watchProcess(fn: () => Promise<void>): Promise<{ warnings: string[]; unhandled: unknown[] }> {
  const warnings: string[] = [];
  const unhandled: unknown[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('warning', onWarning);
  process.on('unhandledRejection', onUnhandled);
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off('warning', onWarning);
    process.off('unhandledRejection', onUnhandled);
  }
  return { warnings, unhandled };
}

describe('abortable', () => {
  it('does not start the work when the signal is already aborted', async () => {
    const work = vi.fn(async () => 'token');
    await expect(abortable(work, AbortSignal.abort(), 'GHL GET /x')).rejects.toBeInstanceOf(GHLAbortError);
    expect(work).not.toHaveBeenCalled();
  });

  it('gives up on abort; work that fails later is handled, never an unhandled rejection', async () => {
    const seen = await watchProcess(async () => {
      const controller = new AbortController();
      let fail!: (error: Error) => void;
      const pending = abortable(() => new Promise<string>((_resolve, reject) => (fail = reject)), controller.signal, 'GHL GET /x (waiting for a token)');
      controller.abort();
      await expect(pending).rejects.toThrow('GHL GET /x (waiting for a token) was aborted');
      fail(new Error('the refresh failed after everyone left'));
    });
    expect(seen.unhandled).toEqual([]);
  });

  it('the abort error keeps the reason as cause (AbortSignal.timeout() included)', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const error = await abortable(async () => 'x', signal, 'GHL GET /x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect((error as GHLAbortError).cause).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('followSignal', () => {
  it('follows the caller’s abort and reason, without a listener on the caller’s signal', async () => {
    const controller = new AbortController();
    const seen = await watchProcess(async () => {
      const followers = Array.from({ length: 64 }, () => followSignal(controller.signal) as AbortSignal);
      for (const follower of followers) follower.addEventListener('abort', () => undefined);
      controller.abort(new Error('stop'));
      expect(followers.every((follower) => follower.aborted && (follower.reason as Error).message === 'stop')).toBe(true);
    });
    expect(seen.warnings).toEqual([]);
    expect(followSignal(undefined)).toBeUndefined();
  });
});
