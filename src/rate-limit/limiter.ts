import { abortable } from '../http/abort.js';
import { readRateLimit, readRetryAfterMs, type RateLimitSnapshot } from '../http/rate-limit.js';
import { describeError, type GHLLogger } from '../logger.js';
import type { RateLimitBudget, ReleaseSlot, RequestPriority } from './budget.js';
import { DOCUMENTED_WINDOW, isUsableWindow, pacedWindow, sameWindow, type RateLimitWindow } from './window.js';

/** One attempt let out by `RateLimiter.acquire`; hand it back to `settle` when the attempt ends. */
export interface AttemptTicket {
  readonly release: ReleaseSlot;
}

/** What one client's limiter has seen for its location. */
export interface RateLimiterStats {
  /** Requests let out. */
  granted: number;
  /** 429 answers received anyway. */
  rateLimited: number;
}

export interface RateLimiterConfig {
  budget: RateLimitBudget;
  /** The budget key: one per app per location, as GHL counts (docs/ghl-api.md §6). */
  key: string;
  /** The window assumed until a response states one. */
  window?: RateLimitWindow | undefined;
  logger: GHLLogger;
  now: () => number;
}

/** The first attempt's turn: the others wait for `turn`, which settles when it got its answer (or gave up its place). */
interface Opening {
  probing: boolean;
  turn: Promise<void>;
  next: () => void;
}

function newOpening(): Opening {
  let next = () => {};
  const turn = new Promise<void>((resolve) => (next = resolve));
  return { probing: false, turn, next };
}

/**
 * Paces one location's requests to GHL's window so GHL never has to enforce it: every attempt
 * (retries included) waits for `acquire` and ends with `settle`, response or not. The window
 * starts as documented (100 per 10 s) and follows the X-RateLimit-* headers GHL sends; a 429 that
 * comes anyway pauses the whole budget for `Retry-After` (else the window), not only the request
 * that got it.
 */
export class RateLimiter {
  readonly key: string;
  readonly stats: RateLimiterStats = { granted: 0, rateLimited: 0 };
  private readonly config: RateLimiterConfig;
  private current: RateLimitWindow;
  /** `current` lengthened by the clock margin: what the budget paces to, made once per window stated. */
  private paced: RateLimitWindow;
  /**
   * Until GHL's first answer, one attempt at a time: that answer's X-RateLimit-Remaining tells how
   * much of the window requests this process never saw have spent (a run that just stopped,
   * another process), and the budget reserves it before the rest go. It costs one round trip.
   */
  private opening: Opening | undefined = newOpening();

  constructor(config: RateLimiterConfig) {
    this.config = config;
    this.key = config.key;
    this.current = config.window ?? DOCUMENTED_WINDOW;
    this.paced = pacedWindow(this.current);
  }

  /** GHL's window as last stated (or assumed). */
  get window(): RateLimitWindow {
    return this.current;
  }

  /** Resolves when the attempt may be sent, with the ticket to hand back to `settle`. */
  async acquire(priority: RequestPriority, signal?: AbortSignal): Promise<AttemptTicket> {
    const opening = await this.awaitOpening(signal);
    let release: ReleaseSlot;
    try {
      release = await this.config.budget.acquire(this.key, this.paced, { priority, signal });
    } catch (error) {
      // The first attempt never left: the next waiter goes first instead.
      if (opening && this.opening === opening) {
        this.opening = newOpening();
        opening.next();
      }
      throw error;
    }
    this.stats.granted++;
    return { release };
  }

  /** Waits while another attempt is the first; resolves with the opening when this one is. */
  private async awaitOpening(signal: AbortSignal | undefined): Promise<Opening | undefined> {
    while (this.opening) {
      const opening = this.opening;
      if (!opening.probing) {
        opening.probing = true;
        return opening;
      }
      await abortable(() => opening.turn, signal, `Waiting for GHL's first answer on ${this.key}'s rate-limit window`);
    }
    return undefined;
  }

  /** A ticket at once when the budget has a free slot and a synchronous answer, else `undefined` (then `acquire`). */
  tryAcquire(priority: RequestPriority): AttemptTicket | undefined {
    if (this.opening) return undefined;
    const release = this.config.budget.tryAcquire?.(this.key, this.paced, priority);
    if (release === undefined) return undefined;
    this.stats.granted++;
    return { release };
  }

  /**
   * The attempt ended: with its response's status and headers (and their X-RateLimit-* values when
   * the caller already read them), or without a response (network error, timeout).
   */
  settle(ticket: AttemptTicket, response?: { status: number; headers: Headers; rateLimit?: RateLimitSnapshot | undefined }): void {
    if (response) this.observe(response.status, response.headers, response.rateLimit);
    ticket.release(this.paced);
    const { opening } = this;
    if (opening) {
      this.opening = undefined;
      opening.next();
    }
  }

  /** A response's status and X-RateLimit-* headers: the window GHL states, a 429, a window spent by others. */
  observe(status: number, headers: Headers, snapshot = readRateLimit(headers, this.config.now())): void {
    const { budget, logger, now } = this.config;
    if (snapshot && isUsableWindow(snapshot.max, snapshot.intervalMs)) {
      const stated = { max: snapshot.max as number, intervalMs: snapshot.intervalMs as number };
      if (!sameWindow(stated, this.current)) {
        logger.debug(`GHL rate-limit window for ${this.key}: ${stated.max} per ${stated.intervalMs} ms`);
        this.current = stated;
        this.paced = pacedWindow(stated);
      }
    }
    if (status === 429) {
      this.stats.rateLimited++;
      const waitMs = readRetryAfterMs(headers, now()) ?? this.current.intervalMs;
      logger.warn(`GHL answered 429 for ${this.key}; pausing its requests for ${waitMs} ms`);
      void budget.pause(this.key, waitMs).catch((error: unknown) => logger.warn(`Could not pause the rate-limit budget: ${describeError(error)}`));
      return;
    }
    if (snapshot?.remaining === undefined) return;
    if (budget.reconcile) {
      budget.reconcile(this.key, this.paced, Math.floor(this.current.max - snapshot.remaining));
    } else if (snapshot.remaining === 0 && budget.hasRoom(this.key)) {
      // GHL counts a full window while ours has room: another process of this app spends this
      // location's budget without sharing ours. Wait a window rather than meet a 429.
      logger.debug(`GHL reports the window spent for ${this.key} by requests outside this budget; pausing ${this.current.intervalMs} ms`);
      void budget.pause(this.key, this.current.intervalMs).catch((error: unknown) => logger.warn(`Could not pause the rate-limit budget: ${describeError(error)}`));
    }
  }
}

export interface RateLimitOptions {
  /**
   * Where the budget lives. Default: one in-process budget shared by this client and every
   * `location()` client made from it. Pass one `MemoryRateLimitBudget` to several clients you build
   * separately, or a `RedisRateLimitBudget` (`ghl-sdk/redis`) to share one window with a fleet.
   */
  budget?: RateLimitBudget | undefined;
  /** The window assumed before GHL's first response states one. Default `{ max: 100, intervalMs: 10_000 }` (docs/ghl-api.md §6). */
  window?: RateLimitWindow | undefined;
}

/** One limiter per budget key, shared by a client and its `location()` clients so they agree on the window. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly config: Omit<RateLimiterConfig, 'key'>;

  constructor(config: Omit<RateLimiterConfig, 'key'>) {
    this.config = config;
  }

  forKey(key: string): RateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter({ ...this.config, key });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
