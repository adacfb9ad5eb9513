// The parts GHLClient and GHLCompanyClient are both built from, resolved from their options and env.
import { OAuthClient, type OAuthConfig } from './auth/oauth.js';
import type { TokenManagerConfig } from './auth/token-manager-config.js';
import type { TokenSet } from './auth/token-set.js';
import { GHLConfigError } from './errors.js';
import type { Transport } from './http/transport.js';
import type { GHLLogger } from './logger.js';
import { DEFAULTS, ENV, readEnv, requireHttpUrl, requireInteger, type GHLClientOptions, type RefreshPolicy } from './options.js';
import { RateLimiters, type RateLimitOptions } from './rate-limit/limiter.js';
import { MemoryRateLimitBudget } from './rate-limit/memory-budget.js';
import { warnOnMemoryOnlyRotation } from './stores/memory-only-warning.js';
import type { TokenStore } from './stores/token-store.js';

/** The options both clients take. */
type SharedOptions = Omit<GHLClientOptions, 'locationId' | 'userType'>;
type Env = Record<string, string | undefined>;

/** The base URL as configured, not yet checked (the default store names its issuer by it). */
export function configuredBaseUrl(options: SharedOptions, env: Env): string {
  return options.baseUrl ?? readEnv(env, ENV.baseUrl) ?? DEFAULTS.baseUrl;
}

export function requireBaseUrl(options: SharedOptions, env: Env): string {
  return requireHttpUrl(configuredBaseUrl(options, env), 'baseUrl (GHL_BASE_URL)');
}

export function requireRefreshPolicy(options: SharedOptions): RefreshPolicy {
  const refreshPolicy = options.refreshPolicy ?? DEFAULTS.refreshPolicy;
  if (refreshPolicy !== 'expiring' && refreshPolicy !== 'always') {
    throw new GHLConfigError(`refreshPolicy must be 'expiring' or 'always' (got "${String(refreshPolicy)}")`);
  }
  return refreshPolicy;
}

export function createOAuthClient(
  transport: Transport,
  init: { options: SharedOptions; env: Env; clientId: string | undefined; userType: OAuthConfig['userType']; logger: GHLLogger; now: () => number },
): OAuthClient {
  const { options, env } = init;
  return new OAuthClient(transport, {
    clientId: init.clientId,
    clientSecret: options.clientSecret ?? readEnv(env, ENV.clientSecret),
    redirectUri: options.redirectUri ?? readEnv(env, ENV.redirectUri),
    userType: init.userType,
    authorizationBaseUrl: requireHttpUrl(options.authorizationBaseUrl ?? DEFAULTS.authorizationBaseUrl, 'authorizationBaseUrl'),
    authorizationPath: options.authorizationPath ?? DEFAULTS.authorizationPath,
    logger: init.logger,
    now: init.now,
  });
}

/** `null` when pacing is off (`rateLimit: false`). */
export function createRateLimiters(option: RateLimitOptions | false | undefined, logger: GHLLogger, now: () => number): RateLimiters | null {
  if (option === false) return null;
  return new RateLimiters({ budget: option?.budget ?? new MemoryRateLimitBudget(), window: option?.window, logger, now });
}

export function tokenManagerConfig(init: {
  options: SharedOptions;
  store: TokenStore;
  key: string;
  oauth: OAuthClient;
  policy: RefreshPolicy;
  apiVersion: string;
  logger: GHLLogger;
  now: () => number;
  missingUnlessStored: readonly string[] | undefined;
  mint?: (() => Promise<TokenSet>) | undefined;
}): TokenManagerConfig {
  const { options, logger } = init;
  return {
    store: init.store,
    key: init.key,
    oauth: init.oauth,
    policy: init.policy,
    skewMs: requireInteger(options.refreshSkewMs ?? DEFAULTS.refreshSkewMs, 'refreshSkewMs', 0),
    apiVersion: init.apiVersion,
    logger,
    now: init.now,
    onTokensRefreshed: warnOnMemoryOnlyRotation(init.store, logger, options.onTokensRefreshed),
    missingUnlessStored: init.missingUnlessStored ?? [],
    ...('mint' in init ? { mint: init.mint } : {}),
  };
}
