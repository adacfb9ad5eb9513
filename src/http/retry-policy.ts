import type { RetryOptions as KyRetryOptions } from 'ky';
import type { Options as PRetryOptions } from 'p-retry';
import type { ResolvedRetry } from '../options.js';
import { parseRetryAfter, readRetryAfterMs } from './rate-limit.js';

// The one schedule both engines run (RetryOptions in src/options.ts): the n-th retry waits
// minDelayMs · 2ⁿ⁻¹ times a random 1–2, at most maxDelayMs. p-retry's `randomize` is that jitter;
// ky gets the same three numbers as `delay`, `jitter` and `backoffLimit`.
const FACTOR = 2;

/** ky's `retry` option for API calls; the transport adds `shouldRetry` (and `delay`, for GHL's window) per call. */
export function kyRetryOptions(policy: ResolvedRetry): KyRetryOptions {
  return {
    limit: policy.retries,
    // Every method: whether a POST may be replayed depends on what failed (a 429, a connection never
    // made: yes; anything that may have reached GHL: no), which the per-call `shouldRetry` decides.
    methods: ['get', 'put', 'delete', 'post', 'patch'],
    statusCodes: [429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: policy.maxDelayMs,
    retryOnTimeout: true,
    delay: (retryCount) => backoffBaseMs(policy, retryCount),
    jitter: (ms) => ms * (1 + Math.random()),
    backoffLimit: policy.maxDelayMs,
  };
}

/** p-retry's options for the token endpoint: the same schedule. */
export function pRetryOptions(policy: ResolvedRetry): Pick<PRetryOptions, 'retries' | 'factor' | 'minTimeout' | 'maxTimeout' | 'randomize'> {
  return { retries: policy.retries, factor: FACTOR, minTimeout: policy.minDelayMs, maxTimeout: policy.maxDelayMs, randomize: true };
}

/** The n-th retry's wait (n from 1) before jitter. */
export function backoffBaseMs(policy: ResolvedRetry, retryCount: number): number {
  return policy.minDelayMs * FACTOR ** (retryCount - 1);
}

/** What a 429 or 503 asks of the next attempt. */
export type ServerWait =
  /** Nothing usable (absent, negative, a past date, shorter than `minDelayMs`): the backoff decides. */
  | { kind: 'backoff' }
  /** Wait `ms`: `Retry-After`, or for a 429 without one GHL's rate-limit window. */
  | { kind: 'wait'; ms: number; fromRetryAfter: boolean }
  /** Asks for more than `maxDelayMs`: fail now with the wait on the error rather than park the call. */
  | { kind: 'too-long'; ms: number };

/**
 * Reads the wait a 429 or 503 asks for. A "wait" shorter than the backoff's floor is not honoured
 * as such: three 429s with `Retry-After: -1` must not become three retries within milliseconds.
 */
export function serverWait(policy: ResolvedRetry, status: number, headers: Headers, now: number): ServerWait {
  const hasRetryAfter = parseRetryAfter(headers, now) !== undefined;
  const ms = status === 429 ? readRetryAfterMs(headers, now) : hasRetryAfter ? readRetryAfterMs(headers, now) : undefined;
  if (ms === undefined || ms < policy.minDelayMs) return { kind: 'backoff' };
  if (ms > policy.maxDelayMs) return { kind: 'too-long', ms };
  return { kind: 'wait', ms, fromRetryAfter: hasRetryAfter };
}
