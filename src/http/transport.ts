import { createApiError, credentialFreeCopy, errorCode, GHLConnectionError, GHLResponseError, GHLTimeoutError, type GHLApiError } from '../errors.js';
import { describeError, type GHLLogger } from '../logger.js';
import type { FetchLike, ResolvedRetry } from '../options.js';
import type { RequestPriority } from '../rate-limit/budget.js';
import { readRateLimit, readRetryAfterMs, type RateLimitSnapshot } from './rate-limit.js';
import { abortable } from './abortable.js';
import { sleep } from './sleep.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Per-call options accepted as the last argument of every SDK method. */
export interface CallOptions {
  /** Aborts the call (and any retry wait). */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call, overriding the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** `'bulk'` requests wait behind `'live'` ones for the location's rate-limit window. Default `'live'`. */
  priority?: RequestPriority | undefined;
}

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
}

/** Supplies and renews the bearer token; implemented by TokenManager. */
export interface AuthProvider {
  getAccessToken(): Promise<string>;
  /** Called on a 401 with the token that failed; returns a token to replay with, or null when none can be had. */
  handleUnauthorized(failedToken: string): Promise<string | null>;
}

/** Paces attempts to GHL's rate-limit window; implemented by RateLimiter. */
export interface AttemptGate<Ticket = unknown> {
  /** Resolves when the next attempt may be sent, with a ticket to hand back to `settle`. */
  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<Ticket>;
  /** Called once per ticket when the attempt ended: with its response, or without one (network error, timeout). */
  settle(ticket: Ticket, response?: { status: number; headers: Headers }): void;
}

export interface RequestContext {
  auth?: AuthProvider | undefined;
  limiter?: AttemptGate | undefined;
  onRateLimit?: ((snapshot: RateLimitSnapshot) => void) | undefined;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface TransportConfig {
  baseUrl: string;
  apiVersion: string;
  timeoutMs: number;
  retry: ResolvedRetry;
  fetch: FetchLike | undefined;
  logger: GHLLogger;
  now: () => number;
}

// Error codes that prove the request never left this machine, so even a create may be replayed.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

// setTimeout's ceiling; a longer delay would fire at once (Node's TimeoutOverflowWarning).
const MAX_TIMER_MS = 2_147_483_647;

interface AttemptFailure {
  error: GHLConnectionError;
  /** True when the request provably never reached the server. */
  neverSent: boolean;
}

/**
 * The HTTP layer: one `fetch` per attempt, wrapped in our own retry loop: the token must be re-read
 * per attempt (a long backoff outlives it, ARCHITECTURE.md "Known traps"), a create must never be
 * replayed once it may have reached GHL, and the 401 replay must not spend a retry. With ky's retry
 * off, all ky still did here was the timeout and the abort wiring; fetch, one AbortController and
 * one timer do the same for 4.8 kB gzip less and no Request construction + clone per call
 * (BENCHMARKS.md §3 and §5).
 */
export class Transport {
  readonly config: TransportConfig;

  constructor(config: TransportConfig) {
    this.config = config;
  }

  /** One attempt, no retry, no auth. Throws `GHLConnectionError`/`GHLTimeoutError` when no response came. */
  async attempt(spec: RequestSpec, call: CallOptions = {}, token?: string): Promise<TransportResponse> {
    const outcome = await this.tryAttempt(spec, call, token);
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  /** A full call: token per attempt, one refresh-and-replay on 401, retries per policy, typed errors. */
  async request(spec: RequestSpec, call: CallOptions = {}, context: RequestContext = {}): Promise<TransportResponse> {
    const { retry, logger, now } = this.config;
    const idempotent = isIdempotent(spec);
    let retriesLeft = retry.retries;
    let attemptNumber = 0;
    let replayedAfter401 = false;
    const waitingFor = `GHL ${spec.method} ${spec.path} (waiting for a token)`;
    // The caller's signal also bounds the wait for a token: a refresh can take a while (its own
    // retries, another process holding the lock), and an aborted call must not sit through it.
    const nextToken = () => (context.auth ? abortable(context.auth.getAccessToken(), call.signal, waitingFor) : Promise.resolve(undefined));
    let token = await nextToken();

    for (;;) {
      attemptNumber += 1;
      const outcome = await this.attemptPaced(spec, call, token, context.limiter);

      if ('error' in outcome) {
        const replayable = outcome.neverSent || idempotent;
        if (!replayable || retriesLeft === 0 || call.signal?.aborted) throw outcome.error;
        retriesLeft -= 1;
        const delay = this.backoff(attemptNumber);
        logger.debug(`GHL ${spec.method} ${spec.path}: ${describeError(outcome.error)}; retry in ${delay} ms (${retriesLeft} left)`);
        await sleep(delay, call.signal);
        token = await nextToken();
        continue;
      }

      const snapshot = readRateLimit(outcome.headers, now());
      if (snapshot) context.onRateLimit?.(snapshot);
      const { status } = outcome;
      if (status >= 200 && status < 300) return outcome;

      if (status === 401 && context.auth && token !== undefined) {
        if (!replayedAfter401) {
          replayedAfter401 = true;
          const replacement = await abortable(context.auth.handleUnauthorized(token), call.signal, waitingFor);
          if (replacement !== null) {
            logger.info(`GHL ${spec.method} ${spec.path} answered 401; token refreshed, replaying once`);
            token = replacement;
            continue;
          }
        } else {
          logger.error('Still getting 401 after token refresh - may need to re-authenticate');
        }
      }

      const retryAfterMs = status === 429 ? readRetryAfterMs(outcome.headers, now()) : undefined;
      const error = this.toApiError(spec, outcome, { retryAfterMs, token });
      const retryable = status === 429 || (status >= 500 && idempotent);
      if (!retryable || retriesLeft === 0) throw error;
      const delay = retryAfterMs ?? this.backoff(attemptNumber);
      if (delay > retry.maxDelayMs) throw error;
      retriesLeft -= 1;
      logger.debug(`GHL ${spec.method} ${spec.path} answered ${status}; retry in ${delay} ms (${retriesLeft} left)`);
      await sleep(delay, call.signal);
      token = await nextToken();
    }
  }

  /** One attempt inside the rate-limit window: the gate hears how it ended, whatever happened. */
  private async attemptPaced(spec: RequestSpec, call: CallOptions, token: string | undefined, limiter: AttemptGate | undefined): Promise<TransportResponse | AttemptFailure> {
    if (!limiter) return this.tryAttempt(spec, call, token);
    const ticket = await limiter.acquire(call.priority ?? 'live', call.signal);
    let outcome: TransportResponse | AttemptFailure | undefined;
    try {
      outcome = await this.tryAttempt(spec, call, token);
      return outcome;
    } finally {
      limiter.settle(ticket, outcome === undefined || 'error' in outcome ? undefined : outcome);
    }
  }

  /** Exponential backoff with jitter: 50–100 % of min(max, base·2ⁿ). */
  private backoff(attemptNumber: number): number {
    const { minDelayMs, maxDelayMs } = this.config.retry;
    const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** (attemptNumber - 1));
    return Math.round(ceiling * (0.5 + Math.random() * 0.5));
  }

  /** The typed error for a non-2xx response; credentials we sent are masked if GHL echoes them. */
  toApiError(spec: RequestSpec, response: TransportResponse, options: { retryAfterMs?: number | undefined; token?: string | undefined } = {}): GHLApiError {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const secrets = [...Object.values(spec.form ?? {}), ...(options.token === undefined ? [] : [options.token])];
    return createApiError({ status: response.status, body: response.body, headers, method: spec.method, path: spec.path, retryAfterMs: options.retryAfterMs, secrets });
  }

  private buildUrl(spec: RequestSpec): string {
    const url = new URL(this.config.baseUrl + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
      else url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  private async tryAttempt(spec: RequestSpec, call: CallOptions, token: string | undefined): Promise<TransportResponse | AttemptFailure> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const version = spec.version === undefined ? this.config.apiVersion : spec.version;
    if (version !== null) headers['version'] = version;
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    let body: string | FormData | null = null;
    if (spec.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.form).toString();
    } else if (spec.body instanceof FormData) {
      body = spec.body; // fetch writes the multipart content-type with its boundary
    } else if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    // The timeout covers the whole exchange, body included: a response that stalls mid-body must
    // not hang the call (on /oauth/token it would hang inside the refresh lock).
    const timeoutMs = call.timeoutMs ?? this.config.timeoutMs;
    const callSignal = call.signal;
    const controller = new AbortController();
    const onAbort = () => controller.abort(callSignal?.reason);
    if (callSignal?.aborted) onAbort();
    else callSignal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new DOMException(`Request timed out after ${timeoutMs} ms`, 'TimeoutError')), Math.min(timeoutMs, MAX_TIMER_MS));
    let response: Response;
    let text: string;
    try {
      // Looked up per request: msw patches globalThis.fetch at listen() (toolchain.md gotcha 7).
      response = await (this.config.fetch ?? globalThis.fetch)(this.buildUrl(spec), { method: spec.method, headers, body, signal: controller.signal });
      text = await response.text();
    } catch (error) {
      return this.describeFailure(spec, call, error);
    } finally {
      clearTimeout(timer);
      callSignal?.removeEventListener('abort', onAbort);
    }
    return { status: response.status, headers: response.headers, body: this.parseBody(spec, response, text) };
  }

  private describeFailure(spec: RequestSpec, call: CallOptions, thrown: unknown): AttemptFailure {
    const what = `GHL ${spec.method} ${spec.path}`;
    const error = credentialFreeCopy(thrown);
    const name = error instanceof Error ? error.name : '';
    // The caller's own abort first: its reason may be a TimeoutError too (AbortSignal.timeout()),
    // but it is not our timeoutMs that ran out.
    if (call.signal?.aborted) {
      return { error: new GHLConnectionError(`${what} was aborted`, { cause: error }), neverSent: false };
    }
    if (name === 'TimeoutError') {
      const ms = call.timeoutMs ?? this.config.timeoutMs;
      return { error: new GHLTimeoutError(`${what} timed out after ${ms} ms${this.maybeProcessedHint(spec)}`, { cause: error }), neverSent: false };
    }
    if (name === 'AbortError') {
      return { error: new GHLConnectionError(`${what} was aborted`, { cause: error }), neverSent: false };
    }
    const code = errorCode(error);
    const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
    const reason = code ?? (error instanceof Error && error.cause instanceof Error ? error.cause.message : describeError(error));
    const hint = neverSent ? '' : this.maybeProcessedHint(spec);
    return { error: new GHLConnectionError(`${what} failed: no response (${reason})${hint}`, { cause: error }), neverSent };
  }

  private maybeProcessedHint(spec: RequestSpec): string {
    return isIdempotent(spec) ? '' : '; GHL may have processed it, so it was not replayed (use an upsert to retry safely)';
  }

  private parseBody(spec: RequestSpec, response: Response, text: string): unknown {
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      if (response.ok) {
        // A form request is the token endpoint: its body may hold fresh tokens, so it is never kept.
        const body = spec.form ? undefined : text.slice(0, 500);
        throw new GHLResponseError(`GHL ${spec.method} ${spec.path} answered ${response.status} with a body that is not JSON`, body, { cause: spec.form ? undefined : cause });
      }
      return text.slice(0, 2000);
    }
  }
}

/** See `RequestSpec.idempotent`: the spec's word, else true for GET, PUT and DELETE. */
function isIdempotent(spec: RequestSpec): boolean {
  return spec.idempotent ?? (spec.method === 'GET' || spec.method === 'PUT' || spec.method === 'DELETE');
}
