import { existsSync } from 'node:fs';
import { GHLApi } from '../api/api.js';
import type { OAuthClient } from '../auth/oauth.js';
import { TokenManager } from '../auth/token-manager.js';
import type { TokenManagerConfig } from '../auth/token-manager-config.js';
import type { TokenSet } from '../auth/token-set.js';
import type { GHLTokens } from '../auth/tokens-api.js';
import { GHLClient } from '../client.js';
import { configuredBaseUrl, createOAuthClient, createRateLimiters, requireBaseUrl, requireRefreshPolicy, tokenManagerConfig } from '../client-setup.js';
import { requireTokenStore } from '../env-requirements.js';
import { GHLConfigError } from '../errors.js';
import { Requester } from '../http/requester.js';
import { Transport, type CallOptions } from '../http/transport.js';
import { describeObject, inspectCustom } from '../inspect.js';
import { requireLocationIdArgument } from '../location-id.js';
import { safeLogger } from '../logger.js';
import { DEFAULTS, ENV, readEnv, requireInteger, resolveRetry } from '../options.js';
import type { RateLimiters } from '../rate-limit/limiter.js';
import { sendRawRequest, type GHLRequest } from '../raw-request.js';
import { OAuth } from '../resources/oauth.js';
import { DurableEnvTokenStore } from '../stores/durable-env.js';
import { tokensFromVars } from '../stores/env-vars.js';
import { MemoryTokenStore } from '../stores/memory.js';
import type { TokenStore } from '../stores/token-store.js';
import { parseInput } from '../validation.js';
import { appIdOf, companyKey } from './keys.js';
import { locationTokenMinter } from './location-token.js';
import { CompanyLocations } from './locations.js';
import { provisionLocations } from './provision.js';
import { provisionOptionsSchema } from './schemas.js';
import type { CompanyStatus, GHLCompanyClientOptions, InstalledLocation, InstalledLocationsParams, ProvisionOptions, ProvisionReport } from './types.js';

/**
 * An agency (Company) install of a marketplace app: one company token, many locations.
 *
 * The company token is an ordinary refreshable token under the key `company:<companyId>`: the same
 * TokenManager (single-flight per key, store re-read inside the lock, persisted before use) keeps it.
 * `location(id)` clients get their tokens by minting (`POST /oauth/locationToken`), and the mint is
 * that location's "refresh": one per location in flight, inside the location's mutex and store lock,
 * saved under the location's key before any call uses it. Minting for many locations at once asks
 * the company TokenManager for its token each time, so the company token is refreshed at most once.
 *
 * ```ts
 * const company = GHLClient.forCompany({ companyId, clientId, clientSecret, tokenStore });
 * for await (const location of company.installedLocations({ isInstalled: true })) {
 *   await company.location(location.id).contacts.search({ pageLimit: 1 });
 * }
 * ```
 */
export class GHLCompanyClient {
  readonly companyId: string;
  /** The company tokens' store key: `company:<companyId>`. */
  readonly key: string;
  /** The marketplace app id (`installedLocations` asks about it). */
  readonly appId: string;
  readonly tokenStore: TokenStore;
  /** The company token: `getAccessToken()`, `refresh()`, `status()`, `authHeaders()`. */
  readonly tokens: GHLTokens;
  /** Every operation of GHL's v2 specs, sent with the company token; location-only operations are refused. */
  readonly api: GHLApi;
  /** The install flow for a Company grant (`user_type=Company`): `exchangeCode` stores the company token. */
  readonly oauth: OAuth;
  /** The agency's locations: `search()`, `installed()`. */
  readonly locations: CompanyLocations;

  readonly #options: GHLCompanyClientOptions;
  readonly #transport: Transport;
  readonly #oauthClient: OAuthClient;
  readonly #requester: Requester;
  readonly #rateLimiters: RateLimiters | null;
  readonly #managerConfig: TokenManagerConfig;
  readonly #locationClients = new Map<string, GHLClient>();
  readonly #now: () => number;

  constructor(options: GHLCompanyClientOptions = {}, internal: { missingUnlessStored?: readonly string[] } = {}) {
    const env = options.env ?? process.env;
    const companyId = options.companyId ?? readEnv(env, ENV.companyId);
    if (!companyId) throw new GHLConfigError(`Missing GHL configuration: ${ENV.companyId} (or the companyId option)`, { missing: [ENV.companyId] });
    if (options.tokenStore !== undefined && options.tokenStore !== null) requireTokenStore(options.tokenStore);
    const logger = safeLogger(options.logger);
    const now = options.now ?? Date.now;
    const apiVersion = options.apiVersion ?? DEFAULTS.apiVersion;
    const baseUrl = requireBaseUrl(options, env);
    const refreshPolicy = requireRefreshPolicy(options);

    this.#options = options;
    this.#now = now;
    this.companyId = companyId;
    this.key = companyKey(companyId);
    this.tokenStore = options.tokenStore ?? companyDefaultStore(env, this.key, baseUrl);
    this.#transport = new Transport({
      baseUrl,
      apiVersion,
      timeoutMs: requireInteger(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs', 1),
      retry: resolveRetry(options.retry),
      fetch: options.fetch,
      logger,
      now,
    });
    const clientId = options.clientId ?? readEnv(env, ENV.clientId);
    this.appId = options.appId ?? (clientId ? appIdOf(clientId) : '');
    this.#oauthClient = createOAuthClient(this.#transport, { options, env, clientId, userType: 'Company', logger, now });
    this.#managerConfig = tokenManagerConfig({
      options,
      store: this.tokenStore,
      key: this.key,
      oauth: this.#oauthClient,
      policy: refreshPolicy,
      apiVersion,
      logger,
      now,
      missingUnlessStored: internal.missingUnlessStored,
    });
    const tokenManager = new TokenManager(this.#managerConfig);
    this.tokens = tokenManager;
    this.#rateLimiters = createRateLimiters(options.rateLimit, logger, now);
    // GHL counts per app per resource, a company being one (docs/ghl-api.md §6).
    const limiter = this.#rateLimiters?.forKey(`${clientId ?? 'app'}:${this.key}`);
    this.#requester = new Requester(this.key, this.#transport, tokenManager, limiter, 'agency');
    this.api = new GHLApi(this.#requester);
    this.locations = new CompanyLocations(this.#requester, companyId, () => this.#requireAppId());
    this.oauth = new OAuth(this.#oauthClient, (tokens) => this.#saveExchangedTokens(tokens));
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('GHLCompanyClient', { companyId: this.companyId });
  }

  toJSON(): Record<string, unknown> {
    return { companyId: this.companyId };
  }

  /**
   * From environment variables: `GHL_COMPANY_ID`, `GHL_CLIENT_ID`, `GHL_CLIENT_SECRET`, and the
   * company's `GHL_REFRESH_TOKEN` unless the store holds the company tokens already (a store passed
   * in, or the token file `ghl auth --company` wrote). One `GHLConfigError` names all that is missing.
   */
  static fromEnv(env: Record<string, string | undefined> = process.env, overrides: GHLCompanyClientOptions = {}): GHLCompanyClient {
    const has = (name: string) => readEnv(env, name) !== undefined || (name === ENV.companyId && Boolean(overrides.companyId));
    const missing: string[] = [ENV.companyId, ENV.clientId, ENV.clientSecret].filter((name) => !has(name));
    const passedIn = overrides.tokenStore ?? undefined;
    if (passedIn) requireTokenStore(passedIn);
    const companyId = overrides.companyId ?? readEnv(env, ENV.companyId);
    const store = passedIn ?? (companyId ? companyDefaultStore(env, companyKey(companyId), configuredBaseUrl(overrides, env)) : undefined);
    const tokenInEnv = has(ENV.refreshToken) || has(ENV.accessToken);
    const stored = passedIn !== undefined || (store instanceof DurableEnvTokenStore && existsSync(store.path));
    if (!tokenInEnv && !stored) missing.push(ENV.refreshToken);
    if (missing.length > 0) {
      throw new GHLConfigError(
        `Missing GHL configuration: ${missing.join(', ')}. An agency install needs ${ENV.companyId}, ${ENV.clientId}, ${ENV.clientSecret} and the company's ${ENV.refreshToken} (or run \`ghl auth --company\`).`,
        { missing },
      );
    }
    return new GHLCompanyClient({ ...overrides, env, tokenStore: store }, { missingUnlessStored: tokenInEnv ? [] : [ENV.refreshToken] });
  }

  /**
   * The client of one of the agency's locations. Its token is minted from the company token on first
   * use and whenever it expires or GHL refuses it (401), once per location however many calls wait,
   * and stored under the location id in this client's token store. Clients are kept per location.
   */
  location(locationId: string): GHLClient {
    requireLocationIdArgument(locationId);
    let client = this.#locationClients.get(locationId);
    if (!client) {
      const minter = (id: string) => locationTokenMinter({ requester: this.#requester, companyId: this.companyId, now: this.#now }, id);
      const { companyId: _companyId, appId: _appId, ...shared } = this.#options;
      client = new GHLClient(
        { ...shared, locationId, tokenStore: this.tokenStore, userType: 'Location' },
        { transport: this.#transport, oauthClient: this.#oauthClient, rateLimiters: this.#rateLimiters, minter },
      );
      this.#locationClients.set(locationId, client);
    }
    return client;
  }

  /** Every location of the agency with the app's install state (`GET /oauth/installedLocations`), page after page. */
  installedLocations(params: InstalledLocationsParams = {}, call?: CallOptions): AsyncIterable<InstalledLocation> {
    return this.locations.installed(params, call);
  }

  /**
   * Makes sure every location the app is installed in holds a usable token: minted now and stored,
   * or already there. `concurrency` locations at a time (default 5); `onProgress` after each one.
   * A location that fails is listed in `failed` and the others go on; a failure no location could
   * survive (the company token rejected, the token store down, an abort) is thrown.
   */
  async provision(options: ProvisionOptions = {}): Promise<ProvisionReport> {
    const checked = parseInput(provisionOptionsSchema, options, 'provision options');
    const installed = this.installedLocations({ isInstalled: true, ...(checked.appId ? { appId: checked.appId } : {}) }, { signal: options.signal, timeoutMs: options.timeoutMs });
    return provisionLocations(
      {
        installed,
        ensureToken: async (locationId) => {
          await this.location(locationId).tokens.getAccessToken();
        },
      },
      options,
    );
  }

  /** Any GHL endpoint with the company token (`ghl.request()`'s rules). */
  async request<T = unknown>(request: GHLRequest, call?: CallOptions): Promise<T> {
    return sendRawRequest<T>(this.#requester, request, call);
  }

  /** The company token's state, read without calling GHL. */
  async status(): Promise<CompanyStatus> {
    const tokens = await this.tokens.status();
    return {
      companyId: this.companyId,
      key: this.key,
      baseUrl: this.#transport.config.baseUrl,
      hasTokens: tokens.hasTokens,
      refreshable: tokens.refreshable,
      tokenValid: tokens.accessTokenValid,
      refreshTokenRejected: tokens.refreshTokenRejected,
      expiresAt: tokens.expiresAt,
      expiresInMs: tokens.expiresInMs,
    };
  }

  #requireAppId(): string {
    if (!this.appId) throw new GHLConfigError(`The app id is unknown: pass appId (or clientId, whose part before the first "-" is the app id, or set ${ENV.clientId})`, { missing: [ENV.clientId] });
    return this.appId;
  }

  /** A Company grant goes under `company:<companyId>`; a Location grant (installed to one location) under that location. */
  async #saveExchangedTokens(tokens: TokenSet): Promise<string> {
    const isCompany = tokens.userType === 'Company' || tokens.locationId === undefined;
    const key = isCompany ? companyKey(tokens.companyId ?? this.companyId) : (tokens.locationId as string);
    await new TokenManager({ ...this.#managerConfig, key }).save(tokens);
    return key;
  }
}

/**
 * The store when none is given. Location tokens are kept next to the company's, so the store must
 * hold many keys: the durable default (`DurableEnvTokenStore`, its JSON file) with the company key
 * as the env seed's owner; a dotenv file holds one key only and is refused. For an env object that
 * is not `process.env` and names no file, memory (seeded with the env's company tokens).
 */
function companyDefaultStore(env: Record<string, string | undefined>, key: string, baseUrl: string): TokenStore {
  const named = readEnv(env, ENV.envFile) !== undefined || readEnv(env, ENV.tokenFile) !== undefined;
  if (env === process.env || named) {
    if (readEnv(env, ENV.envFile) !== undefined) {
      throw new GHLConfigError(
        `${ENV.envFile} holds one token set, and an agency keeps one per location: set ${ENV.tokenFile} (a JSON token file) or pass tokenStore (FileTokenStore, RedisTokenStore)`,
      );
    }
    return new DurableEnvTokenStore({ env, locationId: key, issuer: baseUrl });
  }
  const seed = tokensFromVars((name) => readEnv(env, name));
  return new MemoryTokenStore(seed ? { [key]: seed } : {});
}
