import PQueue from 'p-queue';
import { GHLAbortError } from '../errors.js';
import { PRIORITY, type AcquireOptions, type RateLimitBudget, type ReleaseSlot } from './budget.js';
import type { RateLimitWindow } from './window.js';

interface Lane {
  /**
   * p-queue with `concurrency: max`: each task is one request's slot, held from the moment the
   * request may leave until a whole window after its response came back (see `acquire`).
   */
  queue: PQueue;
  /** The timers that free held slots: unref'd while nobody waits, so they never hold a finished script. */
  holds: Set<ReturnType<typeof setTimeout>>;
  pausedUntil: number;
  resumeTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The in-process budget: one p-queue per location whose `max` concurrent tasks are the window's
 * slots. GHL counts a request when it arrives, which is somewhere between the moment it left and
 * the moment its response came back; a slot is therefore freed `intervalMs` after the response (or
 * the failure), never earlier, so GHL can never count `max + 1` in one window, however slow the
 * network or the machine is. Requests still on the wire hold their slot. On a fast link this paces
 * at `max` per (window + response time): the ceiling less the response time. Every client of this
 * budget shares it; `'live'` requests are queued ahead of `'bulk'` ones. See docs/architecture.md
 * ("Rate limiting") for why p-queue here and rate-limiter-flexible for Redis.
 */
export class MemoryRateLimitBudget implements RateLimitBudget {
  private readonly lanes = new Map<string, Lane>();

  acquire(key: string, window: RateLimitWindow, options: AcquireOptions): Promise<ReleaseSlot> {
    const lane = this.laneFor(key, window);
    // A waiter keeps the process alive until a slot frees or the pause ends.
    lane.resumeTimer?.ref?.();
    for (const timer of lane.holds) timer.ref?.();
    return new Promise<ReleaseSlot>((granted, refused) => {
      // The caller's signal may only cancel the wait: p-queue would free a running task's slot on
      // abort, and a granted request may already be on its way to GHL.
      const waiting = new AbortController();
      const onAbort = () => waiting.abort(options.signal?.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) onAbort();
      lane.queue
        .add(
          () =>
            new Promise<void>((freeSlot) => {
              options.signal?.removeEventListener('abort', onAbort);
              let released = false;
              granted((windowNow) => {
                if (released) return;
                released = true;
                const timer = setTimeout(() => {
                  lane.holds.delete(timer);
                  freeSlot();
                }, windowNow.intervalMs);
                if (lane.queue.size === 0) timer.unref?.();
                lane.holds.add(timer);
              });
            }),
          { priority: PRIORITY[options.priority], signal: waiting.signal },
        )
        .catch((error: unknown) => {
          options.signal?.removeEventListener('abort', onAbort);
          if (options.signal?.aborted) refused(new GHLAbortError('Aborted while waiting for the GHL rate-limit window', { cause: options.signal.reason }));
          else refused(error);
        });
    });
  }

  async pause(key: string, ms: number): Promise<void> {
    const lane = this.lanes.get(key);
    if (lane) this.holdUntil(lane, Date.now() + ms);
  }

  hasRoom(key: string): boolean {
    const lane = this.lanes.get(key);
    if (lane === undefined) return true;
    return !lane.queue.isPaused && lane.queue.pending < lane.queue.concurrency;
  }

  private laneFor(key: string, window: RateLimitWindow): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { queue: new PQueue({ concurrency: window.max }), holds: new Set(), pausedUntil: 0, resumeTimer: undefined };
      this.lanes.set(key, lane);
    } else if (lane.queue.concurrency !== window.max) {
      // GHL stated another `max`: p-queue applies it at once; slots already held stay held.
      lane.queue.concurrency = window.max;
    }
    return lane;
  }

  private holdUntil(lane: Lane, until: number): void {
    if (until <= lane.pausedUntil) return;
    lane.pausedUntil = until;
    lane.queue.pause();
    clearTimeout(lane.resumeTimer);
    lane.resumeTimer = setTimeout(() => {
      lane.resumeTimer = undefined;
      lane.queue.start();
    }, until - Date.now());
    // A pause alone must not keep a finished script alive (a daily-limit 429 asks for hours);
    // a request that waits on it does (acquire refs the timer).
    if (lane.queue.size === 0) lane.resumeTimer.unref?.();
  }
}
