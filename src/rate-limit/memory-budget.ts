import PQueue from 'p-queue';
import { GHLAbortError } from '../errors.js';
import { PRIORITY, type AcquireOptions, type RateLimitBudget, type ReleaseSlot, type RequestPriority } from './budget.js';
import type { RateLimitWindow } from './window.js';

/** A slot whose request has been answered: it frees at `until` (epoch ms). */
interface HeldSlot {
  until: number;
  free: () => void;
}

interface Lane {
  /**
   * p-queue with `concurrency: max`: each task is one request's slot, held from the moment the
   * request may leave until a whole window after its response came back (see `acquire`).
   */
  queue: PQueue;
  /** Answered slots, soonest to free first (`held[head]` is the next). */
  held: HeldSlot[];
  head: number;
  /**
   * One timer per lane frees every held slot that is due, then waits for the next: one `setTimeout`
   * per request cost more CPU than the request's own HTTP call at GHL's 100-per-window pace and
   * above. Unref'd while nobody waits, so it never holds a finished script.
   */
  holdTimer: ReturnType<typeof setTimeout> | undefined;
  pausedUntil: number;
  resumeTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Compact the held list once this many freed entries sit before its head. */
const COMPACT_AFTER = 1024;

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
    const { signal } = options;
    const granted = new Promise<ReleaseSlot>((grant, refuse) => {
      // The caller's signal may only cancel the wait: p-queue would free a running task's slot on
      // abort, and a granted request may already be on its way to GHL. So p-queue gets a signal of
      // its own, aborted from the caller's only while the task still waits.
      const waiting = signal ? new AbortController() : undefined;
      const onAbort = () => waiting?.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      lane.queue
        .add(
          () =>
            new Promise<void>((freeSlot) => {
              signal?.removeEventListener('abort', onAbort);
              grant(this.releaserFor(lane, freeSlot));
            }),
          { priority: PRIORITY[options.priority], ...(waiting && { signal: waiting.signal }) },
        )
        .catch((error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) refuse(new GHLAbortError('Aborted while waiting for the GHL rate-limit window', { cause: signal.reason }));
          else refuse(error);
        });
    });
    // p-queue starts a task at once when a slot is free; one still queued waits for a held slot or
    // the end of a pause, and keeps the process alive until then.
    if (lane.queue.size > 0) {
      lane.holdTimer?.ref?.();
      lane.resumeTimer?.ref?.();
    }
    return granted;
  }

  tryAcquire(key: string, window: RateLimitWindow, priority: RequestPriority): ReleaseSlot | undefined {
    const lane = this.laneFor(key, window);
    const { queue } = lane;
    if (queue.isPaused || queue.size > 0 || queue.pending >= queue.concurrency) return undefined;
    let release: ReleaseSlot | undefined;
    // With a free slot and an empty queue, p-queue runs the task inside `add`: the grant is synchronous.
    void queue.add(() => new Promise<void>((freeSlot) => (release = this.releaserFor(lane, freeSlot))), { priority: PRIORITY[priority] });
    return release;
  }

  reconcile(key: string, window: RateLimitWindow, spent: number): void {
    const lane = this.laneFor(key, window);
    const { queue } = lane;
    if (queue.isPaused) return;
    // Every request of ours GHL still counts holds a slot here (a slot outlives GHL's count of it),
    // so GHL counting more than we hold means requests we never saw. Only free slots are taken:
    // a reservation never queues ahead of a request already waiting.
    const unseen = Math.min(spent - queue.pending, queue.concurrency - queue.pending);
    for (let i = 0; i < unseen; i++) {
      void queue.add(() => new Promise<void>((free) => this.hold(lane, { until: Date.now() + window.intervalMs, free })), { priority: Number.MAX_SAFE_INTEGER });
    }
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
      lane = { queue: new PQueue({ concurrency: window.max }), held: [], head: 0, holdTimer: undefined, pausedUntil: 0, resumeTimer: undefined };
      this.lanes.set(key, lane);
    } else if (lane.queue.concurrency !== window.max) {
      // GHL stated another `max`: p-queue applies it at once; slots already held stay held.
      lane.queue.concurrency = window.max;
    }
    return lane;
  }

  /** The grant's release: counted once, it holds the slot a window from now. */
  private releaserFor(lane: Lane, freeSlot: () => void): ReleaseSlot {
    let released = false;
    return (windowNow) => {
      if (released) return;
      released = true;
      this.hold(lane, { until: Date.now() + windowNow.intervalMs, free: freeSlot });
    };
  }

  /** Keeps an answered slot until `slot.until`. */
  private hold(lane: Lane, slot: HeldSlot): void {
    const { held } = lane;
    // Slots nearly always come in deadline order; a shorter window stated meanwhile may not.
    let at = held.length;
    while (at > lane.head && (held[at - 1] as HeldSlot).until > slot.until) at--;
    held.splice(at, 0, slot);
    if (at === lane.head) this.armHoldTimer(lane);
  }

  /** (Re)arms the lane's timer for the soonest held slot. */
  private armHoldTimer(lane: Lane): void {
    clearTimeout(lane.holdTimer);
    lane.holdTimer = undefined;
    const next = lane.held[lane.head];
    if (next === undefined) return;
    lane.holdTimer = setTimeout(() => this.freeDue(lane), Math.max(0, next.until - Date.now()));
    if (lane.queue.size === 0) lane.holdTimer.unref?.();
  }

  /** Frees every held slot whose window has passed, by the wall clock (a timer may fire a little early). */
  private freeDue(lane: Lane): void {
    const now = Date.now();
    const { held } = lane;
    while (lane.head < held.length && (held[lane.head] as HeldSlot).until <= now) {
      const slot = held[lane.head] as HeldSlot;
      lane.head++;
      slot.free();
    }
    if (lane.head === held.length) {
      held.length = 0;
      lane.head = 0;
    } else if (lane.head >= COMPACT_AFTER) {
      held.splice(0, lane.head);
      lane.head = 0;
    }
    this.armHoldTimer(lane);
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
