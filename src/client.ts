import { companyKey, COMPANY_KEY_PREFIX } from './agency/keys.js';
// A cycle on purpose: each class uses the other only inside methods, never while modules load.
import { GHLCompanyClient } from './agency/company-client.js';
import type { GHLCompanyClientOptions } from './agency/types.js';
import { GHLApi } from './api/api.js';
import type { OAuthClient } from './auth/oauth.js';
import { TokenManager } from './auth/token-manager.js';
import type { TokenManagerConfig } from './auth/token-manager-config.js';
import type { GHLTokens } from './auth/tokens-api.js';
import type { TokenSet } from './auth/token-set.js';
import { configuredBaseUrl, createOAuthClient, createRateLimiters, requireBaseUrl, requireRefreshPolicy, tokenManagerConfig } from './client-setup.js';
import { GHLConfigError } from './errors.js';
import type { RateLimitSnapshot } from './http/rate-limit.js';
import { Requester } from './http/requester.js';
import { Transport, type CallOptions } from './http/transport.js';
import { requireLocationIdArgument } from './location-id.js';
import { safeLogger } from './logger.js';
import type { RateLimiters } from './rate-limit/limiter.js';
import { DEFAULTS, ENV, readEnv, requireInteger, resolveRetry, type GHLClientOptions, type RefreshPolicy } from './options.js';
import { sendRawRequest, type GHLRequest } from './raw-request.js';
import { createResources, type Resources } from './resources/index.js';
import { OAuth } from './resources/oauth.js';
import { envRequirements, missingEnvError, requireTokenStore } from './env-requirements.js';
import { runSelfTest, type SelfTestReport } from './self-test.js';
import { DurableEnvTokenStore } from './stores/durable-env.js';
import { defaultTokenStore } from './stores/default-store.js';
import type { TokenStore } from './stores/token-store.js';
import { describeObject, inspectCustom } from './inspect.js';

export interface ClientStatus {
  /** Settings and tokens are present to make calls (and to refresh, when refreshable). */
  configured: boolean;
  /** What is missing, by environment variable name. */
  missing: string[];
  locationId: string;
  baseUrl: string;
  refreshPolicy: RefreshPolicy;
  /** True for OAuth tokens, false for a Private Integration Token. */
  refreshable: boolean;
  /** The access token is usable now without a refresh. */
  tokenValid: boolean;
  /**
   * GHL rejected the refresh token (`invalid_grant`): calls go on with the access token until
   * `expiresAt`; re-run the OAuth flow (`ghl auth`) before then.
   */
  refreshTokenRejected: boolean;
  /** Epoch ms, when known. */
  expiresAt: number | undefined;
  expiresInMs: number | undefined;
  /** The last X-RateLimit-* snapshot, undefined before the first response. */
  rateLimit: RateLimitSnapshot | undefined;
}

/** What a client built by another one (`location()`, `fromEnv()`) inherits; not public. */
interface InternalParts {
  transport?: Transport | undefined;
  oauthClient?: OAuthClient | undefined;
  /** The rate limiters of the client this one was made from (`null`: pacing is off). */
  rateLimiters?: RateLimiters | null | undefined;
  /** Settings `fromEnv()` found missing that stored tokens make unnecessary. */
  missingUnlessStored?: readonly string[] | undefined;
  /** For clients of an agency's locations (`company.location(id)`): mints a location's token from the company token. */
  minter?: ((locationId: string) => () => Promise<TokenSet>) | undefined;
}

/**
 * The GHL API client: one location (sub-account), its tokens, and its resources.
 *
 * ```ts
 * const ghl = GHLClient.fromEnv();
 * const { contact, created } = await ghl.contacts.upsert({ email: 'ada@example.com' });
 * ```
 */
// The resources (`contacts`, `sync`, …) are declared by `Resources` (src/resources/index.ts), merged
// into this class's type below and assigned in the constructor.
export interface GHLClient extends Resources {}
export class GHLClient {
  /** The location this client talks to; also its token-store key. */
  readonly locationId: string;
  readonly oauth: OAuth;
  /** Every operation of GHL's v2 specs, typed from them: `ghl.api.get('/opportunities/{id}', { path: { id } })`. */
  readonly api: GHLApi;
  /** Token access for code that needs it: `getAccessToken()`, `refresh()`, `status()`, `authHeaders()`. */
  readonly tokens: GHLTokens;
  readonly tokenStore: TokenStore;

  // ES private fields: `{ ...ghl }`, util.inspect and JSON.stringify never reach the options (the
  // client secret) or the parts holding tokens.
  readonly #options: GHLClientOptions;
  readonly #transport: Transport;
  readonly #oauthClient: OAuthClient;
  readonly #tokenManager: TokenManager;
  readonly #requester: Requester;
  readonly #rateLimiters: RateLimiters | null;
  readonly #minter: InternalParts['minter'];
  readonly #managerConfig: TokenManagerConfig;

  constructor(options: GHLClientOptions = {}, internal: InternalParts = {}) {
    const env = options.env ?? process.env;
    const locationId = options.locationId ?? readEnv(env, ENV.locationId);
    if (!locationId) {
      throw new GHLConfigError(`Missing GHL configuration: ${ENV.locationId} (or the locationId option)`, { missing: [ENV.locationId] });
    }
    // Company tokens live under `company:<id>` (src/agency/keys.ts): no location id may look like one.
    if (locationId.startsWith(COMPANY_KEY_PREFIX)) {
      throw new GHLConfigError(`locationId "${locationId}" is not a location id: keys starting with "${COMPANY_KEY_PREFIX}" hold an agency's tokens (use GHLClient.forCompany)`);
    }
    const logger = safeLogger(options.logger);
    const now = options.now ?? Date.now;
    const retry = resolveRetry(options.retry);
    const timeoutMs = requireInteger(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs', 1);
    const refreshPolicy = requireRefreshPolicy(options);
    const apiVersion = options.apiVersion ?? DEFAULTS.apiVersion;

    if (options.tokenStore !== undefined && options.tokenStore !== null) requireTokenStore(options.tokenStore);

    this.#options = options;
    this.locationId = locationId;
    this.tokenStore = options.tokenStore ?? resolveDefaultStore(options, env, locationId);
    this.#transport =
      internal.transport ??
      new Transport({
        baseUrl: requireBaseUrl(options, env),
        apiVersion,
        timeoutMs,
        retry,
        fetch: options.fetch,
        logger,
        now,
      });
    this.#oauthClient =
      internal.oauthClient ??
      createOAuthClient(this.#transport, { options, env, clientId: options.clientId ?? readEnv(env, ENV.clientId), userType: options.userType ?? DEFAULTS.userType, logger, now });
    this.#minter = internal.minter;
    this.#managerConfig = tokenManagerConfig({
      options,
      store: this.tokenStore,
      key: locationId,
      oauth: this.#oauthClient,
      policy: refreshPolicy,
      apiVersion,
      logger,
      now,
      missingUnlessStored: internal.missingUnlessStored,
      mint: internal.minter?.(locationId),
    });
    this.#tokenManager = new TokenManager(this.#managerConfig);

    this.tokens = this.#tokenManager;

    this.#rateLimiters = internal.rateLimiters !== undefined ? internal.rateLimiters : createRateLimiters(options.rateLimit, logger, now);
    // GHL counts per app per location (docs/ghl-api.md §6): the budget key names both.
    const rateLimiter = this.#rateLimiters?.forKey(`${this.#oauthClient.config.clientId ?? 'app'}:${locationId}`);

    this.#requester = new Requester(locationId, this.#transport, this.#tokenManager, rateLimiter);
    Object.assign(this, createResources(this.#requester));
    this.api = new GHLApi(this.#requester);
    this.oauth = new OAuth(this.#oauthClient, (tokens) => this.#saveExchangedTokens(tokens));
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('GHLClient', { locationId: this.locationId });
  }

  toJSON(): Record<string, unknown> {
    return { locationId: this.locationId };
  }

  /**
   * A client built from environment variables alone. Required: `GHL_LOCATION_ID` and either
   * `GHL_CLIENT_ID` + `GHL_CLIENT_SECRET` + `GHL_REFRESH_TOKEN` (OAuth) or `GHL_ACCESS_TOKEN` alone
   * (a Private Integration Token). One `GHLConfigError` names every missing variable.
   *
   * Tokens already stored count: after `ghl auth` (the default store's token file exists) the env
   * needs no `GHL_REFRESH_TOKEN`, and with `overrides.tokenStore` only `GHL_LOCATION_ID` is demanded
   * here. What the store turns out not to hold is reported at the first call, as the same kind of
   * `GHLConfigError` (`status()` lists it without calling GHL).
   *
   * Tokens: unless `overrides.tokenStore` says otherwise, the env tokens are only the seed; every
   * rotation is saved to `GHL_ENV_FILE` (a dotenv file, rewritten in place) or else `GHL_TOKEN_FILE`
   * (default `./.ghl/tokens.json`), and a restart with the same, spent, env refresh token reads that
   * copy (`DurableEnvTokenStore`). Passing an env object other than `process.env` that names neither
   * file keeps tokens in that object only (`EnvTokenStore`; the client warns once).
   */
  static fromEnv(env: Record<string, string | undefined> = process.env, overrides: GHLClientOptions = {}): GHLClient {
    const locationId = readEnv(env, ENV.locationId);
    if (locationId === undefined && readEnv(env, ENV.companyId) !== undefined) {
      throw new GHLConfigError(
        `${ENV.companyId} is set and ${ENV.locationId} is not: that is an agency (Company) install. Use GHLClient.companyFromEnv() for the agency and company.location(id) for its locations, or set ${ENV.locationId}.`,
        { missing: [ENV.locationId] },
      );
    }
    const passedIn = overrides.tokenStore ?? undefined;
    if (passedIn) requireTokenStore(passedIn);
    const tokenStore = passedIn ?? (locationId === undefined ? undefined : resolveDefaultStore(overrides, env, locationId));
    const { required, unlessStored } = envRequirements(env, tokenStore, passedIn !== undefined);
    if (required.length > 0) {
      throw missingEnvError(required, tokenStore instanceof DurableEnvTokenStore && tokenStore.kind === 'tokenFile' ? tokenStore.path : undefined);
    }
    return new GHLClient({ ...overrides, env, tokenStore }, { missingUnlessStored: unlessStored });
  }

  /**
   * A client for an agency (Company) install of a marketplace app: the company's tokens (stored
   * under `company:<companyId>`), its agency operations (`company.api`, `company.locations`,
   * `company.installedLocations()`), and `company.location(id)` clients whose tokens are minted from
   * the company token (`POST /oauth/locationToken`), once per location however many calls need one.
   */
  static forCompany(options: GHLCompanyClientOptions): GHLCompanyClient {
    return new GHLCompanyClient(options);
  }

  /**
   * `forCompany` from environment variables: `GHL_COMPANY_ID`, `GHL_CLIENT_ID`, `GHL_CLIENT_SECRET`
   * and the company's `GHL_REFRESH_TOKEN` (unless the token store already holds the company tokens,
   * e.g. after `ghl auth --company`). One `GHLConfigError` names every missing variable.
   */
  static companyFromEnv(env: Record<string, string | undefined> = process.env, overrides: GHLCompanyClientOptions = {}): GHLCompanyClient {
    return GHLCompanyClient.fromEnv(env, overrides);
  }

  /** A client for another location, sharing this one's transport, OAuth app and token store (key = `locationId`). */
  location(locationId: string): GHLClient {
    requireLocationIdArgument(locationId);
    return new GHLClient(
      { ...this.#options, locationId, tokenStore: this.tokenStore },
      { transport: this.#transport, oauthClient: this.#oauthClient, rateLimiters: this.#rateLimiters, minter: this.#minter },
    );
  }

  /** The last X-RateLimit-* snapshot GHL sent to this client; undefined before the first response. */
  get rateLimit(): RateLimitSnapshot | undefined {
    return this.#requester.rateLimit;
  }

  /** Any GHL endpoint, with the same token, retry and error machinery as the typed resources. */
  async request<T = unknown>(request: GHLRequest, call?: CallOptions): Promise<T> {
    return sendRawRequest<T>(this.#requester, request, call);
  }

  /** Configuration and token state, without calling GHL. */
  async status(): Promise<ClientStatus> {
    const tokens = await this.tokens.status();
    const missing: string[] = [];
    // A location of an agency has no tokens until its first call mints them from the company token.
    if (!tokens.hasTokens && !this.#minter) missing.push(`${ENV.refreshToken} or ${ENV.accessToken}`);
    if (tokens.refreshable) {
      if (!this.#oauthClient.config.clientId) missing.push(ENV.clientId);
      if (!this.#oauthClient.config.clientSecret) missing.push(ENV.clientSecret);
    }
    return {
      configured: missing.length === 0,
      missing,
      locationId: this.locationId,
      baseUrl: this.#transport.config.baseUrl,
      refreshPolicy: this.#options.refreshPolicy ?? DEFAULTS.refreshPolicy,
      refreshable: tokens.refreshable,
      tokenValid: tokens.accessTokenValid,
      refreshTokenRejected: tokens.refreshTokenRejected,
      expiresAt: tokens.expiresAt,
      expiresInMs: tokens.expiresInMs,
      rateLimit: this.#requester.rateLimit,
    };
  }

  /**
   * The integration self-test (the original `test-integration`): configuration, a real token
   * refresh (when refreshable; the rotated token is saved like any other), and a read call.
   * Never throws: each step reports its outcome.
   */
  async selfTest(call?: CallOptions): Promise<SelfTestReport> {
    return runSelfTest(
      {
        status: () => this.status(),
        tokens: this.tokens,
        now: () => (this.#options.now ?? Date.now)(),
        searchContacts: (searchCall) => this.contacts.search({ pageLimit: 1 }, searchCall),
      },
      call,
    );
  }

  /**
   * The code exchange may install to another location than this client's: save under GHL's answer.
   * An agency (Company) grant goes under `company:<companyId>`, never under a location's key.
   */
  async #saveExchangedTokens(tokens: TokenSet): Promise<string> {
    const isCompany = tokens.userType === 'Company' || (tokens.locationId === undefined && tokens.companyId !== undefined);
    const key = isCompany && tokens.companyId !== undefined ? companyKey(tokens.companyId) : (tokens.locationId ?? this.locationId);
    const manager = key === this.locationId ? this.#tokenManager : new TokenManager({ ...this.#managerConfig, key, mint: undefined });
    await manager.save(tokens);
    return key;
  }
}

/** An explicit store always wins; the default seeds from env and persists rotations (default-store.ts). */
function resolveDefaultStore(options: GHLClientOptions, env: Record<string, string | undefined>, locationId: string): TokenStore {
  return defaultTokenStore({ env, locationId, baseUrl: configuredBaseUrl(options, env) });
}
