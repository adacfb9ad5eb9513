/** What a request is, before the transport sends it: the shapes resources, the client and the OAuth client build. */
import type { RequestPriority } from '../rate-limit/budget.js';
import type { RateLimitSnapshot } from './rate-limit.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number | boolean>;

export interface RequestSpec {
  method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** JSON body; a `FormData` is sent as multipart/form-data. */
  body?: unknown;
  /** Form body (`application/x-www-form-urlencoded`), used by the token endpoint. */
  form?: Record<string, string> | undefined;
  /** `Version` header; `null` sends none (`/oauth/token` declares none, ghl-api.md §2). Default: the client's. */
  version?: string | null | undefined;
  /**
   * Whether the request may be replayed after it may have reached GHL (5xx, reset, timeout).
   * Default: true for GET, PUT, DELETE; false for POST and PATCH. A 429 or a connection that was
   * never established is replayed regardless: GHL did not process it.
   */
  idempotent?: boolean | undefined;
  /**
   * For a call that is not idempotent: the safe next step the error names when the call failed after
   * it may have reached GHL and was therefore not replayed (e.g. "list the calendar's events for the
   * slot"), after no response or a 5xx. Without it: "use an upsert" after no response, nothing added to a 5xx.
   */
  nextStep?: string | undefined;
}

/** Supplies and renews the bearer token; implemented by TokenManager. */
export interface AuthProvider {
  getAccessToken(): Promise<string>;
  /** Called on a 401 with the token that failed; returns a token to replay with, or null when none can be had. */
  handleUnauthorized(failedToken: string): Promise<string | null>;
}

export interface RequestContext {
  auth?: AuthProvider | undefined;
  /** Sees the X-RateLimit-* headers of every response (each attempt's, 429s and errors included). */
  onRateLimit?: ((snapshot: RateLimitSnapshot) => void) | undefined;
  /** Paces every attempt (each retry and the 401 replay included) to the location's rate-limit window. */
  limiter?: AttemptGate | undefined;
}

/** Paces attempts to GHL's rate-limit window; implemented by RateLimiter (src/rate-limit/limiter.ts). */
export interface AttemptGate<Ticket = unknown> {
  /** Resolves when the next attempt may be sent, with a ticket to hand back to `settle`. */
  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<Ticket>;
  /** A ticket at once when no wait is needed, else `undefined`: the caller then awaits `acquire`. */
  tryAcquire?(priority: RequestPriority): Ticket | undefined;
  /** Called once per ticket when the attempt ended: with its response, or without one (network error, timeout). */
  settle(ticket: Ticket, response?: { status: number; headers: Headers; rateLimit?: RateLimitSnapshot | undefined }): void;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** See `RequestSpec.idempotent`: the spec's word, else true for GET, PUT and DELETE. */
export function isIdempotent(spec: RequestSpec): boolean {
  return spec.idempotent ?? (spec.method === 'GET' || spec.method === 'PUT' || spec.method === 'DELETE');
}
