import ky, { isHTTPError, type KyInstance, type NormalizedOptions, type Options } from 'ky';
import { GHLConfigError, GHLError, GHLScopeError, GHLTimeoutError, GHLValidationError, rememberSecrets, type GHLApiError } from '../errors.js';
import type { GHLLogger } from '../logger.js';
import type { FetchLike, ResolvedRetry } from '../options.js';
import { abortable } from './abort.js';
import { isHeaderValue, startCall, type Call } from './call.js';
import type { CallOptions } from './call-options.js';
import { describeFailure, neverSent, toApiError, toError, toResponse } from './outcome.js';
import { readRateLimit, type RateLimitSnapshot } from './rate-limit.js';
import type { AttemptGate, RequestContext, RequestSpec, TransportResponse } from './request.js';
import { backoffBaseMs, kyRetryOptions, serverWait } from './retry-policy.js';

export type { CallOptions } from './call-options.js';
export type { AttemptGate, AuthProvider, HttpMethod, QueryValue, RequestContext, RequestSpec, TransportResponse } from './request.js';

export interface TransportConfig {
  baseUrl: string;
  apiVersion: string;
  timeoutMs: number;
  retry: ResolvedRetry;
  fetch: FetchLike | undefined;
  logger: GHLLogger;
  now: () => number;
}

/** The call a ky hook runs for (ky's `context` option carries it). */
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
    if (!isHeaderValue(config.apiVersion)) throw new GHLConfigError('apiVersion must be a valid HTTP header value (no line breaks)');
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
    const state = startCall(spec, call, {}, this.config.timeoutMs);
    try {
      await this.send(state, 0, false);
    } catch (error) {
      throw toError(state, error, this.config.now());
    } finally {
      state.endSignal();
    }
    return toResponse(state);
  }

  /** A full call: token per attempt, retries per policy, one refresh-and-replay on 401, typed errors. */
  async request(spec: RequestSpec, call?: CallOptions, context: RequestContext = {}): Promise<TransportResponse> {
    const state = startCall(spec, call, context, this.config.timeoutMs);
    try {
      return await this.run(state, context);
    } finally {
      state.endSignal();
    }
  }

  private async run(state: Call, context: RequestContext): Promise<TransportResponse> {
    try {
      await this.send(state, this.config.retry.retries, true);
      return toResponse(state);
    } catch (error) {
      const { auth } = context;
      const failedToken = state.token;
      if (!(auth && failedToken !== undefined && isHTTPError(error) && error.response.status === 401)) throw toError(state, error, this.config.now());
      // A scope denial is about what the install was granted, not the token's age: a refreshed token
      // carries the same scopes, so refreshing would only spend a single-use refresh token.
      const denied = toError(state, error, this.config.now());
      if (denied instanceof GHLScopeError) throw denied;
      const replacement = await abortable(() => auth.handleUnauthorized(failedToken), state.signal, `${state.what} (waiting for a token)`);
      if (replacement === null) throw toError(state, error, this.config.now());
      this.config.logger.info(`${state.what} answered 401; token refreshed, replaying once`);
      state.replayToken = replacement;
    }
    try {
      // The replay has the retries the first 401 left unspent: the replay itself costs none.
      await this.send(state, this.config.retry.retries - state.retryCount, true);
      return toResponse(state);
    } catch (error) {
      if (isHTTPError(error) && error.response.status === 401) this.config.logger.error('Still getting 401 after token refresh - may need to re-authenticate');
      throw toError(state, error, this.config.now());
    }
  }

  /** The typed error for a non-2xx response (the token endpoint's, which `attempt` returns as is). */
  toApiError(spec: RequestSpec, response: TransportResponse, retryAfterMs?: number): GHLApiError {
    return toApiError(spec, response, retryAfterMs);
  }

  private send(call: Call, limit: number, throwHttpErrors: boolean): Promise<Response> {
    const { spec } = call;
    const version = spec.version === undefined ? this.config.apiVersion : spec.version;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (version !== null) headers['version'] = version;
    const options: Options = {
      method: spec.method,
      headers,
      timeout: call.timeoutMs,
      retry: {
        limit,
        shouldRetry: ({ error }) => this.shouldRetry(call, error),
        delay: (retryCount) => call.waitHintMs ?? backoffBaseMs(this.config.retry, retryCount),
      },
      context: { call },
      fetch: (input, init) => this.fetchAttempt(call, input, init),
    };
    // Only the options a call needs: ky merges and inspects every key on every call.
    if (spec.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      options.body = new URLSearchParams(spec.form).toString();
    } else if (spec.body instanceof FormData) {
      options.body = spec.body; // fetch writes the multipart content-type with its boundary
    } else if (spec.body !== undefined) {
      options.json = spec.body;
    }
    if (call.signal) options.signal = call.signal;
    if (!throwHttpErrors) options.throwHttpErrors = false;
    return this.ky(this.buildUrl(spec), options);
  }

  /**
   * Before each attempt, outside ky's per-attempt timeout: the current token on the request, then a
   * rate-limit slot. The slot comes last so none is held while a token is refreshed, and here rather
   * than in `fetchAttempt` so the wait for it never counts against the attempt's timeout.
   */
  private async prepareAttempt(request: Request, call: Call): Promise<void> {
    const { auth, limiter } = call.context;
    if (auth) {
      // The caller's signal also bounds the wait for a token: a refresh can take a while (its own
      // retries, another process holding the lock), and an aborted call must not sit through it.
      const token = call.replayToken ?? (await abortable(() => auth.getAccessToken(), call.signal, `${call.what} (waiting for a token)`));
      call.replayToken = undefined;
      if (!isHeaderValue(token)) {
        throw new GHLValidationError('The access token is not a valid HTTP header value (it contains a line break or a control character)', [
          { path: 'accessToken', message: 'must be a valid HTTP header value' },
        ]);
      }
      rememberSecrets(token);
      call.token = token;
      request.headers.set('authorization', `Bearer ${token}`);
    }
    if (limiter) call.slot = { limiter, ticket: await this.acquireSlot(limiter, call) };
  }

  /**
   * Waits for a rate-limit slot, at most `timeoutMs` (a pause after a 429 may ask for hours): past
   * that, a `GHLTimeoutError` that says nothing was sent. The attempt then gets its own `timeoutMs`.
   */
  private async acquireSlot(limiter: AttemptGate, call: Call): Promise<unknown> {
    // A free slot needs no deadline: the timer and signals below cost more than the grant itself.
    const ready = call.signal?.aborted ? undefined : limiter.tryAcquire?.(call.priority);
    if (ready !== undefined) return ready;
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(), call.timeoutMs);
    try {
      return await limiter.acquire(call.priority, call.signal ? AbortSignal.any([call.signal, giveUp.signal]) : giveUp.signal);
    } catch (error) {
      if (!giveUp.signal.aborted || call.signal?.aborted) throw error;
      throw new GHLTimeoutError(`${call.what} waited ${call.timeoutMs} ms for a slot in the rate-limit window; nothing was sent`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One attempt's fetch. The body is read here, inside ky's timeout: a response that stalls after
   * its headers must time out too (on /oauth/token it would hang inside the refresh lock). The
   * attempt's rate-limit slot goes back with the answer, or without one when none came.
   */
  private async fetchAttempt(call: Call, input: Request | URL | string, init: RequestInit | undefined): Promise<Response> {
    const { slot } = call;
    call.slot = undefined;
    let answered: { status: number; headers: Headers; rateLimit: RateLimitSnapshot | undefined } | undefined;
    try {
      // Looked up per request: msw patches globalThis.fetch at listen() (docs/architecture.md "Toolchain traps" 6).
      const response = await (this.config.fetch ?? globalThis.fetch)(input, init);
      const snapshot = readRateLimit(response.headers, this.config.now());
      answered = { status: response.status, headers: response.headers, rateLimit: snapshot };
      if (snapshot) call.context.onRateLimit?.(snapshot);
      call.response = { status: response.status, headers: response.headers, text: await response.text() };
      return response;
    } finally {
      slot?.limiter.settle(slot.ticket, answered);
    }
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
    return call.idempotent || neverSent(error) ? undefined : false;
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
}
