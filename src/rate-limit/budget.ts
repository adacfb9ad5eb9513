import type { RateLimitWindow } from './window.js';

/** Who is asking: `'live'` requests go before `'bulk'` ones waiting for the same window. */
export type RequestPriority = 'live' | 'bulk';

export interface AcquireOptions {
  priority: RequestPriority;
  /** Aborting stops the wait and rejects with `GHLAbortError`; the request then is not sent. */
  signal?: AbortSignal | undefined;
}

/**
 * Ends a grant; called exactly once, when the attempt's response (or its failure) came back. The
 * request stays counted until `window.intervalMs` after this call (GHL counted it on arrival, no
 * later than now). `window` is the paced window as known at that moment.
 */
export type ReleaseSlot = (window: RateLimitWindow) => void;

/**
 * Where a location's request budget lives. `MemoryRateLimitBudget` (the default) shares it between
 * every client in this process; `RedisRateLimitBudget` from `ghl-sdk/redis` shares it with a fleet.
 * Implement it to keep the budget anywhere else.
 */
export interface RateLimitBudget {
  /**
   * Resolves when one more request to `key` fits in `window` (the window the client paces to:
   * already lengthened by its safety margin); the request counts from that moment until the
   * returned release was called and a window has passed.
   */
  acquire(key: string, window: RateLimitWindow, options: AcquireOptions): Promise<ReleaseSlot>;
  /**
   * Optional fast path: a slot at once when one is free and nobody waits for it, else `undefined`
   * (then the client calls `acquire`). It spares the common case the abortable wait's timer and
   * signals; a budget that can only answer asynchronously (Redis) leaves it out.
   */
  tryAcquire?(key: string, window: RateLimitWindow, priority: RequestPriority): ReleaseSlot | undefined;
  /**
   * Optional: GHL says `spent` requests already count in its current `window` for `key`. A budget
   * that sees only its own requests (the in-process one) keeps the difference occupied for a
   * window, so requests it never saw (a run that just ended, another process) are not spent twice.
   * A budget that already counts every process's requests (Redis) leaves it out.
   */
  reconcile?(key: string, window: RateLimitWindow, spent: number): void;
  /** GHL answered 429 (or said the window is spent): no request to `key` starts for `ms`. */
  pause(key: string, ms: number): Promise<void>;
  /**
   * Whether this budget itself would let another request to `key` go now. GHL saying "0 remaining"
   * while this is true means something outside the budget spends the same window.
   */
  hasRoom(key: string): boolean;
}

export const PRIORITY: Record<RequestPriority, number> = { live: 1, bulk: 0 };
