import type { TokenSet } from './auth/token-set.js';
import { GHLConfigError } from './errors.js';
import type { GHLLogger } from './logger.js';
import type { RateLimitOptions } from './rate-limit/limiter.js';
import type { TokenStore } from './stores/token-store.js';

/** `'expiring'`: refresh only when needed. `'always'`: refresh before every request (the original integration's way). */
export type RefreshPolicy = 'expiring' | 'always';

/**
 * Retry settings. One schedule for API calls (ky) and the OAuth token endpoint (p-retry): the n-th
 * retry waits `minDelayMs · 2ⁿ⁻¹`, times a random 1–2 (jitter), at most `maxDelayMs`; a 429 (or a
 * 503) waits its `Retry-After` instead when that is at least `minDelayMs`.
 */
export interface RetryOptions {
  /** How many times one call may be retried after 429, 5xx or a network error. Default 3. */
  retries?: number;
  /** Base of the exponential backoff, and the shortest wait before any retry. Default 500 ms. */
  minDelayMs?: number;
  /**
   * Longest single wait. A 429 whose Retry-After asks for more than this is thrown at once as
   * `GHLRateLimitError` (with `retryAfterMs`) instead of parking the call. Default 60 000 ms.
   */
  maxDelayMs?: number;
}

/** A fetch-compatible function. */
export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

export interface GHLClientOptions {
  /** OAuth client id. Default: env `GHL_CLIENT_ID`. Needed only to refresh or exchange codes. */
  clientId?: string | undefined;
  /** OAuth client secret. Default: env `GHL_CLIENT_SECRET`. Never logged. */
  clientSecret?: string | undefined;
  /** The sub-account this client talks to, and the token-store key. Default: env `GHL_LOCATION_ID`. */
  locationId?: string | undefined;
  /**
   * Where tokens live. An explicit store always wins. Default: with `process.env` (or an env naming
   * `GHL_ENV_FILE` / `GHL_TOKEN_FILE`), a `DurableEnvTokenStore` — seeded from the env, rotations
   * saved to `GHL_ENV_FILE`, else `GHL_TOKEN_FILE`, else `./.ghl/tokens.json`; with any other env
   * object, `new EnvTokenStore({ env })` (memory only, one warning at the first rotation).
   */
  tokenStore?: TokenStore | undefined;
  /** When to refresh the access token. Default `'expiring'`. */
  refreshPolicy?: RefreshPolicy | undefined;
  /** With `'expiring'`: refresh when less than this is left. Default 300 000 ms (5 min). */
  refreshSkewMs?: number | undefined;
  /** API origin. Default: env `GHL_BASE_URL`, else `https://services.leadconnectorhq.com`. */
  baseUrl?: string | undefined;
  /**
   * The `Version` header of `ghl.request()` calls that name none. Default `'2021-07-28'` (every contacts,
   * users and locations operation, docs/ghl-api.md §2). Resources send their own API area's Version.
   */
  apiVersion?: string | undefined;
  /** Per-attempt timeout of every HTTP request, token endpoint included. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Retry policy, or `false` to never retry. Default `{ retries: 3 }`. */
  retry?: RetryOptions | false | undefined;
  /** `{ debug, info, warn, error }`: console and pino fit. Silent by default. Lines are redacted. */
  logger?: GHLLogger | undefined;
  /**
   * Custom fetch, called with one `Request` per attempt (ky builds it). Default: `globalThis.fetch`,
   * looked up per request (so msw and test doubles see it).
   */
  fetch?: FetchLike | undefined;
  /**
   * Called after rotated tokens were saved to the store, once the refresh lock is released (so the
   * hook may call the SDK; under `'always'` such a call refreshes, and calls the hook, again). The
   * call that triggered the refresh waits for it. Errors are logged, not thrown.
   */
  onTokensRefreshed?: ((tokens: TokenSet, key: string) => void | Promise<void>) | undefined;
  /**
   * Origin of the OAuth consent page. Default `https://marketplace.gohighlevel.com`; white-label apps
   * use `https://marketplace.leadconnectorhq.com` (ghl-api.md §1.1).
   */
  authorizationBaseUrl?: string | undefined;
  /** Path of the consent page. Default `/v2/oauth/chooselocation` (ghl-api.md §1.1, commit ae4d260). */
  authorizationPath?: string | undefined;
  /** Default `redirect_uri` for the authorization URL and code exchange. Default: env `GHL_REDIRECT_URI`. */
  redirectUri?: string | undefined;
  /** `user_type` sent with the refresh grant. Default `'Location'`. */
  userType?: 'Location' | 'Company' | undefined;
  /** Where env defaults are read from. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /**
   * Pacing to GHL's rate-limit window (100 requests per 10 s per location until GHL's headers say
   * otherwise): every request waits for room in the location's budget, so GHL never answers 429.
   * `false` turns pacing off (429s are still retried). Default: an in-process budget.
   */
  rateLimit?: RateLimitOptions | false | undefined;
  /** Clock used for expiry decisions. Default `Date.now`. Tests inject their own. */
  now?: (() => number) | undefined;
}

/** Every default in one place (ky style). */
export const DEFAULTS = {
  baseUrl: 'https://services.leadconnectorhq.com',
  apiVersion: '2021-07-28',
  refreshPolicy: 'expiring' as RefreshPolicy,
  refreshSkewMs: 300_000,
  timeoutMs: 30_000,
  retries: 3,
  minDelayMs: 500,
  maxDelayMs: 60_000,
  authorizationBaseUrl: 'https://marketplace.gohighlevel.com',
  authorizationPath: '/v2/oauth/chooselocation',
  userType: 'Location' as const,
} as const;

/** The environment variables the SDK reads. */
export const ENV = {
  clientId: 'GHL_CLIENT_ID',
  clientSecret: 'GHL_CLIENT_SECRET',
  locationId: 'GHL_LOCATION_ID',
  /** The agency of a Company install (`GHLClient.forCompany`, `GHLClient.companyFromEnv`). */
  companyId: 'GHL_COMPANY_ID',
  baseUrl: 'GHL_BASE_URL',
  accessToken: 'GHL_ACCESS_TOKEN',
  refreshToken: 'GHL_REFRESH_TOKEN',
  expiresAt: 'GHL_TOKEN_EXPIRES_AT',
  /**
   * Written by the SDK beside every refresh token it puts into env variables: that token's
   * fingerprint, so a refresh token that came from a rotation is never mistaken for an operator's
   * new seed (see `src/stores/env-seed.ts`).
   */
  tokenRotated: 'GHL_TOKEN_ROTATED',
  redirectUri: 'GHL_REDIRECT_URI',
  /** A dotenv file the default token store persists rotations into (see `DurableEnvTokenStore`). */
  envFile: 'GHL_ENV_FILE',
  /** The JSON file the default token store persists rotations into. Default `.ghl/tokens.json`. */
  tokenFile: 'GHL_TOKEN_FILE',
} as const;

/**
 * The retry policy: one object, resolved once per client, that feeds both retry engines (ky for API
 * calls, p-retry for the token endpoint; src/http/retry-policy.ts), so their schedules cannot drift.
 */
export interface ResolvedRetry {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/** setTimeout's ceiling: a longer delay fires at once (Node's TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2_147_483_647;

export function resolveRetry(retry: RetryOptions | false | undefined): ResolvedRetry {
  if (retry === false) return { retries: 0, minDelayMs: DEFAULTS.minDelayMs, maxDelayMs: DEFAULTS.maxDelayMs };
  const resolved = {
    retries: retry?.retries ?? DEFAULTS.retries,
    minDelayMs: retry?.minDelayMs ?? DEFAULTS.minDelayMs,
    maxDelayMs: retry?.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_TIMER_MS) {
      throw new GHLConfigError(`retry.${name} must be an integer from 0 to ${MAX_TIMER_MS} (got ${String(value)})`);
    }
  }
  return resolved;
}

/** Reads a variable, treating blank as missing: `GHL_LOCATION_ID=` in a .env is not a location. */
export function readEnv(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Absolute-URL check with a message that names the option. */
export function requireHttpUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new GHLConfigError(`${option} must be an absolute http(s) URL (got "${value}")`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GHLConfigError(`${option} must be an absolute http(s) URL (got "${value}")`);
  }
  return value.replace(/\/+$/, '');
}

/** An integer option of at least `min`, with a message that names the option. */
export function requireInteger(value: number, option: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new GHLConfigError(`${option} must be an integer of at least ${min} (got ${String(value)})`);
  return value;
}
