// What a TokenManager is built from: one store key, its store, the OAuth app and the refresh settings.
import type { GHLLogger } from '../logger.js';
import type { RefreshPolicy } from '../options.js';
import type { TokenStore } from '../stores/token-store.js';
import type { OAuthClient } from './oauth.js';
import type { TokenSet } from './token-set.js';

export interface TokenManagerConfig {
  store: TokenStore;
  key: string;
  oauth: OAuthClient;
  policy: RefreshPolicy;
  skewMs: number;
  apiVersion: string;
  logger: GHLLogger;
  now: () => number;
  onTokensRefreshed: ((tokens: TokenSet, key: string) => void | Promise<void>) | undefined;
  /**
   * Settings `GHLClient.fromEnv()` found missing that stored tokens make unnecessary. When the store
   * holds none either, the error is a `GHLConfigError` naming them.
   */
  missingUnlessStored: readonly string[];
  /**
   * Where new tokens come from when this key has none, or none that can be refreshed: a location of
   * an agency install, minted from the company token (`POST /oauth/locationToken`, ghl-api.md §1.4).
   * Runs like a refresh: single-flight per key, inside the mutex and the store's lock, saved before
   * use. A minted set that carries a refresh token is refreshed with it; when GHL rejects that
   * refresh token, the key is minted again instead.
   */
  mint?: (() => Promise<TokenSet>) | undefined;
}
