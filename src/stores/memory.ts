import { dropUndefined, type TokenSet } from '../auth/token-set.js';
import type { TokenStore } from './token-store.js';
import { describeObject, inspectCustom } from '../inspect.js';

/**
 * Tokens in this process's memory: for tests, scripts and single-process apps whose tokens are
 * saved elsewhere by `onTokensRefreshed`. A restart forgets rotated tokens.
 */
export class MemoryTokenStore implements TokenStore {
  // A private field (#): not an own enumerable property, so `{ ...store }` copies no tokens.
  readonly #tokens = new Map<string, TokenSet>();

  /** @param seed tokens per key, e.g. `{ [locationId]: { accessToken, refreshToken, expiresAt } }` */
  constructor(seed: Record<string, TokenSet> = {}) {
    for (const [key, tokens] of Object.entries(seed)) this.#tokens.set(key, { ...tokens });
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('MemoryTokenStore', { keys: this.#tokens.size });
  }

  toJSON(): Record<string, unknown> {
    return { keys: this.#tokens.size };
  }

  async get(key: string): Promise<TokenSet | null> {
    const tokens = this.#tokens.get(key);
    // A copy, so a caller mutating what it got cannot change what is stored.
    return tokens ? { ...tokens } : null;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    this.#tokens.set(key, dropUndefined({ ...tokens }));
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }
}
