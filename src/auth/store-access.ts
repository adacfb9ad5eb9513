import { credentialFreeCopy, GHLTokenStoreError, type TokenStoreOperation } from '../errors.js';
import { describeError } from '../logger.js';
import type { TokenStore } from '../stores/token-store.js';
import { dropUndefined, tokenSetSchema, type TokenSet } from './token-set.js';

/**
 * The TokenManager's only way into a `TokenStore`, for one key. A store is the user's code (or a
 * database behind it): whatever it throws becomes a `GHLTokenStoreError` naming the store, the
 * operation and the key, with a credential-free copy of the original as `cause`; whatever it returns
 * is validated. Built-in stores already throw `GHLTokenStoreError`, which passes through.
 */
export class StoreAccess {
  private readonly store: TokenStore;
  private readonly key: string;
  /** Tokens that may appear in a store's error message (a store may print what it failed to write). */
  private readonly knownTokens: () => readonly string[];

  constructor(store: TokenStore, key: string, knownTokens: () => readonly string[]) {
    this.store = store;
    this.key = key;
    this.knownTokens = knownTokens;
  }

  async get(): Promise<TokenSet | null> {
    let raw: unknown;
    try {
      raw = await this.store.get(this.key);
    } catch (error) {
      throw this.failure('get', error);
    }
    if (raw === null || raw === undefined) return null;
    const parsed = tokenSetSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'root').join(', ');
      throw new GHLTokenStoreError(`The token store holds malformed tokens for "${this.key}" (${fields})`, { operation: 'get', key: this.key });
    }
    return dropUndefined({ ...parsed.data, expiresAt: parsed.data.expiresAt ?? undefined }) as TokenSet;
  }

  async set(tokens: TokenSet): Promise<void> {
    try {
      await this.store.set(this.key, tokens);
    } catch (error) {
      throw this.failure('set', error, [tokens.accessToken, tokens.refreshToken ?? '']);
    }
  }

  /**
   * `fn` inside the store's cross-process lock, when it has one. A failure of `fn` itself is passed
   * on untouched; a failure to take or release the lock becomes a `GHLTokenStoreError`.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.store.withLock) return fn();
    let failed: { error: unknown } | undefined;
    try {
      return await this.store.withLock(this.key, async () => {
        try {
          return await fn();
        } catch (error) {
          failed = { error };
          throw error;
        }
      });
    } catch (error) {
      if (failed) throw failed.error;
      throw this.failure('lock', error);
    }
  }

  private failure(operation: TokenStoreOperation, error: unknown, tokens: readonly string[] = []): GHLTokenStoreError {
    if (error instanceof GHLTokenStoreError) return error;
    const cause = credentialFreeCopy(error, 1, [...tokens, ...this.knownTokens()]);
    const storeName = this.store.constructor === Object ? 'the token store' : (this.store.constructor?.name ?? 'the token store');
    return new GHLTokenStoreError(`Token store failure: ${storeName}.${operation}("${this.key}") failed (${describeError(cause)})`, { operation, key: this.key, cause });
  }
}
