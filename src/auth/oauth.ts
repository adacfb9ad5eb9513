import {
  describeGhlMessage,
  GHLApiError,
  GHLConfigError,
  GHLConnectionError,
  GHLReauthRequiredError,
  GHLResponseError,
  GHLServerError,
  GHLValidationError,
} from '../errors.js';
import type { CallOptions, Transport } from '../http/transport.js';
import { describeError, type GHLLogger } from '../logger.js';
import { sleep } from '../http/sleep.js';
import { requireHttpUrl } from '../options.js';
import { readTokenResponse, tokenSetFromResponse } from './token-response.js';
import type { TokenSet } from './token-set.js';
import { describeObject, inspectCustom } from '../inspect.js';

export interface OAuthConfig {
  clientId: string | undefined;
  clientSecret: string | undefined;
  redirectUri: string | undefined;
  userType: 'Location' | 'Company';
  authorizationBaseUrl: string;
  authorizationPath: string;
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
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

const TOKEN_PATH = '/oauth/token';

/**
 * Talks to GHL's OAuth endpoints. Token-endpoint calls are retried in a small loop with p-retry's
 * backoff: network errors, 429 and 5xx are retried; 400/401 (`invalid_grant`, spent or revoked
 * refresh token, bad code) are final and become `GHLReauthRequiredError` — retrying a rejected
 * single-use token only burns quota.
 */
export class OAuthClient {
  readonly config: OAuthConfig;
  private readonly transport: Transport;

  constructor(transport: Transport, config: OAuthConfig) {
    this.transport = transport;
    this.config = config;
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
    if (typeof code !== 'string' || code.trim() === '') {
      throw new GHLValidationError('code: the authorization code from the callback is required', [{ path: 'code', message: 'required' }]);
    }
    const redirectUri = options.redirectUri ?? this.config.redirectUri;
    const form: Record<string, string> = { grant_type: 'authorization_code', code, user_type: this.config.userType };
    if (redirectUri) form['redirect_uri'] = redirectUri;
    const response = await this.tokenRequest(form, 'exchange the authorization code', options);
    return tokenSetFromResponse(response, this.config.now());
  }

  /** `refresh_token` grant with `user_type` (the official SDK always sends it). Keeps fields the response omits. */
  async refresh(previous: TokenSet, options: CallOptions = {}): Promise<TokenSet> {
    if (!previous.refreshToken) throw new GHLReauthRequiredError('No refresh token is stored: re-run the OAuth flow to get new tokens.');
    const form = {
      grant_type: 'refresh_token',
      refresh_token: previous.refreshToken,
      user_type: previous.userType ?? this.config.userType,
    };
    const response = await this.tokenRequest(form, 'refresh the access token', options);
    return tokenSetFromResponse(response, this.config.now(), previous);
  }

  private requireCredentials(names: Array<'clientId' | 'clientSecret'>): { clientId: string; clientSecret: string } {
    const missing = names.filter((name) => !this.config[name]).map((name) => (name === 'clientId' ? 'GHL_CLIENT_ID (clientId)' : 'GHL_CLIENT_SECRET (clientSecret)'));
    if (missing.length > 0) throw new GHLConfigError(`Missing OAuth configuration: ${missing.join(', ')}`, { missing });
    return { clientId: this.config.clientId ?? '', clientSecret: this.config.clientSecret ?? '' };
  }

  private async tokenRequest(grant: Record<string, string>, purpose: string, options: CallOptions) {
    const { clientId, clientSecret } = this.requireCredentials(['clientId', 'clientSecret']);
    const form = { client_id: clientId, client_secret: clientSecret, ...grant };
    const spec = { method: 'POST', path: TOKEN_PATH, form, version: null } as const;
    let sentAmbiguously = false;
    const attempt = async () => {
      let response;
      try {
        response = await this.transport.attempt(spec, options);
      } catch (error) {
        // The POST may have reached GHL and rotated the refresh token (ARCHITECTURE.md "Known traps").
        if (error instanceof GHLConnectionError) sentAmbiguously = true;
        throw error;
      }
      if (response.status >= 200 && response.status < 300) {
        const read = readTokenResponse(response.body);
        if (!read) throw new GHLResponseError(`GHL's token endpoint answered ${response.status} without a usable access_token`, undefined);
        if (read.oddities.length > 0) this.config.logger.warn(`GHL's token endpoint answered ${response.status} with odd fields, read leniently: ${read.oddities.join('; ')}`);
        return read.response;
      }
      const apiError = this.transport.toApiError(spec, response);
      if (response.status === 400 || response.status === 401) {
        const detail = describeGhlMessage(apiError.body) ?? `HTTP ${response.status}`;
        const spent = sentAmbiguously ? ' An earlier attempt may have reached GHL and spent this refresh token.' : '';
        throw new GHLReauthRequiredError(
          `GHL rejected the request to ${purpose} (${detail}).${spent} Re-run the OAuth flow (reinstall or reconnect the app) to get new tokens.`,
          { cause: apiError },
        );
      }
      throw apiError;
    };
    // p-retry's schedule (round(random(1..2) · min · 2ⁿ), capped at max), in a loop of our own:
    // p-retry and is-network-error were 1.2 kB gzip of the bundle for these few lines (BENCHMARKS.md).
    const { retries, minDelayMs, maxDelayMs, logger } = this.config;
    for (let retriesLeft = retries; ; retriesLeft -= 1) {
      try {
        return await attempt();
      } catch (error) {
        if (retriesLeft > 0 && !(error instanceof GHLReauthRequiredError)) {
          logger.debug(`GHL token endpoint: ${describeError(error)}; ${retriesLeft} retries left`);
        }
        const retryable =
          !options.signal?.aborted &&
          (error instanceof GHLConnectionError || error instanceof GHLServerError || (error instanceof GHLApiError && error.status === 429));
        if (retriesLeft <= 0 || !retryable) throw error;
        const retryNumber = retries - retriesLeft;
        await sleep(Math.min(maxDelayMs, Math.round((Math.random() + 1) * minDelayMs * 2 ** retryNumber)), options.signal);
      }
    }
  }
}
