import type { TokenSet } from '../auth/token-set.js';

/**
 * Where tokens live. Three methods are enough; `withLock` is what makes a store safe across
 * processes: the TokenManager runs "re-read, refresh, persist" inside it, so only one process in a
 * fleet ever spends a given refresh token (GHL refresh tokens are single-use, ghl-api.md §1.3).
 */
export interface TokenStore {
  get(key: string): Promise<TokenSet | null>;
  set(key: string, tokens: TokenSet): Promise<void>;
  delete?(key: string): Promise<void>;
  /** Cross-process mutual exclusion for `key`. Optional: without it, refresh is single-flight per process. */
  withLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}
