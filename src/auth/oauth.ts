import pRetry, { AbortError } from 'p-retry';
import {
  describeGhlMessage,
  GHLAbortError,
  GHLConfigError,
  GHLConnectionError,
  GHLReauthRequiredError,
  GHLResponseError,
  GHLValidationError,
  rememberSecrets,
} from '../errors.js';
import { abortError, followSignal } from '../http/abort.js';
import { validateCallOptions } from '../http/call-options.js';
import { pRetryOptions, serverWait } from '../http/retry-policy.js';
import { sleep } from '../http/sleep.js';
import type { CallOptions, RequestSpec, Transport } from '../http/transport.js';
import { describeError, type GHLLogger } from '../logger.js';
import { requireHttpUrl } from '../options.js';
import { readInstallDetails, type InstallDetails } from './install-details.js';
import { readTokenResponse, tokenSetFromResponse, type TokenResponse } from './token-response.js';
import type { TokenSet } from './token-set.js';
import { describeObject, inspectCustom } from '../inspect.js';

export interface OAuthConfig {
  clientId: string | undefined;
  clientSecret: string | undefined;
  redirectUri: string | undefined;
  userType: 'Location' | 'Company';
  authorizationBaseUrl: string;
  authorizationPath: string;
  logger: GHLLogger;
  now: () => number;
}

export interface AuthorizationUrlParams {
  /** Scopes to request, e.g. `['contacts.readonly', 'contacts.write']`. */
  scopes: readonly string[];
  /** Where GHL sends the user back with `?code=`. Default: the client's `redirectUri`. */
  redirectUri?: string | undefined;
  /** CSRF token echoed back on the callback. Default: a fresh random one (check it in your callback). */
  state?: string | undefined;
  /** `'self'` opens GHL's login in the same tab instead of a new one (ghl-api.md §1.1). */
  loginWindowOpenMode?: 'self' | undefined;
}

export interface AuthorizationUrl {
  url: string;
  /** The `state` in the URL: store it and compare it with the callback's. */
  state: string;
}

/** Options of a refresh grant. */
export interface RefreshOptions extends CallOptions {
  /**
   * Reads the stored tokens again. Called before a retry when the previous POST may have reached GHL
   * (no answer, or a 5xx): GHL may have rotated the refresh token, and someone else may have saved
   * the new one. A newer stored refresh token is used for the retry.
   */
  reread?: (() => Promise<TokenSet | null>) | undefined;
}

const TOKEN_PATH = '/oauth/token';

/**
 * Talks to GHL's OAuth endpoints. Token-endpoint calls are retried by p-retry on the client's retry
 * policy (the schedule API calls use, src/http/retry-policy.ts): network errors, 429 (after its
 * `Retry-After`) and 5xx are retried; 400/401 (`invalid_grant`, spent or revoked refresh token, bad
 * code) are final and become `GHLReauthRequiredError` — retrying a rejected single-use token only
 * burns quota.
 */
export class OAuthClient {
  readonly config: OAuthConfig;
  private readonly transport: Transport;

  constructor(transport: Transport, config: OAuthConfig) {
    this.transport = transport;
    this.config = config;
    rememberSecrets(config.clientSecret);
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('OAuthClient', { clientId: this.config.clientId });
  }

  toJSON(): Record<string, unknown> {
    return { clientId: this.config.clientId };
  }

  authorizationUrl(params: AuthorizationUrlParams): AuthorizationUrl {
    const clientId = this.requireCredentials(['clientId']).clientId;
    const redirectUri = params.redirectUri ?? this.config.redirectUri;
    const issues = [];
    if (!Array.isArray(params.scopes) || params.scopes.length === 0) issues.push({ path: 'scopes', message: 'at least one scope is required' });
    if (!redirectUri) issues.push({ path: 'redirectUri', message: 'required (pass it or set GHL_REDIRECT_URI)' });
    if (issues.length > 0) throw new GHLValidationError(`Invalid authorization URL parameters: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    requireHttpUrl(redirectUri as string, 'redirectUri');
    const state = params.state ?? globalThis.crypto.randomUUID();
    const url = new URL(this.config.authorizationPath, this.config.authorizationBaseUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', redirectUri as string);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('scope', params.scopes.join(' '));
    url.searchParams.set('state', state);
    if (params.loginWindowOpenMode) url.searchParams.set('loginWindowOpenMode', params.loginWindowOpenMode);
    return { url: url.toString(), state };
  }

  /** `authorization_code` grant. Returns the token set; persisting is the caller's job. */
  async exchangeCode(code: string, options: { redirectUri?: string | undefined } & CallOptions = {}): Promise<TokenSet> {
    return (await this.exchangeCodeForInstall(code, options)).tokens;
  }

  /** `authorization_code` grant, with what GHL said about the install (approved locations, bulk install, …). */
  async exchangeCodeForInstall(code: string, options: { redirectUri?: string | undefined } & CallOptions = {}): Promise<{ tokens: TokenSet; install: InstallDetails }> {
    if (typeof code !== 'string' || code.trim() === '') {
      throw new GHLValidationError('code: the authorization code from the callback is required', [{ path: 'code', message: 'required' }]);
    }
    const redirectUri = options.redirectUri ?? this.config.redirectUri;
    const form: Record<string, string> = { grant_type: 'authorization_code', code, user_type: this.config.userType };
    if (redirectUri) form['redirect_uri'] = redirectUri;
    let install: InstallDetails = {};
    const response = await this.tokenRequest(() => form, 'exchange the authorization code', options, undefined, (body) => {
      install = readInstallDetails(body);
    });
    return { tokens: tokenSetFromResponse(response, this.config.now()), install };
  }

  /** `refresh_token` grant with `user_type` (the official SDK always sends it). Keeps fields the response omits. */
  async refresh(previous: TokenSet, options: RefreshOptions = {}): Promise<TokenSet> {
    if (!previous.refreshToken) throw new GHLReauthRequiredError('No refresh token is stored: re-run the OAuth flow to get new tokens.');
    let current = previous;
    const grant = () => ({ grant_type: 'refresh_token', refresh_token: current.refreshToken ?? '', user_type: current.userType ?? this.config.userType });
    const rereadStore = async () => {
      const stored = await options.reread?.();
      if (stored?.refreshToken && stored.refreshToken !== current.refreshToken) {
        this.config.logger.warn('GHL refresh token was rotated and saved by someone else meanwhile; retrying with the stored one');
        current = stored;
      }
    };
    const response = await this.tokenRequest(grant, 'refresh the access token', options, rereadStore);
    return tokenSetFromResponse(response, this.config.now(), current);
  }

  private requireCredentials(names: Array<'clientId' | 'clientSecret'>): { clientId: string; clientSecret: string } {
    const missing = names.filter((name) => !this.config[name]).map((name) => (name === 'clientId' ? 'GHL_CLIENT_ID (clientId)' : 'GHL_CLIENT_SECRET (clientSecret)'));
    if (missing.length > 0) throw new GHLConfigError(`Missing OAuth configuration: ${missing.join(', ')}`, { missing });
    return { clientId: this.config.clientId ?? '', clientSecret: this.config.clientSecret ?? '' };
  }

  /**
   * One grant, retried with p-retry. `grant` is read per attempt (a re-read store may bring a newer
   * refresh token); `beforeReplay` runs before an attempt that follows one that may have reached GHL.
   */
  private async tokenRequest(
    grant: () => Record<string, string>,
    purpose: string,
    call: CallOptions,
    beforeReplay?: () => Promise<void>,
    onBody?: (body: unknown) => void,
  ): Promise<TokenResponse> {
    const { clientId, clientSecret } = this.requireCredentials(['clientId', 'clientSecret']);
    const { timeoutMs, signal: callerSignal } = validateCallOptions(call);
    const followed = followSignal(callerSignal);
    const signal = followed?.signal;
    const what = `GHL POST ${TOKEN_PATH}`;
    const policy = this.transport.config.retry;
    let mayHaveReachedGhl = false;
    let everReachedGhl = false;
    let notBefore = 0;

    const attempt = async (): Promise<TokenResponse> => {
      // A 429's Retry-After counts from its answer; p-retry's backoff may already have covered it.
      await sleep(notBefore - Date.now(), signal, what);
      if (mayHaveReachedGhl) {
        mayHaveReachedGhl = false;
        await beforeReplay?.();
      }
      const form: Record<string, string> = { client_id: clientId, client_secret: clientSecret, ...grant() };
      rememberSecrets(clientSecret, form['refresh_token'], form['code']);
      const spec: RequestSpec = { method: 'POST', path: TOKEN_PATH, form, version: null };
      let response;
      try {
        response = await this.transport.attempt(spec, { signal, timeoutMs });
      } catch (error) {
        if (error instanceof GHLAbortError) throw new AbortError(error);
        // The POST may have reached GHL and rotated the refresh token (docs/architecture.md "Known traps").
        if (error instanceof GHLConnectionError) mayHaveReachedGhl = everReachedGhl = true;
        throw error;
      }
      const { status } = response;
      if (status >= 200 && status < 300) {
        const body = response.body as Record<string, unknown> | undefined;
        rememberSecrets(stringOrUndefined(body?.['access_token']), stringOrUndefined(body?.['refresh_token']));
        const read = readTokenResponse(body);
        if (!read) throw new AbortError(new GHLResponseError(`GHL's token endpoint answered ${status} without a usable access_token`, undefined));
        if (read.oddities.length > 0) this.config.logger.warn(`GHL's token endpoint answered ${status} with odd fields, read leniently: ${read.oddities.join('; ')}`);
        onBody?.(body);
        return read.response;
      }
      const wait = status === 429 || status === 503 ? serverWait(policy, status, response.headers, Date.now()) : undefined;
      const apiError = this.transport.toApiError(spec, response, wait && wait.kind !== 'backoff' ? wait.ms : undefined);
      if (status === 400 || status === 401) {
        const detail = describeGhlMessage(apiError.body) ?? `HTTP ${status}`;
        const spent = everReachedGhl ? ' An earlier attempt may have reached GHL and spent this refresh token.' : '';
        throw new AbortError(
          new GHLReauthRequiredError(`GHL rejected the request to ${purpose} (${detail}).${spent} Re-run the OAuth flow (reinstall or reconnect the app) to get new tokens.`, {
            cause: apiError,
          }),
        );
      }
      if (wait?.kind === 'too-long' || (status !== 429 && status < 500)) throw new AbortError(apiError);
      if (wait?.kind === 'wait') notBefore = Date.now() + wait.ms;
      if (status >= 500) mayHaveReachedGhl = everReachedGhl = true;
      throw apiError;
    };

    try {
      return await pRetry(attempt, {
        ...pRetryOptions(policy),
        signal,
        onFailedAttempt: ({ error, retriesLeft }) => {
          if (retriesLeft > 0) this.config.logger.debug(`GHL token endpoint: ${describeError(error)}; ${retriesLeft} retries left`);
        },
      });
    } catch (error) {
      // p-retry rejects with the signal's own reason when the caller aborts during a wait.
      if (signal?.aborted && !(error instanceof GHLAbortError)) throw abortError(what, signal);
      throw error;
    } finally {
      followed?.end();
    }
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
