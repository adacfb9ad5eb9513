import ky, { isHTTPError, isTimeoutError, type KyInstance, type NormalizedOptions } from 'ky';
import {
  createApiError,
  errorCode,
  GHLConfigError,
  GHLConnectionError,
  GHLError,
  GHLResponseError,
  GHLTimeoutError,
  GHLValidationError,
  rememberSecrets,
  type GHLApiError,
} from '../errors.js';
import type { GHLLogger } from '../logger.js';
import { MAX_TIMER_MS, type FetchLike, type ResolvedRetry } from '../options.js';
import { abortable, abortError, followSignal } from './abort.js';
import { validateCallOptions, type CallOptions } from './call-options.js';
import { readRateLimit, readRetryAfterMs, type RateLimitSnapshot } from './rate-limit.js';
import { backoffBaseMs, kyRetryOptions, serverWait } from './retry-policy.js';

export type { CallOptions } from './call-options.js';

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
  /**
   * Awaited before every attempt (each retry and the 401 replay included), before the token is
   * read: where a rate limiter waits for a slot. Rejecting fails the call with that error.
   */
  beforeAttempt?: ((signal: AbortSignal | undefined) => Promise<void>) | undefined;
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

// What fetch accepts in a header value (RFC 9110 field-value): a newline would be a TypeError at
// send time, which must not pass for a network failure (nor be retried).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** One call's state, shared by the ky hooks through ky's `context` option. */
interface Call {
  spec: RequestSpec;
  /** `GHL GET /contacts/x`: how messages name the call. */
  what: string;
  idempotent: boolean;
  /** Follows the caller's signal (see `followSignal`). */
  signal: AbortSignal | undefined;
  timeoutMs: number;
  context: RequestContext;
  /** The token the latest attempt sent. */
  token: string | undefined;
  /** The token the next attempt must send (the 401 replay's), instead of asking the TokenManager. */
  replayToken: string | undefined;
  /** Retries ky had made when the latest attempt was sent. */
  retryCount: number;
  /** The latest attempt's response, body read. */
  response: { status: number; headers: Headers; text: string } | undefined;
  /** A wait GHL asked for that ky cannot read itself (the rate-limit window of a 429 without Retry-After). */
  waitHintMs: number | undefined;
}

const callOf = (options: NormalizedOptions): Call => (options.context as { call: Call }).call;

/**
 * The HTTP layer: one ky instance per transport. ky runs the attempts: its retry options (from the
 * client's retry policy, src/http/retry-policy.ts), its per-attempt `timeout`, the caller's `signal`.
 * Ours are the rules ky cannot know: the token per attempt (hooks), which failures may be replayed
 * (`shouldRetry`: never a create that may have reached GHL), and the one refresh-and-replay after a
 * 401, which is a second ky call rather than ky's forced retry (`ky.retry()` from `afterResponse`
 * would spend a retry and need `limit ≥ 1`, so `retry: false` would lose the replay). No ky error
 * leaves this file: each becomes a `GHLError` without the `Request` (its Authorization header).
 */
export class Transport {
  readonly config: TransportConfig;
  private readonly ky: KyInstance;

  constructor(config: TransportConfig) {
    if (!HEADER_VALUE.test(config.apiVersion)) throw new GHLConfigError('apiVersion must be a valid HTTP header value (no line breaks)');
    this.config = config;
    this.ky = ky.create({
      retry: kyRetryOptions(config.retry),
      throwHttpErrors: true,
      hooks: {
        // ky's own pattern for auth: the first attempt's token in beforeRequest, each retry's in
        // beforeRetry (after the backoff, so a long wait never sends a token that expired meanwhile).
        beforeRequest: [
          (request, options, { retryCount }) => {
            const call = callOf(options);
            call.retryCount = retryCount;
            return retryCount === 0 ? this.prepareAttempt(request, call) : undefined;
          },
        ],
        beforeRetry: [
          ({ request, options, error, retryCount }) => {
            const call = callOf(options);
            call.waitHintMs = undefined;
            config.logger.debug(`${call.what}: ${describeFailure(error)}; retry ${retryCount} of ${config.retry.retries}`);
            return this.prepareAttempt(request, call);
          },
        ],
      },
    });
  }

  /** One attempt, no retry, no auth, any status. Throws when no response came (connection, timeout, abort). */
  async attempt(spec: RequestSpec, call?: CallOptions): Promise<TransportResponse> {
    const state = this.start(spec, call, {});
    try {
      await this.send(state, 0, false);
    } catch (error) {
      throw this.toError(state, error);
    }
    return this.toResponse(state);
  }

  /** A full call: token per attempt, retries per policy, one refresh-and-replay on 401, typed errors. */
  async request(spec: RequestSpec, call?: CallOptions, context: RequestContext = {}): Promise<TransportResponse> {
    const state = this.start(spec, call, context);
    try {
      await this.send(state, this.config.retry.retries, true);
      return this.toResponse(state);
    } catch (error) {
      const { auth } = context;
      const failedToken = state.token;
      if (!(auth && failedToken !== undefined && isHTTPError(error) && error.response.status === 401)) throw this.toError(state, error);
      const replacement = await abortable(() => auth.handleUnauthorized(failedToken), state.signal, `${state.what} (waiting for a token)`);
      if (replacement === null) throw this.toError(state, error);
      this.config.logger.info(`${state.what} answered 401; token refreshed, replaying once`);
      state.replayToken = replacement;
    }
    try {
      // The replay has the retries the first 401 left unspent: the replay itself costs none.
      await this.send(state, this.config.retry.retries - state.retryCount, true);
      return this.toResponse(state);
    } catch (error) {
      if (isHTTPError(error) && error.response.status === 401) this.config.logger.error('Still getting 401 after token refresh - may need to re-authenticate');
      throw this.toError(state, error);
    }
  }

  /** The typed error for a non-2xx response; credentials GHL echoes are masked (src/errors.ts). */
  toApiError(spec: RequestSpec, response: TransportResponse, retryAfterMs?: number): GHLApiError {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return createApiError({ status: response.status, body: response.body, headers, method: spec.method, path: spec.path, retryAfterMs });
  }

  /** Checks the call before anything is sent and sets up its state. */
  private start(spec: RequestSpec, call: CallOptions | undefined, context: RequestContext): Call {
    const { signal, timeoutMs } = validateCallOptions(call);
    const what = `GHL ${spec.method} ${spec.path}`;
    if (typeof spec.version === 'string' && !HEADER_VALUE.test(spec.version)) {
      throw new GHLValidationError(`Invalid request: version must be a valid HTTP header value (no line breaks)`, [{ path: 'version', message: 'must be a valid HTTP header value' }]);
    }
    if (signal?.aborted) throw abortError(what, signal);
    return {
      spec,
      what,
      idempotent: isIdempotent(spec),
      signal: followSignal(signal),
      timeoutMs: Math.min(timeoutMs ?? this.config.timeoutMs, MAX_TIMER_MS),
      context,
      token: undefined,
      replayToken: undefined,
      retryCount: 0,
      response: undefined,
      waitHintMs: undefined,
    };
  }

  private send(call: Call, limit: number, throwHttpErrors: boolean): Promise<Response> {
    const { spec } = call;
    const version = spec.version === undefined ? this.config.apiVersion : spec.version;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (version !== null) headers['version'] = version;
    if (spec.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    return this.ky(this.buildUrl(spec), {
      method: spec.method,
      headers,
      json: spec.form || spec.body instanceof FormData ? undefined : spec.body,
      // fetch writes a FormData body's multipart content-type with its boundary.
      body: spec.form ? new URLSearchParams(spec.form).toString() : spec.body instanceof FormData ? spec.body : null,
      timeout: call.timeoutMs,
      signal: call.signal ?? null,
      throwHttpErrors,
      retry: {
        limit,
        shouldRetry: ({ error }) => this.shouldRetry(call, error),
        delay: (retryCount) => call.waitHintMs ?? backoffBaseMs(this.config.retry, retryCount),
      },
      context: { call },
      fetch: (input, init) => this.fetchAttempt(call, input, init),
    });
  }

  /** Before each attempt: wait for the pacing hook, then put the current token on the request. */
  private async prepareAttempt(request: Request, call: Call): Promise<void> {
    const { auth, beforeAttempt } = call.context;
    if (beforeAttempt) await beforeAttempt(call.signal);
    if (!auth) return;
    // The caller's signal also bounds the wait for a token: a refresh can take a while (its own
    // retries, another process holding the lock), and an aborted call must not sit through it.
    const token = call.replayToken ?? (await abortable(() => auth.getAccessToken(), call.signal, `${call.what} (waiting for a token)`));
    call.replayToken = undefined;
    if (!HEADER_VALUE.test(token)) {
      throw new GHLValidationError('The access token is not a valid HTTP header value (it contains a line break or a control character)', [
        { path: 'accessToken', message: 'must be a valid HTTP header value' },
      ]);
    }
    rememberSecrets(token);
    call.token = token;
    request.headers.set('authorization', `Bearer ${token}`);
  }

  /**
   * One attempt's fetch. The body is read here, inside ky's timeout: a response that stalls after
   * its headers must time out too (on /oauth/token it would hang inside the refresh lock).
   */
  private async fetchAttempt(call: Call, input: Request | URL | string, init: RequestInit | undefined): Promise<Response> {
    // Looked up per request: msw patches globalThis.fetch at listen() (toolchain.md gotcha 7).
    const response = await (this.config.fetch ?? globalThis.fetch)(input, init);
    const snapshot = readRateLimit(response.headers, this.config.now());
    if (snapshot) call.context.onRateLimit?.(snapshot);
    call.response = { status: response.status, headers: response.headers, text: await response.text() };
    return response;
  }

  /**
   * ky's `shouldRetry`: `false` ends the call, `undefined` lets ky's retry options decide (status
   * codes, `Retry-After`), `true` retries after the backoff (or GHL's window, via `delay`).
   */
  private shouldRetry(call: Call, error: Error): boolean | undefined {
    // Our own errors (no token to be had, invalid input) and the caller's abort are final.
    if (error instanceof GHLError || call.signal?.aborted) return false;
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      // A 429 was not processed; a 5xx may have been, so only what is safe to repeat is replayed.
      if (status !== 429 && !call.idempotent) return false;
      if (status !== 429 && status !== 503) return undefined;
      const wait = serverWait(this.config.retry, status, headers, this.config.now());
      if (wait.kind === 'too-long') return false;
      if (wait.kind === 'wait' && wait.fromRetryAfter) return undefined;
      call.waitHintMs = wait.kind === 'wait' ? wait.ms : undefined;
      return true;
    }
    // No response (a timeout, a reset): replay only what cannot create twice, or never left here.
    return call.idempotent || NEVER_SENT_CODES.has(errorCode(error) ?? '') ? undefined : false;
  }

  private toResponse(call: Call): TransportResponse {
    const { status, headers, text } = call.response as NonNullable<Call['response']>;
    return { status, headers, body: this.parseBody(call, status, text) };
  }

  /** Whatever ended the call, as a `GHLError`. */
  private toError(call: Call, error: unknown): GHLError {
    if (error instanceof GHLError) return error;
    // The caller's own abort first: its reason may be a TimeoutError too (AbortSignal.timeout()),
    // but it is not our timeoutMs that ran out.
    if (call.signal?.aborted) return abortError(call.what, call.signal);
    if (isHTTPError(error)) {
      const retryAfterMs = error.response.status === 429 ? readRetryAfterMs(error.response.headers, this.config.now()) : undefined;
      return this.toApiError(call.spec, this.toResponse(call), retryAfterMs);
    }
    if (isTimeoutError(error)) {
      return new GHLTimeoutError(`${call.what} timed out after ${call.timeoutMs} ms${maybeProcessedHint(call)}`, { cause: error });
    }
    const code = errorCode(error);
    const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
    const reason = code ?? (error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
    return new GHLConnectionError(`${call.what} failed: no response (${reason})${neverSent ? '' : maybeProcessedHint(call)}`, { cause: error });
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

  private parseBody(call: Call, status: number, text: string): unknown {
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      if (status < 200 || status >= 300) return text.slice(0, 2000);
      // A form request is the token endpoint: its body may hold fresh tokens, so it is never kept.
      const { form } = call.spec;
      throw new GHLResponseError(`${call.what} answered ${status} with a body that is not JSON`, form ? undefined : text.slice(0, 500), { cause: form ? undefined : cause });
    }
  }
}

/** See `RequestSpec.idempotent`: the spec's word, else true for GET, PUT and DELETE. */
function isIdempotent(spec: RequestSpec): boolean {
  return spec.idempotent ?? (spec.method === 'GET' || spec.method === 'PUT' || spec.method === 'DELETE');
}

function maybeProcessedHint(call: Call): string {
  return call.idempotent ? '' : '; GHL may have processed it, so it was not replayed (use an upsert to retry safely)';
}

/** A short, credential-free account of a failed attempt for log lines (never ky's message: it holds the URL). */
function describeFailure(error: unknown): string {
  if (isHTTPError(error)) return `answered ${error.response.status}`;
  if (isTimeoutError(error)) return 'timed out';
  if (error instanceof GHLError) return `${error.name}: ${error.message}`;
  const code = errorCode(error);
  return `no response (${code ?? (error instanceof Error ? error.name : 'error')})`;
}
