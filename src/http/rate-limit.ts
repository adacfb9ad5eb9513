/** The last X-RateLimit-* headers GHL sent (ghl-api.md §6: "authoritative" on every response). */
export interface RateLimitSnapshot {
  /** Burst limit of the window (`X-RateLimit-Max`, 100 today). */
  max: number | undefined;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining: number | undefined;
  /** Window length (`X-RateLimit-Interval-Milliseconds`, 10 000 today). */
  intervalMs: number | undefined;
  /** `X-RateLimit-Limit-Daily` (200 000 today). */
  dailyLimit: number | undefined;
  /** `X-RateLimit-Daily-Remaining`. */
  dailyRemaining: number | undefined;
  /** When the response carrying these headers arrived (epoch ms). */
  at: number;
}

function readNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Parses the rate-limit headers; `undefined` when the response carries none of them. */
export function readRateLimit(headers: Headers, now: number): RateLimitSnapshot | undefined {
  const snapshot: RateLimitSnapshot = {
    max: readNumber(headers, 'x-ratelimit-max'),
    remaining: readNumber(headers, 'x-ratelimit-remaining'),
    intervalMs: readNumber(headers, 'x-ratelimit-interval-milliseconds'),
    dailyLimit: readNumber(headers, 'x-ratelimit-limit-daily'),
    dailyRemaining: readNumber(headers, 'x-ratelimit-daily-remaining'),
    at: now,
  };
  const any = [snapshot.max, snapshot.remaining, snapshot.intervalMs, snapshot.dailyLimit, snapshot.dailyRemaining].some((v) => v !== undefined);
  return any ? snapshot : undefined;
}

/**
 * `Retry-After` in ms (delta-seconds or an HTTP date); undefined when absent or unreadable. May be
 * zero or negative (a past date): the caller decides what such a "wait" is worth.
 */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return Math.ceil(seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isFinite(date) ? date - now : undefined;
}

/**
 * How long a 429 asks us to wait: `Retry-After` when present (never below 0), else the rate-limit
 * window length. GHL documents neither (ghl-api.md §6), so we honour both.
 */
export function readRetryAfterMs(headers: Headers, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers, now);
  return retryAfter === undefined ? readNumber(headers, 'x-ratelimit-interval-milliseconds') : Math.max(0, retryAfter);
}
