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
  /**
   * `false` when rotated tokens live only in this process's memory, so a restart goes back to a
   * spent refresh token (`invalid_grant`). The client then logs one warning at the first rotation,
   * naming the fix. Omit it (undefined) for stores that persist; may change over time (a store
   * whose durable location turned out not to be writable).
   */
  readonly durable?: boolean | undefined;
}
