import type { ResolvedRateLimit } from './options.js';

/** The five headers GHL puts on every API response; its docs call them authoritative (ghl-api.md §6). */
export type RateLimitHeaders = Record<
  'X-RateLimit-Limit-Daily' | 'X-RateLimit-Daily-Remaining' | 'X-RateLimit-Interval-Milliseconds' | 'X-RateLimit-Max' | 'X-RateLimit-Remaining',
  string
>;

export type RateDecision =
  | { allowed: true; headers: RateLimitHeaders }
  | { allowed: false; headers: RateLimitHeaders; retryAfterSeconds: number };

const DAY_MS = 86_400_000;

/**
 * GHL limits each app per location: 100 requests per 10 s and 200,000 per day (ghl-api.md §6). The
 * burst window slides (a log of timestamps), so `Retry-After` is exactly the wait until the oldest
 * request leaves it; the daily budget resets at UTC midnight of the injected clock. Rejected requests
 * do not count against either, so a client that honours `Retry-After` always gets through.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly days = new Map<string, { day: number; count: number }>();

  constructor(private readonly limits: ResolvedRateLimit) {}

  take(key: string, now: number): RateDecision {
    const { max, intervalMs, dailyLimit } = this.limits;
    const window = (this.windows.get(key) ?? []).filter((at) => at > now - intervalMs);
    this.windows.set(key, window);
    const today = Math.floor(now / DAY_MS);
    const daily = this.days.get(key);
    const used = daily?.day === today ? daily.count : 0;

    if (window.length >= max || used >= dailyLimit) {
      const untilWindowFrees = window.length >= max ? (window[0] as number) + intervalMs - now : 0;
      const untilMidnight = used >= dailyLimit ? (today + 1) * DAY_MS - now : 0;
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(untilWindowFrees, untilMidnight) / 1000));
      return { allowed: false, retryAfterSeconds, headers: this.headers(0, dailyLimit - used) };
    }
    window.push(now);
    this.days.set(key, { day: today, count: used + 1 });
    return { allowed: true, headers: this.headers(max - window.length, dailyLimit - used - 1) };
  }

  /**
   * Headers for an injected 429, which is refused before the token (hence the location) is known: the
   * burst headers only, so an SDK can still fall back to the interval when `Retry-After` is absent.
   */
  exhaustedHeaders(): Record<string, string> {
    return { 'X-RateLimit-Interval-Milliseconds': String(this.limits.intervalMs), 'X-RateLimit-Max': String(this.limits.max), 'X-RateLimit-Remaining': '0' };
  }

  private headers(remaining: number, dailyRemaining: number): RateLimitHeaders {
    return {
      'X-RateLimit-Limit-Daily': String(this.limits.dailyLimit),
      'X-RateLimit-Daily-Remaining': String(Math.max(0, dailyRemaining)),
      'X-RateLimit-Interval-Milliseconds': String(this.limits.intervalMs),
      'X-RateLimit-Max': String(this.limits.max),
      'X-RateLimit-Remaining': String(Math.max(0, remaining)),
    };
  }
}
