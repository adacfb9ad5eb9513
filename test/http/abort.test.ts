import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { GHLAbortError } from '../../src/errors.js';
import { abortable, followSignal } from '../../src/http/abort.js';
import { BASE } from '../helpers/fake-ghl.js';
import { testClient } from '../helpers/client.js';
import { server } from '../msw.js';

/** What Node keeps on a signal for each `AbortSignal.any` made from it (https://github.com/nodejs/node/issues/55351). */
function dependantsOf(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find((symbol) => symbol.description === 'kDependantSignals');
  return key === undefined ? 0 : ((signal as unknown as Record<symbol, Set<unknown> | undefined>)[key]?.size ?? 0);
}

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
  it('follows the caller’s abort and reason, with one listener on the caller’s signal however many follow it', async () => {
    const controller = new AbortController();
    const seen = await watchProcess(async () => {
      const followers = Array.from({ length: 64 }, () => followSignal(controller.signal)?.signal as AbortSignal);
      for (const follower of followers) follower.addEventListener('abort', () => undefined);
      controller.abort(new Error('stop'));
      expect(followers.every((follower) => follower.aborted && (follower.reason as Error).message === 'stop')).toBe(true);
    });
    expect(seen.warnings).toEqual([]);
    expect(followSignal(undefined)).toBeUndefined();
  });
});

describe('a caller signal shared by many calls (a bulk run, a server-wide shutdown signal)', () => {
  it('keeps nothing per call on the caller’s signal once the calls ended, and still aborts calls in flight', async () => {
    server.use(http.get(`${BASE}/contacts/:id`, () => HttpResponse.json({ contact: { id: 'c1' } })));
    const ghl = testClient();
    const shutdown = new AbortController();
    for (let i = 0; i < 200; i++) await ghl.contacts.get('c1', { signal: shutdown.signal });
    // AbortSignal.any([signal]) per call left 200 entries here on Node 20, never given back.
    expect(dependantsOf(shutdown.signal)).toBe(0);
    const followed = Array.from({ length: 3 }, () => followSignal(shutdown.signal));
    followed[0]?.end();
    shutdown.abort(new Error('shutting down'));
    expect(followed.map((f) => f?.signal.aborted)).toEqual([false, true, true]); // an ended call is no longer followed
    expect((followed[1]?.signal.reason as Error).message).toBe('shutting down');
    expect(followSignal(shutdown.signal)?.signal.aborted).toBe(true); // one made after the abort starts aborted
  });
});
